//! `GET /kpis`: the capacity-building and impact KPIs over every project.

use std::collections::BTreeMap;

use api_types::Role;
use api_types::projects::{ActualStatus, ProjectKpis};
use chrono::Datelike;
use platform::Caller;
use sea_orm::DatabaseConnection;
use uuid::Uuid;

use crate::domain::kpis::{IndicatorFacts, ProjectFacts, compute};
use crate::error::Result;
use crate::store::{projects, results};

pub async fn kpis(db: &DatabaseConnection, caller: &Caller) -> Result<ProjectKpis> {
    caller.require(&[Role::Staff, Role::Committee, Role::Admin, Role::Donor])?;
    let rows = projects::all(db).await?;
    let projects = projects::with_parts(db, rows).await?;
    let mut facts = Vec::with_capacity(projects.len());
    for p in projects {
        facts.push(ProjectFacts {
            status: p.row.status()?,
            theme: p.row.theme()?.as_str(),
            methods: p.methods.iter().map(|m| m.as_str()).collect(),
            regions: p.regions.into_iter().collect(),
            start_year: p.row.planned_start.map(|d| d.year()),
        });
    }
    // The latest approved actual of each indicator (actuals come ordered by period).
    let mut current: BTreeMap<Uuid, i64> = BTreeMap::new();
    for a in results::actuals_of(db, None).await? {
        if a.status == ActualStatus::Approved.as_str() {
            current.insert(a.indicator_id, a.value);
        }
    }
    let indicators: Vec<IndicatorFacts> = results::indicators_of(db, None)
        .await?
        .into_iter()
        .map(|i| IndicatorFacts {
            current: current.get(&i.id).copied(),
            unit: i.unit,
            baseline: i.baseline,
            target: i.target,
        })
        .collect();
    let ratings: Vec<u8> =
        results::all_evaluations(db).await?.into_iter().filter_map(|e| u8::try_from(e.rating).ok()).collect();
    Ok(compute(&facts, &indicators, &ratings))
}
