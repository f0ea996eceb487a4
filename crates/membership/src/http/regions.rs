//! `/regions`: the liaison regions, readable without signing in; staff rename them. The history
//! of the country → region mapping and of staff changes to the reference data.

use api_types::membership::{
    ListReferenceChanges, ListRegionMapping, ReferenceChangeResponse, RegionPeriodResponse, RegionResponse,
    UpdateRegion,
};
use api_types::page::ListFormat;
use api_types::{ErrorBody, Page, PageQuery};
use axum::extract::State;
use axum::response::Response;
use platform::list::Window;
use platform::{ApiError, AppJson, AppPath, AppQuery, Caller};
use serde::Deserialize;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::AppState;
use crate::ops;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_regions))
        .routes(routes!(rename_region))
        .routes(routes!(list_region_mapping))
        .routes(routes!(list_reference_changes))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
struct RegionsQuery {
    #[serde(default)]
    format: ListFormat,
}

/// The liaison regions in display order, each with its number of developing countries. All of
/// them fit on one page.
#[utoipa::path(get, path = "/regions", tag = "reference", params(RegionsQuery), responses(
    (status = 200, body = Page<RegionResponse>), (status = 400, body = ErrorBody)))]
async fn list_regions(
    State(state): State<AppState>,
    AppQuery(query): AppQuery<RegionsQuery>,
) -> Result<Response, ApiError> {
    let items = ops::regions::list_regions(&state.db).await?;
    let total = items.len() as u64;
    let per_page = u32::try_from(items.len()).unwrap_or(u32::MAX).clamp(1, api_types::page::MAX_PER_PAGE);
    Window::new(query.format, PageQuery { page: 1, per_page })?.respond(items, total, "regions")
}

/// Staff rename a liaison region (English, French or both), with a reason. The code never
/// changes.
#[utoipa::path(patch, path = "/regions/{code}", tag = "reference", params(("code" = String, Path, example = "ceeca")),
    request_body = UpdateRegion, responses(
    (status = 200, body = RegionResponse), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
    (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn rename_region(
    State(state): State<AppState>,
    caller: Caller,
    AppPath(code): AppPath<String>,
    AppJson(input): AppJson<UpdateRegion>,
) -> Result<AppJson<RegionResponse>, ApiError> {
    Ok(AppJson(ops::rename_region::rename_region(&state.db, &caller, &code, input).await?))
}

/// The effective-dated country → liaison region mapping: every period of every country, with
/// who opened and closed it and why; `?on=YYYY-MM-DD` gives the mapping as it was that day.
/// Any signed-in role.
#[utoipa::path(get, path = "/region-mapping", tag = "reference", params(ListRegionMapping, PageQuery), responses(
    (status = 200, body = Page<RegionPeriodResponse>), (status = 401, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn list_region_mapping(
    State(state): State<AppState>,
    caller: Caller,
    AppQuery(query): AppQuery<ListRegionMapping>,
    AppQuery(page): AppQuery<PageQuery>,
) -> Result<Response, ApiError> {
    let window = Window::new(query.format, page)?;
    let (items, total) = ops::region_mapping::list_region_mapping(&state.db, &caller, &query, &window).await?;
    window.respond(items, total, "region-mapping")
}

/// Staff changes to the reference data (overrides of `developing`, moves, renames), newest
/// first. Staff, admins and the committee.
#[utoipa::path(get, path = "/reference-changes", tag = "reference", params(ListReferenceChanges, PageQuery), responses(
    (status = 200, body = Page<ReferenceChangeResponse>), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
    (status = 422, body = ErrorBody)))]
async fn list_reference_changes(
    State(state): State<AppState>,
    caller: Caller,
    AppQuery(query): AppQuery<ListReferenceChanges>,
    AppQuery(page): AppQuery<PageQuery>,
) -> Result<Response, ApiError> {
    let window = Window::new(query.format, page)?;
    let (items, total) = ops::reference_changes::list_reference_changes(&state.db, &caller, &query, &window).await?;
    window.respond(items, total, "reference-changes")
}
