//! The public transparency portal: `GET /api/public/projects` and `GET /api/public/summary`,
//! open to anyone signed out.
//!
//! **Identity.** The services refuse anonymous callers on their lists, and rightly: a member
//! or donor sees less than staff. The gateway therefore reads them with a dedicated identity
//! it signs itself, [`portal_caller`]: the read-only `committee` role (it may read every
//! project and change nothing) under a fixed account id that no person has, so the services'
//! logs show these reads for what they are. That identity is used only here, for GETs, and
//! what it reads never leaves the gateway unfiltered: only published projects (approved or
//! later, never a draft, a submission under review, a rejected or a cancelled one), and only
//! the fields of [`PublicProject`], which carry no personal data (no account ids, names,
//! emails or contacts; the proposing member body is an institution and is not shown either),
//! and of the donors only those that agreed to be named (funding's `publicly_named`, default
//! false), by organisation name and type.
//!
//! **Cost.** Answers are cached for `compose.public_cache_secs`; each client address may make
//! `compose.public_rate_limit` requests per `compose.public_rate_window_secs` (429 with
//! `Retry-After` beyond). Both live on the backplane; when it is down the portal keeps
//! answering, uncached and unlimited, as public routes must.

use std::collections::BTreeMap;
use std::time::Duration;

use api_types::auth::Role;
use api_types::funding::{DonorResponse, DonorType, ListDonors};
use api_types::money::{CHF, Money};
use api_types::projects::{ListProjects, ProjectResponse, ProjectStatus, Theme};
use api_types::{Page, PageQuery};
use axum::extract::{Query, State};
use axum::http::{Extensions, HeaderMap};
use axum::response::Response;
use chrono::{Datelike, NaiveDate};
use clients::ProjectsClient;
use platform::ApiError;
use platform::identity::{Caller, User};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{bounded, cache_get, cache_set, client, json_response};
use crate::state::GatewayState;

/// The account id of the portal's own identity ("public portal", not a person).
pub const PORTAL_ACCOUNT: Uuid = Uuid::from_u128(0x7472_656c_6c69_7300_7075_626c_6963_0001);

/// Pages read from the projects service at most (200 each): a bound, not a limit in practice.
const MAX_PAGES: u32 = 100;

/// The identity the gateway signs for the portal's reads.
pub fn portal_caller() -> Caller {
    Caller::User(User { id: PORTAL_ACCOUNT, role: Role::Committee, member_id: None, donor_id: None })
}

/// A funded project as the public sees it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct PublicProject {
    pub id: Uuid,
    pub title: String,
    pub summary: String,
    /// Action Plan objective, 1–5.
    pub objective: u8,
    pub theme: Theme,
    pub status: ProjectStatus,
    /// Liaison regions that benefit.
    pub regions: Vec<String>,
    /// Budget per currency (never added across currencies).
    pub budget: Vec<Money>,
    /// Budget in CHF as funding converted it, when known.
    pub budget_chf: Option<Money>,
    /// Allocated so far, in CHF.
    pub allocated_chf: Option<Money>,
    pub planned_start: Option<NaiveDate>,
    pub planned_end: Option<NaiveDate>,
    /// The year the project counts in: its planned start, else the year it was proposed.
    pub year: i32,
}

/// Projects, budget and allocations in one group of the summary.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Totals {
    pub projects: u64,
    /// Sum of the budgets known in CHF.
    pub budget_chf: Money,
    pub allocated_chf: Money,
}

/// `GET /api/public/summary`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct PublicSummary {
    pub generated_at: chrono::DateTime<chrono::Utc>,
    pub total: Totals,
    /// Per liaison region; a project benefiting several regions counts in each.
    pub by_region: BTreeMap<String, Totals>,
    pub by_theme: BTreeMap<String, Totals>,
    pub by_year: BTreeMap<i32, Totals>,
    /// The donors that agreed to be named (funding's `publicly_named`), by name; `null` when
    /// the funding service could not be asked (the answer is then not cached).
    pub named_donors: Option<Vec<NamedDonor>>,
}

/// A donor organisation that agreed to be named publicly.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct NamedDonor {
    /// The organisation's name (donors are institutions, never people).
    pub organisation: String,
    pub donor_type: DonorType,
    /// ISO 3166-1 alpha-2, when the donor belongs to a country.
    pub country: Option<String>,
}

/// Anyone: the published projects (approved or later), newest first, paged.
#[utoipa::path(get, path = "/api/public/projects", tag = "public", params(PageQuery), responses(
    (status = 200, body = Page<PublicProject>), (status = 429, body = api_types::ErrorBody),
    (status = 503, body = api_types::ErrorBody, description = "The projects service is down")))]
