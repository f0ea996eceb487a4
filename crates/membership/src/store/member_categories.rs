//! The `member_categories` table: each member's category history. The first entry is the
//! category it joined in; every change adds one, so the category on any day can be read back.

use std::collections::HashMap;

use api_types::membership::{CategoryChangeResponse, MemberCategory};
use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::entity::prelude::*;
use sea_orm::{ActiveValue::Set, ConnectionTrait, QueryOrder};

use super::corrupt;
use crate::domain::kpis::CategoryEntry;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "member_categories")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub member_id: Uuid,
    pub category: String,
    pub valid_from: NaiveDate,
    pub changed_at: DateTime<Utc>,
    pub changed_by: Option<Uuid>,
    pub reason: String,
    pub upgrade_request_id: Option<Uuid>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

impl Model {
    pub fn category(&self) -> Result<MemberCategory, DbErr> {
        MemberCategory::parse(&self.category).ok_or_else(|| corrupt("member category", &self.category))
    }
}

/// One entry to add.
#[derive(Debug, Clone)]
pub struct NewEntry<'a> {
    pub member_id: Uuid,
    pub category: MemberCategory,
    pub valid_from: NaiveDate,
    pub changed_by: Option<Uuid>,
    pub reason: &'a str,
    pub upgrade_request_id: Option<Uuid>,
}

pub async fn insert<C: ConnectionTrait>(conn: &C, e: &NewEntry<'_>) -> Result<Model, DbErr> {
    active(e, Utc::now()).insert(conn).await
}

fn active(e: &NewEntry<'_>, at: DateTime<Utc>) -> ActiveModel {
    ActiveModel {
        member_id: Set(e.member_id),
        category: Set(e.category.as_str().to_owned()),
        valid_from: Set(e.valid_from),
        changed_at: Set(at),
        changed_by: Set(e.changed_by),
        reason: Set(e.reason.to_owned()),
        upgrade_request_id: Set(e.upgrade_request_id),
        ..Default::default()
    }
}

/// Many entries in few statements.
pub async fn insert_many<C: ConnectionTrait>(conn: &C, entries: &[NewEntry<'_>]) -> Result<(), DbErr> {
    let now = Utc::now();
    for chunk in entries.chunks(500) {
        Entity::insert_many(chunk.iter().map(|e| active(e, now))).exec(conn).await?;
    }
    Ok(())
}

/// One member's entries, oldest first.
pub async fn of_member<C: ConnectionTrait>(conn: &C, member_id: Uuid) -> Result<Vec<Model>, DbErr> {
    Entity::find()
        .filter(Column::MemberId.eq(member_id))
        .order_by_asc(Column::ValidFrom)
        .order_by_asc(Column::Id)
        .all(conn)
        .await
}

/// Moves the first entry (the category on joining) to a corrected joining day.
pub async fn move_first<C: ConnectionTrait>(conn: &C, member_id: Uuid, joined_on: NaiveDate) -> Result<(), DbErr> {
    if let Some(first) = of_member(conn, member_id).await?.into_iter().next() {
        let mut row: ActiveModel = first.into();
        row.valid_from = Set(joined_on);
        row.update(conn).await?;
    }
    Ok(())
}

/// Every member's entries, oldest first (for imports and KPIs).
pub async fn all_by_member<C: ConnectionTrait>(conn: &C) -> Result<HashMap<Uuid, Vec<Model>>, DbErr> {
    let mut out: HashMap<Uuid, Vec<Model>> = HashMap::new();
    for m in Entity::find().order_by_asc(Column::ValidFrom).order_by_asc(Column::Id).all(conn).await? {
        out.entry(m.member_id).or_default().push(m);
    }
    Ok(out)
}

/// The entries as the KPIs read them.
pub fn kpi_entries(rows: &[Model]) -> Result<Vec<CategoryEntry>, DbErr> {
    rows.iter().map(|r| Ok(CategoryEntry { valid_from: r.valid_from, seq: r.id, category: r.category()? })).collect()
}

/// The entries as the API shows them, each with the category before it.
pub fn responses(rows: Vec<Model>) -> Result<Vec<CategoryChangeResponse>, DbErr> {
    let mut previous = None;
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        let category = r.category()?;
        out.push(CategoryChangeResponse {
            id: r.id,
            member_id: r.member_id,
            category,
            previous,
            valid_from: r.valid_from,
            changed_at: r.changed_at,
            changed_by: r.changed_by,
            reason: r.reason,
            upgrade_request_id: r.upgrade_request_id,
        });
        previous = Some(category);
    }
    Ok(out)
}
