//! Reading projects: one, a filtered list, and the approvals of one.

use api_types::projects::{ApprovalResponse, ListProjects, ProjectResponse};
use platform::list::Window;
use platform::{ApiError, Caller};
use sea_orm::DatabaseConnection;
use uuid::Uuid;

use crate::domain::visibility::visibility;
use crate::error::Result;
use crate::store::projects::{self, Filter};
use crate::store::workflow;

pub async fn get_project(db: &DatabaseConnection, caller: &Caller, id: Uuid) -> Result<ProjectResponse> {
    let row = super::visible(db, caller, id).await?;
    Ok(super::response_of(db, row).await?)
}

pub async fn list_projects(
    db: &DatabaseConnection,
    caller: &Caller,
    query: &ListProjects,
    window: &Window,
) -> Result<(Vec<ProjectResponse>, u64)> {
    let user = caller.user()?;
    let filter = Filter {
        visibility: visibility(user.role, user.member_id),
        status: query.status,
        theme: query.theme,
        region: query.region.as_deref().map(|r| r.trim().to_lowercase()).filter(|r| !r.is_empty()),
        member_id: query.member_id,
        q: query.q.clone(),
    };
    if filter.q.as_ref().is_some_and(|q| q.chars().count() > 200) {
        return Err(ApiError::invalid("q", "must be at most 200 characters").into());
    }
    let (rows, total) = projects::list(db, &filter, window.limits()).await?;
    Ok((super::responses(db, rows).await?, total))
}

/// Every approval of a project the caller may see, all review rounds, oldest first.
pub async fn approvals(db: &DatabaseConnection, caller: &Caller, id: Uuid) -> Result<Vec<ApprovalResponse>> {
    let row = super::visible(db, caller, id).await?;
    let rows = workflow::approvals_of(db, vec![row.id], None).await?;
    Ok(rows
        .into_iter()
        .map(|a| ApprovalResponse {
            id: a.id,
            project_id: a.project_id,
            by: a.approver_id,
            round: u32::try_from(a.round).unwrap_or(0),
            reason: a.reason,
            at: a.at,
        })
        .collect())
}
