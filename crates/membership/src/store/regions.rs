//! The `liaison_regions` table.

use api_types::membership::RegionResponse;
use sea_orm::entity::prelude::*;
use sea_orm::{ActiveValue::Set, ConnectionTrait, QueryOrder, QuerySelect};

use crate::domain::reference::LiaisonRegionDefault;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "liaison_regions")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub code: String,
    pub name_en: String,
    pub name_fr: String,
    pub sort_order: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

pub async fn count<C: ConnectionTrait>(conn: &C) -> Result<u64, DbErr> {
    Entity::find().count(conn).await
}

pub async fn insert_defaults<C: ConnectionTrait>(conn: &C, regions: &[LiaisonRegionDefault]) -> Result<(), DbErr> {
    Entity::insert_many(regions.iter().map(|r| ActiveModel {
        code: Set(r.code.to_owned()),
        name_en: Set(r.name_en.to_owned()),
        name_fr: Set(r.name_fr.to_owned()),
        sort_order: Set(r.sort_order),
    }))
    .exec(conn)
    .await?;
    Ok(())
}

/// Every region in display order, with the number of developing countries mapped to it.
pub async fn list_with_counts<C: ConnectionTrait>(conn: &C) -> Result<Vec<RegionResponse>, DbErr> {
    use super::countries;
    let regions = Entity::find().order_by_asc(Column::SortOrder).all(conn).await?;
    let counts: Vec<(Option<String>, i64)> = countries::Entity::find()
        .select_only()
        .column(countries::Column::LiaisonRegion)
        .column_as(countries::Column::Code.count(), "n")
        .filter(countries::Column::Developing.eq(true))
        .group_by(countries::Column::LiaisonRegion)
        .into_tuple()
        .all(conn)
        .await?;
    Ok(regions
        .into_iter()
        .map(|r| {
            let n = counts.iter().find(|(code, _)| code.as_deref() == Some(r.code.as_str())).map_or(0, |(_, n)| *n);
            RegionResponse {
                country_count: u64::try_from(n).unwrap_or(0),
                code: r.code,
                name_en: r.name_en,
                name_fr: r.name_fr,
                sort_order: r.sort_order,
            }
        })
        .collect())
}

pub async fn exists<C: ConnectionTrait>(conn: &C, code: &str) -> Result<bool, DbErr> {
    Ok(Entity::find_by_id(code.to_owned()).one(conn).await?.is_some())
}

pub async fn find<C: ConnectionTrait>(conn: &C, code: &str) -> Result<Option<Model>, DbErr> {
    Entity::find_by_id(code.to_owned()).one(conn).await
}

/// Every region in display order.
pub async fn all<C: ConnectionTrait>(conn: &C) -> Result<Vec<Model>, DbErr> {
    Entity::find().order_by_asc(Column::SortOrder).all(conn).await
}

pub async fn rename<C: ConnectionTrait>(
    conn: &C,
    current: Model,
    name_en: &str,
    name_fr: &str,
) -> Result<Model, DbErr> {
    let mut row: ActiveModel = current.into();
    row.name_en = Set(name_en.to_owned());
    row.name_fr = Set(name_fr.to_owned());
    row.update(conn).await
}
