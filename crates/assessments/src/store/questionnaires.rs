//! The `questionnaires` table: one immutable row per published version.

use api_types::assessments::QuestionnaireResponse;
use sea_orm::entity::prelude::*;
use sea_orm::{ActiveValue::Set, ConnectionTrait, QueryOrder};

use crate::domain::questionnaire::{self, Definition};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "questionnaires")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub version: i32,
    pub published_at: chrono::DateTime<chrono::Utc>,
    #[sea_orm(column_type = "Text")]
    pub definition: String,
    pub published_by: Option<Uuid>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

impl Model {
    /// The stored definition (checked when it was published).
    pub fn definition(&self) -> Result<Definition, DbErr> {
        questionnaire::parse_json(&self.definition)
            .map_err(|e| DbErr::Custom(format!("stored questionnaire v{}: {e}", self.version)))
    }
}

impl TryFrom<Model> for QuestionnaireResponse {
    type Error = DbErr;

    fn try_from(m: Model) -> Result<Self, DbErr> {
        let def = m.definition()?;
        Ok(QuestionnaireResponse {
            id: m.id,
            version: m.version,
            published_at: m.published_at,
            published_by: m.published_by,
            sections: def.sections,
            rules: def.rules,
        })
    }
}

pub async fn find(conn: &impl ConnectionTrait, id: Uuid) -> Result<Option<Model>, DbErr> {
    Entity::find_by_id(id).one(conn).await
}

pub async fn find_version(conn: &impl ConnectionTrait, version: i32) -> Result<Option<Model>, DbErr> {
    Entity::find().filter(Column::Version.eq(version)).one(conn).await
}

pub async fn latest(conn: &impl ConnectionTrait) -> Result<Option<Model>, DbErr> {
    Entity::find().order_by_desc(Column::Version).one(conn).await
}

pub async fn insert(conn: &impl ConnectionTrait, def: &Definition, published_by: Option<Uuid>) -> Result<Model, DbErr> {
    let json = serde_json::to_string(def).map_err(|e| DbErr::Custom(format!("questionnaire JSON: {e}")))?;
    ActiveModel {
        id: Set(Uuid::now_v7()),
        version: Set(def.version),
        published_at: Set(chrono::Utc::now()),
        definition: Set(json),
        published_by: Set(published_by),
    }
    .insert(conn)
    .await
}
