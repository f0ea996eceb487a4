//! The `members` table: national standards bodies, at most one current (active or suspended)
//! per country. Whether a member is developing, and its liaison region, come from its country
//! at read time, so a staff change to a country applies to its member at once.

use api_types::membership::{MemberCategory, MemberResponse, MemberStatus};
use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::entity::prelude::*;
use sea_orm::{ActiveValue::Set, Condition, ConnectionTrait, JoinType, QueryOrder, QuerySelect};

use platform::db::search_matches;

use super::{corrupt, countries};
use crate::domain::member::Contact;

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
    pub joined_on: NaiveDate,
    pub left_on: Option<NaiveDate>,
    pub devco: bool,
    pub demo: bool,
    pub contact_person: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub website: Option<String>,
    pub postal_address: Option<String>,
    pub search_text: String,
    pub name_sort: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
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

impl Model {
    pub fn category(&self) -> Result<MemberCategory, DbErr> {
        MemberCategory::parse(&self.category).ok_or_else(|| corrupt("member category", &self.category))
    }

    pub fn status(&self) -> Result<MemberStatus, DbErr> {
        MemberStatus::parse(&self.status).ok_or_else(|| corrupt("member status", &self.status))
    }

    pub fn contact(&self) -> Contact {
        Contact {
            contact_person: self.contact_person.clone(),
            email: self.email.clone(),
            phone: self.phone.clone(),
            website: self.website.clone(),
            postal_address: self.postal_address.clone(),
        }
    }
}

/// A member with the country facts it is read with.
pub fn response(m: Model, country: Option<countries::Model>) -> Result<MemberResponse, DbErr> {
    let country = country.ok_or_else(|| corrupt("member country", &m.country))?;
    Ok(MemberResponse {
        category: m.category()?,
        status: m.status()?,
        id: m.id,
        country: m.country,
        name: m.name,
        acronym: m.acronym,
        developing: country.developing,
        liaison_region: country.liaison_region,
        joined_on: m.joined_on,
        devco: m.devco,
        demo: m.demo,
        left_on: m.left_on,
        contact_person: m.contact_person,
        email: m.email,
        phone: m.phone,
        website: m.website,
        postal_address: m.postal_address,
        created_at: m.created_at,
        updated_at: m.updated_at,
    })
}

/// What a new member row holds.
#[derive(Debug, Clone)]
pub struct NewMemberRow<'a> {
    pub id: Uuid,
    pub country: &'a str,
    pub name: &'a str,
    pub acronym: &'a str,
    pub category: MemberCategory,
    pub status: MemberStatus,
    pub joined_on: NaiveDate,
    pub left_on: Option<NaiveDate>,
    pub devco: bool,
    pub demo: bool,
    pub contact: &'a Contact,
}

fn search_text(name: &str, acronym: &str, country: &str) -> String {
    platform::text::search_text([name, acronym, country])
}

fn active(m: &NewMemberRow<'_>, now: DateTime<Utc>) -> ActiveModel {
    ActiveModel {
        id: Set(m.id),
        country: Set(m.country.to_owned()),
        name: Set(m.name.to_owned()),
        acronym: Set(m.acronym.to_owned()),
        category: Set(m.category.as_str().to_owned()),
        status: Set(m.status.as_str().to_owned()),
        joined_on: Set(m.joined_on),
        left_on: Set(m.left_on),
        devco: Set(m.devco),
        demo: Set(m.demo),
        contact_person: Set(m.contact.contact_person.clone()),
        email: Set(m.contact.email.clone()),
        phone: Set(m.contact.phone.clone()),
        website: Set(m.contact.website.clone()),
        postal_address: Set(m.contact.postal_address.clone()),
        search_text: Set(search_text(m.name, m.acronym, m.country)),
        name_sort: Set(platform::text::fold(m.name)),
        created_at: Set(now),
        updated_at: Set(now),
    }
}

pub async fn insert<C: ConnectionTrait>(conn: &C, m: &NewMemberRow<'_>) -> Result<Model, DbErr> {
    active(m, Utc::now()).insert(conn).await
}

/// Many members in few statements (the benchmark's 10 000).
pub async fn insert_many<C: ConnectionTrait>(conn: &C, rows: &[NewMemberRow<'_>]) -> Result<(), DbErr> {
    let now = Utc::now();
    // Batches keep each statement under SQLite's and PostgreSQL's bind-parameter limits.
    for chunk in rows.chunks(500) {
        Entity::insert_many(chunk.iter().map(|m| active(m, now))).exec(conn).await?;
    }
    Ok(())
}

/// The fields a change may set.
#[derive(Debug, Clone)]
pub struct MemberFields<'a> {
    pub country: &'a str,
    pub name: &'a str,
    pub acronym: &'a str,
    pub category: MemberCategory,
    pub status: MemberStatus,
    pub joined_on: NaiveDate,
    pub left_on: Option<NaiveDate>,
    pub devco: bool,
    pub contact: &'a Contact,
}

