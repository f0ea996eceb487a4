//! `/projects/{id}/indicators`, actuals and `/projects/{id}/evaluation`.

use api_types::ErrorBody;
use api_types::projects::{
    ActualResponse, CreateActual, CreateEvaluation, CreateIndicator, DecideActual, EvaluationResponse,
    IndicatorResponse,
};
use axum::extract::State;
use axum::http::StatusCode;
use platform::{AppJson, AppPath, Caller};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use super::AppState;
use crate::error::Result;
use crate::ops;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_indicators, add_indicator))
        .routes(routes!(report_actual))
        .routes(routes!(decide_actual))
        .routes(routes!(get_evaluation, evaluate))
}

/// The project's indicators with every actual, the current value and whether the target is met.
#[utoipa::path(get, path = "/projects/{id}/indicators", tag = "results", params(("id" = Uuid, Path)), responses(
    (status = 200, body = Vec<IndicatorResponse>), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn list_indicators(
    State(state): State<AppState>,
    caller: Caller,
    AppPath(id): AppPath<Uuid>,
) -> Result<AppJson<Vec<IndicatorResponse>>> {
    Ok(AppJson(ops::results::indicators(&state.db, &caller, id).await?))
}

/// Staff or the proposing member define an indicator, once the project is approved and until
/// delivery ends (409 `wrong_status` otherwise).
#[utoipa::path(post, path = "/projects/{id}/indicators", tag = "results", params(("id" = Uuid, Path)),
    request_body = CreateIndicator, responses(
    (status = 201, body = IndicatorResponse), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
    (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn add_indicator(
    State(state): State<AppState>,
    caller: Caller,
    AppPath(id): AppPath<Uuid>,
    AppJson(input): AppJson<CreateIndicator>,
) -> Result<(StatusCode, AppJson<IndicatorResponse>)> {
    Ok((StatusCode::CREATED, AppJson(ops::results::add_indicator(&state.db, &caller, id, input).await?)))
}

/// The proposing member reports an indicator's value at the end of a period, while the project
/// is in progress or completed; one value per period (409 `actual_exists`).
#[utoipa::path(post, path = "/projects/{id}/indicators/{indicator_id}/actuals", tag = "results",
    params(("id" = Uuid, Path), ("indicator_id" = Uuid, Path)), request_body = CreateActual, responses(
    (status = 201, body = ActualResponse), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
    (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn report_actual(
    State(state): State<AppState>,
    caller: Caller,
    AppPath((id, indicator_id)): AppPath<(Uuid, Uuid)>,
    AppJson(input): AppJson<CreateActual>,
) -> Result<(StatusCode, AppJson<ActualResponse>)> {
    let actual = ops::results::report_actual(&state.db, &caller, id, indicator_id, input).await?;
    Ok((StatusCode::CREATED, AppJson(actual)))
}

/// Staff approve or reject (with a reason) a reported actual; once only (409 `actual_decided`).
#[utoipa::path(post, path = "/projects/{id}/actuals/{actual_id}/decision", tag = "results",
    params(("id" = Uuid, Path), ("actual_id" = Uuid, Path)), request_body = DecideActual, responses(
    (status = 200, body = ActualResponse), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
    (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn decide_actual(
    State(state): State<AppState>,
    caller: Caller,
    AppPath((id, actual_id)): AppPath<(Uuid, Uuid)>,
    AppJson(input): AppJson<DecideActual>,
) -> Result<AppJson<ActualResponse>> {
    Ok(AppJson(ops::results::decide_actual(&state.db, &caller, id, actual_id, input).await?))
}

/// The evaluation of a project the caller may see (404 before there is one).
#[utoipa::path(get, path = "/projects/{id}/evaluation", tag = "results", params(("id" = Uuid, Path)), responses(
    (status = 200, body = EvaluationResponse), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn get_evaluation(
    State(state): State<AppState>,
    caller: Caller,
    AppPath(id): AppPath<Uuid>,
) -> Result<AppJson<EvaluationResponse>> {
    Ok(AppJson(ops::results::evaluation(&state.db, &caller, id).await?))
}

/// Staff evaluate a completed project (rating 1–5 and a narrative), which moves it to
/// `evaluated`; any other status is 409 `illegal_transition`.
#[utoipa::path(post, path = "/projects/{id}/evaluation", tag = "results", params(("id" = Uuid, Path)),
    request_body = CreateEvaluation, responses(
    (status = 201, body = EvaluationResponse), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
    (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn evaluate(
    State(state): State<AppState>,
    caller: Caller,
    AppPath(id): AppPath<Uuid>,
    AppJson(input): AppJson<CreateEvaluation>,
) -> Result<(StatusCode, AppJson<EvaluationResponse>)> {
    Ok((StatusCode::CREATED, AppJson(ops::results::evaluate(&state.db, &caller, id, input).await?)))
}
