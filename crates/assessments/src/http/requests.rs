//! `/requests`: ICT-support requests.

use api_types::assessments::{CreateSupportRequest, ListSupportRequests, SupportRequestResponse};
use api_types::{ErrorBody, Page, PageQuery};
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use platform::list::Window;
use platform::{ApiError, AppJson, AppQuery, Caller};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::AppState;
use crate::ops;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(list_requests, create_request))
}

/// Requests, newest first: a member sees its own body's; staff, committee and admins all.
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

/// A member asks for ICT support for its body.
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
