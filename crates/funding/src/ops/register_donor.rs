//! Staff register a donor.

use api_types::Role;
use api_types::error::codes;
use api_types::funding::{CreateDonor, DonorResponse};
use platform::{ApiError, Caller, outbox};
use sea_orm::{DatabaseConnection, SqlErr, TransactionTrait};
use serde::Serialize;
use uuid::Uuid;

use crate::domain::donor::NewDonor;
use crate::store;

/// Event `funding.donor_registered`.
pub const TOPIC: &str = "funding.donor_registered";

#[derive(Debug, Serialize)]
struct DonorRegistered<'a> {
    donor_id: Uuid,
    name: &'a str,
    donor_type: &'a str,
}

pub async fn register_donor(
    db: &DatabaseConnection,
    caller: &Caller,
    input: CreateDonor,
) -> Result<DonorResponse, ApiError> {
    caller.require(&[Role::Staff, Role::Admin])?;
    let donor = NewDonor::parse(input).map_err(|e| ApiError::validation(e.0))?;
    let txn = db.begin().await?;
    let row = store::donors::insert(&txn, Uuid::now_v7(), &donor, false).await.map_err(|e| match e.sql_err() {
        Some(SqlErr::UniqueConstraintViolation(_)) => {
            ApiError::conflict(codes::CONFLICT, format!("a donor named {:?} already exists", donor.name()))
        }
        _ => ApiError::from(e),
    })?;
    outbox::enqueue(
        &txn,
        crate::SERVICE,
        TOPIC,
        &DonorRegistered { donor_id: row.id, name: &row.name, donor_type: &row.donor_type },
    )
    .await?;
    txn.commit().await?;
    Ok(DonorResponse::try_from(row)?)
}
