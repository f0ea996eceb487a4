//! `/requests/{id}/assessment` and `/requests/{id}/score`: answers, submission, score.

use api_types::ErrorBody;
use api_types::assessments::{AssessmentResponse, SaveSection, ScoreResponse};
use axum::extract::State;
use platform::{ApiError, AppJson, AppPath, Caller};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use super::AppState;
use crate::ops;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(get_assessment))
        .routes(routes!(save_section))
        .routes(routes!(submit))
        .routes(routes!(get_score))
}

/// The answers so far, on the questionnaire version the assessment started on, and each
/// section's missing required questions. 404 before the first answers are saved.
#[utoipa::path(get, path = "/requests/{id}/assessment", tag = "assessments", params(("id" = Uuid, Path)), responses(
    (status = 200, body = AssessmentResponse), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
    (status = 404, body = ErrorBody)))]
async fn get_assessment(
    State(state): State<AppState>,
    caller: Caller,
    AppPath(id): AppPath<Uuid>,
) -> Result<AppJson<AssessmentResponse>, ApiError> {
    Ok(AppJson(ops::assessment::get_assessment(&state.db, &caller, id).await?))
}

/// The member (or the assigned assessor) saves one section's answers, replacing that section's
/// earlier ones; the first save starts the assessment on the current questionnaire version and
/// moves the request to `assessing`. 422 names each answer that does not fit its question.
#[utoipa::path(put, path = "/requests/{id}/assessment/sections/{section}", tag = "assessments",
    params(("id" = Uuid, Path), ("section" = String, Path)), request_body = SaveSection, responses(
    (status = 200, body = AssessmentResponse), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
    (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn save_section(
    State(state): State<AppState>,
    caller: Caller,
    AppPath((id, section)): AppPath<(Uuid, String)>,
    AppJson(input): AppJson<SaveSection>,
) -> Result<AppJson<AssessmentResponse>, ApiError> {
    Ok(AppJson(ops::save_section::save_section(&state.db, &caller, id, &section, input).await?))
}

/// Submits the assessment: 422 naming every required question still unanswered; otherwise it
/// is scored, the recommendations are derived and the request becomes `scored`. Emits
/// `assessments.assessment_scored`.
#[utoipa::path(post, path = "/requests/{id}/assessment/submit", tag = "assessments", params(("id" = Uuid, Path)),
    responses(
    (status = 200, body = ScoreResponse), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
    (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn submit(
    State(state): State<AppState>,
    caller: Caller,
    AppPath(id): AppPath<Uuid>,
) -> Result<AppJson<ScoreResponse>, ApiError> {
    Ok(AppJson(ops::submit::submit(&state.db, &caller, id).await?))
}

/// The maturity level per section and overall, with the answers that pulled each section
/// down. 409 `not_scored` before submission.
#[utoipa::path(get, path = "/requests/{id}/score", tag = "assessments", params(("id" = Uuid, Path)), responses(
    (status = 200, body = ScoreResponse), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
    (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
async fn get_score(
    State(state): State<AppState>,
    caller: Caller,
    AppPath(id): AppPath<Uuid>,
) -> Result<AppJson<ScoreResponse>, ApiError> {
    Ok(AppJson(ops::score::get_score(&state.db, &caller, id).await?))
}
