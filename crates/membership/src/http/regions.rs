//! `/regions`: the liaison regions, readable without signing in.

use api_types::membership::RegionResponse;
use api_types::page::ListFormat;
use api_types::{ErrorBody, Page, PageQuery};
use axum::extract::State;
use axum::response::Response;
use platform::list::Window;
use platform::{ApiError, AppQuery};
use serde::Deserialize;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::AppState;
use crate::ops;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(list_regions))
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
