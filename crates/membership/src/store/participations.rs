//! The `participations` table: member bodies' roles in technical committees.

use api_types::membership::{ParticipationResponse, ParticipationRole};
use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::entity::prelude::*;
use sea_orm::{ActiveValue::Set, Condition, ConnectionTrait, JoinType, QueryOrder, QuerySelect, Statement};

use super::{corrupt, countries, members};
use crate::domain::participation::{Held, NewParticipation, Span};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "participations")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub member_id: Uuid,
    pub committee: String,
    pub committee_sort: String,
    pub role: String,
    pub since: NaiveDate,
    pub until: Option<NaiveDate>,
    pub demo: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub updated_by: Option<Uuid>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(belongs_to = "super::members::Entity", from = "Column::MemberId", to = "super::members::Column::Id")]
    Member,
}

impl Related<members::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Member.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}

impl Model {
    pub fn role(&self) -> Result<ParticipationRole, DbErr> {
        ParticipationRole::parse(&self.role).ok_or_else(|| corrupt("participation role", &self.role))
    }

    pub fn held(&self) -> Result<Held, DbErr> {
        Ok(Held {
            id: Some(self.id),
            member_id: self.member_id,
            committee: self.committee.clone(),
            role: self.role()?,
            span: Span { since: self.since, until: self.until },
        })
    }
}

/// A participation with the member it belongs to.
pub fn response(p: Model, member: Option<members::Model>) -> Result<ParticipationResponse, DbErr> {
    let member = member.ok_or_else(|| corrupt("participation member", &p.member_id.to_string()))?;
    Ok(ParticipationResponse {
        role: p.role()?,
        id: p.id,
        member_id: p.member_id,
        country: member.country,
        member_acronym: member.acronym,
        committee: p.committee,
        since: p.since,
        until: p.until,
        demo: p.demo,
        created_at: p.created_at,
        updated_at: p.updated_at,
    })
}

fn active(
    id: Uuid,
    member_id: Uuid,
    p: &NewParticipation,
    demo: bool,
    by: Option<Uuid>,
    now: DateTime<Utc>,
) -> ActiveModel {
    ActiveModel {
        id: Set(id),
        member_id: Set(member_id),
        committee: Set(p.committee.as_str().to_owned()),
        committee_sort: Set(p.committee.sort_key().to_owned()),
        role: Set(p.role.as_str().to_owned()),
        since: Set(p.span.since),
        until: Set(p.span.until),
        demo: Set(demo),
        created_at: Set(now),
        updated_at: Set(now),
        updated_by: Set(by),
    }
}

pub async fn insert<C: ConnectionTrait>(
    conn: &C,
    member_id: Uuid,
    p: &NewParticipation,
    demo: bool,
    by: Option<Uuid>,
) -> Result<Model, DbErr> {
    active(Uuid::now_v7(), member_id, p, demo, by, Utc::now()).insert(conn).await
}

/// Many participations in few statements.
pub async fn insert_many<C: ConnectionTrait>(
    conn: &C,
    rows: &[(Uuid, NewParticipation)],
    demo: bool,
) -> Result<(), DbErr> {
    let now = Utc::now();
    for chunk in rows.chunks(500) {
        Entity::insert_many(chunk.iter().map(|(member_id, p)| active(Uuid::now_v7(), *member_id, p, demo, None, now)))
            .exec(conn)
            .await?;
    }
    Ok(())
}

pub async fn replace<C: ConnectionTrait>(
    conn: &C,
    current: Model,
    p: &NewParticipation,
    by: Uuid,
) -> Result<Model, DbErr> {
    let mut row: ActiveModel = current.into();
    row.committee = Set(p.committee.as_str().to_owned());
    row.committee_sort = Set(p.committee.sort_key().to_owned());
    row.role = Set(p.role.as_str().to_owned());
    row.since = Set(p.span.since);
    row.until = Set(p.span.until);
    row.updated_at = Set(Utc::now());
    row.updated_by = Set(Some(by));
    row.update(conn).await
}

pub async fn set_until<C: ConnectionTrait>(
    conn: &C,
    id: Uuid,
    until: Option<NaiveDate>,
    by: Uuid,
) -> Result<(), DbErr> {
    let row =
        Entity::find_by_id(id).one(conn).await?.ok_or_else(|| DbErr::RecordNotFound(format!("participation {id}")))?;
    let mut row: ActiveModel = row.into();
    row.until = Set(until);
    row.updated_at = Set(Utc::now());
    row.updated_by = Set(Some(by));
    row.update(conn).await?;
    Ok(())
}

