//! `/members`: the national standards bodies, their contact details and category history.

use api_types::membership::{
    CategoryChangeResponse, ContactDetails, CreateMember, ListMembers, MemberResponse, MemberSummary, UpdateMember,
};
use api_types::page::ListFormat;
use api_types::{ErrorBody, Page, PageQuery};
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use platform::list::Window;
use platform::{ApiError, AppJson, AppPath, AppQuery, Caller};
use serde::Deserialize;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use super::AppState;
use crate::ops;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_members, create_member))
        .routes(routes!(get_member, update_member))
        .routes(routes!(member_summary))
        .routes(routes!(update_contact))
        .routes(routes!(category_history))
}

/// Member bodies by name. Staff, committee, admins and donors see the registry; a member
/// account sees its own body. `?format=csv` returns every matching row.
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

/// Staff register a member body (it starts active). Emits `member.created`. 409
/// `country_has_member` when the country already has a current member body; 422 for an
/// unknown country or a bad field.
#[utoipa::path(post, path = "/members", tag = "members", request_body = CreateMember, responses(
    (status = 201, body = MemberResponse), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
    (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn create_member(
    State(state): State<AppState>,
    caller: Caller,
    AppJson(input): AppJson<CreateMember>,
) -> Result<(StatusCode, AppJson<MemberResponse>), ApiError> {
    let member = ops::create_member::create_member(&state.db, &caller, input).await?;
    Ok((StatusCode::CREATED, AppJson(member)))
}

/// One member body (a member account may read only its own; others get 404).
#[utoipa::path(get, path = "/members/{id}", tag = "members", params(("id" = Uuid, Path)), responses(
    (status = 200, body = MemberResponse), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn get_member(
    State(state): State<AppState>,
    caller: Caller,
    AppPath(id): AppPath<Uuid>,
) -> Result<AppJson<MemberResponse>, ApiError> {
    Ok(AppJson(ops::members::get_member(&state.db, &caller, id).await?))
}

/// The public facts of any member body (id, name, acronym, country, category, developing,
/// liaison region, status; never contact details), for every signed-in role: what a member
/// account needs to name another body, e.g. as the beneficiary of a proposal. 404 if unknown.
#[utoipa::path(get, path = "/members/{id}/summary", tag = "members", params(("id" = Uuid, Path)), responses(
    (status = 200, body = MemberSummary), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn member_summary(
    State(state): State<AppState>,
    caller: Caller,
    AppPath(id): AppPath<Uuid>,
) -> Result<AppJson<MemberSummary>, ApiError> {
    Ok(AppJson(ops::members::member_summary(&state.db, &caller, id).await?))
}

/// Staff change a member body; absent fields stay. A category or status change needs a
/// `reason`; a category change is kept in the category history and emits
/// `member.category_changed`. Withdrawal is final (409 `member_withdrawn`).
#[utoipa::path(patch, path = "/members/{id}", tag = "members", params(("id" = Uuid, Path)), request_body = UpdateMember,
    responses(
    (status = 200, body = MemberResponse), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
    (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn update_member(
    State(state): State<AppState>,
    caller: Caller,
    AppPath(id): AppPath<Uuid>,
    AppJson(input): AppJson<UpdateMember>,
) -> Result<AppJson<MemberResponse>, ApiError> {
    Ok(AppJson(ops::update_member::update_member(&state.db, &caller, id, input).await?))
}

/// The member itself (or staff) replaces its contact details; a field left out is cleared.
#[utoipa::path(put, path = "/members/{id}/contact", tag = "members", params(("id" = Uuid, Path)),
    request_body = ContactDetails, responses(
    (status = 200, body = MemberResponse), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
    (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn update_contact(
    State(state): State<AppState>,
    caller: Caller,
    AppPath(id): AppPath<Uuid>,
    AppJson(input): AppJson<ContactDetails>,
) -> Result<AppJson<MemberResponse>, ApiError> {
    Ok(AppJson(ops::update_contact::update_contact(&state.db, &caller, id, input).await?))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
struct HistoryQuery {
    #[serde(default)]
    format: ListFormat,
}

/// The member's category history, oldest first: the category it joined in and every change,
/// with who, when, why and the upgrade request it approved. All on one page.
#[utoipa::path(get, path = "/members/{id}/category-history", tag = "members", params(("id" = Uuid, Path), HistoryQuery),
    responses(
    (status = 200, body = Page<CategoryChangeResponse>), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn category_history(
    State(state): State<AppState>,
    caller: Caller,
    AppPath(id): AppPath<Uuid>,
    AppQuery(query): AppQuery<HistoryQuery>,
) -> Result<Response, ApiError> {
    let items = ops::category_history::category_history(&state.db, &caller, id).await?;
    let total = items.len() as u64;
    let per_page = u32::try_from(items.len()).unwrap_or(u32::MAX).clamp(1, api_types::page::MAX_PER_PAGE);
    Window::new(query.format, PageQuery { page: 1, per_page })?.respond(items, total, "category-history")
}
