//! `/kpis`.

use api_types::ErrorBody;
use api_types::projects::ProjectKpis;
use axum::extract::State;
use platform::{AppJson, Caller};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::AppState;
use crate::error::Result;
use crate::ops;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(kpis))
}

/// Projects and deliveries by theme, method, region, status and year; people trained; ratings;
/// targets met (staff, committee, admin, donor).
#[utoipa::path(get, path = "/kpis", tag = "kpis", responses(
    (status = 200, body = ProjectKpis), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
async fn kpis(State(state): State<AppState>, caller: Caller) -> Result<AppJson<ProjectKpis>> {
    Ok(AppJson(ops::kpis::kpis(&state.db, &caller).await?))
}
