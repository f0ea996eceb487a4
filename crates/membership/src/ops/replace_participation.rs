//! Staff correct a participation record (committee, role, period), under the same rules as a
//! new one.

use api_types::membership::{ParticipationInput, ParticipationResponse};
use platform::{ApiError, Caller};
use sea_orm::{DatabaseConnection, SqlErr};
use uuid::Uuid;

use super::{access, today};
use crate::domain::codes;
use crate::domain::participation::{Held, NewParticipation, check_against};
use crate::store;

pub async fn replace_participation(
    db: &DatabaseConnection,
    caller: &Caller,
    id: Uuid,
    input: ParticipationInput,
) -> Result<ParticipationResponse, ApiError> {
    let user = access::editor(caller)?;
    let participation = NewParticipation::parse(&input, today()).map_err(ApiError::validation)?;
    let txn = store::write_txn(db).await?;
    store::participations::lock_committee(&txn, participation.committee.as_str()).await?;
    let current = store::participations::find(&txn, id).await?.ok_or_else(|| ApiError::not_found("participation"))?;
    if current.committee != participation.committee.as_str() {
        store::participations::lock_committee(&txn, &current.committee).await?;
    }
    let candidate = Held {
        id: Some(id),
        member_id: current.member_id,
        committee: participation.committee.as_str().to_owned(),
        role: participation.role,
        span: participation.span,
    };
    let others = store::participations::in_committees(&txn, std::slice::from_ref(&candidate.committee)).await?;
    check_against(&candidate, &others)?;
    store::participations::replace(&txn, current, &participation, user.id).await.map_err(|e| match e.sql_err() {
        Some(SqlErr::UniqueConstraintViolation(_)) => ApiError::conflict(
            codes::PARTICIPATION_OVERLAP,
            "The same participation (committee, role and start) is already recorded for this member.",
        ),
        _ => ApiError::from(e),
    })?;
    txn.commit().await?;
    store::participations::find_with_member(db, id).await?.ok_or_else(|| ApiError::not_found("participation"))
}
