//! The proposing member (or staff on its behalf) edits a draft or a returned proposal: the
//! content is replaced as a whole, checked exactly as when it was drafted (422 naming fields,
//! members and regions with the membership service, 503 and nothing written when it is down).
//! The edit is a step of the audit trail (status unchanged, the reason naming what changed), so
//! the reason a proposal was returned stays in its history next to the fix.

use api_types::money::Money;
use api_types::projects::{CreateProject, ProjectResponse};
use chrono::Utc;
use platform::{ApiError, Caller};
use sea_orm::{DatabaseConnection, DbErr};
use uuid::Uuid;

use super::draft_proposal::{check_with_membership, parse};
use super::upstream::{Forwarded, Upstreams};
use crate::domain::edit;
use crate::domain::proposal::{NewProposal, Objective, approvals_needed, totals};
use crate::domain::workflow::Person;
use crate::error::Result;
use crate::store::projects::{self as projects, Project};
use crate::store::{self, workflow};

pub async fn edit_proposal(
    db: &DatabaseConnection,
    upstreams: &Upstreams,
    fwd: &Forwarded,
    caller: &Caller,
    two_approvers_above: Money,
    id: Uuid,
    input: CreateProject,
) -> Result<ProjectResponse> {
    let user = caller.user()?;
    let person = Person::from(user);
    // Cheap refusals first, before asking membership anything.
    let row = super::visible(db, caller, id).await?;
    edit::may_edit(&person, row.member_id, row.status()?)?;
    edit::same_member(input.member_id, row.member_id)?;
    let proposal = parse(&input)?;
    let regions = check_with_membership(upstreams, fwd, row.member_id, &proposal).await?;
    let needed = approvals_needed(&totals(&proposal.budget).unwrap_or_default(), two_approvers_above);

    let txn = store::write_txn(db).await?;
    let row = projects::find_for_update(&txn, id).await?.ok_or_else(|| ApiError::not_found("project"))?;
    // Someone may have submitted it meanwhile: decide again on the locked row.
    let status = row.status()?;
    edit::may_edit(&person, row.member_id, status)?;
    let stored = projects::with_parts(&txn, vec![row.clone()]).await?;
    let changed = match stored.first() {
        Some(old) => edit::changed_fields(&as_proposal(old)?, &proposal),
        None => return Err(ApiError::not_found("project").into()),
    };
    // Saving the same content again changes nothing and adds nothing to the trail.
    let row = if changed.is_empty() {
        row
    } else {
        let now = Utc::now();
        let row = projects::replace_proposal(&txn, row, &proposal, &regions, needed, now).await?;
        let step = workflow::Step {
            project_id: id,
            from: status,
            to: status,
            actor: Some(user.id),
            actor_role: user.role.as_str(),
            reason: Some(edit::trail_reason(&changed)),
            at: now,
        };
        workflow::record_transition(&txn, step).await?;
        row
    };
    let response = super::response_of(&txn, row).await?;
    txn.commit().await?;
    Ok(response)
}

/// The stored proposal in the form a new one is parsed into, to compare the two.
fn as_proposal(p: &Project) -> Result<NewProposal, DbErr> {
    let m = &p.row;
    let objective = u8::try_from(m.objective)
        .ok()
        .and_then(Objective::parse)
        .ok_or_else(|| DbErr::Custom(format!("stored objective {}", m.objective)))?;
    Ok(NewProposal {
        title: m.title.clone(),
        summary: m.summary.clone(),
        objective,
        theme: m.theme()?,
        delivery_methods: p.methods.clone(),
        beneficiary_members: p.beneficiary_members.clone(),
        beneficiary_regions: p.beneficiary_regions.clone(),
        budget: p.budget.clone(),
        planned_start: m.planned_start,
        planned_end: m.planned_end,
    })
}
