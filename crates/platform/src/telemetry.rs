//! Logging with `tracing`: one span per request carrying the request id, which the gateway
//! assigns (or accepts from the client) and every internal hop forwards in `x-request-id`.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{HeaderName, Request};
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::trace::{DefaultOnResponse, TraceLayer};
use tracing::Level;
use tracing_subscriber::EnvFilter;

use crate::settings::LogSettings;

pub const REQUEST_ID_HEADER: &str = "x-request-id";

/// Installs the global subscriber. Later calls (a second service in the same process, a test)
/// keep the first one.
pub fn init(settings: &LogSettings) {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new(&settings.filter));
    let builder = tracing_subscriber::fmt().with_env_filter(filter).with_target(false);
    let _already_set = if settings.json { builder.json().try_init() } else { builder.try_init() };
}

/// The request id of the current request, to forward on calls to other services.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestId(pub String);

impl<S: Send + Sync> FromRequestParts<S> for RequestId {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        let id = parts.headers.get(REQUEST_ID_HEADER).and_then(|v| v.to_str().ok()).unwrap_or_default();
        Ok(RequestId(id.to_owned()))
    }
}

/// Adds request ids, a span per request and response logging to `router`. Outermost first:
/// the id is set before the span opens, so the span records it.
pub fn layer(router: axum::Router, service: &'static str) -> axum::Router {
    let header = HeaderName::from_static(REQUEST_ID_HEADER);
    router
        .layer(PropagateRequestIdLayer::new(header.clone()))
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(move |req: &Request<_>| {
                    let id = req.headers().get(REQUEST_ID_HEADER).and_then(|v| v.to_str().ok()).unwrap_or("-");
                    tracing::info_span!("request", service, method = %req.method(), path = %req.uri().path(), request_id = %id)
                })
                .on_response(DefaultOnResponse::new().level(Level::INFO)),
        )
        .layer(SetRequestIdLayer::new(header, MakeRequestUuid))
}
