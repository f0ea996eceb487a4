//! Staff close a request that will not go further, with a reason.

use api_types::assessments::{CloseRequest, SupportRequestResponse};
use platform::{ApiError, Caller};
use sea_orm::DatabaseConnection;
use uuid::Uuid;

use super::access;
use crate::domain::{lifecycle, request};
use crate::store::{self, requests::Change};

pub async fn close_request(
    db: &DatabaseConnection,
    caller: &Caller,
    id: Uuid,
    input: CloseRequest,
) -> Result<SupportRequestResponse, ApiError> {
    access::staff(caller)?;
    let reason = request::close_reason(&input.reason)?;
    let txn = store::write_txn(db).await?;
    let row = store::requests::find_for_update(&txn, id).await?.ok_or_else(|| ApiError::not_found("request"))?;
    let status = lifecycle::close(row.status()?)?;
    let row = store::requests::update(
        &txn,
        row,
        Change { status: Some(status), closed_reason: Some(reason), ..Change::default() },
    )
    .await?;
    txn.commit().await?;
    Ok(SupportRequestResponse::try_from(row)?)
}
