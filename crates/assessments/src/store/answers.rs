//! The `answers` table: one row per answered question of an assessment.

use api_types::assessments::{AnswerResponse, AnswerValue};
use sea_orm::entity::prelude::*;
use sea_orm::{ActiveValue::Set, ConnectionTrait, QueryOrder};

use crate::domain::answers::Answers;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "answers")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub request_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    pub question: String,
    pub value: String,
    pub answered_by: Uuid,
    pub answered_at: chrono::DateTime<chrono::Utc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

impl Model {
    pub fn value(&self) -> Result<AnswerValue, DbErr> {
        serde_json::from_str(&self.value).map_err(|_| super::corrupt("answer", &self.value))
    }
}

impl TryFrom<Model> for AnswerResponse {
    type Error = DbErr;

    fn try_from(m: Model) -> Result<Self, DbErr> {
        Ok(AnswerResponse {
            value: m.value()?,
            question: m.question,
            answered_by: m.answered_by,
            answered_at: m.answered_at,
        })
    }
}

pub async fn of_request(conn: &impl ConnectionTrait, request_id: Uuid) -> Result<Vec<Model>, DbErr> {
    Entity::find().filter(Column::RequestId.eq(request_id)).order_by_asc(Column::Question).all(conn).await
}

/// Question code → answer.
pub fn to_answers(rows: &[Model]) -> Result<Answers, DbErr> {
    rows.iter().map(|r| Ok((r.question.clone(), r.value()?))).collect()
}

/// Replaces the answers to `questions` (one section) with `answers`. An answer that did not
/// change keeps who gave it and when.
pub async fn replace(
    conn: &impl ConnectionTrait,
    request_id: Uuid,
    questions: &[&str],
    answers: &Answers,
    by: Uuid,
) -> Result<(), DbErr> {
    let existing = Entity::find()
        .filter(Column::RequestId.eq(request_id))
        .filter(Column::Question.is_in(questions.iter().copied()))
        .all(conn)
        .await?;
    let now = chrono::Utc::now();
    let mut kept = std::collections::BTreeSet::new();
    for row in existing {
        if answers.get(&row.question).is_some_and(|v| row.value().ok() == Some(*v)) {
            kept.insert(row.question.clone());
        } else {
            row.delete(conn).await?;
        }
    }
    for (question, value) in answers {
        if kept.contains(question) {
            continue;
        }
        let value = serde_json::to_string(value).map_err(|e| DbErr::Custom(format!("answer JSON: {e}")))?;
        ActiveModel {
            request_id: Set(request_id),
            question: Set(question.clone()),
            value: Set(value),
            answered_by: Set(by),
            answered_at: Set(now),
        }
        .insert(conn)
        .await?;
    }
    Ok(())
}
