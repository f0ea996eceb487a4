//! The `project_proposals` table: the outbox of proposals to create in the projects service.
//! A row is written in the accept transaction and delivered by the worker in
//! `ops::deliver_proposals` until the projects service answers with the project.

use std::time::Duration;

use api_types::assessments::{ProposalResponse, ProposalState};
use api_types::projects::CreateProject;
use chrono::{DateTime, Utc};
use sea_orm::entity::prelude::*;
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ActiveValue::Set, ConnectionTrait, QueryOrder, QuerySelect};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "project_proposals")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub request_id: Uuid,
    pub idempotency_key: String,
    /// The `CreateProject` body, as JSON: every attempt sends exactly this.
    #[sea_orm(column_type = "Text")]
    pub payload: String,
    pub accepted_by: Uuid,
    pub accepted_at: DateTime<Utc>,
    pub attempts: i32,
    pub next_attempt_at: DateTime<Utc>,
    #[sea_orm(column_type = "Text", nullable)]
    pub last_error: Option<String>,
    pub project_id: Option<Uuid>,
    pub created_at: Option<DateTime<Utc>>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

impl Model {
    pub fn payload(&self) -> Result<CreateProject, DbErr> {
        serde_json::from_str(&self.payload).map_err(|e| DbErr::Custom(format!("stored proposal: {e}")))
    }
}

impl TryFrom<Model> for ProposalResponse {
    type Error = DbErr;

    fn try_from(m: Model) -> Result<Self, DbErr> {
        let payload = m.payload()?;
        let budget = crate::domain::recommend::total(payload.budget_lines.iter().map(|l| l.amount))
            .ok_or_else(|| DbErr::Custom("stored proposal budget overflows".to_owned()))?;
        Ok(ProposalResponse {
            request_id: m.request_id,
            state: if m.project_id.is_some() { ProposalState::Created } else { ProposalState::Pending },
            project_id: m.project_id,
            idempotency_key: m.idempotency_key,
            title: payload.title,
            budget,
            accepted_by: m.accepted_by,
            accepted_at: m.accepted_at,
            attempts: m.attempts,
            last_error: m.last_error,
            created_at: m.created_at,
        })
    }
}

/// A new proposal whose first attempt belongs to the caller for `lease` (no worker takes it
/// before then).
pub async fn insert(
    conn: &impl ConnectionTrait,
    request_id: Uuid,
    key: &str,
    payload: &CreateProject,
    accepted_by: Uuid,
    lease: Duration,
) -> Result<Model, DbErr> {
    let now = Utc::now();
    let payload = serde_json::to_string(payload).map_err(|e| DbErr::Custom(format!("proposal JSON: {e}")))?;
    ActiveModel {
        request_id: Set(request_id),
        idempotency_key: Set(key.to_owned()),
        payload: Set(payload),
        accepted_by: Set(accepted_by),
        accepted_at: Set(now),
        attempts: Set(0),
        next_attempt_at: Set(now + chrono::Duration::from_std(lease).unwrap_or(chrono::Duration::MAX)),
        last_error: Set(None),
        project_id: Set(None),
        created_at: Set(None),
    }
    .insert(conn)
    .await
}

pub async fn find(conn: &impl ConnectionTrait, request_id: Uuid) -> Result<Option<Model>, DbErr> {
    Entity::find_by_id(request_id).one(conn).await
}

/// Undelivered proposals whose next attempt is due, oldest first.
pub async fn due(conn: &impl ConnectionTrait, now: DateTime<Utc>, limit: u64) -> Result<Vec<Uuid>, DbErr> {
    Entity::find()
        .select_only()
        .column(Column::RequestId)
        .filter(Column::ProjectId.is_null())
        .filter(Column::NextAttemptAt.lte(now))
        .order_by_asc(Column::NextAttemptAt)
        .limit(limit)
        .into_tuple()
        .all(conn)
        .await
}

/// Claims the proposal for one attempt: counts the attempt and pushes the next one `lease`
/// away, only if it is undelivered and due. One conditional `UPDATE`, so of two workers (or a
/// worker and the accept call) racing for it, exactly one gets it.
pub async fn claim(
    conn: &impl ConnectionTrait,
    request_id: Uuid,
    now: DateTime<Utc>,
    lease: Duration,
) -> Result<Option<Model>, DbErr> {
    let until = now + chrono::Duration::from_std(lease).unwrap_or(chrono::Duration::MAX);
    let updated = Entity::update_many()
        .col_expr(Column::Attempts, Expr::col(Column::Attempts).add(1))
        .col_expr(Column::NextAttemptAt, Expr::value(until))
        .filter(Column::RequestId.eq(request_id))
        .filter(Column::ProjectId.is_null())
        .filter(Column::NextAttemptAt.lte(now))
        .exec(conn)
        .await?;
    if updated.rows_affected == 1 { find(conn, request_id).await } else { Ok(None) }
}

/// Claims the first attempt, which the accept call owns (see [`insert`]): counts it, only if no
/// attempt was made yet.
pub async fn claim_first(conn: &impl ConnectionTrait, request_id: Uuid) -> Result<Option<Model>, DbErr> {
    let updated = Entity::update_many()
        .col_expr(Column::Attempts, Expr::value(1))
        .filter(Column::RequestId.eq(request_id))
        .filter(Column::ProjectId.is_null())
        .filter(Column::Attempts.eq(0))
        .exec(conn)
        .await?;
    if updated.rows_affected == 1 { find(conn, request_id).await } else { Ok(None) }
}

/// The attempt failed: note why and when to try again.
pub async fn failed(conn: &impl ConnectionTrait, row: Model, error: &str, next: DateTime<Utc>) -> Result<Model, DbErr> {
    let mut active: ActiveModel = row.into();
    active.last_error = Set(Some(error.chars().take(1_000).collect()));
    active.next_attempt_at = Set(next);
    active.update(conn).await
}

/// The projects service created (or had created) the project.
pub async fn delivered(conn: &impl ConnectionTrait, row: Model, project_id: Uuid) -> Result<Model, DbErr> {
    let mut active: ActiveModel = row.into();
    active.project_id = Set(Some(project_id));
    active.created_at = Set(Some(Utc::now()));
    active.last_error = Set(None);
    active.update(conn).await
}
