//! Loads the liaison regions and countries into an empty database, once, and the default
//! country → region mapping into an empty mapping history. After that the stored copies are the
//! reference: staff edits must survive restarts and upgrades.

use anyhow::Context;
use sea_orm::DatabaseConnection;

use crate::domain::reference::{self, LIAISON_REGIONS};
use crate::store;

pub async fn load_reference(db: &DatabaseConnection) -> anyhow::Result<()> {
    let txn = store::write_txn(db).await?;
    if store::regions::count(&txn).await? == 0 {
        store::regions::insert_defaults(&txn, &LIAISON_REGIONS).await?;
    }
    if store::countries::count(&txn).await? == 0 {
        let records = reference::countries().context("parsing the embedded country data")?;
        store::countries::insert_reference(&txn, &records).await?;
        tracing::info!(countries = records.len(), "loaded country reference data");
    }
    // A database from before the mapping history (or a fresh one) gets its default mapping:
    // one period since the start for each country that has a region.
    if store::region_mapping::count(&txn).await? == 0 {
        let rows: Vec<(String, String)> = store::countries::all(&txn)
            .await?
            .into_iter()
            .filter_map(|c| c.liaison_region.map(|r| (c.code, r)))
            .collect();
        store::region_mapping::insert_defaults(&txn, &rows).await?;
        tracing::info!(countries = rows.len(), "recorded the default liaison-region mapping");
    }
    // Members carried over by the migration have lower-cased sort names; fold them properly.
    let refolded = store::members::refold_names(&txn).await?;
    if refolded > 0 {
        tracing::info!(members = refolded, "refolded member sort names");
    }
    txn.commit().await?;
    Ok(())
}
