//! `/projects`.

use api_types::projects::{CreateProject, ListProjects, ProjectResponse};
use api_types::{ErrorBody, Page, PageQuery};
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use platform::list::Window;
use platform::{ApiError, AppJson, AppPath, AppQuery, Caller};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use super::AppState;
use crate::ops;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(list_projects, create_project)).routes(routes!(get_project))
}

/// Projects the caller may see: staff, committee and admins all; a member its own; donors the
/// approved ones. `?format=csv` returns every matching row as CSV.
#[utoipa::path(get, path = "/projects", tag = "projects", params(ListProjects, PageQuery), responses(
    (status = 200, body = Page<ProjectResponse>),
    (status = 401, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn list_projects(
    State(state): State<AppState>,
    caller: Caller,
    AppQuery(query): AppQuery<ListProjects>,
    AppQuery(page): AppQuery<PageQuery>,
) -> Result<Response, ApiError> {
    let window = Window::new(query.format, page)?;
    let (items, total) = ops::list_projects::list_projects(&state.db, &caller, &query, &window).await?;
    window.respond(items, total, "projects")
}

/// A member drafts a proposal for its member body.
#[utoipa::path(post, path = "/projects", tag = "projects", request_body = CreateProject, responses(
    (status = 201, body = ProjectResponse),
    (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn create_project(
    State(state): State<AppState>,
    caller: Caller,
    AppJson(input): AppJson<CreateProject>,
) -> Result<(StatusCode, AppJson<ProjectResponse>), ApiError> {
    let project = ops::draft_proposal::draft_proposal(&state.db, &caller, input).await?;
    Ok((StatusCode::CREATED, AppJson(project)))
}

/// One project, if the caller may see it (404 otherwise).
#[utoipa::path(get, path = "/projects/{id}", tag = "projects", params(("id" = Uuid, Path)), responses(
    (status = 200, body = ProjectResponse),
    (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn get_project(
    State(state): State<AppState>,
    caller: Caller,
    AppPath(id): AppPath<Uuid>,
) -> Result<AppJson<ProjectResponse>, ApiError> {
    Ok(AppJson(ops::get_project::get_project(&state.db, &caller, id).await?))
}
