//! Staff assign the assessor who runs the assessment with the member.

use api_types::assessments::{AssignAssessor, RequestStatus, SupportRequestResponse};
use platform::{ApiError, Caller};
use sea_orm::DatabaseConnection;
use uuid::Uuid;

use super::access;
use crate::domain::{Refusal, codes};
use crate::store::{self, requests::Change};

pub async fn assign_assessor(
    db: &DatabaseConnection,
    caller: &Caller,
    id: Uuid,
    input: AssignAssessor,
) -> Result<SupportRequestResponse, ApiError> {
    access::staff(caller)?;
    let txn = store::write_txn(db).await?;
    let row = store::requests::find_for_update(&txn, id).await?.ok_or_else(|| ApiError::not_found("request"))?;
    let status = row.status()?;
    if matches!(status, RequestStatus::Accepted | RequestStatus::Closed) {
        return Err(Refusal::conflict(
            codes::ILLEGAL_TRANSITION,
            format!("A request that is {} needs no assessor.", status.as_str()),
        )
        .into());
    }
    let row = store::requests::update(&txn, row, Change { assessor_id: Some(input.assessor_id), ..Change::default() })
        .await?;
    txn.commit().await?;
    Ok(SupportRequestResponse::try_from(row)?)
}
