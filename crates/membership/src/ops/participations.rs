//! Reading technical-committee participation: every reader role; a member account sees its own
//! body's only.

use api_types::membership::{ListParticipations, ParticipationResponse};
use platform::list::Window;
use platform::{ApiError, Caller};
use sea_orm::DatabaseConnection;
use uuid::Uuid;

use super::access;
use crate::domain::participation::CommitteeRef;
use crate::store::{self, participations::Filter};

/// `GET /participations` (`member` unset) and `GET /members/{id}/participations`.
pub async fn list_participations(
    db: &DatabaseConnection,
    caller: &Caller,
    member: Option<Uuid>,
    query: &ListParticipations,
    window: &Window,
) -> Result<(Vec<ParticipationResponse>, u64), ApiError> {
    let own = access::reader(caller)?;
    if let Some(id) = member {
        access::read_member(caller, id)?;
        if store::members::find_model(db, id).await?.is_none() {
            return Err(ApiError::not_found("member"));
        }
    }
    let committee = match &query.committee {
        Some(c) => Some(CommitteeRef::parse(c).map_err(|p| ApiError::invalid("committee", p))?.as_str().to_owned()),
        None => None,
    };
    if let Some(region) = &query.region
        && !store::regions::exists(db, region).await?
    {
        return Err(ApiError::invalid("region", format!("no liaison region {region:?}")));
    }
    let filter = Filter {
        member_id: member,
        committee,
        role: query.role,
        on: query.on,
        developing: query.developing,
        region: query.region.clone(),
        only_member: own,
    };
    Ok(store::participations::list(db, &filter, window.limits()).await?)
}

pub async fn get_participation(
    db: &DatabaseConnection,
    caller: &Caller,
    id: Uuid,
) -> Result<ParticipationResponse, ApiError> {
    let own = access::reader(caller)?;
    let found =
        store::participations::find_with_member(db, id).await?.ok_or_else(|| ApiError::not_found("participation"))?;
    if own.is_some_and(|own| own != found.member_id) {
        return Err(ApiError::not_found("participation"));
    }
    Ok(found)
}
