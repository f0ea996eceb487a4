//! Staff delete a participation recorded by mistake (an ended one is closed with `until`
//! instead, so that the KPIs keep its history).

use platform::{ApiError, Caller};
use sea_orm::DatabaseConnection;
use uuid::Uuid;

use super::access;
use crate::store;

pub async fn remove_participation(db: &DatabaseConnection, caller: &Caller, id: Uuid) -> Result<(), ApiError> {
    access::editor(caller)?;
    let txn = store::write_txn(db).await?;
    if store::participations::find(&txn, id).await?.is_none() {
        return Err(ApiError::not_found("participation"));
    }
    store::participations::delete(&txn, id).await?;
    txn.commit().await?;
    Ok(())
}
