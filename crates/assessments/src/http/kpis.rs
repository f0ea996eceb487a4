//! `/kpis` and `/members/{id}/maturity`.

use api_types::ErrorBody;
use api_types::assessments::{AssessmentKpis, MaturityHistory};
use axum::extract::State;
use platform::{ApiError, AppJson, AppPath, Caller};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use super::AppState;
use crate::ops;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(kpis)).routes(routes!(maturity))
}

/// Members assessed per liaison region, average maturity per section and region (latest
/// assessment of each member), maturity gained between first and latest assessment, requests
/// by status. Staff, admins, the committee and donors.
#[utoipa::path(get, path = "/kpis", tag = "kpis", responses(
    (status = 200, body = AssessmentKpis), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
async fn kpis(State(state): State<AppState>, caller: Caller) -> Result<AppJson<AssessmentKpis>, ApiError> {
    Ok(AppJson(ops::kpis::kpis(&state.db, &state.links, &caller).await?))
}

/// A member's scored assessments, oldest first, and each section's progress from the first to
/// the latest. The member's own account, staff, admins and the committee.
#[utoipa::path(get, path = "/members/{id}/maturity", tag = "kpis", params(("id" = Uuid, Path)), responses(
    (status = 200, body = MaturityHistory), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
    (status = 404, body = ErrorBody)))]
async fn maturity(
    State(state): State<AppState>,
    caller: Caller,
    AppPath(id): AppPath<Uuid>,
) -> Result<AppJson<MaturityHistory>, ApiError> {
    Ok(AppJson(ops::history::maturity(&state.db, &caller, id).await?))
}
