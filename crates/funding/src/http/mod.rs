//! HTTP surface of the funding service: one router per resource, thin handlers, OpenAPI.

mod donors;

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
    info(title = "Trellis funding service", description = "Donors, contributions, earmarks, the ledger and allocations."),
    tags((name = "donors", description = "Donor agencies, governments, foundations and member bodies"))
)]
struct ApiDoc;

/// The service's routes and their OpenAPI document.
pub fn router(state: AppState) -> (Router, utoipa::openapi::OpenApi) {
    OpenApiRouter::with_openapi(ApiDoc::openapi()).merge(donors::router()).with_state(state).split_for_parts()
}
