//! `/questionnaires`.

use api_types::ErrorBody;
use api_types::assessments::QuestionnaireResponse;
use axum::extract::State;
use platform::{ApiError, AppJson, Caller};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::AppState;
use crate::ops;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(current_questionnaire))
}

/// The questionnaire version new assessments use, with every section and question in English
/// and French.
#[utoipa::path(get, path = "/questionnaires/current", tag = "questionnaires", responses(
    (status = 200, body = QuestionnaireResponse), (status = 401, body = ErrorBody)))]
async fn current_questionnaire(
    State(state): State<AppState>,
    caller: Caller,
) -> Result<AppJson<QuestionnaireResponse>, ApiError> {
    Ok(AppJson(ops::current_questionnaire::current_questionnaire(&state.db, &caller).await?))
}
