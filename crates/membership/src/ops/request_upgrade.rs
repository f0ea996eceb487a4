//! A member asks to move up one category, with a justification (staff may file the request on
//! a member's behalf). Downgrades, skips and a second open request are refused with 409s that
//! say why.

use api_types::membership::{CreateUpgradeRequest, UpgradeRequestResponse};
use chrono::Utc;
use platform::{ApiError, Caller};
use sea_orm::{DatabaseConnection, SqlErr};
use uuid::Uuid;

use super::access;
use crate::domain::{codes, upgrade};
use crate::store::{self, upgrade_requests::NewRequest};

pub async fn request_upgrade(
    db: &DatabaseConnection,
    caller: &Caller,
    member_id: Uuid,
    input: CreateUpgradeRequest,
) -> Result<UpgradeRequestResponse, ApiError> {
    let user = access::editor_or_owner(caller, member_id)?;
    let txn = store::write_txn(db).await?;
    let member =
        store::members::find_for_update(&txn, member_id).await?.ok_or_else(|| ApiError::not_found("member"))?;
    let open = store::upgrade_requests::open_of(&txn, member_id).await?;
    let from = member.category()?;
    let justification =
        upgrade::check_request(from, member.status()?, open.is_some(), input.to_category, &input.justification)?;
    let row = store::upgrade_requests::insert(
        &txn,
        &NewRequest {
            id: Uuid::now_v7(),
            member_id,
            from,
            to: input.to_category,
            justification: &justification,
            requested_by: user.id,
            requested_at: Utc::now(),
            decision: None,
        },
    )
    .await
    .map_err(|e| match e.sql_err() {
        // The partial unique index: another request was filed in between.
        Some(SqlErr::UniqueConstraintViolation(_)) => ApiError::conflict(
            codes::UPGRADE_REQUEST_OPEN,
            "The member already has an open upgrade request; wait for the decision on it.",
        ),
        _ => ApiError::from(e),
    })?;
    txn.commit().await?;
    Ok(UpgradeRequestResponse::try_from(row)?)
}
