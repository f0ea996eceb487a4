//! HTTP surface of the assessments service: one router per resource, thin handlers, OpenAPI.

mod questionnaires;
mod requests;

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
    info(title = "Trellis assessments service", description = "ICT-support requests, the maturity questionnaire and recommendations."),
    tags(
        (name = "questionnaires", description = "The versioned ICT maturity questionnaire"),
        (name = "requests", description = "ICT-support requests from member bodies")
    )
)]
struct ApiDoc;

/// The service's routes and their OpenAPI document.
pub fn router(state: AppState) -> (Router, utoipa::openapi::OpenApi) {
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .merge(questionnaires::router())
        .merge(requests::router())
        .with_state(state)
        .split_for_parts()
}