pub async fn projects(
    State(state): State<GatewayState>,
    extensions: Extensions,
    headers: HeaderMap,
    Query(page): Query<PageQuery>,
) -> Result<Response, ApiError> {
    rate_limit(&state, &extensions, &headers).await?;
    let all = published(&state).await?;
    let per_page = page.per_page.clamp(1, 200);
    let skip = usize::try_from(page.page.saturating_sub(1).saturating_mul(per_page)).unwrap_or(usize::MAX);
    let items: Vec<_> = all.iter().skip(skip).take(per_page as usize).cloned().collect();
    let body = Page { items, total: all.len() as u64, page: page.page.max(1), per_page };
    Ok(json_response(serde_json::to_string(&body).map_err(|e| ApiError::Internal(e.into()))?))
}

/// Anyone: totals of the published projects by liaison region, theme and year.
#[utoipa::path(get, path = "/api/public/summary", tag = "public", responses(
    (status = 200, body = PublicSummary), (status = 429, body = api_types::ErrorBody),
    (status = 503, body = api_types::ErrorBody, description = "The projects service is down")))]
pub async fn summary(
    State(state): State<GatewayState>,
    extensions: Extensions,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    rate_limit(&state, &extensions, &headers).await?;
    const KEY: &str = "compose:public:summary";
    if let Some(hit) = cache_get(&state, KEY).await {
        return Ok(json_response(hit));
    }
    let (projects, donors) = tokio::join!(published(&state), named_donors(&state));
    let mut summary = summarise(&projects?);
    summary.named_donors = donors.ok();
    let body = serde_json::to_string(&summary).map_err(|e| ApiError::Internal(e.into()))?;
    if summary.named_donors.is_some() {
        cache_set(&state, KEY, &body, state.settings.compose.public_cache_secs).await;
    }
    Ok(json_response(body))
}

/// Counts the request against its client address (behind a trusted proxy, the address it
/// forwarded for).
pub(super) async fn rate_limit(
    state: &GatewayState,
    extensions: &Extensions,
    headers: &HeaderMap,
) -> Result<(), ApiError> {
    let client = crate::forwarded::Client::of(&state.trusted_proxies, extensions, headers);
    let ip = client.ip.map_or_else(|| "unknown".to_owned(), |ip| ip.to_string());
    let settings = &state.settings.compose;
    let window = Duration::from_secs(settings.public_rate_window_secs.max(1));
    match state.backplane.rate_limit(&format!("compose:public:{ip}"), settings.public_rate_limit, window).await {
        Ok(decision) => decision.enforce(),
        Err(e) => {
            tracing::warn!(error = %e, "public rate limit unavailable; answering anyway");
            Ok(())
        }
    }
}

/// Every published project, as the public sees it (cached).
async fn published(state: &GatewayState) -> Result<Vec<PublicProject>, ApiError> {
    const KEY: &str = "compose:public:projects";
    if let Some(hit) = cache_get(state, KEY).await
        && let Ok(list) = serde_json::from_str::<Vec<PublicProject>>(&hit)
    {
        return Ok(list);
    }
    let unavailable = |m: super::MissingPart| ApiError::Unavailable { service: m.service, message: m.message };
    let projects = ProjectsClient(
        client(state, "projects").map_err(unavailable)?.as_caller(state.identity.sign(&portal_caller())?),
    );
    let timeout = Duration::from_secs(state.settings.upstream.timeout_secs);
    let mut out = Vec::new();
    for page in 1..=MAX_PAGES {
        let query = PageQuery { page, per_page: 200 };
        let got: Page<ProjectResponse> =
            bounded("projects", timeout, projects.0.get_page("/projects", &ListProjects::default(), query))
                .await
                .map_err(unavailable)?;
        let done = got.items.len() < 200;
        out.extend(got.items.into_iter().filter(|p| is_published(p.status)).map(public));
        if done {
            break;
        }
    }
    out.sort_by(|a, b| b.year.cmp(&a.year).then_with(|| a.title.cmp(&b.title)));
    if let Ok(body) = serde_json::to_string(&out) {
        cache_set(state, KEY, &body, state.settings.compose.public_cache_secs).await;
    }
    Ok(out)
}

/// The donors that agreed to be named, read from funding with the portal's identity.
async fn named_donors(state: &GatewayState) -> Result<Vec<NamedDonor>, super::MissingPart> {
    let funding = client(state, "funding")?.as_caller(state.identity.sign(&portal_caller()).map_err(|e| {
        super::MissingPart { service: "gateway".to_owned(), reason: "identity".to_owned(), message: e.to_string() }
    })?);
    let timeout = Duration::from_secs(state.settings.upstream.timeout_secs);
    let mut out = Vec::new();
    for page in 1..=MAX_PAGES {
        let query = PageQuery { page, per_page: 200 };
        let got: Page<DonorResponse> =
            bounded("funding", timeout, funding.get_page("/donors", &ListDonors::default(), query)).await?;
        let done = got.items.len() < 200;
        out.extend(got.items.into_iter().filter(|d| d.publicly_named).map(|d| NamedDonor {
            organisation: d.name,
            donor_type: d.donor_type,
            country: d.country,
        }));
        if done {
            break;
        }
    }
    out.sort_by(|a, b| a.organisation.cmp(&b.organisation));
    Ok(out)
}

