//! HTTP surface of the projects service: one router per resource, thin handlers, OpenAPI.

mod projects;

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
    info(title = "Trellis projects service", description = "Proposals, review, approvals and results."),
    tags((name = "projects", description = "Proposals and projects"))
)]
struct ApiDoc;

/// The service's routes and their OpenAPI document.
pub fn router(state: AppState) -> (Router, utoipa::openapi::OpenApi) {
    OpenApiRouter::with_openapi(ApiDoc::openapi()).merge(projects::router()).with_state(state).split_for_parts()
}
