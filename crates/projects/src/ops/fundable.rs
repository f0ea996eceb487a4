//! `GET /projects/fundable`: approved projects that still need money, for the funding service's
//! allocation planner.

use std::collections::BTreeMap;

use api_types::Role;
use api_types::projects::FundableProject;
use platform::Caller;
use sea_orm::DatabaseConnection;
use uuid::Uuid;

use crate::domain::proposal::totals;
use crate::error::Result;
use crate::store::{projects, workflow};

pub async fn fundable(db: &DatabaseConnection, caller: &Caller) -> Result<Vec<FundableProject>> {
    caller.require(&[Role::Staff, Role::Admin, Role::Donor, Role::Committee])?;
    let rows = projects::fundable(db).await?;
    let ids: Vec<Uuid> = rows.iter().map(|r| r.id).collect();
    // The latest review's total per project (reviews come oldest first).
    let mut score: BTreeMap<Uuid, u8> = BTreeMap::new();
    for r in workflow::reviews_of(db, ids).await? {
        let total = [r.objective_score, r.topic_score, r.delivery_score, r.geographic_score]
            .iter()
            .map(|s| i32::from(*s))
            .sum::<i32>();
        score.insert(r.project_id, u8::try_from(total).unwrap_or(0));
    }
    let mut out = Vec::new();
    for p in projects::with_parts(db, rows).await? {
        // Fully funded projects have moved on to `funded`; an approved one still needs money.
        let Some(approved_at) = p.row.approved_at else { continue };
        out.push(FundableProject {
            id: p.row.id,
            title: p.row.title.clone(),
            theme: p.row.theme()?,
            member_id: p.row.member_id,
            regions: p.regions.into_iter().collect(),
            budget: totals(&p.budget).unwrap_or_default(),
            review_score: score.get(&p.row.id).copied(),
            approved_at,
        });
    }
    Ok(out)
}
