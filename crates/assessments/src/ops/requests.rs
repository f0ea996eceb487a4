//! Reading ICT-support requests: a member sees its own body's, staff, the committee and admins
//! see all.

use api_types::Role;
use api_types::assessments::{ListSupportRequests, SupportRequestResponse};
use platform::list::Window;
use platform::{ApiError, Caller};
use sea_orm::DatabaseConnection;

use crate::store::{self, requests::Filter};

pub async fn list_requests(
    db: &DatabaseConnection,
    caller: &Caller,
    query: &ListSupportRequests,
    window: &Window,
) -> Result<(Vec<SupportRequestResponse>, u64), ApiError> {
    let user = caller.require(&[Role::Member, Role::Staff, Role::Committee, Role::Admin])?;
    let member_id = match user.role {
        // A member's own body, whatever the filter asks for.
        Role::Member => {
            Some(user.member_id.ok_or_else(|| ApiError::forbidden("This account is not linked to a member body."))?)
        }
        _ => query.member_id,
    };
    let (rows, total) = store::requests::list(db, &Filter { member_id, status: query.status }, window.limits()).await?;
    let items = rows.into_iter().map(SupportRequestResponse::try_from).collect::<Result<Vec<_>, _>>()?;
    Ok((items, total))
}
