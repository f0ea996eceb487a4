//! HTTP surface of the projects service: one router per resource, thin handlers, OpenAPI.

mod kpis;
mod projects;
mod results;
mod workflow;

use api_types::money::Money;
use axum::Router;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use platform::ApiError;
use sea_orm::DatabaseConnection;
use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;

use crate::ops::upstream::{Forwarded, Upstreams};

#[derive(Clone, Debug)]
pub struct AppState {
    pub db: DatabaseConnection,
    pub upstreams: Upstreams,
    /// Budgets above this (CHF) need two distinct staff approvals.
    pub two_approvers_above: Money,
}

/// The signed identity and request id of the incoming request, to forward on calls it causes.
impl<S: Send + Sync> FromRequestParts<S> for Forwarded {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        let header = |name: &str| parts.headers.get(name).and_then(|v| v.to_str().ok()).map(str::to_owned);
        Ok(Forwarded {
            identity: header(platform::identity::IDENTITY_HEADER).unwrap_or_default(),
            request_id: header("x-request-id"),
        })
    }
}

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Trellis projects service",
        description = "Proposals and the projects they become: drafting, the review workflow against the Action \
                       Plan's four principles, approvals, funding status, results and evaluation, KPIs.\n\n\
                       Error codes beyond the shared ones (409): `illegal_transition` (details: `from`, `to`, \
                       `allowed`), `not_editable` (details: `status`, `allowed`), `already_approved_by_you`, `evaluation_required`, `wrong_status`, \
                       `actual_exists`, `actual_decided`."
    ),
    tags(
        (name = "projects", description = "Proposals and projects"),
        (name = "workflow", description = "Transitions, approvals and reviews"),
        (name = "results", description = "Indicators, actuals and the evaluation"),
        (name = "kpis", description = "Capacity-building and impact KPIs")
    )
)]
struct ApiDoc;

/// The service's routes and their OpenAPI document.
pub fn router(state: AppState) -> (Router, utoipa::openapi::OpenApi) {
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .merge(projects::router())
        .merge(workflow::router())
        .merge(results::router())
        .merge(kpis::router())
        .with_state(state)
        .split_for_parts()
}
