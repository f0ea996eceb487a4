//! Building the projects service: connect, migrate, seed the demo, route, bind.

use api_types::money::Money;
use clients::ServiceClient;
use platform::Backplane;
use platform::server::{Foundation, Server};
use platform::settings::{ServiceSettings, default_port};

use crate::domain::proposal::DEFAULT_TWO_APPROVERS_ABOVE;
use crate::http::{self, AppState};
use crate::migrations::Migrator;
use crate::ops::{self, upstream::Upstreams};

/// What the projects service needs beyond the shared settings.
#[derive(Debug, Clone)]
pub struct Options {
    /// Base URL of the membership service.
    pub membership_url: String,
    /// Base URL of the funding service.
    pub funding_url: String,
    /// Budgets above this (CHF) need two distinct staff approvals.
    pub two_approvers_above: Money,
}

impl Default for Options {
    fn default() -> Options {
        let local = |service| format!("http://127.0.0.1:{}", default_port(service));
        Options {
            membership_url: local("membership"),
            funding_url: local("funding"),
            two_approvers_above: DEFAULT_TWO_APPROVERS_ABOVE,
        }
    }
}

/// A bound projects service, ready to `run`. `backplane` is shared by the launcher; `None`
/// builds one from settings.
pub async fn build(settings: ServiceSettings, backplane: Option<Backplane>) -> anyhow::Result<Server> {
    build_with(settings, backplane, Options::default()).await
}

/// [`build`] with explicit [`Options`].
pub async fn build_with(
    settings: ServiceSettings,
    backplane: Option<Backplane>,
    options: Options,
) -> anyhow::Result<Server> {
    let foundation = Foundation::prepare::<Migrator>(crate::SERVICE, settings, backplane).await?;
    if foundation.settings.demo.seed {
        ops::seed_demo::seed_demo(&foundation.db).await?;
    }
    let upstreams = Upstreams {
        membership: ServiceClient::new(options.membership_url)?,
        funding: ServiceClient::new(options.funding_url)?,
    };
    let state = AppState { db: foundation.db.clone(), upstreams, two_approvers_above: options.two_approvers_above };
    let (api, openapi) = http::router(state);
    foundation.bind(api, openapi).await
}
