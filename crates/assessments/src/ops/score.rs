//! The score of a submitted assessment, with what pulled each section down.

use api_types::assessments::ScoreResponse;
use platform::{ApiError, Caller};
use sea_orm::DatabaseConnection;
use uuid::Uuid;

use super::requests::readable;
use crate::domain::{Refusal, codes, lifecycle};
use crate::store;

pub async fn get_score(db: &DatabaseConnection, caller: &Caller, id: Uuid) -> Result<ScoreResponse, ApiError> {
    let request = readable(db, caller, id).await?;
    lifecycle::scored(request.status()?)?;
    store::assessments::find(db, request.id)
        .await?
        .map(|a| a.score())
        .transpose()?
        .flatten()
        .ok_or_else(|| Refusal::conflict(codes::NOT_SCORED, "The assessment has not been submitted yet.").into())
}
