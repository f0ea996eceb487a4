//! `GET /api/dashboard`: the four services' KPIs side by side, with the geographic equity
//! measure computed from membership's and funding's.
//!
//! The four calls run concurrently with the caller's signed identity, each bounded by
//! `compose.kpi_timeout_ms`. A service that is down, slow or refuses leaves its part `null`
//! and is named in `missing`; the answer is still 200. Only complete answers are cached (per
//! role, since the services may answer roles differently), so a recovered service shows at once.

use api_types::auth::Role;
use api_types::funding::FundingKpis;
use api_types::membership::KpiQuery;
use axum::extract::State;
use axum::response::Response;
use chrono::{DateTime, Utc};
use clients::{AssessmentsClient, MembershipClient};
use platform::ApiError;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::equity::{self, Equity};
use super::{MissingPart, bounded, cache_get, cache_set, client, json_response};
use crate::auth::CurrentSession;
use crate::state::GatewayState;

/// The composed dashboard. Each service's part is its own `GET /kpis` answer, unchanged.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Dashboard {
    pub generated_at: DateTime<Utc>,
    /// `MembershipKpis`, or `null` when membership is missing.
    #[schema(value_type = Option<Object>)]
    pub membership: Option<Value>,
    /// `ProjectKpis`, or `null`.
    #[schema(value_type = Option<Object>)]
    pub projects: Option<Value>,
    /// `FundingKpis`, or `null`.
    #[schema(value_type = Option<Object>)]
    pub funding: Option<Value>,
    /// `AssessmentKpis`, or `null`.
    #[schema(value_type = Option<Object>)]
    pub assessments: Option<Value>,
    /// Needs both membership and funding; `null` when either is missing.
    pub equity: Option<Equity>,
    /// The services this answer had to do without; empty when complete.
    pub missing: Vec<MissingPart>,
}

/// Staff, committee and admin: every KPI of the programme in one answer.
#[utoipa::path(get, path = "/api/dashboard", tag = "monitoring", responses(
    (status = 200, body = Dashboard, description = "Composed KPIs; a missing service is `null` and named in `missing`"),
    (status = 401, body = api_types::ErrorBody), (status = 403, body = api_types::ErrorBody)))]
pub async fn dashboard(State(state): State<GatewayState>, current: CurrentSession) -> Result<Response, ApiError> {
    let caller = current.caller();
    let user = caller.require(&[Role::Staff, Role::Committee, Role::Admin])?;
    let key = format!("compose:dashboard:{}", user.role);
    if let Some(hit) = cache_get(&state, &key).await {
        return Ok(json_response(hit));
    }
    let dashboard = compose(&state, state.identity.sign(&caller)?).await;
    let body = serde_json::to_string(&dashboard).map_err(|e| ApiError::Internal(e.into()))?;
    if dashboard.missing.is_empty() {
        cache_set(&state, &key, &body, state.settings.compose.dashboard_cache_secs).await;
    }
    Ok(json_response(body))
}

/// Fetches the four parts concurrently and computes the equity measure.
async fn compose(state: &GatewayState, identity: String) -> Dashboard {
    let timeout = std::time::Duration::from_millis(state.settings.compose.kpi_timeout_ms);
    let with = |service: &'static str| client(state, service).map(|c| c.as_caller(identity.clone()));
    let membership = async {
        let c = MembershipClient(with("membership")?);
        bounded("membership", timeout, c.kpis(&KpiQuery::default())).await
    };
    let projects = async {
        let c = with("projects")?;
        bounded("projects", timeout, c.get::<api_types::projects::ProjectKpis>("/kpis")).await
    };
    let funding = async {
        let c = with("funding")?;
        bounded("funding", timeout, c.get::<FundingKpis>("/kpis")).await
    };
    let assessments = async {
        let c = AssessmentsClient(with("assessments")?);
        bounded("assessments", timeout, c.kpis()).await
    };
    let (membership, projects, funding, assessments) = tokio::join!(membership, projects, funding, assessments);

    let equity = match (&membership, &funding) {
        (Ok(m), Ok(f)) => {
            let funding: Vec<_> =
                f.funding_by_region_rolling_3y.iter().map(|r| (r.region.clone(), r.allocated)).collect();
            Some(equity::compute(&equity::developing_by_region(m), &funding))
        }
        _ => None,
    };
    let mut missing = Vec::new();
    let mut part = |r: Result<Value, MissingPart>| r.map_err(|m| missing.push(m)).ok();
    let membership = part(membership.and_then(to_value));
    let projects = part(projects.and_then(to_value));
    let funding = part(funding.and_then(to_value));
    let assessments = part(assessments.and_then(to_value));
    missing.sort_by(|a, b| a.service.cmp(&b.service));
    Dashboard { generated_at: Utc::now(), membership, projects, funding, assessments, equity, missing }
}

fn to_value<T: Serialize>(v: T) -> Result<Value, MissingPart> {
    serde_json::to_value(v).map_err(|e| MissingPart {
        service: "gateway".to_owned(),
        reason: "invalid_answer".to_owned(),
        message: e.to_string(),
    })
}
