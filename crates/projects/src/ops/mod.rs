//! Use cases of the projects service, one per file. Each opens its transaction, applies the
//! domain rules, saves and emits its events.

pub mod draft_proposal;
pub mod get_project;
pub mod list_projects;

use api_types::projects::ProjectResponse;
use platform::ApiError;

use crate::store::projects::Model;

fn to_response(model: Model) -> Result<ProjectResponse, ApiError> {
    ProjectResponse::try_from(model).map_err(ApiError::from)
}
