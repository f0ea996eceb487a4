//! Reading member bodies: every signed-in role may read the registry, except that a member
//! account sees only its own body. The directory summary (public facts, no contacts) of any
//! body is open to every signed-in role, so that a member can name another as a beneficiary.

use api_types::membership::{ListMembers, MemberResponse, MemberSummary};
use platform::list::Window;
use platform::{ApiError, Caller};
use sea_orm::DatabaseConnection;
use uuid::Uuid;

use super::access;
use crate::store::{self, members::Filter};

pub async fn list_members(
    db: &DatabaseConnection,
    caller: &Caller,
    query: &ListMembers,
    window: &Window,
) -> Result<(Vec<MemberResponse>, u64), ApiError> {
    let only = access::reader(caller)?;
    if let Some(region) = &query.region
        && !store::regions::exists(db, region).await?
    {
        return Err(ApiError::invalid("region", format!("no liaison region {region:?}")));
    }
    let filter = Filter {
        only,
        developing: query.developing,
        region: query.region.clone(),
        category: query.category,
        status: query.status,
        devco: query.devco,
        q: query.q.clone(),
    };
    Ok(store::members::list(db, &filter, window.limits()).await?)
}

pub async fn get_member(db: &DatabaseConnection, caller: &Caller, id: Uuid) -> Result<MemberResponse, ApiError> {
    access::read_member(caller, id)?;
    store::members::find(db, id).await?.ok_or_else(|| ApiError::not_found("member"))
}

/// The public facts of member `id`, for any signed-in role (401 signed out, 404 unknown).
pub async fn member_summary(db: &DatabaseConnection, caller: &Caller, id: Uuid) -> Result<MemberSummary, ApiError> {
    caller.require(&access::READERS)?;
    let member = store::members::find(db, id).await?.ok_or_else(|| ApiError::not_found("member"))?;
    Ok(member.into())
}
