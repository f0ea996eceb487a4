//! The `reference_changes` table: who changed which reference data, when and why.

use api_types::membership::{ReferenceChangeKind, ReferenceChangeResponse};
use chrono::{DateTime, Utc};
use sea_orm::entity::prelude::*;
use sea_orm::{ActiveValue::Set, Condition, ConnectionTrait, QueryOrder};

use super::corrupt;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "reference_changes")]
pub struct Model {
    /// UUID v7: ordered by time of writing.
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub changed_at: DateTime<Utc>,
    pub changed_by: Uuid,
    pub change: String,
    pub subject: String,
    pub before: Option<String>,
    pub after: Option<String>,
    pub reason: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

impl TryFrom<Model> for ReferenceChangeResponse {
    type Error = DbErr;

    fn try_from(m: Model) -> Result<Self, DbErr> {
        Ok(ReferenceChangeResponse {
            change: ReferenceChangeKind::parse(&m.change).ok_or_else(|| corrupt("reference change", &m.change))?,
            id: m.id,
            changed_at: m.changed_at,
            changed_by: m.changed_by,
            subject: m.subject,
            before: m.before,
            after: m.after,
            reason: m.reason,
        })
    }
}

/// One change to record.
#[derive(Debug, Clone)]
pub struct NewChange<'a> {
    pub change: ReferenceChangeKind,
    pub subject: &'a str,
    pub before: Option<String>,
    pub after: Option<String>,
    pub by: Uuid,
    pub at: DateTime<Utc>,
    pub reason: &'a str,
}

pub async fn insert<C: ConnectionTrait>(conn: &C, c: NewChange<'_>) -> Result<(), DbErr> {
    ActiveModel {
        id: Set(Uuid::now_v7()),
        changed_at: Set(c.at),
        changed_by: Set(c.by),
        change: Set(c.change.as_str().to_owned()),
        subject: Set(c.subject.to_owned()),
        before: Set(c.before),
        after: Set(c.after),
        reason: Set(c.reason.to_owned()),
    }
    .insert(conn)
    .await?;
    Ok(())
}

#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub change: Option<ReferenceChangeKind>,
    pub subject: Option<String>,
}

/// Matching changes, newest first, and how many match in all.
pub async fn list<C: ConnectionTrait>(
    conn: &C,
    filter: &Filter,
    limits: Option<(u64, u64)>,
) -> Result<(Vec<Model>, u64), DbErr> {
    let mut cond = Condition::all();
    if let Some(change) = filter.change {
        cond = cond.add(Column::Change.eq(change.as_str()));
    }
    if let Some(subject) = &filter.subject {
        cond = cond.add(Column::Subject.eq(subject.as_str()));
    }
    platform::db::fetch_window(conn, Entity::find().filter(cond).order_by_desc(Column::Id), limits).await
}
