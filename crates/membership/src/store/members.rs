//! The `members` table: one national standards body per country. Whether a member is
//! developing, and its liaison region, come from its country at read time, so a staff change to
//! a country applies to its member at once.

use api_types::membership::{MemberCategory, MemberResponse};
use sea_orm::entity::prelude::*;
use sea_orm::{ActiveValue::Set, Condition, ConnectionTrait, JoinType, QueryOrder, QuerySelect};

use platform::db::search_matches;

use super::{corrupt, countries};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "members")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub country: String,
    pub name: String,
    pub acronym: String,
    pub category: String,
    pub status: String,
    pub joined_on: chrono::NaiveDate,
    pub devco: bool,
    pub demo: bool,
    pub search_text: String,
    pub created_at: chrono::DateTime<chrono::Utc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(belongs_to = "super::countries::Entity", from = "Column::Country", to = "super::countries::Column::Code")]
    Country,
}

impl Related<countries::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Country.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}

/// A member with the country facts it is read with.
fn response(m: Model, country: Option<countries::Model>) -> Result<MemberResponse, DbErr> {
    let country = country.ok_or_else(|| corrupt("member country", &m.country))?;
    Ok(MemberResponse {
        category: MemberCategory::parse(&m.category).ok_or_else(|| corrupt("member category", &m.category))?,
        id: m.id,
        country: m.country,
        name: m.name,
        acronym: m.acronym,
        developing: country.developing,
        liaison_region: country.liaison_region,
        joined_on: m.joined_on,
        devco: m.devco,
        demo: m.demo,
    })
}

/// What a new member row holds.
#[derive(Debug, Clone)]
pub struct NewMember<'a> {
    pub id: Uuid,
    pub country: &'a str,
    pub name: &'a str,
    pub acronym: &'a str,
    pub category: MemberCategory,
    pub joined_on: chrono::NaiveDate,
    pub devco: bool,
    pub demo: bool,
}

pub async fn insert<C: ConnectionTrait>(conn: &C, m: &NewMember<'_>) -> Result<(), DbErr> {
    ActiveModel {
        id: Set(m.id),
        country: Set(m.country.to_owned()),
        name: Set(m.name.to_owned()),
        acronym: Set(m.acronym.to_owned()),
        category: Set(m.category.as_str().to_owned()),
        status: Set("active".to_owned()),
        joined_on: Set(m.joined_on),
        devco: Set(m.devco),
        demo: Set(m.demo),
        search_text: Set(platform::text::search_text([m.name, m.acronym, m.country])),
        created_at: Set(chrono::Utc::now()),
    }
    .insert(conn)
    .await?;
    Ok(())
}

pub async fn count<C: ConnectionTrait>(conn: &C) -> Result<u64, DbErr> {
    Entity::find().count(conn).await
}

pub async fn find<C: ConnectionTrait>(conn: &C, id: Uuid) -> Result<Option<MemberResponse>, DbErr> {
    match Entity::find_by_id(id).find_also_related(countries::Entity).one(conn).await? {
        Some((m, c)) => Ok(Some(response(m, c)?)),
        None => Ok(None),
    }
}

#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Only this member (a member account sees its own body).
    pub only: Option<Uuid>,
    pub developing: Option<bool>,
    pub region: Option<String>,
    pub category: Option<MemberCategory>,
    pub q: Option<String>,
}

/// Matching members by name, and how many match in all.
pub async fn list<C: ConnectionTrait>(
    conn: &C,
    filter: &Filter,
    limits: Option<(u64, u64)>,
) -> Result<(Vec<MemberResponse>, u64), DbErr> {
    let mut cond = Condition::all();
    if let Some(id) = filter.only {
        cond = cond.add(Column::Id.eq(id));
    }
    if let Some(developing) = filter.developing {
        cond = cond.add(countries::Column::Developing.eq(developing));
    }
    if let Some(region) = &filter.region {
        cond = cond.add(countries::Column::LiaisonRegion.eq(region.as_str()));
    }
    if let Some(category) = filter.category {
        cond = cond.add(Column::Category.eq(category.as_str()));
    }
    if let Some(q) = filter.q.as_deref().map(str::trim).filter(|q| !q.is_empty()) {
        // The member's own names, or its country's names.
        cond = cond.add(
            Condition::any()
                .add(search_matches(Column::SearchText, q))
                .add(search_matches(countries::Column::SearchText, q)),
        );
    }
    let total =
        Entity::find().join(JoinType::InnerJoin, Relation::Country.def()).filter(cond.clone()).count(conn).await?;
    let mut query = Entity::find().find_also_related(countries::Entity).filter(cond).order_by_asc(Column::Name);
    if let Some((offset, limit)) = limits {
        query = query.offset(offset).limit(limit);
    }
    let rows = query.all(conn).await?;
    let items = rows.into_iter().map(|(m, c)| response(m, c)).collect::<Result<Vec<_>, _>>()?;
    Ok((items, total))
}
