//! `/countries`: the reference data, readable without signing in.

use api_types::membership::{CountryResponse, ListCountries};
use api_types::{ErrorBody, Page, PageQuery};
use axum::extract::State;
use axum::response::Response;
use platform::list::Window;
use platform::{ApiError, AppJson, AppPath, AppQuery};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::AppState;
use crate::ops;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(list_countries)).routes(routes!(get_country))
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
