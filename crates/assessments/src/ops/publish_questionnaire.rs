//! Publishes the questionnaire version built into this release, once. Published versions are
//! never changed: assessments made against a version stay comparable.

use anyhow::Context;
use sea_orm::{DatabaseConnection, TransactionTrait};

use crate::domain::questionnaire;
use crate::store;

pub async fn publish_builtin(db: &DatabaseConnection) -> anyhow::Result<()> {
    let json = questionnaire::BUILTIN_JSON;
    let def = questionnaire::parse(json).context("the built-in questionnaire")?;
    let txn = db.begin().await?;
    if store::questionnaires::find_version(&txn, def.version).await?.is_none() {
        store::questionnaires::insert(&txn, &def, json).await?;
        tracing::info!(version = def.version, "published the questionnaire");
    }
    txn.commit().await?;
    Ok(())
}
