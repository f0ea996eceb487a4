//! Staff record a member's participation in a technical committee. A member is P or O in a
//! committee, not both at once; a committee has one secretariat at a time (409
//! `participation_overlap` otherwise).

use api_types::membership::{ParticipationInput, ParticipationResponse};
use platform::{ApiError, Caller};
use sea_orm::DatabaseConnection;
use uuid::Uuid;

use super::{access, today};
use crate::domain::participation::{Held, NewParticipation, check_against};
use crate::store;

pub async fn record_participation(
    db: &DatabaseConnection,
    caller: &Caller,
    member_id: Uuid,
    input: ParticipationInput,
) -> Result<ParticipationResponse, ApiError> {
    let user = access::editor(caller)?;
    let participation = NewParticipation::parse(&input, today()).map_err(ApiError::validation)?;
    let txn = store::write_txn(db).await?;
    store::participations::lock_committee(&txn, participation.committee.as_str()).await?;
    if store::members::find_model(&txn, member_id).await?.is_none() {
        return Err(ApiError::not_found("member"));
    }
    let candidate = Held {
        id: None,
        member_id,
        committee: participation.committee.as_str().to_owned(),
        role: participation.role,
        span: participation.span,
    };
    let others = store::participations::in_committees(&txn, std::slice::from_ref(&candidate.committee)).await?;
    if others
        .iter()
        .any(|o| o.member_id == member_id && o.role == candidate.role && o.span.since == candidate.span.since)
    {
        return Err(ApiError::conflict(
            crate::domain::codes::PARTICIPATION_OVERLAP,
            format!(
                "This participation ({} {} since {}) is already recorded.",
                candidate.committee,
                candidate.role.as_str(),
                candidate.span.since
            ),
        ));
    }
    check_against(&candidate, &others)?;
    let row = store::participations::insert(&txn, member_id, &participation, false, Some(user.id)).await?;
    let id = row.id;
    txn.commit().await?;
    store::participations::find_with_member(db, id).await?.ok_or_else(|| ApiError::not_found("participation"))
}
