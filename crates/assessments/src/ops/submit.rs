//! Submitting an assessment: every required question must be answered (422 naming each missing
//! one); the answers are scored, the score is fixed with its explanation, the questionnaire's
//! rules turn the gaps into recommendations, and the request becomes `scored`. Emits
//! `assessments.assessment_scored`.

use api_types::assessments::ScoreResponse;
use platform::{ApiError, Caller, outbox};
use sea_orm::DatabaseConnection;
use serde::Serialize;
use uuid::Uuid;

use super::{access, assessment};
use crate::domain::recommend::{self, Fields};
use crate::domain::{Problems, Refusal, answers, lifecycle, scoring};
use crate::store::{self, requests::Change};

/// Event `assessments.assessment_scored`.
pub const TOPIC: &str = "assessments.assessment_scored";

#[derive(Debug, Serialize)]
struct AssessmentScored<'a> {
    request_id: Uuid,
    member_id: Uuid,
    questionnaire_version: i32,
    level: u8,
    sections: Vec<(&'a str, u8)>,
}

pub async fn submit(db: &DatabaseConnection, caller: &Caller, id: Uuid) -> Result<ScoreResponse, ApiError> {
    let txn = store::write_txn(db).await?;
    let request = store::requests::find_for_update(&txn, id).await?.ok_or_else(|| ApiError::not_found("request"))?;
    let user = access::answerer(caller, &request)?;
    let next = lifecycle::submit(request.status()?)?;
    let started = assessment::ensure_started(&txn, &request).await?;
    let def = assessment::definition(&txn, &started).await?;
    let given = store::answers::to_answers(&store::answers::of_request(&txn, request.id).await?)?;
    let missing = answers::missing(&def, &given);
    if !missing.is_empty() {
        let problems: Problems = missing.into_iter().map(|q| (q, "an answer is required".to_owned())).collect();
        return Err(Refusal::Invalid(problems).into());
    }
    let score = scoring::score(&def, &given);
    let response = ScoreResponse {
        request_id: request.id,
        member_id: request.member_id,
        questionnaire_version: def.version,
        level: score.level,
        score: score.score,
        sections: score.sections,
        scored_at: chrono::Utc::now(),
    };
    for (position, rule) in (0..).zip(recommend::fire(&def, &given, &response.sections)) {
        let fields = Fields {
            title: rule.title_en.clone(),
            description: rule.description_en.clone(),
            category: rule.category,
            cost: rule.cost,
        };
        store::recommendations::insert(&txn, request.id, Some(&rule.code), &fields, position, None).await?;
    }
    store::assessments::submit(&txn, started, user.id, &response).await?;
    outbox::enqueue(
        &txn,
        crate::SERVICE,
        TOPIC,
        &AssessmentScored {
            request_id: request.id,
            member_id: request.member_id,
            questionnaire_version: def.version,
            level: response.level,
            sections: response.sections.iter().map(|s| (s.section.as_str(), s.level)).collect(),
        },
    )
    .await?;
    store::requests::update(&txn, request, Change { status: Some(next), ..Change::default() }).await?;
    txn.commit().await?;
    Ok(response)
}
