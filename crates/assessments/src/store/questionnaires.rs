//! The `questionnaires` table: one immutable row per published version.

use api_types::assessments::QuestionnaireResponse;
use sea_orm::entity::prelude::*;
use sea_orm::{ActiveValue::Set, ConnectionTrait, QueryOrder};

use crate::domain::questionnaire::Definition;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "questionnaires")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub version: i32,
    pub published_at: chrono::DateTime<chrono::Utc>,
    #[sea_orm(column_type = "Text")]
    pub definition: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

impl TryFrom<Model> for QuestionnaireResponse {
    type Error = DbErr;

    fn try_from(m: Model) -> Result<Self, DbErr> {
        let def = crate::domain::questionnaire::parse(&m.definition)
            .map_err(|e| DbErr::Custom(format!("stored questionnaire v{}: {e}", m.version)))?;
        Ok(QuestionnaireResponse { id: m.id, version: m.version, published_at: m.published_at, sections: def.sections })
    }
}

pub async fn find_version<C: ConnectionTrait>(conn: &C, version: i32) -> Result<Option<Model>, DbErr> {
    Entity::find().filter(Column::Version.eq(version)).one(conn).await
}

pub async fn latest<C: ConnectionTrait>(conn: &C) -> Result<Option<Model>, DbErr> {
    Entity::find().order_by_desc(Column::Version).one(conn).await
}

pub async fn insert<C: ConnectionTrait>(conn: &C, def: &Definition, json: &str) -> Result<Model, DbErr> {
    ActiveModel {
        id: Set(Uuid::now_v7()),
        version: Set(def.version),
        published_at: Set(chrono::Utc::now()),
        definition: Set(json.to_owned()),
    }
    .insert(conn)
    .await
}
