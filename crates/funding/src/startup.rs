//! Building the funding service: connect, migrate, seed the demo, route, bind.

use platform::Backplane;
use platform::server::{Foundation, Server};
use platform::settings::ServiceSettings;

use crate::http::{self, AppState};
use crate::migrations::Migrator;
use crate::ops;
use crate::ops::upstream::Upstreams;

/// A bound funding service, ready to `run`. `backplane` is shared by the launcher; `None`
/// builds one from settings. The projects and membership services are where
/// `settings.services` says.
pub async fn build(settings: ServiceSettings, backplane: Option<Backplane>) -> anyhow::Result<Server> {
    let upstreams = Upstreams::new(&settings.services.projects, &settings.services.membership)?;
    let foundation = Foundation::prepare::<Migrator>(crate::SERVICE, settings, backplane).await?;
    if foundation.settings.demo.seed {
        ops::seed_demo::seed_demo(&foundation.db).await?;
    }
    let (api, openapi) = http::router(AppState { db: foundation.db.clone(), upstreams });
    foundation.bind(api, openapi).await
}
