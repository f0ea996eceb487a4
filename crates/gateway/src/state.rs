//! What every gateway handler shares.

use std::sync::Arc;

use platform::Backplane;
use platform::identity::IdentityKeys;
use sea_orm::DatabaseConnection;

use crate::forwarded::TrustedProxies;
use crate::settings::GatewaySettings;
use crate::system::OpenApiCache;

#[derive(Clone, Debug)]
pub struct GatewayState {
    pub db: DatabaseConnection,
    pub backplane: Backplane,
    pub identity: IdentityKeys,
    pub settings: Arc<GatewaySettings>,
    /// One connection pool for every hop to the services.
    pub http: reqwest::Client,
    pub openapi: OpenApiCache,
    pub trusted_proxies: TrustedProxies,
}
