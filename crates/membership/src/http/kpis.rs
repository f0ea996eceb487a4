//! `/kpis`: the participation KPIs.

use api_types::ErrorBody;
use api_types::membership::{KpiQuery, MembershipKpis};
use axum::extract::State;
use platform::{ApiError, AppJson, AppQuery, Caller};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::AppState;
use crate::ops;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(kpis))
}

/// Developing members by category and region per year, upgrades per year, DEVCO members from
/// developing countries, P-memberships and secretariats held by developing members per region
/// and year. Each year is taken on 31 December (today for the current year), with the
/// liaison-region mapping valid then. Staff, admins, the committee and donors.
#[utoipa::path(get, path = "/kpis", tag = "kpis", params(KpiQuery), responses(
    (status = 200, body = MembershipKpis), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
    (status = 422, body = ErrorBody)))]
async fn kpis(
    State(state): State<AppState>,
    caller: Caller,
    AppQuery(query): AppQuery<KpiQuery>,
) -> Result<AppJson<MembershipKpis>, ApiError> {
    Ok(AppJson(ops::kpis::kpis(&state.db, &caller, &query).await?))
}
