//! Building the assessments service: connect, migrate, publish the questionnaire, seed the
//! demo, route, bind.

use platform::Backplane;
use platform::server::{Foundation, Server};
use platform::settings::ServiceSettings;

use crate::http::{self, AppState};
use crate::migrations::Migrator;
use crate::ops::{self, links::Links};

/// A bound assessments service, ready to `run`. `backplane` is shared by the launcher; `None`
/// builds one from settings.
pub async fn build(settings: ServiceSettings, backplane: Option<Backplane>) -> anyhow::Result<Server> {
    let foundation = Foundation::prepare::<Migrator>(crate::SERVICE, settings, backplane).await?;
    ops::publish_questionnaire::publish_builtin(&foundation.db).await?;
    if foundation.settings.demo.seed {
        ops::seed_demo::seed_demo(&foundation.db).await?;
    }
    let service = |name: &str| format!("http://127.0.0.1:{}", platform::settings::default_port(name));
    let links = Links {
        membership: clients::ServiceClient::new(service("membership"))?,
        projects: clients::ServiceClient::new(service("projects"))?,
        identity: foundation.identity.clone(),
    };
    let (api, openapi) = http::router(AppState { db: foundation.db.clone(), links });
    foundation.bind(api, openapi).await
}
