//! A member's maturity over time: its own account, staff, admins and the committee read it.

use api_types::assessments::MaturityHistory;
use platform::{ApiError, Caller};
use sea_orm::DatabaseConnection;
use uuid::Uuid;

use super::access;
use crate::domain::history;
use crate::store;

pub async fn maturity(db: &DatabaseConnection, caller: &Caller, member_id: Uuid) -> Result<MaturityHistory, ApiError> {
    if let Some(own) = access::reader(caller)?
        && own != member_id
    {
        return Err(ApiError::not_found("member"));
    }
    let scored = store::assessments::submitted(db, Some(member_id)).await?;
    Ok(history::history(member_id, scored))
}
