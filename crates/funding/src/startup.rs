//! Building the funding service: connect, migrate, seed the demo, route, bind.

use platform::Backplane;
use platform::server::{Foundation, Server};
use platform::settings::ServiceSettings;

use crate::http::{self, AppState};
use crate::migrations::Migrator;
use crate::ops;
use crate::ops::upstream::Upstreams;

/// A bound funding service, ready to `run`. `backplane` is shared by the launcher; `None`
/// builds one from settings.
pub async fn build(settings: ServiceSettings, backplane: Option<Backplane>) -> anyhow::Result<Server> {
    // Until settings name the other services, they are where the launcher puts them.
    let url = |service: &str| format!("http://127.0.0.1:{}", platform::settings::default_port(service));
    let upstreams = Upstreams::new(&url("projects"), &url("membership"))?;
    build_with(settings, backplane, upstreams).await
}

/// [`build`] with explicit addresses of the projects and membership services (tests).
pub async fn build_with(
    settings: ServiceSettings,
    backplane: Option<Backplane>,
    upstreams: Upstreams,
) -> anyhow::Result<Server> {
    let foundation = Foundation::prepare::<Migrator>(crate::SERVICE, settings, backplane).await?;
    if foundation.settings.demo.seed {
        ops::seed_demo::seed_demo(&foundation.db).await?;
    }
    let (api, openapi) = http::router(AppState { db: foundation.db.clone(), upstreams });
    foundation.bind(api, openapi).await
}
