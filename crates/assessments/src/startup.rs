//! Building the assessments service: connect, migrate, publish the questionnaire, route, bind.

use platform::Backplane;
use platform::server::{Foundation, Server};
use platform::settings::ServiceSettings;

use crate::http::{self, AppState};
use crate::migrations::Migrator;
use crate::ops;

/// A bound assessments service, ready to `run`. `backplane` is shared by the launcher; `None`
/// builds one from settings.
pub async fn build(settings: ServiceSettings, backplane: Option<Backplane>) -> anyhow::Result<Server> {
    let foundation = Foundation::prepare::<Migrator>(crate::SERVICE, settings, backplane).await?;
    ops::publish_questionnaire::publish_builtin(&foundation.db).await?;
    let (api, openapi) = http::router(AppState { db: foundation.db.clone() });
    foundation.bind(api, openapi).await
}
