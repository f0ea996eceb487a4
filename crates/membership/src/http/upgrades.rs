//! Upgrade requests: `/members/{id}/upgrade-requests`, `/upgrade-requests` and the decision.

use api_types::membership::{CreateUpgradeRequest, DecideUpgrade, ListUpgradeRequests, UpgradeRequestResponse};
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
        .routes(routes!(list_member_upgrade_requests, request_upgrade))
        .routes(routes!(list_upgrade_requests))
        .routes(routes!(get_upgrade_request))
        .routes(routes!(decide_upgrade))
}

/// A member's upgrade requests, newest first.
#[utoipa::path(get, path = "/members/{id}/upgrade-requests", tag = "upgrades",
    params(("id" = Uuid, Path), ListUpgradeRequests, PageQuery), responses(
    (status = 200, body = Page<UpgradeRequestResponse>), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody),
    (status = 422, body = ErrorBody)))]
async fn list_member_upgrade_requests(
    State(state): State<AppState>,
    caller: Caller,
    AppPath(id): AppPath<Uuid>,
    AppQuery(query): AppQuery<ListUpgradeRequests>,
    AppQuery(page): AppQuery<PageQuery>,
) -> Result<Response, ApiError> {
    let window = Window::new(query.format, page)?;
    let (items, total) =
        ops::upgrade_requests::list_upgrade_requests(&state.db, &caller, Some(id), &query, &window).await?;
    window.respond(items, total, "upgrade-requests")
}

/// A member (or staff on its behalf) asks to move up exactly one category, with a
/// justification. 409 `illegal_upgrade` (downgrade, same category, skip), `no_higher_category`,
/// `upgrade_request_open` (one open request at a time), `member_not_active`.
#[utoipa::path(post, path = "/members/{id}/upgrade-requests", tag = "upgrades", params(("id" = Uuid, Path)),
    request_body = CreateUpgradeRequest, responses(
    (status = 201, body = UpgradeRequestResponse), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
    (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn request_upgrade(
    State(state): State<AppState>,
    caller: Caller,
    AppPath(id): AppPath<Uuid>,
    AppJson(input): AppJson<CreateUpgradeRequest>,
) -> Result<(StatusCode, AppJson<UpgradeRequestResponse>), ApiError> {
    let request = ops::request_upgrade::request_upgrade(&state.db, &caller, id, input).await?;
    Ok((StatusCode::CREATED, AppJson(request)))
}

/// Upgrade requests, newest first (`?status=open` is the staff queue). A member account sees
/// its own body's.
#[utoipa::path(get, path = "/upgrade-requests", tag = "upgrades", params(ListUpgradeRequests, PageQuery), responses(
    (status = 200, body = Page<UpgradeRequestResponse>), (status = 401, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn list_upgrade_requests(
    State(state): State<AppState>,
    caller: Caller,
    AppQuery(query): AppQuery<ListUpgradeRequests>,
    AppQuery(page): AppQuery<PageQuery>,
) -> Result<Response, ApiError> {
    let window = Window::new(query.format, page)?;
    let (items, total) =
        ops::upgrade_requests::list_upgrade_requests(&state.db, &caller, None, &query, &window).await?;
    window.respond(items, total, "upgrade-requests")
}

/// One upgrade request.
#[utoipa::path(get, path = "/upgrade-requests/{id}", tag = "upgrades", params(("id" = Uuid, Path)), responses(
    (status = 200, body = UpgradeRequestResponse), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn get_upgrade_request(
    State(state): State<AppState>,
    caller: Caller,
    AppPath(id): AppPath<Uuid>,
) -> Result<AppJson<UpgradeRequestResponse>, ApiError> {
    Ok(AppJson(ops::upgrade_requests::get_upgrade_request(&state.db, &caller, id).await?))
}

/// Staff approve or reject an open request, with a reason. An approval changes the member's
/// category (kept in its category history) and emits `member.category_changed`. 409
/// `upgrade_request_decided`, `upgrade_request_stale` (the category changed since),
/// `member_not_active`.
#[utoipa::path(post, path = "/upgrade-requests/{id}/decision", tag = "upgrades", params(("id" = Uuid, Path)),
    request_body = DecideUpgrade, responses(
    (status = 200, body = UpgradeRequestResponse), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
    (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn decide_upgrade(
    State(state): State<AppState>,
    caller: Caller,
    AppPath(id): AppPath<Uuid>,
    AppJson(input): AppJson<DecideUpgrade>,
) -> Result<AppJson<UpgradeRequestResponse>, ApiError> {
    Ok(AppJson(ops::decide_upgrade::decide_upgrade(&state.db, &caller, id, input).await?))
}
