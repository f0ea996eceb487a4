//! `/requests`: ICT-support requests.

use api_types::assessments::{
    AssignAssessor, CloseRequest, CreateSupportRequest, ListSupportRequests, SupportRequestResponse,
};
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
        .routes(routes!(list_requests, create_request))
        .routes(routes!(get_request))
        .routes(routes!(assign_assessor))
        .routes(routes!(close_request))
}

/// Requests, newest first: a member sees its own body's; staff, committee and admins all.
/// `?format=csv` returns every matching row.
#[utoipa::path(get, path = "/requests", tag = "requests", params(ListSupportRequests, PageQuery), responses(
    (status = 200, body = Page<SupportRequestResponse>), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
    (status = 422, body = ErrorBody)))]
async fn list_requests(
    State(state): State<AppState>,
    caller: Caller,
    AppQuery(query): AppQuery<ListSupportRequests>,
    AppQuery(page): AppQuery<PageQuery>,
) -> Result<Response, ApiError> {
    let window = Window::new(query.format, page)?;
    let (items, total) = ops::requests::list_requests(&state.db, &caller, &query, &window).await?;
    window.respond(items, total, "ict-support-requests")
}

/// A member asks for ICT support for its body. Emits `assessments.support_requested`.
#[utoipa::path(post, path = "/requests", tag = "requests", request_body = CreateSupportRequest, responses(
    (status = 201, body = SupportRequestResponse), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
    (status = 422, body = ErrorBody)))]
async fn create_request(
    State(state): State<AppState>,
    caller: Caller,
    AppJson(input): AppJson<CreateSupportRequest>,
) -> Result<(StatusCode, AppJson<SupportRequestResponse>), ApiError> {
    let request = ops::request_support::request_support(&state.db, &caller, input).await?;
    Ok((StatusCode::CREATED, AppJson(request)))
}

/// One request (another body's is 404 for a member account).
#[utoipa::path(get, path = "/requests/{id}", tag = "requests", params(("id" = Uuid, Path)), responses(
    (status = 200, body = SupportRequestResponse), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
    (status = 404, body = ErrorBody)))]
async fn get_request(
    State(state): State<AppState>,
    caller: Caller,
    AppPath(id): AppPath<Uuid>,
) -> Result<AppJson<SupportRequestResponse>, ApiError> {
    Ok(AppJson(ops::requests::get_request(&state.db, &caller, id).await?))
}

/// Staff assign the assessor (a staff account) who answers with the member.
#[utoipa::path(put, path = "/requests/{id}/assessor", tag = "requests", params(("id" = Uuid, Path)),
    request_body = AssignAssessor, responses(
    (status = 200, body = SupportRequestResponse), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
    (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
async fn assign_assessor(
    State(state): State<AppState>,
    caller: Caller,
    AppPath(id): AppPath<Uuid>,
    AppJson(input): AppJson<AssignAssessor>,
) -> Result<AppJson<SupportRequestResponse>, ApiError> {
    Ok(AppJson(ops::assign_assessor::assign_assessor(&state.db, &caller, id, input).await?))
}

/// Staff close an open, assessing or scored request with a reason (409 `illegal_transition`
/// for an accepted or closed one).
#[utoipa::path(post, path = "/requests/{id}/close", tag = "requests", params(("id" = Uuid, Path)),
    request_body = CloseRequest, responses(
    (status = 200, body = SupportRequestResponse), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
    (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn close_request(
    State(state): State<AppState>,
    caller: Caller,
    AppPath(id): AppPath<Uuid>,
    AppJson(input): AppJson<CloseRequest>,
) -> Result<AppJson<SupportRequestResponse>, ApiError> {
    Ok(AppJson(ops::close_request::close_request(&state.db, &caller, id, input).await?))
}
