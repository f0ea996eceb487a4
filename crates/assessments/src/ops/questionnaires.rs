//! Reading questionnaire versions: any signed-in account.

use api_types::assessments::QuestionnaireResponse;
use platform::{ApiError, Caller};
use sea_orm::DatabaseConnection;

use crate::store;

/// The version new assessments start on: the latest published.
pub async fn current(db: &DatabaseConnection, caller: &Caller) -> Result<QuestionnaireResponse, ApiError> {
    caller.user()?;
    let row = store::questionnaires::latest(db).await?.ok_or_else(|| ApiError::not_found("published questionnaire"))?;
    Ok(QuestionnaireResponse::try_from(row)?)
}

/// One published version, e.g. the one an older assessment was answered on.
pub async fn version(
    db: &DatabaseConnection,
    caller: &Caller,
    version: i32,
) -> Result<QuestionnaireResponse, ApiError> {
    caller.user()?;
    let row = store::questionnaires::find_version(db, version)
        .await?
        .ok_or_else(|| ApiError::not_found(format!("questionnaire version {version}")))?;
    Ok(QuestionnaireResponse::try_from(row)?)
}
