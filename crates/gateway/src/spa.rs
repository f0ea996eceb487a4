//! Serving the single-page app: hashed assets cached for a year, every other path answered
//! with `index.html` (history-API routing happens in the browser), and security headers on
//! every response.

use std::path::Path;

use axum::Router;
use axum::http::{HeaderName, HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse};
use tower_http::services::{ServeDir, ServeFile};
use tower_http::set_header::SetResponseHeaderLayer;

/// Scripts and styles only from this origin (plus compiling the app's WebAssembly), no
/// framing, no plugins.
const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; \
    style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; \
    base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

/// The SPA as the gateway's fallback for every path no API route matched.
pub fn router(dir: &Path) -> Router {
    let index = dir.join("index.html");
    if !index.is_file() {
        tracing::warn!(dir = %dir.display(), "the web app is not built; run `cargo xtask web`");
        return Router::new().fallback(not_built);
    }
    let immutable = SetResponseHeaderLayer::overriding(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=31536000, immutable"),
    );
    let revalidate = SetResponseHeaderLayer::overriding(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    Router::new()
        .nest_service(
            "/assets",
            tower::ServiceBuilder::new().layer(immutable).service(ServeDir::new(dir.join("assets"))),
        )
        .fallback_service(
            tower::ServiceBuilder::new().layer(revalidate).service(ServeDir::new(dir).fallback(ServeFile::new(index))),
        )
}

async fn not_built() -> impl IntoResponse {
    (
        StatusCode::SERVICE_UNAVAILABLE,
        Html(
            "<!doctype html><title>Trellis</title><h1>The web app is not built</h1><p>Run <code>cargo xtask web</code> (or <code>cargo xtask run</code>, which builds it) and reload. The API is up at <a href=\"/api/docs\">/api/docs</a>.</p>",
        ),
    )
}

/// Security headers for every response of the gateway.
pub fn security_headers(router: Router) -> Router {
    let set = |name: HeaderName, value: &'static str| {
        SetResponseHeaderLayer::if_not_present(name, HeaderValue::from_static(value))
    };
    router
        .layer(set(header::CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY))
        .layer(set(header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .layer(set(header::X_FRAME_OPTIONS, "DENY"))
        .layer(set(header::REFERRER_POLICY, "same-origin"))
        // Browsers heed this only over HTTPS (RFC 6797), so it is harmless on plain-HTTP
        // development and keeps a TLS deployment on TLS.
        .layer(set(header::STRICT_TRANSPORT_SECURITY, "max-age=31536000"))
        .layer(set(HeaderName::from_static("permissions-policy"), "camera=(), microphone=(), geolocation=()"))
}
