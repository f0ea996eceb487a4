//! What the gateway composes from several services rather than forwarding to one: the KPI
//! dashboard (with the geographic equity measure), the public transparency portal and the
//! IATI 2.03 activity export.
//!
//! Every call to a service goes through the typed clients with a signed identity: the
//! caller's own for the dashboard, and for the public portal a dedicated read-only identity the
//! gateway makes itself (see [`public`]). Answers are cached on the backplane (Redis in
//! production) for a short, configurable time; a backplane that is down only costs the cache.
//!
//! | route | anonymous | member | donor | committee | staff | admin |
//! |---|---|---|---|---|---|---|
//! | `GET /api/dashboard` | 401 | 403 | 403 | ✓ | ✓ | ✓ |
//! | `GET /api/public/summary`, `GET /api/public/projects` | ✓ | ✓ | ✓ | ✓ | ✓ | ✓ |
//! | `GET /api/projects/iati.xml` | ✓ | ✓ | ✓ | ✓ | ✓ | ✓ |
//!
//! The three open routes show published projects only (approved or later) and no personal
//! data, and are rate limited per client address (429 `rate_limited` with `Retry-After`).
//! Settings (`gateway.compose.*`, env `GATEWAY__COMPOSE__…`): `kpi_timeout_ms` (3000),
//! `dashboard_cache_secs` (30), `public_cache_secs` (60), `public_rate_limit` (120) per
//! `public_rate_window_secs` (60). No events are published or consumed here.

pub mod dashboard;
pub mod equity;
pub mod iati;
pub mod public;

use std::future::Future;
use std::time::Duration;

use clients::{ClientError, ClientResult, ServiceClient};
use serde::{Deserialize, Serialize};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::state::GatewayState;

/// Settings of the composed endpoints (`gateway.compose.*`).
#[derive(Debug, Clone, Deserialize)]
pub struct ComposeSettings {
    /// Longest wait for one service's KPIs before the dashboard goes on without them.
    pub kpi_timeout_ms: u64,
    /// How long a complete dashboard is reused (per role).
    pub dashboard_cache_secs: u64,
    /// How long the public summary and project list are reused.
    pub public_cache_secs: u64,
    /// Public requests allowed per client address in each window; then 429 + `Retry-After`.
    pub public_rate_limit: u64,
    pub public_rate_window_secs: u64,
}

/// Adds the defaults of [`ComposeSettings`].
pub fn defaults(
    builder: config::builder::ConfigBuilder<config::builder::DefaultState>,
) -> Result<config::builder::ConfigBuilder<config::builder::DefaultState>, config::ConfigError> {
    builder
        .set_default("gateway.compose.kpi_timeout_ms", 3000_i64)?
        .set_default("gateway.compose.dashboard_cache_secs", 30_i64)?
        .set_default("gateway.compose.public_cache_secs", 60_i64)?
        .set_default("gateway.compose.public_rate_limit", 120_i64)?
        .set_default("gateway.compose.public_rate_window_secs", 60_i64)
}

/// The composed routes, mounted before the generic `/api/<service>/…` proxy.
pub fn router() -> OpenApiRouter<GatewayState> {
    OpenApiRouter::new()
        .routes(routes!(dashboard::dashboard))
        .routes(routes!(public::summary))
        .routes(routes!(public::projects))
        .routes(routes!(iati::iati_xml))
}

/// A service the composed answer had to do without, and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct MissingPart {
    pub service: String,
    /// `unavailable` (not reachable), `timeout`, `refused` (it answered with an error) or
    /// `invalid_answer`.
    pub reason: String,
    pub message: String,
}

/// A client of `service` (as configured) sharing the gateway's connection pool.
fn client(state: &GatewayState, service: &'static str) -> Result<ServiceClient, MissingPart> {
    state.settings.services.get(service).map(|base| ServiceClient::with_http(base, state.http.clone())).ok_or_else(
        || MissingPart {
            service: service.to_owned(),
            reason: "unavailable".to_owned(),
            message: format!("no address is configured for the {service} service"),
        },
    )
}

/// Runs one call to `service` within `timeout`, turning every failure into a [`MissingPart`].
async fn bounded<T>(
    service: &'static str,
    timeout: Duration,
    call: impl Future<Output = ClientResult<T>>,
) -> Result<T, MissingPart> {
    let missing = |reason: &str, message: String| {
        tracing::warn!(service, reason, %message, "composed answer goes on without a service");
        MissingPart { service: service.to_owned(), reason: reason.to_owned(), message }
    };
    match tokio::time::timeout(timeout, call).await {
        Ok(Ok(value)) => Ok(value),
        Err(_) => {
            Err(missing("timeout", format!("the {service} service did not answer within {} ms", timeout.as_millis())))
        }
        Ok(Err(ClientError::Unavailable(e))) => {
            Err(missing("unavailable", format!("the {service} service is not reachable: {e}")))
        }
        Ok(Err(ClientError::Api { status, body })) => {
            Err(missing("refused", format!("the {service} service answered {status}: {}", body.message)))
        }
        Ok(Err(ClientError::Protocol(m))) => Err(missing("invalid_answer", m)),
    }
}

/// A cached answer, if the backplane has one (a backplane error is only a cache miss).
async fn cache_get(state: &GatewayState, key: &str) -> Option<String> {
    match state.backplane.cache_get(key).await {
        Ok(hit) => hit,
        Err(e) => {
            tracing::warn!(key, error = %e, "cache unavailable; composing afresh");
            None
        }
    }
}

async fn cache_set(state: &GatewayState, key: &str, value: &str, ttl_secs: u64) {
    if ttl_secs == 0 {
        return;
    }
    if let Err(e) = state.backplane.cache_set(key, value, Duration::from_secs(ttl_secs)).await {
        tracing::warn!(key, error = %e, "could not cache a composed answer");
    }
}

/// A JSON body already serialised (as cached).
fn json_response(body: String) -> axum::response::Response {
    use axum::response::IntoResponse;
    ([(axum::http::header::CONTENT_TYPE, "application/json")], body).into_response()
}
