//! `/projects`, `/projects/{id}` and `/projects/fundable`.

use api_types::projects::{CreateProject, FundableProject, ListProjects, ProjectResponse};
use api_types::{ErrorBody, Page, PageQuery};
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use platform::idempotency::IdempotencyKey;
use platform::list::Window;
use platform::{AppJson, AppPath, AppQuery, Caller};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use super::AppState;
use crate::error::Result;
use crate::ops::{self, upstream::Forwarded};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_projects, create_project))
        .routes(routes!(fundable_projects))
        .routes(routes!(get_project, edit_project))
}

/// Projects the caller may see: staff, committee and admins all; a member its own and the
/// published ones (approved and later); donors the published ones. Filters `status`, `theme`,
/// `region`, `member_id`, `q`. `?format=csv` returns every matching row as CSV.
#[utoipa::path(get, path = "/projects", tag = "projects", params(ListProjects, PageQuery), responses(
    (status = 200, body = Page<ProjectResponse>),
    (status = 401, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn list_projects(
    State(state): State<AppState>,
    caller: Caller,
    AppQuery(query): AppQuery<ListProjects>,
    AppQuery(page): AppQuery<PageQuery>,
) -> Result<Response> {
    let window = Window::new(query.format, page)?;
    let (items, total) = ops::projects::list_projects(&state.db, &caller, &query, &window).await?;
    if window.limits().is_none() {
        let rows: Vec<CsvRow> = items.into_iter().map(CsvRow::from).collect();
        return Ok(window.respond(rows, total, "projects")?);
    }
    Ok(window.respond(items, total, "projects")?)
}

/// A member drafts a proposal for its own member body; staff draft one on a member's behalf
/// (`member_id` required). A draft may leave out methods, beneficiaries, budget and dates;
/// submitting needs them (422 naming each missing part). The proposing and beneficiary members and the regions are checked
/// with the membership service: unknown → 422, membership unreachable → 503 and nothing saved.
/// With `Idempotency-Key` the proposal is created once: the same key and body answer the first
/// response, another body 409 `idempotency_key_reused`.
#[utoipa::path(post, path = "/projects", tag = "projects", request_body = CreateProject,
    params(("Idempotency-Key" = Option<String>, Header, description = "Create at most once")), responses(
    (status = 201, body = ProjectResponse),
    (status = 400, body = ErrorBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
    (status = 409, body = ErrorBody), (status = 422, body = ErrorBody), (status = 503, body = ErrorBody)))]
async fn create_project(
    State(state): State<AppState>,
    caller: Caller,
    fwd: Forwarded,
    key: Option<IdempotencyKey>,
    AppJson(input): AppJson<CreateProject>,
) -> Result<(StatusCode, AppJson<ProjectResponse>)> {
    let project = ops::draft_proposal::draft_proposal(
        &state.db,
        &state.upstreams,
        &fwd,
        &caller,
        state.two_approvers_above,
        key.as_ref(),
        input,
    )
    .await?;
    Ok((StatusCode::CREATED, AppJson(project)))
}

/// Approved projects not yet fully funded, oldest approval first (staff, admin, donor,
/// committee): what the allocation planner reads.
#[utoipa::path(get, path = "/projects/fundable", tag = "projects", responses(
    (status = 200, body = Vec<FundableProject>),
    (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
async fn fundable_projects(State(state): State<AppState>, caller: Caller) -> Result<AppJson<Vec<FundableProject>>> {
    Ok(AppJson(ops::fundable::fundable(&state.db, &caller).await?))
}

/// One project, if the caller may see it (404 otherwise).
#[utoipa::path(get, path = "/projects/{id}", tag = "projects", params(("id" = Uuid, Path)), responses(
    (status = 200, body = ProjectResponse),
    (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn get_project(
    State(state): State<AppState>,
    caller: Caller,
    AppPath(id): AppPath<Uuid>,
) -> Result<AppJson<ProjectResponse>> {
    Ok(AppJson(ops::projects::get_project(&state.db, &caller, id).await?))
}

/// The proposing member's accounts (or staff on its behalf) replace the content of a draft or a
/// returned proposal as a whole, in the `CreateProject` shape (`member_id`, if given, must be the
/// proposing member). Checked exactly like a new draft: 422 naming each bad field or unknown
/// member or region, 503 when membership is unreachable (nothing saved). 403 for other roles;
/// 409 `not_editable` in any other status, `details.allowed` naming `draft` and `returned`. The
/// edit is a step of the audit trail (from and to the same status, the reason naming the changed
/// fields); the same content again changes nothing.
#[utoipa::path(put, path = "/projects/{id}", tag = "projects", params(("id" = Uuid, Path)), request_body = CreateProject,
    responses(
    (status = 200, body = ProjectResponse),
    (status = 400, body = ErrorBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
    (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody),
    (status = 503, body = ErrorBody)))]
async fn edit_project(
    State(state): State<AppState>,
    caller: Caller,
    fwd: Forwarded,
    AppPath(id): AppPath<Uuid>,
    AppJson(input): AppJson<CreateProject>,
) -> Result<AppJson<ProjectResponse>> {
    let project = ops::edit_proposal::edit_proposal(
        &state.db,
        &state.upstreams,
        &fwd,
        &caller,
        state.two_approvers_above,
        id,
        input,
    )
    .await?;
    Ok(AppJson(project))
}

/// A project as one CSV row: lists joined with `;`, money as `amount currency`.
#[derive(Debug, serde::Serialize)]
struct CsvRow {
    id: Uuid,
    title: String,
    summary: String,
    objective: u8,
    theme: &'static str,
    status: &'static str,
    member_id: Uuid,
    delivery_methods: String,
    regions: String,
    budget: String,
    planned_start: Option<chrono::NaiveDate>,
    planned_end: Option<chrono::NaiveDate>,
    allocated: Option<String>,
    created_at: chrono::DateTime<chrono::Utc>,
}

impl From<ProjectResponse> for CsvRow {
    fn from(p: ProjectResponse) -> CsvRow {
        CsvRow {
            id: p.id,
            title: p.title,
            summary: p.summary,
            objective: p.objective,
            theme: p.theme.as_str(),
            status: p.status.as_str(),
            member_id: p.member_id,
            delivery_methods: p.delivery_methods.iter().map(|m| m.as_str()).collect::<Vec<_>>().join(";"),
            regions: p.regions.join(";"),
            budget: p
                .budget_totals
                .iter()
                .map(|m| format!("{} {}", m.amount(), m.currency))
                .collect::<Vec<_>>()
                .join(";"),
            planned_start: p.planned_start,
            planned_end: p.planned_end,
            allocated: p.allocated.map(|m| format!("{} {}", m.amount(), m.currency)),
            created_at: p.created_at,
        }
    }
}
