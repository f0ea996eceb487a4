//! Moving a project through its workflow: one transaction that locks the project, decides with
//! [`crate::domain::workflow::decide`], records the approval or the step of the audit trail,
//! and emits the milestone event.

use api_types::projects::{ProjectResponse, ProjectStatus, TransitionResponse};
use chrono::Utc;
use platform::{ApiError, Caller};
use sea_orm::{ConnectionTrait, DatabaseConnection, DbErr};
use uuid::Uuid;

use crate::domain::proposal::{self, Completeness};
use crate::domain::workflow::{Actor, Facts, Outcome, Request, decide};
use crate::error::Result;
use crate::store::projects::{self as projects, Model};
use crate::store::{self, workflow};

/// A person's request to move project `id` to `to`.
pub async fn transition(
    db: &DatabaseConnection,
    caller: &Caller,
    id: Uuid,
    to: ProjectStatus,
    reason: Option<&str>,
) -> Result<ProjectResponse> {
    let user = caller.user()?;
    let txn = store::write_txn(db).await?;
    let row = super::visible(&txn, caller, id).await?;
    let row = projects::find_for_update(&txn, row.id).await?.ok_or_else(|| ApiError::not_found("project"))?;
    let request = Request { to, reason, actor: Actor::Person(user.into()), with_evaluation: false };
    let row = apply(&txn, row, &request, user.role.as_str()).await?;
    let response = super::response_of(&txn, row).await?;
    txn.commit().await?;
    Ok(response)
}

/// Decides `request` on the locked `row` and records the outcome (status, trail, approval,
/// event) on `conn`, which must be a write transaction.
pub async fn apply<C: ConnectionTrait>(conn: &C, row: Model, request: &Request<'_>, role: &str) -> Result<Model> {
    let status = row.status()?;
    let approvals = workflow::approvals_of(conn, vec![row.id], Some(row.review_round)).await?;
    let facts = Facts {
        status,
        member_id: row.member_id,
        created_by: row.created_by,
        approvals: approvals.iter().map(|a| a.approver_id).collect(),
        approvals_needed: usize::try_from(row.approvals_needed).unwrap_or(2),
    };
    let now = Utc::now();
    let actor_id = match request.actor {
        Actor::Person(p) => Some(p.id),
        Actor::Funding => None,
    };
    match decide(&facts, request)? {
        Outcome::Approval { by, .. } => {
            let reason = request.reason.map(str::trim).filter(|r| !r.is_empty()).map(str::to_owned);
            workflow::record_approval(conn, row.id, row.review_round, by, reason, now).await?;
            Ok(row)
        }
        Outcome::Move { from, to, reason, approval } => {
            if to == ProjectStatus::Submitted {
                check_complete(conn, &row).await?;
            }
            let (id, round) = (row.id, row.review_round);
            if let Some(by) = approval {
                workflow::record_approval(conn, id, round, by, reason.clone(), now).await?;
            }
            let row = projects::set_status(conn, row, to, now).await?;
            let step = workflow::Step { project_id: id, from, to, actor: actor_id, actor_role: role, reason, at: now };
            workflow::record_transition(conn, step).await?;
            let view = super::response_of(conn, row.clone()).await?;
            super::events::milestone(conn, &view).await?;
            Ok(row)
        }
    }
}

/// A proposal goes to review only complete (422 naming what is missing).
async fn check_complete<C: ConnectionTrait>(conn: &C, row: &Model) -> Result<()> {
    let parts = projects::with_parts(conn, vec![row.clone()]).await?;
    let Some(p) = parts.first() else { return Err(ApiError::not_found("project").into()) };
    proposal::check_complete(Completeness {
        delivery_methods: p.methods.len(),
        beneficiaries: p.beneficiary_members.len() + p.regions.len(),
        budget_lines: p.budget.len(),
        planned_start: row.planned_start,
        planned_end: row.planned_end,
    })?;
    Ok(())
}

/// The audit trail of a project the caller may see.
pub async fn trail(db: &DatabaseConnection, caller: &Caller, id: Uuid) -> Result<Vec<TransitionResponse>> {
    let row = super::visible(db, caller, id).await?;
    let steps = workflow::trail(db, row.id).await?;
    Ok(steps.into_iter().map(to_response).collect::<Result<Vec<_>, DbErr>>()?)
}

fn to_response(t: workflow::transitions::Model) -> Result<TransitionResponse, DbErr> {
    let status = |s: &str| ProjectStatus::parse(s).ok_or_else(|| DbErr::Custom(format!("stored status {s:?}")));
    Ok(TransitionResponse {
        id: t.id,
        project_id: t.project_id,
        from: status(&t.from_status)?,
        to: status(&t.to_status)?,
        by: t.actor_id,
        by_role: t.actor_role,
        reason: t.reason,
        at: t.at,
    })
}
