//! Reading ICT-support requests: a member sees its own body's; staff, the committee and admins
//! see all.

use api_types::assessments::{ListSupportRequests, SupportRequestResponse};
use platform::list::Window;
use platform::{ApiError, Caller};
use sea_orm::{ConnectionTrait, DatabaseConnection};
use uuid::Uuid;

use super::access;
use crate::store::{self, requests::Filter};

pub async fn list_requests(
    db: &DatabaseConnection,
    caller: &Caller,
    query: &ListSupportRequests,
    window: &Window,
) -> Result<(Vec<SupportRequestResponse>, u64), ApiError> {
    // A member's own body, whatever the filter asks for.
    let member_id = access::reader(caller)?.or(query.member_id);
    let filter = Filter { member_id, status: query.status, assessor_id: query.assessor_id };
    let (rows, total) = store::requests::list(db, &filter, window.limits()).await?;
    let items = rows.into_iter().map(SupportRequestResponse::try_from).collect::<Result<Vec<_>, _>>()?;
    Ok((items, total))
}

pub async fn get_request(
    db: &DatabaseConnection,
    caller: &Caller,
    id: Uuid,
) -> Result<SupportRequestResponse, ApiError> {
    let row = readable(db, caller, id).await?;
    Ok(SupportRequestResponse::try_from(row)?)
}

/// The request `id` if the caller may read it; 404 otherwise.
pub async fn readable(
    conn: &impl ConnectionTrait,
    caller: &Caller,
    id: Uuid,
) -> Result<store::requests::Model, ApiError> {
    access::reader(caller)?;
    let row = store::requests::find(conn, id).await?.ok_or_else(|| ApiError::not_found("request"))?;
    access::read_request(caller, &row)?;
    Ok(row)
}
