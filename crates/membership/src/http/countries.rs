//! `/countries`: the reference data, readable without signing in; staff override `developing`
//! and move a country to another liaison region.

use api_types::membership::{CountryResponse, ListCountries, MoveCountry, SetDeveloping};
use api_types::{ErrorBody, Page, PageQuery};
use axum::extract::State;
use axum::response::Response;
use platform::list::Window;
use platform::{ApiError, AppJson, AppPath, AppQuery, Caller};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::AppState;
use crate::ops;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_countries))
        .routes(routes!(get_country))
        .routes(routes!(set_developing))
        .routes(routes!(move_country))
}

/// Countries and territories with their M49 region, World Bank income level, developing flag
/// (and its basis), LDC/LLDC/SIDS flags and liaison region, by English name unless `sort` says
/// otherwise.
#[utoipa::path(get, path = "/countries", tag = "reference", params(ListCountries, PageQuery), responses(
    (status = 200, body = Page<CountryResponse>), (status = 422, body = ErrorBody)))]
async fn list_countries(
    State(state): State<AppState>,
    AppQuery(query): AppQuery<ListCountries>,
    AppQuery(page): AppQuery<PageQuery>,
) -> Result<Response, ApiError> {
    let window = Window::new(query.format, page)?;
    let (items, total) = ops::countries::list_countries(&state.db, &query, &window).await?;
    window.respond(items, total, "countries")
}

/// One country by ISO 3166-1 alpha-2 code.
#[utoipa::path(get, path = "/countries/{code}", tag = "reference", params(("code" = String, Path, example = "KE")), responses(
    (status = 200, body = CountryResponse), (status = 404, body = ErrorBody)))]
async fn get_country(
    State(state): State<AppState>,
    AppPath(code): AppPath<String>,
) -> Result<AppJson<CountryResponse>, ApiError> {
    Ok(AppJson(ops::countries::get_country(&state.db, &code).await?))
}

/// Staff override whether a country counts as developing (with a reason), or return it to its
/// income level (`developing: null`). A country that becomes developing joins a liaison region
/// (the one named, or the one the documented geographic rule suggests); one that stops leaves
/// it. The mapping history and the reference history record the change.
#[utoipa::path(put, path = "/countries/{code}/developing", tag = "reference", params(("code" = String, Path, example = "MD")),
    request_body = SetDeveloping, responses(
    (status = 200, body = CountryResponse), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
    (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn set_developing(
    State(state): State<AppState>,
    caller: Caller,
    AppPath(code): AppPath<String>,
    AppJson(input): AppJson<SetDeveloping>,
) -> Result<AppJson<CountryResponse>, ApiError> {
    Ok(AppJson(ops::set_developing::set_developing(&state.db, &caller, &code, input).await?))
}

/// Staff move a developing country to another liaison region from a day (default today). The
/// old period stays in the mapping history, so KPIs of earlier years keep their region. 409
/// `country_not_developing` or `already_in_region` when there is nothing to move.
#[utoipa::path(put, path = "/countries/{code}/region", tag = "reference", params(("code" = String, Path, example = "FJ")),
    request_body = MoveCountry, responses(
    (status = 200, body = CountryResponse), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
    (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn move_country(
    State(state): State<AppState>,
    caller: Caller,
    AppPath(code): AppPath<String>,
    AppJson(input): AppJson<MoveCountry>,
) -> Result<AppJson<CountryResponse>, ApiError> {
    Ok(AppJson(ops::move_country::move_country(&state.db, &caller, &code, input).await?))
}
