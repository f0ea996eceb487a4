//! `/members`: the national standards bodies.

use api_types::membership::{ListMembers, MemberResponse};
use api_types::{ErrorBody, Page, PageQuery};
use axum::extract::State;
use axum::response::Response;
use platform::list::Window;
use platform::{ApiError, AppJson, AppPath, AppQuery, Caller};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use super::AppState;
use crate::ops;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(list_members)).routes(routes!(get_member))
}

/// Member bodies by name. Staff, committee, admins and donors see the registry; a member
/// account sees its own body.
#[utoipa::path(get, path = "/members", tag = "members", params(ListMembers, PageQuery), responses(
    (status = 200, body = Page<MemberResponse>), (status = 401, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn list_members(
    State(state): State<AppState>,
    caller: Caller,
    AppQuery(query): AppQuery<ListMembers>,
    AppQuery(page): AppQuery<PageQuery>,
) -> Result<Response, ApiError> {
    let window = Window::new(query.format, page)?;
    let (items, total) = ops::members::list_members(&state.db, &caller, &query, &window).await?;
    window.respond(items, total, "members")
}

/// One member body.
#[utoipa::path(get, path = "/members/{id}", tag = "members", params(("id" = Uuid, Path)), responses(
    (status = 200, body = MemberResponse), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn get_member(
    State(state): State<AppState>,
    caller: Caller,
    AppPath(id): AppPath<Uuid>,
) -> Result<AppJson<MemberResponse>, ApiError> {
    Ok(AppJson(ops::members::get_member(&state.db, &caller, id).await?))
}
