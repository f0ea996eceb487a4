//! The member (or its assessor) saves the answers of one section; they can leave and resume.
//! The first save moves the request from `open` to `assessing`.

use api_types::assessments::{AssessmentResponse, SaveSection};
use platform::{ApiError, Caller};
use sea_orm::DatabaseConnection;
use uuid::Uuid;

use super::{access, assessment};
use crate::domain::{answers, lifecycle};
use crate::store::{self, requests::Change};

pub async fn save_section(
    db: &DatabaseConnection,
    caller: &Caller,
    id: Uuid,
    section: &str,
    input: SaveSection,
) -> Result<AssessmentResponse, ApiError> {
    let txn = store::write_txn(db).await?;
    let request = store::requests::find_for_update(&txn, id).await?.ok_or_else(|| ApiError::not_found("request"))?;
    let user = access::answerer(caller, &request)?;
    let next = lifecycle::save_answers(request.status()?)?;
    let started = assessment::ensure_started(&txn, &request).await?;
    let def = assessment::definition(&txn, &started).await?;
    let given = answers::parse_section(&def, section, input)?;
    let questions: Vec<&str> = def
        .sections
        .iter()
        .filter(|s| s.code == section)
        .flat_map(|s| s.questions.iter().map(|q| q.code.as_str()))
        .collect();
    store::answers::replace(&txn, request.id, &questions, &given, user.id).await?;
    if request.status()? != next {
        store::requests::update(&txn, request, Change { status: Some(next), ..Change::default() }).await?;
    }
    let response = assessment::response(&txn, started).await?;
    txn.commit().await?;
    Ok(response)
}
