//! Forwarding `/api/<service>/<path>` to the service at `<path>`, with the caller's identity
//! signed into `x-trellis-identity`.
//!
//! The browser's cookies never reach a service, and a caller-supplied identity header is
//! replaced, never passed on. A service that is stopped or does not answer in time gives a
//! 503 JSON error within the connect timeout (1 s by default), never a hang.

use std::time::Duration;

use axum::body::Body;
use axum::extract::{Path, Request, State};
use axum::http::{HeaderMap, HeaderName, header};
use axum::response::{IntoResponse, Response};
use platform::ApiError;
use platform::identity::IDENTITY_HEADER;
use platform::telemetry::REQUEST_ID_HEADER;

use crate::auth::CurrentSession;
use crate::error::GatewayResult;
use crate::state::GatewayState;

/// Request headers a service may need; everything else (cookies above all) stays here.
const FORWARDED_REQUEST_HEADERS: [HeaderName; 5] = [
    header::CONTENT_TYPE,
    header::ACCEPT,
    header::ACCEPT_LANGUAGE,
    header::IF_NONE_MATCH,
    HeaderName::from_static("idempotency-key"),
];

/// Response headers passed back to the browser.
const FORWARDED_RESPONSE_HEADERS: [HeaderName; 7] = [
    header::CONTENT_TYPE,
    header::CONTENT_DISPOSITION,
    header::CACHE_CONTROL,
    header::ETAG,
    header::LOCATION,
    header::RETRY_AFTER,
    HeaderName::from_static("idempotent-replayed"),
];

/// Largest body forwarded to a service.
const BODY_LIMIT: usize = platform::server::BODY_LIMIT;

pub async fn forward(
    State(state): State<GatewayState>,
    Path((service, rest)): Path<(String, String)>,
    current: CurrentSession,
    request: Request,
) -> GatewayResult<Response> {
    let Some(base) = state.settings.services.get(&service) else {
        return Err(ApiError::NotFound { message: format!("no such endpoint: /api/{service}/{rest}") }.into());
    };
    let (parts, body) = request.into_parts();
    if let Some((_, session)) = &current.0 {
        session.check_csrf(&parts.method, &parts.headers)?;
    }
    let identity = state.identity.sign(&current.caller())?;
    let body = axum::body::to_bytes(body, BODY_LIMIT).await.map_err(|_| ApiError::PayloadTooLarge {
        message: format!("The request body is larger than {} MiB.", BODY_LIMIT >> 20),
    })?;
    let query = parts.uri.query().map(|q| format!("?{q}")).unwrap_or_default();
    let url = format!("{base}/{rest}{query}");

    let mut upstream = state
        .http
        .request(parts.method.clone(), &url)
        .timeout(Duration::from_secs(state.settings.upstream.timeout_secs))
        .header(IDENTITY_HEADER, identity)
        .body(body);
    for name in FORWARDED_REQUEST_HEADERS.iter().chain([&HeaderName::from_static(REQUEST_ID_HEADER)]) {
        for value in parts.headers.get_all(name) {
            upstream = upstream.header(name, value);
        }
    }
    let response = upstream.send().await.map_err(|e| unavailable(&service, &e))?;
    Ok(relay(response))
}

fn unavailable(service: &str, err: &reqwest::Error) -> ApiError {
    let why = if err.is_timeout() { "did not answer in time" } else { "is not reachable" };
    tracing::warn!(service, error = %err, "upstream {why}");
    ApiError::Unavailable {
        service: service.to_owned(),
        message: format!("the {service} service {why}; try again shortly"),
    }
}

/// The service's answer as the gateway's, body streamed through.
fn relay(response: reqwest::Response) -> Response {
    let status = response.status();
    let mut headers = HeaderMap::new();
    for name in &FORWARDED_RESPONSE_HEADERS {
        if let Some(value) = response.headers().get(name) {
            headers.insert(name.clone(), value.clone());
        }
    }
    let mut out = Body::from_stream(response.bytes_stream()).into_response();
    *out.status_mut() = status;
    out.headers_mut().extend(headers);
    out
}

/// `/api/<service>` without a path.
pub async fn service_root(Path(service): Path<String>) -> ApiError {
    ApiError::NotFound { message: format!("no such endpoint: /api/{service}") }
}
