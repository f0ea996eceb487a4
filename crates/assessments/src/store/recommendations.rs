//! The `recommendations` table: the package of a scored request, in order.

use api_types::Currency;
use api_types::Money;
use api_types::assessments::{RecommendationResponse, RecommendationSource};
use api_types::projects::BudgetCategory;
use sea_orm::entity::prelude::*;
use sea_orm::{ActiveValue::Set, ConnectionTrait, QueryOrder};

use super::corrupt;
use crate::domain::recommend::Fields;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "recommendations")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub request_id: Uuid,
    pub rule: Option<String>,
    pub source: String,
    pub title: String,
    #[sea_orm(column_type = "Text")]
    pub description: String,
    pub category: String,
    pub cost_minor: i64,
    pub currency: String,
    pub position: i32,
    pub updated_by: Option<Uuid>,
    pub updated_at: chrono::DateTime<chrono::Utc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

impl Model {
    pub fn fields(&self) -> Result<Fields, DbErr> {
        let currency = Currency::parse(&self.currency).ok_or_else(|| corrupt("currency", &self.currency))?;
        Ok(Fields {
            title: self.title.clone(),
            description: self.description.clone(),
            category: BudgetCategory::parse(&self.category).ok_or_else(|| corrupt("category", &self.category))?,
            cost: Money::new(self.cost_minor, currency),
        })
    }
}

impl TryFrom<Model> for RecommendationResponse {
    type Error = DbErr;

    fn try_from(m: Model) -> Result<Self, DbErr> {
        let fields = m.fields()?;
        let source = match m.source.as_str() {
            "rule" => RecommendationSource::Rule,
            "staff" => RecommendationSource::Staff,
            other => return Err(corrupt("source", other)),
        };
        Ok(RecommendationResponse {
            id: m.id,
            request_id: m.request_id,
            rule: m.rule,
            source,
            title: fields.title,
            description: fields.description,
            category: fields.category,
            cost: fields.cost,
            position: m.position,
            updated_by: m.updated_by,
            updated_at: m.updated_at,
        })
    }
}

pub async fn of_request(conn: &impl ConnectionTrait, request_id: Uuid) -> Result<Vec<Model>, DbErr> {
    Entity::find()
        .filter(Column::RequestId.eq(request_id))
        .order_by_asc(Column::Position)
        .order_by_asc(Column::Id)
        .all(conn)
        .await
}

pub async fn find(conn: &impl ConnectionTrait, request_id: Uuid, id: Uuid) -> Result<Option<Model>, DbErr> {
    Entity::find_by_id(id).filter(Column::RequestId.eq(request_id)).one(conn).await
}

/// Adds a recommendation at `position`: from `rule` (no author) or by staff `by`.
pub async fn insert(
    conn: &impl ConnectionTrait,
    request_id: Uuid,
    rule: Option<&str>,
    fields: &Fields,
    position: i32,
    by: Option<Uuid>,
) -> Result<Model, DbErr> {
    ActiveModel {
        id: Set(Uuid::now_v7()),
        request_id: Set(request_id),
        rule: Set(rule.map(str::to_owned)),
        source: Set(if rule.is_some() { "rule" } else { "staff" }.to_owned()),
        title: Set(fields.title.clone()),
        description: Set(fields.description.clone()),
        category: Set(fields.category.as_str().to_owned()),
        cost_minor: Set(fields.cost.minor),
        currency: Set(fields.cost.currency.code().to_owned()),
        position: Set(position),
        updated_by: Set(by),
        updated_at: Set(chrono::Utc::now()),
    }
    .insert(conn)
    .await
}

pub async fn update(conn: &impl ConnectionTrait, row: Model, fields: &Fields, by: Uuid) -> Result<Model, DbErr> {
    let mut active: ActiveModel = row.into();
    active.title = Set(fields.title.clone());
    active.description = Set(fields.description.clone());
    active.category = Set(fields.category.as_str().to_owned());
    active.cost_minor = Set(fields.cost.minor);
    active.currency = Set(fields.cost.currency.code().to_owned());
    active.updated_by = Set(Some(by));
    active.updated_at = Set(chrono::Utc::now());
    active.update(conn).await
}

pub async fn delete(conn: &impl ConnectionTrait, row: Model) -> Result<(), DbErr> {
    row.delete(conn).await.map(|_| ())
}
