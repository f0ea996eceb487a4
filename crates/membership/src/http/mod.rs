//! HTTP surface of the membership service: one router per resource, thin handlers, OpenAPI.

mod countries;
mod members;
mod regions;

use axum::Router;
use sea_orm::DatabaseConnection;
use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;

#[derive(Clone, Debug)]
pub struct AppState {
    pub db: DatabaseConnection,
}

#[derive(OpenApi)]
#[openapi(
    info(title = "Trellis membership service", description = "Member bodies, countries and liaison regions."),
    tags(
        (name = "reference", description = "Countries and liaison regions (public)"),
        (name = "members", description = "National standards bodies")
    )
)]
struct ApiDoc;

/// The service's routes and their OpenAPI document.
pub fn router(state: AppState) -> (Router, utoipa::openapi::OpenApi) {
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .merge(countries::router())
        .merge(regions::router())
        .merge(members::router())
        .with_state(state)
        .split_for_parts()
}
