//! The `assessments` table: one per request, on the questionnaire version it started on, with
//! its score (and explanation) fixed at submission.

use api_types::assessments::{AssessmentStatus, ScoreResponse};
use sea_orm::entity::prelude::*;
use sea_orm::{ActiveValue::Set, ConnectionTrait, QueryOrder};

use super::corrupt;
use crate::domain::history::Scored;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "assessments")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub request_id: Uuid,
    pub member_id: Uuid,
    pub questionnaire_id: Uuid,
    pub questionnaire_version: i32,
    pub status: String,
    pub started_at: chrono::DateTime<chrono::Utc>,
    pub submitted_at: Option<chrono::DateTime<chrono::Utc>>,
    pub submitted_by: Option<Uuid>,
    pub level: Option<i16>,
    #[sea_orm(column_type = "Text", nullable)]
    pub result: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

impl Model {
    pub fn status(&self) -> Result<AssessmentStatus, DbErr> {
        match self.status.as_str() {
            "in_progress" => Ok(AssessmentStatus::InProgress),
            "submitted" => Ok(AssessmentStatus::Submitted),
            other => Err(corrupt("assessment status", other)),
        }
    }

    /// The score fixed at submission, if submitted.
    pub fn score(&self) -> Result<Option<ScoreResponse>, DbErr> {
        self.result
            .as_deref()
            .map(|json| serde_json::from_str(json).map_err(|e| DbErr::Custom(format!("stored score: {e}"))))
            .transpose()
    }

    /// The levels of a submitted assessment, for the history and the KPIs.
    pub fn scored(&self) -> Result<Option<Scored>, DbErr> {
        Ok(self.score()?.map(|s| Scored {
            request_id: self.request_id,
            member_id: self.member_id,
            questionnaire_version: self.questionnaire_version,
            scored_at: s.scored_at,
            level: s.level,
            sections: s.sections.into_iter().map(|x| (x.section, x.level)).collect(),
        }))
    }
}

pub async fn find(conn: &impl ConnectionTrait, request_id: Uuid) -> Result<Option<Model>, DbErr> {
    Entity::find_by_id(request_id).one(conn).await
}

pub async fn start(
    conn: &impl ConnectionTrait,
    request_id: Uuid,
    member_id: Uuid,
    questionnaire_id: Uuid,
    version: i32,
) -> Result<Model, DbErr> {
    ActiveModel {
        request_id: Set(request_id),
        member_id: Set(member_id),
        questionnaire_id: Set(questionnaire_id),
        questionnaire_version: Set(version),
        status: Set("in_progress".to_owned()),
        started_at: Set(chrono::Utc::now()),
        submitted_at: Set(None),
        submitted_by: Set(None),
        level: Set(None),
        result: Set(None),
    }
    .insert(conn)
    .await
}

pub async fn submit(conn: &impl ConnectionTrait, row: Model, by: Uuid, score: &ScoreResponse) -> Result<Model, DbErr> {
    let json = serde_json::to_string(score).map_err(|e| DbErr::Custom(format!("score JSON: {e}")))?;
    let mut active: ActiveModel = row.into();
    active.status = Set("submitted".to_owned());
    active.submitted_at = Set(Some(score.scored_at));
    active.submitted_by = Set(Some(by));
    active.level = Set(Some(i16::from(score.level)));
    active.result = Set(Some(json));
    active.update(conn).await
}

/// Submitted assessments, of one member or of all, oldest first.
pub async fn submitted(conn: &impl ConnectionTrait, member_id: Option<Uuid>) -> Result<Vec<Scored>, DbErr> {
    let mut query = Entity::find().filter(Column::Status.eq("submitted"));
    if let Some(id) = member_id {
        query = query.filter(Column::MemberId.eq(id));
    }
    let rows = query.order_by_asc(Column::SubmittedAt).order_by_asc(Column::RequestId).all(conn).await?;
    rows.iter().filter_map(|m| m.scored().transpose()).collect()
}
