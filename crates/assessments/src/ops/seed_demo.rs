//! Demo data (only when `demo.seed` is on): ICT-support requests of the demo member body (the
//! one of `member@trellis.test`) in every status, flagged `demo` and saying so in their text:
//! a first assessment a year ago, accepted, a re-assessment scored this month with its
//! recommendations waiting for staff, one being answered, one just asked for, and one closed.
//! Seeded once. The accepted one has no proposal to deliver: demo data never writes into
//! another service (a project created at start-up would race with the projects service's own
//! demo data).

use api_types::assessments::{
    AnswerKind, AnswerValue, CreateSupportRequest, Question, RequestStatus, ScoreResponse, Urgency,
};
use platform::demo::MEMBER_ID;
use sea_orm::{ConnectionTrait, DatabaseConnection};
use uuid::Uuid;

use crate::domain::answers::Answers;
use crate::domain::recommend::{self, Fields};
use crate::domain::request::NewSupportRequest;
use crate::domain::{questionnaire, scoring};
use crate::store::{self, requests::Change};

/// The staff account the demo's decisions are attributed to (not a real account).
const DEMO_STAFF: Uuid = Uuid::from_u128(0x0197_a000_0000_7000_8000_0000_0000_5001);

pub async fn seed_demo(db: &DatabaseConnection) -> anyhow::Result<()> {
    let txn = store::write_txn(db).await?;
    if store::requests::any_demo(&txn).await? {
        txn.commit().await?;
        return Ok(());
    }
    let q = store::questionnaires::latest(&txn).await?.ok_or_else(|| anyhow::anyhow!("no questionnaire published"))?;
    let def = q.definition()?;
    let year_ago = chrono::Utc::now() - chrono::Duration::days(365);

    // A year ago: weak everywhere, accepted.
    let first = request(&txn, "Demo: a reliable Internet line, workstations and a document-management tool").await?;
    store::assessments::start(&txn, first.id, MEMBER_ID, q.id, q.version).await?;
    let answers = demo_answers(&def, 1);
    store::answers::replace(&txn, first.id, &all_codes(&def), &answers, MEMBER_ID).await?;
    score_and_recommend(&txn, &def, &first, &answers, year_ago).await?;
    status(&txn, first, RequestStatus::Accepted).await?;

    // This month: better, scored, recommendations waiting for staff.
    let second = request(&txn, "Demo: re-assessment after the connectivity project").await?;
    store::assessments::start(&txn, second.id, MEMBER_ID, q.id, q.version).await?;
    let answers = demo_answers(&def, 3);
    store::answers::replace(&txn, second.id, &all_codes(&def), &answers, MEMBER_ID).await?;
    score_and_recommend(&txn, &def, &second, &answers, chrono::Utc::now()).await?;
    status(&txn, second, RequestStatus::Scored).await?;

    // Being answered: the first two sections saved.
    let third = request(&txn, "Demo: security review and backups for the new server").await?;
    store::assessments::start(&txn, third.id, MEMBER_ID, q.id, q.version).await?;
    let partial: Answers =
        demo_answers(&def, 2).into_iter().filter(|(c, _)| c.starts_with("conn.") || c.starts_with("hw.")).collect();
    store::answers::replace(&txn, third.id, &all_codes(&def), &partial, MEMBER_ID).await?;
    let third =
        store::requests::update(&txn, third, Change { assessor_id: Some(DEMO_STAFF), ..Change::default() }).await?;
    status(&txn, third, RequestStatus::Assessing).await?;

    request(&txn, "Demo: training in the online balloting tools for committee experts").await?;
    let closed = Change {
        status: Some(RequestStatus::Closed),
        closed_reason: Some("Demo: duplicate request".into()),
        ..Change::default()
    };
    let row = request(&txn, "Demo: a new website for the standards catalogue").await?;
    store::requests::update(&txn, row, closed).await?;
    txn.commit().await?;
    tracing::info!("seeded demo ICT-support requests");
    Ok(())
}

async fn request(conn: &impl ConnectionTrait, needs: &str) -> anyhow::Result<store::requests::Model> {
    let parsed = NewSupportRequest::parse(CreateSupportRequest {
        needs: needs.to_owned(),
        context: "Demo data: generated to show the assessment workflow, not a real request.".to_owned(),
        urgency: Urgency::Medium,
    })
    .map_err(|e| anyhow::anyhow!("demo request: {e}"))?;
    Ok(store::requests::insert(conn, &parsed, MEMBER_ID, MEMBER_ID, true).await?)
}

async fn status(conn: &impl ConnectionTrait, row: store::requests::Model, to: RequestStatus) -> anyhow::Result<()> {
    store::requests::update(conn, row, Change { status: Some(to), ..Change::default() }).await?;
    Ok(())
}

fn all_codes(def: &questionnaire::Definition) -> Vec<&str> {
    def.sections.iter().flat_map(|s| s.questions.iter().map(|q| q.code.as_str())).collect()
}

/// Every question answered at about `points` (0–4), varied a little so the explanation has
/// something to show.
fn demo_answers(def: &questionnaire::Definition, points: u8) -> Answers {
    let value = |i: usize, q: &Question| {
        let p = u8::try_from((usize::from(points) + i % 3).saturating_sub(1)).unwrap_or(4).min(4);
        match q.kind {
            AnswerKind::Scale => AnswerValue::Int(i64::from(p)),
            AnswerKind::YesNo => AnswerValue::Bool(p >= 2),
            AnswerKind::Number => AnswerValue::Int(match p {
                0 => 0,
                p => i64::try_from(q.thresholds[usize::from(p) - 1]).unwrap_or(0),
            }),
        }
    };
    def.sections.iter().flat_map(|s| &s.questions).enumerate().map(|(i, q)| (q.code.clone(), value(i, q))).collect()
}

/// Scores the answers as of `at`, fixes the score and inserts the recommendations.
async fn score_and_recommend(
    conn: &impl ConnectionTrait,
    def: &questionnaire::Definition,
    request: &store::requests::Model,
    answers: &Answers,
    at: chrono::DateTime<chrono::Utc>,
) -> anyhow::Result<()> {
    let score = scoring::score(def, answers);
    let response = ScoreResponse {
        request_id: request.id,
        member_id: request.member_id,
        questionnaire_version: def.version,
        level: score.level,
        score: score.score,
        sections: score.sections,
        scored_at: at,
    };
    for (position, rule) in (0..).zip(recommend::fire(def, answers, &response.sections)) {
        let fields = Fields {
            title: rule.title_en.clone(),
            description: rule.description_en.clone(),
            category: rule.category,
            cost: rule.cost,
        };
        store::recommendations::insert(conn, request.id, Some(&rule.code), &fields, position, None).await?;
    }
    let assessment =
        store::assessments::find(conn, request.id).await?.ok_or_else(|| anyhow::anyhow!("demo assessment"))?;
    store::assessments::submit(conn, assessment, request.member_id, &response).await?;
    Ok(())
}
