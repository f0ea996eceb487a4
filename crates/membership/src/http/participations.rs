//! Technical-committee participation: `/members/{id}/participations`, `/participations`.

use api_types::membership::{ListParticipations, ParticipationInput, ParticipationResponse};
use api_types::{ErrorBody, Page, PageQuery};
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use platform::list::Window;
use platform::{ApiError, AppJson, AppPath, AppQuery, Caller};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use super::AppState;
use crate::ops;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_member_participations, record_participation))
        .routes(routes!(list_participations))
        .routes(routes!(get_participation, replace_participation, remove_participation))
}

/// A member's participation by committee.
#[utoipa::path(get, path = "/members/{id}/participations", tag = "participation",
    params(("id" = Uuid, Path), ListParticipations, PageQuery), responses(
    (status = 200, body = Page<ParticipationResponse>), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody),
    (status = 422, body = ErrorBody)))]
async fn list_member_participations(
    State(state): State<AppState>,
    caller: Caller,
    AppPath(id): AppPath<Uuid>,
    AppQuery(query): AppQuery<ListParticipations>,
    AppQuery(page): AppQuery<PageQuery>,
) -> Result<Response, ApiError> {
    let window = Window::new(query.format, page)?;
    let (items, total) =
        ops::participations::list_participations(&state.db, &caller, Some(id), &query, &window).await?;
    window.respond(items, total, "participations")
}

/// Staff record a participation. 409 `participation_overlap` when the member is already P or O
/// in that committee over the period, or the committee has another secretariat then.
#[utoipa::path(post, path = "/members/{id}/participations", tag = "participation", params(("id" = Uuid, Path)),
    request_body = ParticipationInput, responses(
    (status = 201, body = ParticipationResponse), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
    (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn record_participation(
    State(state): State<AppState>,
    caller: Caller,
    AppPath(id): AppPath<Uuid>,
    AppJson(input): AppJson<ParticipationInput>,
) -> Result<(StatusCode, AppJson<ParticipationResponse>), ApiError> {
    let created = ops::record_participation::record_participation(&state.db, &caller, id, input).await?;
    Ok((StatusCode::CREATED, AppJson(created)))
}

/// Participation across the registry, by committee (filters: committee, role, a day, and the
/// member's country being developing or in a region). A member account sees its own body's.
#[utoipa::path(get, path = "/participations", tag = "participation", params(ListParticipations, PageQuery), responses(
    (status = 200, body = Page<ParticipationResponse>), (status = 401, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn list_participations(
    State(state): State<AppState>,
    caller: Caller,
    AppQuery(query): AppQuery<ListParticipations>,
    AppQuery(page): AppQuery<PageQuery>,
) -> Result<Response, ApiError> {
    let window = Window::new(query.format, page)?;
    let (items, total) = ops::participations::list_participations(&state.db, &caller, None, &query, &window).await?;
    window.respond(items, total, "participations")
}

/// One participation.
#[utoipa::path(get, path = "/participations/{id}", tag = "participation", params(("id" = Uuid, Path)), responses(
    (status = 200, body = ParticipationResponse), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn get_participation(
    State(state): State<AppState>,
    caller: Caller,
    AppPath(id): AppPath<Uuid>,
) -> Result<AppJson<ParticipationResponse>, ApiError> {
    Ok(AppJson(ops::participations::get_participation(&state.db, &caller, id).await?))
}

/// Staff correct a participation (e.g. set `until` when it ended), under the same rules.
#[utoipa::path(put, path = "/participations/{id}", tag = "participation", params(("id" = Uuid, Path)),
    request_body = ParticipationInput, responses(
    (status = 200, body = ParticipationResponse), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
    (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn replace_participation(
    State(state): State<AppState>,
    caller: Caller,
    AppPath(id): AppPath<Uuid>,
    AppJson(input): AppJson<ParticipationInput>,
) -> Result<AppJson<ParticipationResponse>, ApiError> {
    Ok(AppJson(ops::replace_participation::replace_participation(&state.db, &caller, id, input).await?))
}

/// Staff delete a participation recorded by mistake.
#[utoipa::path(delete, path = "/participations/{id}", tag = "participation", params(("id" = Uuid, Path)), responses(
    (status = 204), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn remove_participation(
    State(state): State<AppState>,
    caller: Caller,
    AppPath(id): AppPath<Uuid>,
) -> Result<StatusCode, ApiError> {
    ops::remove_participation::remove_participation(&state.db, &caller, id).await?;
    Ok(StatusCode::NO_CONTENT)
}
