//! The `upgrade_requests` table: requests to move up one category, and their decisions.

use api_types::membership::{MemberCategory, UpgradeRequestResponse, UpgradeStatus};
use chrono::{DateTime, Utc};
use sea_orm::entity::prelude::*;
use sea_orm::{ActiveValue::Set, Condition, ConnectionTrait, QueryOrder};

use super::corrupt;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "upgrade_requests")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub member_id: Uuid,
    pub from_category: String,
    pub to_category: String,
    pub justification: String,
    pub status: String,
    pub requested_by: Uuid,
    pub requested_at: DateTime<Utc>,
    pub decided_by: Option<Uuid>,
    pub decided_at: Option<DateTime<Utc>>,
    pub decision_reason: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

impl Model {
    pub fn from_category(&self) -> Result<MemberCategory, DbErr> {
        MemberCategory::parse(&self.from_category).ok_or_else(|| corrupt("category", &self.from_category))
    }

    pub fn to_category(&self) -> Result<MemberCategory, DbErr> {
        MemberCategory::parse(&self.to_category).ok_or_else(|| corrupt("category", &self.to_category))
    }

    pub fn status(&self) -> Result<UpgradeStatus, DbErr> {
        UpgradeStatus::parse(&self.status).ok_or_else(|| corrupt("upgrade status", &self.status))
    }
}

impl TryFrom<Model> for UpgradeRequestResponse {
    type Error = DbErr;

    fn try_from(m: Model) -> Result<Self, DbErr> {
        Ok(UpgradeRequestResponse {
            from_category: m.from_category()?,
            to_category: m.to_category()?,
            status: m.status()?,
            id: m.id,
            member_id: m.member_id,
            justification: m.justification,
            requested_by: m.requested_by,
            requested_at: m.requested_at,
            decided_by: m.decided_by,
            decided_at: m.decided_at,
            decision_reason: m.decision_reason,
        })
    }
}

/// A new request, or a decided one (demo history).
#[derive(Debug, Clone)]
pub struct NewRequest<'a> {
    pub id: Uuid,
    pub member_id: Uuid,
    pub from: MemberCategory,
    pub to: MemberCategory,
    pub justification: &'a str,
    pub requested_by: Uuid,
    pub requested_at: DateTime<Utc>,
    pub decision: Option<(UpgradeStatus, Uuid, DateTime<Utc>, &'a str)>,
}

pub async fn insert<C: ConnectionTrait>(conn: &C, r: &NewRequest<'_>) -> Result<Model, DbErr> {
    ActiveModel {
        id: Set(r.id),
        member_id: Set(r.member_id),
        from_category: Set(r.from.as_str().to_owned()),
        to_category: Set(r.to.as_str().to_owned()),
        justification: Set(r.justification.to_owned()),
        status: Set(r.decision.map_or(UpgradeStatus::Open, |d| d.0).as_str().to_owned()),
        requested_by: Set(r.requested_by),
        requested_at: Set(r.requested_at),
        decided_by: Set(r.decision.map(|d| d.1)),
        decided_at: Set(r.decision.map(|d| d.2)),
        decision_reason: Set(r.decision.map(|d| d.3.to_owned())),
    }
    .insert(conn)
    .await
}

pub async fn count<C: ConnectionTrait>(conn: &C) -> Result<u64, DbErr> {
    Entity::find().count(conn).await
}

pub async fn find<C: ConnectionTrait>(conn: &C, id: Uuid) -> Result<Option<Model>, DbErr> {
    Entity::find_by_id(id).one(conn).await
}

/// The member's open request, if any.
pub async fn open_of<C: ConnectionTrait>(conn: &C, member_id: Uuid) -> Result<Option<Model>, DbErr> {
    Entity::find()
        .filter(Column::MemberId.eq(member_id))
        .filter(Column::Status.eq(UpgradeStatus::Open.as_str()))
        .one(conn)
        .await
}

pub async fn decide<C: ConnectionTrait>(
    conn: &C,
    current: Model,
    status: UpgradeStatus,
    by: Uuid,
    reason: &str,
) -> Result<Model, DbErr> {
    let mut row: ActiveModel = current.into();
    row.status = Set(status.as_str().to_owned());
    row.decided_by = Set(Some(by));
    row.decided_at = Set(Some(Utc::now()));
    row.decision_reason = Set(Some(reason.to_owned()));
    row.update(conn).await
}

#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub member_id: Option<Uuid>,
    pub status: Option<UpgradeStatus>,
}

/// Matching requests, newest first, and how many match in all.
pub async fn list<C: ConnectionTrait>(
    conn: &C,
    filter: &Filter,
    limits: Option<(u64, u64)>,
) -> Result<(Vec<Model>, u64), DbErr> {
    let mut cond = Condition::all();
    if let Some(member_id) = filter.member_id {
        cond = cond.add(Column::MemberId.eq(member_id));
    }
    if let Some(status) = filter.status {
        cond = cond.add(Column::Status.eq(status.as_str()));
    }
    platform::db::fetch_window(
        conn,
        Entity::find().filter(cond).order_by_desc(Column::RequestedAt).order_by_desc(Column::Id),
        limits,
    )
    .await
}
