//! `/requests/{id}/recommendations`, `/requests/{id}/accept` and `/requests/{id}/proposal`.

use api_types::ErrorBody;
use api_types::assessments::{
    AcceptPackage, CreateRecommendation, ProposalResponse, RecommendationResponse, UpdateRecommendation,
};
use axum::extract::State;
use axum::http::StatusCode;
use platform::{ApiError, AppJson, AppPath, Caller};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use super::AppState;
use crate::ops;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_recommendations, add_recommendation))
        .routes(routes!(update_recommendation, remove_recommendation))
        .routes(routes!(accept))
        .routes(routes!(get_proposal))
}

/// The recommended package, in order: from the questionnaire's rules, then staff's edits and
/// additions. 409 `not_scored` before submission.
#[utoipa::path(get, path = "/requests/{id}/recommendations", tag = "packages", params(("id" = Uuid, Path)), responses(
    (status = 200, body = Vec<RecommendationResponse>), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
    (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
async fn list_recommendations(
    State(state): State<AppState>,
    caller: Caller,
    AppPath(id): AppPath<Uuid>,
) -> Result<AppJson<Vec<RecommendationResponse>>, ApiError> {
    Ok(AppJson(ops::recommendations::list(&state.db, &caller, id).await?))
}

/// Staff add a recommendation (cost in CHF) before accepting; 409 `package_accepted` after.
#[utoipa::path(post, path = "/requests/{id}/recommendations", tag = "packages", params(("id" = Uuid, Path)),
    request_body = CreateRecommendation, responses(
    (status = 201, body = RecommendationResponse), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
    (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn add_recommendation(
    State(state): State<AppState>,
    caller: Caller,
    AppPath(id): AppPath<Uuid>,
    AppJson(input): AppJson<CreateRecommendation>,
) -> Result<(StatusCode, AppJson<RecommendationResponse>), ApiError> {
    Ok((StatusCode::CREATED, AppJson(ops::recommendations::add(&state.db, &caller, id, input).await?)))
}

/// Staff edit a recommendation; absent fields stay.
#[utoipa::path(patch, path = "/requests/{id}/recommendations/{rec_id}", tag = "packages",
    params(("id" = Uuid, Path), ("rec_id" = Uuid, Path)), request_body = UpdateRecommendation, responses(
    (status = 200, body = RecommendationResponse), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
    (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn update_recommendation(
    State(state): State<AppState>,
    caller: Caller,
    AppPath((id, rec_id)): AppPath<(Uuid, Uuid)>,
    AppJson(input): AppJson<UpdateRecommendation>,
) -> Result<AppJson<RecommendationResponse>, ApiError> {
    Ok(AppJson(ops::recommendations::update(&state.db, &caller, id, rec_id, input).await?))
}

/// Staff remove a recommendation from the package.
#[utoipa::path(delete, path = "/requests/{id}/recommendations/{rec_id}", tag = "packages",
    params(("id" = Uuid, Path), ("rec_id" = Uuid, Path)), responses(
    (status = 204), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
    (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
async fn remove_recommendation(
    State(state): State<AppState>,
    caller: Caller,
    AppPath((id, rec_id)): AppPath<(Uuid, Uuid)>,
) -> Result<StatusCode, ApiError> {
    ops::recommendations::remove(&state.db, &caller, id, rec_id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Staff accept the package: the request becomes `accepted` and an ICT-support project
/// proposal (the member as proposer and beneficiary, one budget line per recommendation) is
/// created in the projects service, exactly once: at once if projects answers, else by retries
/// (`state: pending`). Accepting again returns the same proposal. 409 `empty_package` with no
/// recommendation. Emits `assessments.package_accepted`.
#[utoipa::path(post, path = "/requests/{id}/accept", tag = "packages", params(("id" = Uuid, Path)),
    request_body = AcceptPackage, responses(
    (status = 200, body = ProposalResponse), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
    (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn accept(
    State(state): State<AppState>,
    caller: Caller,
    AppPath(id): AppPath<Uuid>,
    AppJson(input): AppJson<AcceptPackage>,
) -> Result<AppJson<ProposalResponse>, ApiError> {
    Ok(AppJson(ops::accept::accept(&state.db, &state.links, &caller, id, input).await?))
}

/// The proposal of an accepted request: pending or created, with the project id.
#[utoipa::path(get, path = "/requests/{id}/proposal", tag = "packages", params(("id" = Uuid, Path)), responses(
    (status = 200, body = ProposalResponse), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
    (status = 404, body = ErrorBody)))]
async fn get_proposal(
    State(state): State<AppState>,
    caller: Caller,
    AppPath(id): AppPath<Uuid>,
) -> Result<AppJson<ProposalResponse>, ApiError> {
    Ok(AppJson(ops::accept::get_proposal(&state.db, &caller, id).await?))
}
