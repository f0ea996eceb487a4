//! Reading upgrade requests: staff, admins, the committee and donors see them all; a member
//! account sees its own body's.

use api_types::membership::{ListUpgradeRequests, UpgradeRequestResponse};
use platform::list::Window;
use platform::{ApiError, Caller};
use sea_orm::DatabaseConnection;
use uuid::Uuid;

use super::access;
use crate::store::{self, upgrade_requests::Filter};

/// `GET /upgrade-requests` (`member` unset) and `GET /members/{id}/upgrade-requests`.
pub async fn list_upgrade_requests(
    db: &DatabaseConnection,
    caller: &Caller,
    member: Option<Uuid>,
    query: &ListUpgradeRequests,
    window: &Window,
) -> Result<(Vec<UpgradeRequestResponse>, u64), ApiError> {
    let own = access::reader(caller)?;
    let member_id = member.or(query.member_id);
    if let Some(id) = member {
        access::read_member(caller, id)?;
        if store::members::find_model(db, id).await?.is_none() {
            return Err(ApiError::not_found("member"));
        }
    }
    let member_id = match (own, member_id) {
        // A member account listing all requests sees its own.
        (Some(own), None) => Some(own),
        (Some(own), Some(asked)) if own != asked => return Ok((Vec::new(), 0)),
        (_, asked) => asked,
    };
    let (rows, total) =
        store::upgrade_requests::list(db, &Filter { member_id, status: query.status }, window.limits()).await?;
    let items = rows.into_iter().map(UpgradeRequestResponse::try_from).collect::<Result<Vec<_>, _>>()?;
    Ok((items, total))
}

pub async fn get_upgrade_request(
    db: &DatabaseConnection,
    caller: &Caller,
    id: Uuid,
) -> Result<UpgradeRequestResponse, ApiError> {
    let own = access::reader(caller)?;
    let row = store::upgrade_requests::find(db, id).await?.ok_or_else(|| ApiError::not_found("upgrade request"))?;
    if own.is_some_and(|own| own != row.member_id) {
        return Err(ApiError::not_found("upgrade request"));
    }
    Ok(UpgradeRequestResponse::try_from(row)?)
}
