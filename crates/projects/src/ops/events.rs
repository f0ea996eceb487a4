//! The events this service emits, written to the outbox in the transaction of the change.

use api_types::events::{PROJECT_APPROVED, PROJECT_COMPLETED, PROJECT_SUBMITTED, ProjectChanged};
use api_types::projects::{ProjectResponse, ProjectStatus};
use sea_orm::{ConnectionTrait, DbErr};

/// Emits `project.submitted`, `project.approved` or `project.completed` when `project` has just
/// reached one of those statuses; other changes emit nothing.
pub async fn milestone<C: ConnectionTrait>(conn: &C, project: &ProjectResponse) -> Result<(), DbErr> {
    let topic = match project.status {
        ProjectStatus::Submitted => PROJECT_SUBMITTED,
        ProjectStatus::Approved => PROJECT_APPROVED,
        ProjectStatus::Completed => PROJECT_COMPLETED,
        _ => return Ok(()),
    };
    let payload = ProjectChanged {
        project_id: project.id,
        member_id: project.member_id,
        title: project.title.clone(),
        theme: project.theme,
        status: project.status,
        regions: project.regions.clone(),
        budget: project.budget_totals.clone(),
        at: project.updated_at,
    };
    platform::outbox::enqueue(conn, crate::SERVICE, topic, &payload).await?;
    Ok(())
}
