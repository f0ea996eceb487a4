//! One project, if the caller may see it.

use api_types::projects::{ProjectResponse, ProjectStatus};
use platform::{ApiError, Caller};
use sea_orm::DatabaseConnection;
use uuid::Uuid;

use crate::domain::visibility::visibility;
use crate::store;

pub async fn get_project(db: &DatabaseConnection, caller: &Caller, id: Uuid) -> Result<ProjectResponse, ApiError> {
    let user = caller.user()?;
    let row = store::projects::find(db, id).await?.ok_or_else(|| ApiError::not_found("project"))?;
    let status = ProjectStatus::parse(&row.status).unwrap_or(ProjectStatus::Draft);
    // A project the caller may not see answers exactly like one that does not exist.
    if !visibility(user.role, user.member_id).allows(status, row.member_id) {
        return Err(ApiError::not_found("project"));
    }
    super::to_response(row)
}
