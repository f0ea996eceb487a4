//! The `region_mapping` table: the effective-dated country → liaison region mapping (see
//! `domain::mapping` for its rules).

use std::collections::HashMap;

use api_types::membership::RegionPeriodResponse;
use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::entity::prelude::*;
use sea_orm::{ActiveValue::Set, Condition, ConnectionTrait, QueryOrder};

use crate::domain::mapping::{Change, History, Period};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "region_mapping")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub country: String,
    pub region: String,
    pub valid_from: Option<NaiveDate>,
    pub valid_to: Option<NaiveDate>,
    pub opened_at: DateTime<Utc>,
    pub opened_by: Option<Uuid>,
    pub opened_reason: String,
    pub closed_at: Option<DateTime<Utc>>,
    pub closed_by: Option<Uuid>,
    pub closed_reason: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

impl From<Model> for RegionPeriodResponse {
    fn from(m: Model) -> Self {
        RegionPeriodResponse {
            id: m.id,
            country: m.country,
            region: m.region,
            valid_from: m.valid_from,
            valid_to: m.valid_to,
            opened_at: m.opened_at,
            opened_by: m.opened_by,
            opened_reason: m.opened_reason,
            closed_at: m.closed_at,
            closed_by: m.closed_by,
            closed_reason: m.closed_reason,
        }
    }
}

fn period(m: &Model) -> Period {
    Period { region: m.region.clone(), valid_from: m.valid_from, valid_to: m.valid_to }
}

pub async fn count<C: ConnectionTrait>(conn: &C) -> Result<u64, DbErr> {
    Entity::find().count(conn).await
}

/// The default mapping: one period since the start for each `(country, region)`.
pub async fn insert_defaults<C: ConnectionTrait>(conn: &C, rows: &[(String, String)]) -> Result<(), DbErr> {
    let now = Utc::now();
    for chunk in rows.chunks(100) {
        Entity::insert_many(chunk.iter().map(|(country, region)| ActiveModel {
            country: Set(country.clone()),
            region: Set(region.clone()),
            valid_from: Set(None),
            valid_to: Set(None),
            opened_at: Set(now),
            opened_by: Set(None),
            opened_reason: Set("default mapping of the reference data".to_owned()),
            closed_at: Set(None),
            closed_by: Set(None),
            closed_reason: Set(None),
            ..Default::default()
        }))
        .exec(conn)
        .await?;
    }
    Ok(())
}

/// One country's history.
pub async fn history<C: ConnectionTrait>(conn: &C, country: &str) -> Result<History, DbErr> {
    let rows = Entity::find().filter(Column::Country.eq(country)).order_by_asc(Column::Id).all(conn).await?;
    Ok(History::new(rows.iter().map(period).collect()))
}

/// Every country's history (for the KPIs).
pub async fn all_histories<C: ConnectionTrait>(conn: &C) -> Result<HashMap<String, History>, DbErr> {
    let mut by_country: HashMap<String, Vec<Period>> = HashMap::new();
    for m in Entity::find().order_by_asc(Column::Id).all(conn).await? {
        by_country.entry(m.country.clone()).or_default().push(period(&m));
    }
    Ok(by_country.into_iter().map(|(c, p)| (c, History::new(p))).collect())
}

/// Who makes a change and why.
#[derive(Debug, Clone, Copy)]
pub struct Author<'a> {
    pub by: Uuid,
    pub reason: &'a str,
    pub at: DateTime<Utc>,
}

/// Stores a planned change of one country.
pub async fn apply<C: ConnectionTrait>(conn: &C, country: &str, change: &Change, who: Author<'_>) -> Result<(), DbErr> {
    match change {
        Change::Open { region, on } => open(conn, country, region, *on, who).await,
        Change::Close { on } => close(conn, country, *on, who).await,
        Change::Move { region, on } => {
            close(conn, country, *on, who).await?;
            open(conn, country, region, *on, who).await
        }
    }
}

async fn close<C: ConnectionTrait>(conn: &C, country: &str, on: NaiveDate, who: Author<'_>) -> Result<(), DbErr> {
    let open = Entity::find()
        .filter(Column::Country.eq(country))
        .filter(Column::ValidTo.is_null())
        .one(conn)
        .await?
        .ok_or_else(|| DbErr::Custom(format!("country {country} has no open mapping period to close")))?;
    let mut row: ActiveModel = open.into();
    row.valid_to = Set(Some(on));
    row.closed_at = Set(Some(who.at));
    row.closed_by = Set(Some(who.by));
    row.closed_reason = Set(Some(who.reason.to_owned()));
    row.update(conn).await?;
    Ok(())
}

async fn open<C: ConnectionTrait>(
    conn: &C,
    country: &str,
    region: &str,
    on: NaiveDate,
    who: Author<'_>,
) -> Result<(), DbErr> {
    ActiveModel {
        country: Set(country.to_owned()),
        region: Set(region.to_owned()),
        valid_from: Set(Some(on)),
        valid_to: Set(None),
        opened_at: Set(who.at),
        opened_by: Set(Some(who.by)),
        opened_reason: Set(who.reason.to_owned()),
        closed_at: Set(None),
        closed_by: Set(None),
        closed_reason: Set(None),
        ..Default::default()
    }
    .insert(conn)
    .await?;
    Ok(())
}

#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub country: Option<String>,
    pub region: Option<String>,
    pub on: Option<NaiveDate>,
}

/// Matching rows, by country and then in order, and how many match in all.
pub async fn list<C: ConnectionTrait>(
    conn: &C,
    filter: &Filter,
    limits: Option<(u64, u64)>,
) -> Result<(Vec<Model>, u64), DbErr> {
    let mut cond = Condition::all();
    if let Some(country) = &filter.country {
        cond = cond.add(Column::Country.eq(country.as_str()));
    }
    if let Some(region) = &filter.region {
        cond = cond.add(Column::Region.eq(region.as_str()));
    }
    if let Some(day) = filter.on {
        cond = cond
            .add(Condition::any().add(Column::ValidFrom.is_null()).add(Column::ValidFrom.lte(day)))
            .add(Condition::any().add(Column::ValidTo.is_null()).add(Column::ValidTo.gt(day)));
    }
    platform::db::fetch_window(
        conn,
        Entity::find().filter(cond).order_by_asc(Column::Country).order_by_asc(Column::Id),
        limits,
    )
    .await
}
