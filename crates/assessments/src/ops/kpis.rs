//! `GET /kpis`: members assessed per region, average maturity per section and region, maturity
//! gained between first and latest assessment, requests by status (see `domain::kpis`).
//! Aggregates only; read by staff, admins, the committee and donors. Regions come from
//! membership; if it cannot be reached the figures are still given, with every member under
//! `unknown` and `regions_known: false`.

use std::collections::{BTreeMap, BTreeSet};

use api_types::Role;
use api_types::assessments::AssessmentKpis;
use api_types::membership::{ListMembers, MemberResponse};
use api_types::{Page, PageQuery};
use platform::{ApiError, Caller};
use sea_orm::DatabaseConnection;
use uuid::Uuid;

use super::links::Links;
use crate::domain::kpis::{self, KpiInputs};
use crate::store;

pub async fn kpis(db: &DatabaseConnection, links: &Links, caller: &Caller) -> Result<AssessmentKpis, ApiError> {
    caller.require(&[Role::Staff, Role::Admin, Role::Committee, Role::Donor])?;
    let txn = store::read_snapshot(db).await?;
    let statuses = store::requests::all_statuses(&txn).await?;
    let scored = store::assessments::submitted(&txn, None).await?;
    txn.commit().await?;
    let assessed: BTreeSet<Uuid> = scored.iter().map(|s| s.member_id).collect();
    let (regions, regions_known) = if assessed.is_empty() {
        (BTreeMap::new(), true)
    } else {
        match regions(links, caller, &assessed).await {
            Ok(regions) => (regions, true),
            Err(e) => {
                tracing::warn!(error = %e, "membership unavailable: KPIs without regions");
                (BTreeMap::new(), false)
            }
        }
    };
    Ok(kpis::compute(KpiInputs { statuses, scored, regions, regions_known }))
}

/// The liaison region of each of `wanted`, from membership's member list (200 a page).
async fn regions(
    links: &Links,
    caller: &Caller,
    wanted: &BTreeSet<Uuid>,
) -> Result<BTreeMap<Uuid, Option<String>>, ApiError> {
    let client = links.membership_as(caller)?;
    let mut found = BTreeMap::new();
    for page in 1.. {
        let members: Page<MemberResponse> = client
            .0
            .get_page("/members", &ListMembers::default(), PageQuery { page, per_page: api_types::page::MAX_PER_PAGE })
            .await
            .map_err(|e| ApiError::Unavailable { service: "membership".to_owned(), message: e.to_string() })?;
        let seen = u64::from(page) * u64::from(members.per_page);
        for m in members.items {
            if wanted.contains(&m.id) {
                found.insert(m.id, m.liaison_region);
            }
        }
        if seen >= members.total || found.len() == wanted.len() {
            break;
        }
    }
    Ok(found)
}