pub async fn delete<C: ConnectionTrait>(conn: &C, id: Uuid) -> Result<(), DbErr> {
    Entity::delete_by_id(id).exec(conn).await?;
    Ok(())
}

pub async fn find<C: ConnectionTrait>(conn: &C, id: Uuid) -> Result<Option<Model>, DbErr> {
    Entity::find_by_id(id).one(conn).await
}

pub async fn find_with_member<C: ConnectionTrait>(conn: &C, id: Uuid) -> Result<Option<ParticipationResponse>, DbErr> {
    match Entity::find_by_id(id).find_also_related(members::Entity).one(conn).await? {
        Some((p, m)) => Ok(Some(response(p, m)?)),
        None => Ok(None),
    }
}

/// Every participation in `committees` (what the overlap rules compare against).
pub async fn in_committees<C: ConnectionTrait>(conn: &C, committees: &[String]) -> Result<Vec<Held>, DbErr> {
    let mut out = Vec::new();
    // Chunks keep the IN list under the engines' bind-parameter limits.
    for chunk in committees.chunks(500) {
        let rows = Entity::find().filter(Column::Committee.is_in(chunk.iter().cloned())).all(conn).await?;
        for r in rows {
            out.push(r.held()?);
        }
    }
    Ok(out)
}

/// Every participation (for the KPIs).
pub async fn all<C: ConnectionTrait>(conn: &C) -> Result<Vec<Model>, DbErr> {
    Entity::find().all(conn).await
}

pub async fn count<C: ConnectionTrait>(conn: &C) -> Result<u64, DbErr> {
    Entity::find().count(conn).await
}

/// Serialises changes to one committee's records until the transaction ends (PostgreSQL), so
/// that two staff recording a secretariat at once cannot both succeed. SQLite has one writer
/// at a time anyway.
pub async fn lock_committee<C: ConnectionTrait>(conn: &C, committee: &str) -> Result<(), DbErr> {
    if super::is_postgres(conn) {
        conn.execute_raw(Statement::from_sql_and_values(
            conn.get_database_backend(),
            "SELECT pg_advisory_xact_lock(hashtext($1))",
            [format!("membership.participations:{committee}").into()],
        ))
        .await?;
    }
    Ok(())
}

#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub member_id: Option<Uuid>,
    pub committee: Option<String>,
    pub role: Option<ParticipationRole>,
    pub on: Option<NaiveDate>,
    pub developing: Option<bool>,
    pub region: Option<String>,
    /// Only the participations of this member (a member account sees its own).
    pub only_member: Option<Uuid>,
}

/// Matching participations by committee, member and start, and how many match in all.
pub async fn list<C: ConnectionTrait>(
    conn: &C,
    filter: &Filter,
    limits: Option<(u64, u64)>,
) -> Result<(Vec<ParticipationResponse>, u64), DbErr> {
    let mut cond = Condition::all();
    for id in [filter.member_id, filter.only_member].into_iter().flatten() {
        cond = cond.add(Column::MemberId.eq(id));
    }
    if let Some(committee) = &filter.committee {
        cond = cond.add(Column::Committee.eq(committee.as_str()));
    }
    if let Some(role) = filter.role {
        cond = cond.add(Column::Role.eq(role.as_str()));
    }
    if let Some(day) = filter.on {
        cond = cond
            .add(Column::Since.lte(day))
            .add(Condition::any().add(Column::Until.is_null()).add(Column::Until.gte(day)));
    }
    if let Some(developing) = filter.developing {
        cond = cond.add(countries::Column::Developing.eq(developing));
    }
    if let Some(region) = &filter.region {
        cond = cond.add(countries::Column::LiaisonRegion.eq(region.as_str()));
    }
    let base = || {
        Entity::find()
            .join(JoinType::InnerJoin, Relation::Member.def())
            .join(JoinType::InnerJoin, members::Relation::Country.def())
            .filter(cond.clone())
    };
    let total = base().count(conn).await?;
    let mut query = base()
        .select_also(members::Entity)
        .order_by_asc(Column::CommitteeSort)
        .order_by_asc(members::Column::NameSort)
        .order_by_asc(Column::Since)
        .order_by_asc(Column::Id);
    if let Some((offset, limit)) = limits {
        query = query.offset(offset).limit(limit);
    }
    let rows = query.all(conn).await?;
    let items = rows.into_iter().map(|(p, m)| response(p, m)).collect::<Result<Vec<_>, _>>()?;
    Ok((items, total))
}
