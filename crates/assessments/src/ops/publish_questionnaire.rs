//! Publishing questionnaire versions: the one built into the release at start-up (once), and
//! new ones staff write as data. A published version never changes, so answers given to it
//! stay comparable; a new version must carry a higher number.

use anyhow::Context;
use api_types::Role;
use api_types::assessments::{QuestionnaireDefinition, QuestionnaireResponse};
use platform::{ApiError, Caller};
use sea_orm::DatabaseConnection;

use crate::domain::{Refusal, codes, questionnaire};
use crate::store;

/// Publishes the built-in version unless it (or a later one) is there already.
pub async fn publish_builtin(db: &DatabaseConnection) -> anyhow::Result<()> {
    let def = questionnaire::builtin().map_err(|e| anyhow::anyhow!("{e}")).context("the built-in questionnaire")?;
    let txn = store::write_txn(db).await?;
    if store::questionnaires::find_version(&txn, def.version).await?.is_none() {
        store::questionnaires::insert(&txn, &def, None).await?;
        tracing::info!(version = def.version, "published the questionnaire");
    }
    txn.commit().await?;
    Ok(())
}

/// Staff (or an admin) publish a new version.
pub async fn publish(
    db: &DatabaseConnection,
    caller: &Caller,
    input: QuestionnaireDefinition,
) -> Result<QuestionnaireResponse, ApiError> {
    let user = caller.require(&[Role::Staff, Role::Admin])?;
    let def = questionnaire::check(input)?;
    let txn = store::write_txn(db).await?;
    if let Some(latest) = store::questionnaires::latest(&txn).await?
        && latest.version >= def.version
    {
        return Err(Refusal::conflict(
            codes::VERSION_NOT_NEWER,
            format!("Version {} is published already; a new version must be above it.", latest.version),
        )
        .into());
    }
    let row = store::questionnaires::insert(&txn, &def, Some(user.id)).await?;
    txn.commit().await?;
    tracing::info!(version = def.version, by = %user.id, "published a questionnaire version");
    Ok(QuestionnaireResponse::try_from(row)?)
}
