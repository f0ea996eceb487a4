//! Member bodies: every signed-in role may read the registry, except that a member account sees
//! only its own body.

use api_types::Role;
use api_types::membership::{ListMembers, MemberResponse};
use platform::list::Window;
use platform::{ApiError, Caller};
use sea_orm::DatabaseConnection;
use uuid::Uuid;

use crate::store::{self, members::Filter};

/// The member a member account is limited to; `None` for roles that see the whole registry.
fn restriction(caller: &Caller) -> Result<Option<Uuid>, ApiError> {
    let user = caller.user()?;
    match user.role {
        Role::Member => {
            Ok(Some(user.member_id.ok_or_else(|| ApiError::forbidden("This account is not linked to a member body."))?))
        }
        Role::Staff | Role::Committee | Role::Admin | Role::Donor => Ok(None),
    }
}

pub async fn list_members(
    db: &DatabaseConnection,
    caller: &Caller,
    query: &ListMembers,
    window: &Window,
) -> Result<(Vec<MemberResponse>, u64), ApiError> {
    let filter = Filter {
        only: restriction(caller)?,
        developing: query.developing,
        region: query.region.clone(),
        category: query.category,
        q: query.q.clone(),
    };
    Ok(store::members::list(db, &filter, window.limits()).await?)
}

pub async fn get_member(db: &DatabaseConnection, caller: &Caller, id: Uuid) -> Result<MemberResponse, ApiError> {
    if let Some(own) = restriction(caller)?
        && own != id
    {
        return Err(ApiError::not_found("member"));
    }
    store::members::find(db, id).await?.ok_or_else(|| ApiError::not_found("member"))
}
