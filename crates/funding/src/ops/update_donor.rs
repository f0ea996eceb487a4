//! Staff change a donor: name, type, country, consent to be named, contact details.

use api_types::error::codes;
use api_types::funding::{DonorResponse, UpdateDonor};
use platform::{ApiError, Caller};
use sea_orm::{DatabaseConnection, SqlErr};
use uuid::Uuid;

use super::access;
use crate::domain::donor::DonorChange;
use crate::store;

pub async fn update_donor(
    db: &DatabaseConnection,
    caller: &Caller,
    id: Uuid,
    input: UpdateDonor,
) -> Result<DonorResponse, ApiError> {
    let user = access::staff(caller)?;
    let change = DonorChange::parse(input).map_err(|e| ApiError::validation(e.0))?;
    let txn = platform::db::write_txn(db).await?;
    let current = store::donors::find(&txn, id).await?.ok_or_else(|| ApiError::not_found("donor"))?;
    let row = store::donors::update(&txn, current, &change).await.map_err(|e| match e.sql_err() {
        Some(SqlErr::UniqueConstraintViolation(_)) => ApiError::conflict(
            codes::CONFLICT,
            format!("a donor named {:?} already exists", change.name.as_deref().unwrap_or_default()),
        ),
        _ => ApiError::from(e),
    })?;
    txn.commit().await?;
    Ok(access::redact(user, DonorResponse::try_from(row)?))
}