/// Approved or later, and not cancelled: what the programme stands behind.
pub fn is_published(status: ProjectStatus) -> bool {
    matches!(
        status,
        ProjectStatus::Approved
            | ProjectStatus::Funded
            | ProjectStatus::InProgress
            | ProjectStatus::Completed
            | ProjectStatus::Evaluated
    )
}

fn public(p: ProjectResponse) -> PublicProject {
    let year = p.planned_start.map_or_else(|| p.created_at.year(), |d| d.year());
    PublicProject {
        id: p.id,
        title: p.title,
        summary: p.summary,
        objective: p.objective,
        theme: p.theme,
        status: p.status,
        regions: p.regions,
        budget: p.budget_totals,
        budget_chf: p.budget_chf,
        allocated_chf: p.allocated,
        planned_start: p.planned_start,
        planned_end: p.planned_end,
        year,
    }
}

/// Totals by region, theme and year, exact in CHF centimes.
pub fn summarise(projects: &[PublicProject]) -> PublicSummary {
    let mut total = Totals::default();
    let mut by_region: BTreeMap<String, Totals> = BTreeMap::new();
    let mut by_theme: BTreeMap<String, Totals> = BTreeMap::new();
    let mut by_year: BTreeMap<i32, Totals> = BTreeMap::new();
    for p in projects {
        total.add(p);
        for region in &p.regions {
            by_region.entry(region.clone()).or_default().add(p);
        }
        by_theme.entry(p.theme.as_str().to_owned()).or_default().add(p);
        by_year.entry(p.year).or_default().add(p);
    }
    PublicSummary { generated_at: chrono::Utc::now(), total, by_region, by_theme, by_year, named_donors: None }
}

impl Totals {
    fn add(&mut self, p: &PublicProject) {
        self.projects += 1;
        let chf = |m: &Option<Money>| m.filter(|m| m.currency == CHF).map_or(0, |m| m.minor);
        self.budget_chf.minor = self.budget_chf.minor.saturating_add(chf(&p.budget_chf));
        self.allocated_chf.minor = self.allocated_chf.minor.saturating_add(chf(&p.allocated_chf));
    }
}

impl Default for Totals {
    fn default() -> Self {
        Totals { projects: 0, budget_chf: Money::zero(CHF), allocated_chf: Money::zero(CHF) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn project(theme: Theme, regions: &[&str], year: i32, budget: i64, allocated: Option<i64>) -> PublicProject {
        PublicProject {
            id: Uuid::now_v7(),
            title: "t".into(),
            summary: "s".into(),
            objective: 1,
            theme,
            status: ProjectStatus::Funded,
            regions: regions.iter().map(|r| (*r).to_owned()).collect(),
            budget: vec![Money::new(budget, CHF)],
            budget_chf: Some(Money::new(budget, CHF)),
            allocated_chf: allocated.map(|a| Money::new(a, CHF)),
            planned_start: None,
            planned_end: None,
            year,
        }
    }

    #[test]
    fn totals_are_exact_and_a_multi_region_project_counts_in_each_region() {
        let list = [
            project(Theme::IctSupport, &["asia", "pacific"], 2025, 10_001, Some(5_000)),
            project(Theme::IctSupport, &["asia"], 2026, 20_002, None),
        ];
        let s = summarise(&list);
        assert_eq!((s.total.projects, s.total.budget_chf.minor, s.total.allocated_chf.minor), (2, 30_003, 5_000));
        assert_eq!(s.by_region["asia"].projects, 2);
        assert_eq!(s.by_region["pacific"].budget_chf.minor, 10_001);
        assert_eq!(s.by_theme["ict_support"].projects, 2);
        assert_eq!(s.by_year[&2026].budget_chf.minor, 20_002);
    }

    #[test]
    fn only_approved_or_later_is_published() {
        let published: Vec<_> = [
            ProjectStatus::Draft,
            ProjectStatus::Submitted,
            ProjectStatus::UnderReview,
            ProjectStatus::Approved,
            ProjectStatus::Rejected,
            ProjectStatus::Returned,
            ProjectStatus::Funded,
            ProjectStatus::InProgress,
            ProjectStatus::Completed,
            ProjectStatus::Evaluated,
            ProjectStatus::Cancelled,
        ]
        .into_iter()
        .filter(|s| is_published(*s))
        .collect();
        assert_eq!(published.len(), 5);
        assert!(!published.contains(&ProjectStatus::Cancelled));
    }
}
