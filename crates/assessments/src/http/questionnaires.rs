//! `/questionnaires`.

use api_types::ErrorBody;
use api_types::assessments::{QuestionnaireDefinition, QuestionnaireResponse};
use axum::extract::State;
use axum::http::StatusCode;
use platform::{ApiError, AppJson, AppPath, Caller};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::AppState;
use crate::ops;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(current_questionnaire)).routes(routes!(publish)).routes(routes!(version))
}

/// The questionnaire version new assessments use (the latest), with every section, question,
/// help text and recommendation rule in English and French. Any signed-in account.
#[utoipa::path(get, path = "/questionnaires/current", tag = "questionnaires", responses(
    (status = 200, body = QuestionnaireResponse), (status = 401, body = ErrorBody)))]
async fn current_questionnaire(
    State(state): State<AppState>,
    caller: Caller,
) -> Result<AppJson<QuestionnaireResponse>, ApiError> {
    Ok(AppJson(ops::questionnaires::current(&state.db, &caller).await?))
}

/// One published version (an older assessment's). Any signed-in account.
#[utoipa::path(get, path = "/questionnaires/{version}", tag = "questionnaires", params(("version" = i32, Path)),
    responses((status = 200, body = QuestionnaireResponse), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn version(
    State(state): State<AppState>,
    caller: Caller,
    AppPath(version): AppPath<i32>,
) -> Result<AppJson<QuestionnaireResponse>, ApiError> {
    Ok(AppJson(ops::questionnaires::version(&state.db, &caller, version).await?))
}

/// Staff (or an admin) publish a new version as data; its number must be above every published
/// one (409 `version_not_newer`). 422 names every problem of the definition.
#[utoipa::path(post, path = "/questionnaires", tag = "questionnaires", request_body = QuestionnaireDefinition, responses(
    (status = 201, body = QuestionnaireResponse), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
    (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn publish(
    State(state): State<AppState>,
    caller: Caller,
    AppJson(input): AppJson<QuestionnaireDefinition>,
) -> Result<(StatusCode, AppJson<QuestionnaireResponse>), ApiError> {
    let published = ops::publish_questionnaire::publish(&state.db, &caller, input).await?;
    Ok((StatusCode::CREATED, AppJson(published)))
}
