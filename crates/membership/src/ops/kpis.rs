//! `GET /kpis`: the participation KPIs as yearly series (see `domain::kpis` for the rules).
//! Aggregates only; read by staff, admins, the committee and donors.

use api_types::Role;
use api_types::membership::{KpiQuery, KpiRegion, MembershipKpis};
use chrono::Utc;
use platform::{ApiError, Caller};
use sea_orm::{DatabaseConnection, DbErr};

use super::today;
use crate::domain::kpis::{self, KpiInputs, KpiMember, KpiParticipation};
use crate::domain::participation::Span;
use crate::store;

pub async fn kpis(db: &DatabaseConnection, caller: &Caller, query: &KpiQuery) -> Result<MembershipKpis, ApiError> {
    caller.require(&[Role::Staff, Role::Admin, Role::Committee, Role::Donor])?;
    let today = today();
    let years = kpis::years(query.from, query.to, today)?;
    let inputs = load(db).await?;
    Ok(kpis::compute(&inputs, years, today, Utc::now()))
}

/// Everything the KPIs read, from one consistent snapshot.
pub async fn load(db: &DatabaseConnection) -> Result<KpiInputs, DbErr> {
    let txn = store::read_snapshot(db).await?;
    let regions = store::regions::all(&txn)
        .await?
        .into_iter()
        .map(|r| KpiRegion { code: r.code, name_en: r.name_en, name_fr: r.name_fr })
        .collect();
    let histories = store::member_categories::all_by_member(&txn).await?;
    let members = store::members::all(&txn)
        .await?
        .into_iter()
        .map(|m| {
            let categories = match histories.get(&m.id) {
                Some(rows) if !rows.is_empty() => store::member_categories::kpi_entries(rows)?,
                // A member always has its joining entry; fall back to its category if not.
                _ => vec![kpis::CategoryEntry { valid_from: m.joined_on, seq: 0, category: m.category()? }],
            };
            Ok(KpiMember {
                status: m.status()?,
                id: m.id,
                country: m.country,
                joined_on: m.joined_on,
                left_on: m.left_on,
                devco: m.devco,
                categories,
            })
        })
        .collect::<Result<Vec<_>, DbErr>>()?;
    let mapping = store::region_mapping::all_histories(&txn).await?;
    let participations = store::participations::all(&txn)
        .await?
        .into_iter()
        .map(|p| {
            Ok(KpiParticipation {
                member_id: p.member_id,
                role: p.role()?,
                span: Span { since: p.since, until: p.until },
            })
        })
        .collect::<Result<Vec<_>, DbErr>>()?;
    txn.commit().await?;
    Ok(KpiInputs { regions, members, mapping, participations })
}
