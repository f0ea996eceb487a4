//! The results framework: indicators, their actuals and the evaluation.

use api_types::projects::ActualStatus;
use chrono::Utc;
use sea_orm::entity::prelude::*;
use sea_orm::{ActiveValue::Set, ConnectionTrait, QueryOrder};

use crate::domain::results::{Evaluation, Indicator};

pub mod indicators {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "project_indicators")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub project_id: Uuid,
        pub name: String,
        pub unit: String,
        pub baseline: i64,
        pub target: i64,
        pub created_by: Uuid,
        pub created_at: chrono::DateTime<chrono::Utc>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod actuals {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "indicator_actuals")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub indicator_id: Uuid,
        pub project_id: Uuid,
        pub period: String,
        pub value: i64,
        #[sea_orm(column_type = "Text", nullable)]
        pub note: Option<String>,
        pub status: String,
        pub reported_by: Uuid,
        pub reported_at: chrono::DateTime<chrono::Utc>,
        pub decided_by: Option<Uuid>,
        pub decided_at: Option<chrono::DateTime<chrono::Utc>>,
        #[sea_orm(column_type = "Text", nullable)]
        pub decision_reason: Option<String>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod evaluations {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "project_evaluations")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub project_id: Uuid,
        pub rating: i16,
        #[sea_orm(column_type = "Text")]
        pub narrative: String,
        pub evaluated_by: Uuid,
        pub evaluated_at: chrono::DateTime<chrono::Utc>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub async fn insert_indicator<C: ConnectionTrait>(
    conn: &C,
    project_id: Uuid,
    indicator: &Indicator,
    by: Uuid,
) -> Result<indicators::Model, DbErr> {
    indicators::ActiveModel {
        id: Set(Uuid::now_v7()),
        project_id: Set(project_id),
        name: Set(indicator.name.clone()),
        unit: Set(indicator.unit.clone()),
        baseline: Set(indicator.baseline),
        target: Set(indicator.target),
        created_by: Set(by),
        created_at: Set(Utc::now()),
    }
    .insert(conn)
    .await
}

/// Indicators of `project_id` (every project when `None`), oldest first.
pub async fn indicators_of<C: ConnectionTrait>(
    conn: &C,
    project_id: Option<Uuid>,
) -> Result<Vec<indicators::Model>, DbErr> {
    let mut query = indicators::Entity::find();
    if let Some(id) = project_id {
        query = query.filter(indicators::Column::ProjectId.eq(id));
    }
    query.order_by_asc(indicators::Column::CreatedAt).order_by_asc(indicators::Column::Id).all(conn).await
}

pub async fn find_indicator<C: ConnectionTrait>(conn: &C, id: Uuid) -> Result<Option<indicators::Model>, DbErr> {
    indicators::Entity::find_by_id(id).one(conn).await
}

pub async fn insert_actual<C: ConnectionTrait>(
    conn: &C,
    indicator: &indicators::Model,
    period: String,
    value: i64,
    note: Option<String>,
    by: Uuid,
) -> Result<actuals::Model, DbErr> {
    actuals::ActiveModel {
        id: Set(Uuid::now_v7()),
        indicator_id: Set(indicator.id),
        project_id: Set(indicator.project_id),
        period: Set(period),
        value: Set(value),
        note: Set(note),
        status: Set(ActualStatus::Pending.as_str().to_owned()),
        reported_by: Set(by),
        reported_at: Set(Utc::now()),
        decided_by: Set(None),
        decided_at: Set(None),
        decision_reason: Set(None),
    }
    .insert(conn)
    .await
}

pub async fn find_actual<C: ConnectionTrait>(conn: &C, id: Uuid) -> Result<Option<actuals::Model>, DbErr> {
    actuals::Entity::find_by_id(id).one(conn).await
}

/// Whether the indicator has an actual for `period` already.
pub async fn actual_exists<C: ConnectionTrait>(conn: &C, indicator_id: Uuid, period: &str) -> Result<bool, DbErr> {
    Ok(actuals::Entity::find()
        .filter(actuals::Column::IndicatorId.eq(indicator_id))
        .filter(actuals::Column::Period.eq(period))
        .one(conn)
        .await?
        .is_some())
}

pub async fn decide_actual<C: ConnectionTrait>(
    conn: &C,
    row: actuals::Model,
    status: ActualStatus,
    by: Uuid,
    reason: Option<String>,
) -> Result<actuals::Model, DbErr> {
    let mut active: actuals::ActiveModel = row.into();
    active.status = Set(status.as_str().to_owned());
    active.decided_by = Set(Some(by));
    active.decided_at = Set(Some(Utc::now()));
    active.decision_reason = Set(reason);
    active.update(conn).await
}

/// Actuals of `project_id` (every project when `None`), by indicator then period.
pub async fn actuals_of<C: ConnectionTrait>(conn: &C, project_id: Option<Uuid>) -> Result<Vec<actuals::Model>, DbErr> {
    let mut query = actuals::Entity::find();
    if let Some(id) = project_id {
        query = query.filter(actuals::Column::ProjectId.eq(id));
    }
    query.order_by_asc(actuals::Column::IndicatorId).order_by_asc(actuals::Column::Period).all(conn).await
}

pub async fn insert_evaluation<C: ConnectionTrait>(
    conn: &C,
    project_id: Uuid,
    evaluation: &Evaluation,
    by: Uuid,
) -> Result<evaluations::Model, DbErr> {
    evaluations::ActiveModel {
        project_id: Set(project_id),
        rating: Set(i16::from(evaluation.rating)),
        narrative: Set(evaluation.narrative.clone()),
        evaluated_by: Set(by),
        evaluated_at: Set(Utc::now()),
    }
    .insert(conn)
    .await
}

pub async fn evaluation<C: ConnectionTrait>(conn: &C, project_id: Uuid) -> Result<Option<evaluations::Model>, DbErr> {
    evaluations::Entity::find_by_id(project_id).one(conn).await
}

pub async fn all_evaluations<C: ConnectionTrait>(conn: &C) -> Result<Vec<evaluations::Model>, DbErr> {
    evaluations::Entity::find().all(conn).await
}
