//! Building the assessments service: connect, migrate, publish the questionnaire, seed the
//! demo, route, bind, and start the worker that delivers proposals to projects.

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
    let services = &foundation.settings.services;
    let links = Links {
        membership: clients::ServiceClient::new(services.membership.clone())?,
        projects: clients::ServiceClient::new(services.projects.clone())?,
        identity: foundation.identity.clone(),
    };
    let db = foundation.db.clone();
    let (api, openapi) = http::router(AppState { db: db.clone(), links: links.clone() });
    let server = foundation.bind(api, openapi).await?;
    // Delivers accepted packages to the projects service until it has them all.
    Ok(server.with_worker(move |shutdown| ops::deliver_proposals::run(db, links, shutdown)))
}
