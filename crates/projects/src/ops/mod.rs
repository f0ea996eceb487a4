//! Use cases of the projects service, one per file. Each opens its transaction, loads through
//! `store`, applies the `domain` rules, saves, and writes its events to the outbox in the same
//! transaction.

pub mod draft_proposal;
pub mod edit_proposal;
pub mod events;
pub mod fundable;
pub mod funding_position;
pub mod kpis;
pub mod projects;
pub mod results;
pub mod reviews;
pub mod seed_demo;
pub mod transition;
pub mod upstream;

use std::collections::BTreeMap;

use api_types::money::{CHF, Money};
use api_types::projects::{BudgetLine, ProjectResponse};
use platform::{ApiError, Caller, User};
use sea_orm::{ConnectionTrait, DbErr};
use uuid::Uuid;

use crate::domain::proposal::totals;
use crate::domain::visibility::visibility;
use crate::domain::workflow::Person;
use crate::error::Result;
use crate::store::projects::{self as store, Model, Project};
use crate::store::workflow::approvals_of;

impl From<&User> for Person {
    fn from(u: &User) -> Person {
        Person { id: u.id, role: u.role, member_id: u.member_id }
    }
}

/// The project if `caller` may see it; a project they may not see answers exactly like one that
/// does not exist.
pub async fn visible<C: ConnectionTrait>(conn: &C, caller: &Caller, id: Uuid) -> Result<Model> {
    let user = caller.user()?;
    let row = store::find(conn, id).await?.ok_or_else(|| ApiError::not_found("project"))?;
    if !visibility(user.role, user.member_id).allows(row.status()?, row.member_id) {
        return Err(ApiError::not_found("project").into());
    }
    Ok(row)
}

/// The wire form of `rows`, with their parts and current approvals, in one query per part.
pub async fn responses<C: ConnectionTrait>(conn: &C, rows: Vec<Model>) -> Result<Vec<ProjectResponse>, DbErr> {
    let ids: Vec<Uuid> = rows.iter().map(|r| r.id).collect();
    let round: BTreeMap<Uuid, i32> = rows.iter().map(|r| (r.id, r.review_round)).collect();
    let mut approved_by: BTreeMap<Uuid, Vec<Uuid>> = BTreeMap::new();
    for a in approvals_of(conn, ids, None).await? {
        if round.get(&a.project_id) == Some(&a.round) {
            approved_by.entry(a.project_id).or_default().push(a.approver_id);
        }
    }
    store::with_parts(conn, rows)
        .await?
        .into_iter()
        .map(|p| {
            let approved = approved_by.remove(&p.row.id).unwrap_or_default();
            response(p, approved)
        })
        .collect()
}

pub async fn response_of<C: ConnectionTrait>(conn: &C, row: Model) -> Result<ProjectResponse, DbErr> {
    responses(conn, vec![row]).await?.pop().ok_or_else(|| DbErr::RecordNotFound("project".into()))
}

fn response(p: Project, approved_by: Vec<Uuid>) -> Result<ProjectResponse, DbErr> {
    let m = p.row;
    Ok(ProjectResponse {
        theme: m.theme()?,
        status: m.status()?,
        objective: u8::try_from(m.objective).map_err(|_| DbErr::Custom(format!("objective {}", m.objective)))?,
        id: m.id,
        title: m.title,
        summary: m.summary,
        member_id: m.member_id,
        created_by: m.created_by,
        created_at: m.created_at,
        updated_at: m.updated_at,
        delivery_methods: p.methods.into_iter().collect(),
        beneficiary_members: p.beneficiary_members.into_iter().collect(),
        beneficiary_regions: p.beneficiary_regions.into_iter().collect(),
        regions: p.regions.into_iter().collect(),
        budget_totals: totals(&p.budget).unwrap_or_default(),
        budget_lines: p
            .budget
            .into_iter()
            .map(|l| BudgetLine { category: l.category, description: l.description, amount: l.amount })
            .collect(),
        planned_start: m.planned_start,
        planned_end: m.planned_end,
        approvals_needed: u32::try_from(m.approvals_needed).unwrap_or(1),
        approved_by,
        allocated: m.allocated_minor.map(|v| Money::new(v, CHF)),
        budget_chf: m.budget_chf_minor.map(|v| Money::new(v, CHF)),
    })
}