pub async fn update<C: ConnectionTrait>(conn: &C, current: Model, f: &MemberFields<'_>) -> Result<Model, DbErr> {
    let mut row: ActiveModel = current.into();
    row.country = Set(f.country.to_owned());
    row.name = Set(f.name.to_owned());
    row.acronym = Set(f.acronym.to_owned());
    row.category = Set(f.category.as_str().to_owned());
    row.status = Set(f.status.as_str().to_owned());
    row.joined_on = Set(f.joined_on);
    row.left_on = Set(f.left_on);
    row.devco = Set(f.devco);
    row.contact_person = Set(f.contact.contact_person.clone());
    row.email = Set(f.contact.email.clone());
    row.phone = Set(f.contact.phone.clone());
    row.website = Set(f.contact.website.clone());
    row.postal_address = Set(f.contact.postal_address.clone());
    row.search_text = Set(search_text(f.name, f.acronym, f.country));
    row.name_sort = Set(platform::text::fold(f.name));
    row.updated_at = Set(Utc::now());
    row.update(conn).await
}

/// Rewrites the folded sort names (a migration can only lower-case them).
pub async fn refold_names<C: ConnectionTrait>(conn: &C) -> Result<u64, DbErr> {
    let mut changed = 0;
    for m in Entity::find().all(conn).await? {
        let folded = platform::text::fold(&m.name);
        if folded != m.name_sort {
            let mut row: ActiveModel = m.into();
            row.name_sort = Set(folded);
            row.update(conn).await?;
            changed += 1;
        }
    }
    Ok(changed)
}

pub async fn count<C: ConnectionTrait>(conn: &C) -> Result<u64, DbErr> {
    Entity::find().count(conn).await
}

pub async fn find_model<C: ConnectionTrait>(conn: &C, id: Uuid) -> Result<Option<Model>, DbErr> {
    Entity::find_by_id(id).one(conn).await
}

/// Locks the member's row until the transaction ends (PostgreSQL; SQLite serialises writers),
/// so that two changes to one member cannot interleave.
pub async fn find_for_update<C: ConnectionTrait>(conn: &C, id: Uuid) -> Result<Option<Model>, DbErr> {
    let mut query = Entity::find_by_id(id);
    if conn.get_database_backend() == sea_orm::DatabaseBackend::Postgres {
        query = query.lock_exclusive();
    }
    query.one(conn).await
}

pub async fn find<C: ConnectionTrait>(conn: &C, id: Uuid) -> Result<Option<MemberResponse>, DbErr> {
    match Entity::find_by_id(id).find_also_related(countries::Entity).one(conn).await? {
        Some((m, c)) => Ok(Some(response(m, c)?)),
        None => Ok(None),
    }
}

/// The current (active or suspended) member of `country`, other than `except`.
pub async fn current_of<C: ConnectionTrait>(
    conn: &C,
    country: &str,
    except: Option<Uuid>,
) -> Result<Option<Model>, DbErr> {
    let mut query =
        Entity::find().filter(Column::Country.eq(country)).filter(Column::Status.ne(MemberStatus::Withdrawn.as_str()));
    if let Some(id) = except {
        query = query.filter(Column::Id.ne(id));
    }
    query.one(conn).await
}

/// Every member (for imports and KPIs).
pub async fn all<C: ConnectionTrait>(conn: &C) -> Result<Vec<Model>, DbErr> {
    Entity::find().order_by_asc(Column::Id).all(conn).await
}

#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Only this member (a member account sees its own body).
    pub only: Option<Uuid>,
    pub developing: Option<bool>,
    pub region: Option<String>,
    pub category: Option<MemberCategory>,
    pub status: Option<MemberStatus>,
    pub devco: Option<bool>,
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
    if let Some(status) = filter.status {
        cond = cond.add(Column::Status.eq(status.as_str()));
    }
    if let Some(devco) = filter.devco {
        cond = cond.add(Column::Devco.eq(devco));
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
    let mut query = Entity::find()
        .find_also_related(countries::Entity)
        .filter(cond)
        .order_by_asc(Column::NameSort)
        .order_by_asc(Column::Id);
    if let Some((offset, limit)) = limits {
        query = query.offset(offset).limit(limit);
    }
    let rows = query.all(conn).await?;
    let items = rows.into_iter().map(|(m, c)| response(m, c)).collect::<Result<Vec<_>, _>>()?;
    Ok((items, total))
}
