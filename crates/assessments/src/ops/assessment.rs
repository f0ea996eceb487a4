//! Reading an assessment: the answers so far and what each section still misses.

use api_types::assessments::{AnswerResponse, AssessmentResponse, SectionProgress};
use platform::{ApiError, Caller};
use sea_orm::{ConnectionTrait, DatabaseConnection, DbErr};
use uuid::Uuid;

use super::requests::readable;
use crate::domain::answers;
use crate::domain::questionnaire::Definition;
use crate::store;

pub async fn get_assessment(
    db: &DatabaseConnection,
    caller: &Caller,
    id: Uuid,
) -> Result<AssessmentResponse, ApiError> {
    let request = readable(db, caller, id).await?;
    let assessment =
        store::assessments::find(db, request.id).await?.ok_or_else(|| ApiError::not_found("assessment"))?;
    Ok(response(db, assessment).await?)
}

/// The questionnaire version an assessment is answered on.
pub async fn definition(
    conn: &impl ConnectionTrait,
    assessment: &store::assessments::Model,
) -> Result<Definition, DbErr> {
    store::questionnaires::find(conn, assessment.questionnaire_id)
        .await?
        .ok_or_else(|| DbErr::RecordNotFound(format!("questionnaire {}", assessment.questionnaire_id)))?
        .definition()
}

/// The assessment as the API shows it.
pub async fn response(
    conn: &impl ConnectionTrait,
    assessment: store::assessments::Model,
) -> Result<AssessmentResponse, DbErr> {
    let def = definition(conn, &assessment).await?;
    let rows = store::answers::of_request(conn, assessment.request_id).await?;
    let given = store::answers::to_answers(&rows)?;
    let missing = answers::missing(&def, &given);
    let progress = def
        .sections
        .iter()
        .map(|s| SectionProgress {
            section: s.code.clone(),
            answered: u32::try_from(s.questions.iter().filter(|q| given.contains_key(&q.code)).count()).unwrap_or(0),
            questions: u32::try_from(s.questions.len()).unwrap_or(0),
            missing: s.questions.iter().filter(|q| missing.contains(&q.code)).map(|q| q.code.clone()).collect(),
        })
        .collect();
    Ok(AssessmentResponse {
        request_id: assessment.request_id,
        member_id: assessment.member_id,
        questionnaire_version: assessment.questionnaire_version,
        status: assessment.status()?,
        answers: rows.into_iter().map(AnswerResponse::try_from).collect::<Result<_, _>>()?,
        progress,
        started_at: assessment.started_at,
        submitted_at: assessment.submitted_at,
        submitted_by: assessment.submitted_by,
    })
}

/// The request's assessment, started on the latest questionnaire version if it has none yet.
pub async fn ensure_started(
    conn: &impl ConnectionTrait,
    request: &store::requests::Model,
) -> Result<store::assessments::Model, ApiError> {
    if let Some(existing) = store::assessments::find(conn, request.id).await? {
        return Ok(existing);
    }
    let q = store::questionnaires::latest(conn).await?.ok_or_else(|| ApiError::not_found("published questionnaire"))?;
    Ok(store::assessments::start(conn, request.id, request.member_id, q.id, q.version).await?)
}
