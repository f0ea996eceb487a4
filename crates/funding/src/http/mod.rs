//! HTTP surface of the funding service: one router per resource, thin handlers, OpenAPI.

mod donors;
mod money;

use axum::Router;
use sea_orm::DatabaseConnection;
use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;

use crate::ops::upstream::Upstreams;

#[derive(Clone, Debug)]
pub struct AppState {
    pub db: DatabaseConnection,
    pub upstreams: Upstreams,
}

#[derive(OpenApi)]
#[openapi(
    info(title = "Trellis funding service", description = "Donors, contributions, earmarks, the ledger and allocations."),
    tags(
        (name = "donors", description = "Donor agencies, governments, foundations and member bodies; statements"),
        (name = "contributions", description = "Pledges with earmarks, receipts, cancellation"),
        (name = "fx", description = "Rates to CHF by date"),
        (name = "allocations", description = "Allocation plans, allocations, disbursements and releases"),
        (name = "ledger", description = "The hash-chained double-entry journal"),
        (name = "kpis", description = "Funding KPIs")
    )
)]
struct ApiDoc;

/// The service's routes and their OpenAPI document.
pub fn router(state: AppState) -> (Router, utoipa::openapi::OpenApi) {
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .merge(donors::router())
        .merge(money::router())
        .with_state(state)
        .split_for_parts()
}
