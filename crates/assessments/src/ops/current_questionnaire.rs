//! The questionnaire version new assessments use.

use api_types::assessments::QuestionnaireResponse;
use platform::{ApiError, Caller};
use sea_orm::DatabaseConnection;

use crate::store;

pub async fn current_questionnaire(
    db: &DatabaseConnection,
    caller: &Caller,
) -> Result<QuestionnaireResponse, ApiError> {
    caller.user()?;
    let row = store::questionnaires::latest(db).await?.ok_or_else(|| ApiError::not_found("published questionnaire"))?;
    Ok(QuestionnaireResponse::try_from(row)?)
}
