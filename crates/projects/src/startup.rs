//! Building the projects service: connect, migrate, seed the demo, route, bind, and consume
//! the funding service's `allocation.committed` events beside the HTTP server.

use api_types::events::ALLOCATION_COMMITTED;
use api_types::money::Money;
use clients::ServiceClient;
use platform::Backplane;
use platform::consumer::Consumer;
use platform::server::{Foundation, Server};
use platform::settings::ServiceSettings;

use crate::domain::proposal::DEFAULT_TWO_APPROVERS_ABOVE;
use crate::http::{self, AppState};
use crate::migrations::Migrator;
use crate::ops::{self, funding_position::AllocationHandler, upstream::Upstreams};

/// The consumer group that keeps projects' funding status.
pub const FUNDING_STATUS_GROUP: &str = "projects.funding-status";

/// What the projects service needs beyond the shared settings.
#[derive(Debug, Clone)]
pub struct Options {
    /// Budgets above this (CHF) need two distinct staff approvals.
    pub two_approvers_above: Money,
}

impl Default for Options {
    fn default() -> Options {
        Options { two_approvers_above: DEFAULT_TWO_APPROVERS_ABOVE }
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
    let services = &foundation.settings.services;
    let upstreams = Upstreams {
        membership: ServiceClient::new(services.membership.clone())?,
        funding: ServiceClient::new(services.funding.clone())?,
    };
    let state = AppState { db: foundation.db.clone(), upstreams, two_approvers_above: options.two_approvers_above };
    let consumer = Consumer::new(
        foundation.db.clone(),
        foundation.backplane.clone(),
        FUNDING_STATUS_GROUP,
        &[ALLOCATION_COMMITTED],
        AllocationHandler,
    );
    let (api, openapi) = http::router(state);
    Ok(foundation.bind(api, openapi).await?.with_worker(move |shutdown| consumer.run(shutdown)))
}
