//! The audit trail (`project_transitions`), approvals and reviews.

use api_types::projects::ProjectStatus;
use chrono::{DateTime, Utc};
use sea_orm::entity::prelude::*;
use sea_orm::{ActiveValue::Set, ConnectionTrait, QueryOrder};

use crate::domain::review::Review;

pub mod transitions {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "project_transitions")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub project_id: Uuid,
        pub from_status: String,
        pub to_status: String,
        pub actor_id: Option<Uuid>,
        pub actor_role: String,
        #[sea_orm(column_type = "Text", nullable)]
        pub reason: Option<String>,
        pub at: chrono::DateTime<chrono::Utc>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod approvals {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "project_approvals")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub project_id: Uuid,
        pub round: i32,
        pub approver_id: Uuid,
        #[sea_orm(column_type = "Text", nullable)]
        pub reason: Option<String>,
        pub at: chrono::DateTime<chrono::Utc>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod reviews {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "project_reviews")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub project_id: Uuid,
        pub round: i32,
        pub reviewer_id: Uuid,
        pub objective_score: i16,
        #[sea_orm(column_type = "Text")]
        pub objective_comment: String,
        pub topic_score: i16,
        #[sea_orm(column_type = "Text")]
        pub topic_comment: String,
        pub delivery_score: i16,
        #[sea_orm(column_type = "Text")]
        pub delivery_comment: String,
        pub geographic_score: i16,
        #[sea_orm(column_type = "Text")]
        pub geographic_comment: String,
        pub created_at: chrono::DateTime<chrono::Utc>,
        pub updated_at: chrono::DateTime<chrono::Utc>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// One step of the audit trail.
#[derive(Debug, Clone)]
pub struct Step<'a> {
    pub project_id: Uuid,
    pub from: ProjectStatus,
    pub to: ProjectStatus,
    /// `None` when the funding service made the change.
    pub actor: Option<Uuid>,
    pub actor_role: &'a str,
    pub reason: Option<String>,
    pub at: DateTime<Utc>,
}

/// Appends one step to the audit trail.
pub async fn record_transition<C: ConnectionTrait>(conn: &C, step: Step<'_>) -> Result<transitions::Model, DbErr> {
    transitions::ActiveModel {
        id: Set(Uuid::now_v7()),
        project_id: Set(step.project_id),
        from_status: Set(step.from.as_str().to_owned()),
        to_status: Set(step.to.as_str().to_owned()),
        actor_id: Set(step.actor),
        actor_role: Set(step.actor_role.to_owned()),
        reason: Set(step.reason),
        at: Set(step.at),
    }
    .insert(conn)
    .await
}

/// The trail of a project, oldest first.
pub async fn trail<C: ConnectionTrait>(conn: &C, project_id: Uuid) -> Result<Vec<transitions::Model>, DbErr> {
    transitions::Entity::find()
        .filter(transitions::Column::ProjectId.eq(project_id))
        .order_by_asc(transitions::Column::At)
        .order_by_asc(transitions::Column::Id)
        .all(conn)
        .await
}

pub async fn record_approval<C: ConnectionTrait>(
    conn: &C,
    project_id: Uuid,
    round: i32,
    approver: Uuid,
    reason: Option<String>,
    at: DateTime<Utc>,
) -> Result<approvals::Model, DbErr> {
    approvals::ActiveModel {
        id: Set(Uuid::now_v7()),
        project_id: Set(project_id),
        round: Set(round),
        approver_id: Set(approver),
        reason: Set(reason),
        at: Set(at),
    }
    .insert(conn)
    .await
}

/// Approvals of the projects in `ids`, in round `round` when given, oldest first.
pub async fn approvals_of<C: ConnectionTrait>(
    conn: &C,
    ids: Vec<Uuid>,
    round: Option<i32>,
) -> Result<Vec<approvals::Model>, DbErr> {
    let mut query = approvals::Entity::find().filter(approvals::Column::ProjectId.is_in(ids));
    if let Some(round) = round {
        query = query.filter(approvals::Column::Round.eq(round));
    }
    query.order_by_asc(approvals::Column::At).order_by_asc(approvals::Column::Id).all(conn).await
}

/// Saves `review` by `reviewer` for the round, replacing that reviewer's earlier one.
pub async fn save_review<C: ConnectionTrait>(
    conn: &C,
    project_id: Uuid,
    round: i32,
    reviewer: Uuid,
    review: &Review,
) -> Result<reviews::Model, DbErr> {
    let now = Utc::now();
    let existing = reviews::Entity::find()
        .filter(reviews::Column::ProjectId.eq(project_id))
        .filter(reviews::Column::Round.eq(round))
        .filter(reviews::Column::ReviewerId.eq(reviewer))
        .one(conn)
        .await?;
    let [o, t, d, g] = &review.scores;
    let is_new = existing.is_none();
    let mut active: reviews::ActiveModel = match existing {
        Some(row) => row.into(),
        None => reviews::ActiveModel {
            id: Set(Uuid::now_v7()),
            project_id: Set(project_id),
            round: Set(round),
            reviewer_id: Set(reviewer),
            created_at: Set(now),
            ..Default::default()
        },
    };
    active.objective_score = Set(i16::from(o.value));
    active.objective_comment = Set(o.comment.clone());
    active.topic_score = Set(i16::from(t.value));
    active.topic_comment = Set(t.comment.clone());
    active.delivery_score = Set(i16::from(d.value));
    active.delivery_comment = Set(d.comment.clone());
    active.geographic_score = Set(i16::from(g.value));
    active.geographic_comment = Set(g.comment.clone());
    active.updated_at = Set(now);
    if is_new { active.insert(conn).await } else { active.update(conn).await }
}

/// Reviews of the projects in `ids`, oldest first.
pub async fn reviews_of<C: ConnectionTrait>(conn: &C, ids: Vec<Uuid>) -> Result<Vec<reviews::Model>, DbErr> {
    reviews::Entity::find()
        .filter(reviews::Column::ProjectId.is_in(ids))
        .order_by_asc(reviews::Column::UpdatedAt)
        .order_by_asc(reviews::Column::Id)
        .all(conn)
        .await
}
