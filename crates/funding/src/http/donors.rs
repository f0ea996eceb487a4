//! `/donors`.

use api_types::funding::{CreateDonor, DonorResponse, ListDonors, UpdateDonor};
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
    OpenApiRouter::new().routes(routes!(list_donors, create_donor)).routes(routes!(get_donor, update_donor))
}

/// Donors by name: staff, committee and admins see all, a donor account itself.
#[utoipa::path(get, path = "/donors", tag = "donors", params(ListDonors, PageQuery), responses(
    (status = 200, body = Page<DonorResponse>), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
    (status = 422, body = ErrorBody)))]
async fn list_donors(
    State(state): State<AppState>,
    caller: Caller,
    AppQuery(query): AppQuery<ListDonors>,
    AppQuery(page): AppQuery<PageQuery>,
) -> Result<Response, ApiError> {
    let window = Window::new(query.format, page)?;
    let (items, total) = ops::donors::list_donors(&state.db, &caller, &query, &window).await?;
    window.respond(items, total, "donors")
}

/// Staff register a donor; names are unique (409 otherwise).
#[utoipa::path(post, path = "/donors", tag = "donors", request_body = CreateDonor, responses(
    (status = 201, body = DonorResponse), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
    (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn create_donor(
    State(state): State<AppState>,
    caller: Caller,
    AppJson(input): AppJson<CreateDonor>,
) -> Result<(StatusCode, AppJson<DonorResponse>), ApiError> {
    let donor = ops::register_donor::register_donor(&state.db, &caller, input).await?;
    Ok((StatusCode::CREATED, AppJson(donor)))
}

/// One donor; contact details only for staff, admins and the donor itself (`null` otherwise).
#[utoipa::path(get, path = "/donors/{id}", tag = "donors", params(("id" = Uuid, Path)), responses(
    (status = 200, body = DonorResponse), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn get_donor(
    State(state): State<AppState>,
    caller: Caller,
    AppPath(id): AppPath<Uuid>,
) -> Result<AppJson<DonorResponse>, ApiError> {
    Ok(AppJson(ops::donors::get_donor(&state.db, &caller, id).await?))
}

/// Staff change a donor; absent fields stay as they are, names stay unique (409).
#[utoipa::path(patch, path = "/donors/{id}", tag = "donors", params(("id" = Uuid, Path)), request_body = UpdateDonor,
    responses((status = 200, body = DonorResponse), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
    (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn update_donor(
    State(state): State<AppState>,
    caller: Caller,
    AppPath(id): AppPath<Uuid>,
    AppJson(input): AppJson<UpdateDonor>,
) -> Result<AppJson<DonorResponse>, ApiError> {
    Ok(AppJson(ops::update_donor::update_donor(&state.db, &caller, id, input).await?))
}
