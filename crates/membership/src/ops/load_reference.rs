//! Loads the liaison regions and countries into an empty database, once. After that the stored
//! copies are the reference: staff edits must survive restarts and upgrades.

use anyhow::Context;
use sea_orm::{DatabaseConnection, TransactionTrait};

use crate::domain::reference::{self, LIAISON_REGIONS};
use crate::store;

pub async fn load_reference(db: &DatabaseConnection) -> anyhow::Result<()> {
    let txn = db.begin().await?;
    if store::regions::count(&txn).await? == 0 {
        store::regions::insert_defaults(&txn, &LIAISON_REGIONS).await?;
    }
    if store::countries::count(&txn).await? == 0 {
        let records = reference::countries().context("parsing the embedded country data")?;
        store::countries::insert_reference(&txn, &records).await?;
        tracing::info!(countries = records.len(), "loaded country reference data");
    }
    txn.commit().await?;
    Ok(())
}
