//! HTTP surface of the assessments service: one router per resource, thin handlers, OpenAPI.

mod assessments;
mod kpis;
mod packages;
mod questionnaires;
mod requests;

use axum::Router;
use sea_orm::DatabaseConnection;
use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;

use crate::ops::links::Links;

#[derive(Clone, Debug)]
pub struct AppState {
    pub db: DatabaseConnection,
    pub links: Links,
}

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Trellis assessments service",
        description = "ICT-support requests, the versioned maturity questionnaire, answers, scores, \
                       recommendations, the accepted package that becomes a project proposal, maturity \
                       history and KPIs.\n\n\
                       Error codes beyond the shared ones (409): `illegal_transition`, `assessment_submitted`, \
                       `not_scored`, `package_accepted`, `request_closed`, `empty_package`, `version_not_newer`."
    ),
    tags(
        (name = "questionnaires", description = "The versioned ICT maturity questionnaire"),
        (name = "requests", description = "ICT-support requests from member bodies"),
        (name = "assessments", description = "Answers, submission and scores"),
        (name = "packages", description = "Recommendations and the accepted package"),
        (name = "kpis", description = "Assessment KPIs and maturity history")
    )
)]
struct ApiDoc;

/// The service's routes and their OpenAPI document.
pub fn router(state: AppState) -> (Router, utoipa::openapi::OpenApi) {
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .merge(questionnaires::router())
        .merge(requests::router())
        .merge(assessments::router())
        .merge(packages::router())
        .merge(kpis::router())
        .with_state(state)
        .split_for_parts()
}
