//! The `countries` table: reference data loaded from the embedded country files.

use api_types::membership::{CountryResponse, CountrySort, DevelopingBasis, IncomeLevel};
use sea_orm::entity::prelude::*;
use sea_orm::{ActiveValue::Set, Condition, ConnectionTrait, QueryOrder, QuerySelect};

use platform::db::search_matches;

use super::corrupt;
use crate::domain::reference::{CountryRecord, is_developing_income};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "countries")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub code: String,
    pub alpha3: String,
    pub m49: String,
    pub name_en: String,
    pub name_fr: String,
    pub m49_region: Option<String>,
    pub m49_sub_region: Option<String>,
    pub m49_intermediate_region: Option<String>,
    pub income_level: Option<String>,
    pub ldc: bool,
    pub lldc: bool,
    pub sids: bool,
    pub independent: bool,
    pub developing: bool,
    pub developing_basis: String,
    pub liaison_region: Option<String>,
    pub search_text: String,
    pub name_en_sort: String,
    pub name_fr_sort: String,
    pub developing_reason: Option<String>,
    pub developing_decided_by: Option<Uuid>,
    pub developing_decided_at: Option<chrono::DateTime<chrono::Utc>>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

impl Model {
    pub fn income_level(&self) -> Result<Option<IncomeLevel>, DbErr> {
        match self.income_level.as_deref() {
            None => Ok(None),
            Some(s) => Ok(Some(IncomeLevel::parse(s).ok_or_else(|| corrupt("income level", s))?)),
        }
    }

    pub fn basis(&self) -> Result<DevelopingBasis, DbErr> {
        DevelopingBasis::parse(&self.developing_basis)
            .ok_or_else(|| corrupt("developing basis", &self.developing_basis))
    }
}

impl TryFrom<Model> for CountryResponse {
    type Error = DbErr;

    fn try_from(m: Model) -> Result<Self, DbErr> {
        let income_level = m.income_level()?;
        let developing_basis = m.basis()?;
        Ok(CountryResponse {
            developing_by_income: is_developing_income(income_level),
            developing_reason: m.developing_reason,
            developing_decided_by: m.developing_decided_by,
            developing_decided_at: m.developing_decided_at,
            code: m.code,
            alpha3: m.alpha3,
            m49: m.m49,
            name_en: m.name_en,
            name_fr: m.name_fr,
            m49_region: m.m49_region,
            m49_sub_region: m.m49_sub_region,
            m49_intermediate_region: m.m49_intermediate_region,
            income_level,
            developing: m.developing,
            developing_basis,
            ldc: m.ldc,
            lldc: m.lldc,
            sids: m.sids,
            independent: m.independent,
            liaison_region: m.liaison_region,
        })
    }
}

pub async fn count<C: ConnectionTrait>(conn: &C) -> Result<u64, DbErr> {
    Entity::find().count(conn).await
}

/// Stores the reference records as they come from the data files.
pub async fn insert_reference<C: ConnectionTrait>(conn: &C, records: &[CountryRecord]) -> Result<(), DbErr> {
    // Batches keep each statement well under SQLite's and PostgreSQL's bind-parameter limits.
    for chunk in records.chunks(100) {
        Entity::insert_many(chunk.iter().map(|r| {
            let developing = r.developing_by_income();
            let basis =
                if r.income_level.is_some() { DevelopingBasis::IncomeLevel } else { DevelopingBasis::Unclassified };
            ActiveModel {
                code: Set(r.code.clone()),
                alpha3: Set(r.alpha3.clone()),
                m49: Set(r.m49.clone()),
                name_en: Set(r.name_en.clone()),
                name_fr: Set(r.name_fr.clone()),
                m49_region: Set(r.m49_region.clone()),
                m49_sub_region: Set(r.m49_sub_region.clone()),
                m49_intermediate_region: Set(r.m49_intermediate_region.clone()),
                income_level: Set(r.income_level.map(|l| l.as_str().to_owned())),
                ldc: Set(r.ldc),
                lldc: Set(r.lldc),
                sids: Set(r.sids),
                independent: Set(r.independent),
                developing: Set(developing),
                developing_basis: Set(basis.as_str().to_owned()),
                liaison_region: Set(r.default_liaison_region.map(str::to_owned)),
                search_text: Set(platform::text::search_text([r.name_en.as_str(), &r.name_fr, &r.code, &r.alpha3])),
                name_en_sort: Set(platform::text::fold(&r.name_en)),
                name_fr_sort: Set(platform::text::fold(&r.name_fr)),
                developing_reason: Set(None),
                developing_decided_by: Set(None),
                developing_decided_at: Set(None),
            }
        }))
        .exec(conn)
        .await?;
    }
    Ok(())
}

pub async fn find<C: ConnectionTrait>(conn: &C, code: &str) -> Result<Option<Model>, DbErr> {
    Entity::find_by_id(code.to_owned()).one(conn).await
}

/// The country, its row locked until the transaction ends on PostgreSQL (SQLite has one writer
/// at a time), so that two changes to one country's mapping cannot interleave.
pub async fn find_for_update<C: ConnectionTrait>(conn: &C, code: &str) -> Result<Option<Model>, DbErr> {
    let mut query = Entity::find_by_id(code.to_owned());
    if super::is_postgres(conn) {
        query = query.lock_exclusive();
    }
    query.one(conn).await
}

/// Every country code of the reference data.
pub async fn codes<C: ConnectionTrait>(conn: &C) -> Result<Vec<String>, DbErr> {
    Entity::find().select_only().column(Column::Code).into_tuple().all(conn).await
}

/// Every country.
pub async fn all<C: ConnectionTrait>(conn: &C) -> Result<Vec<Model>, DbErr> {
    Entity::find().order_by_asc(Column::Code).all(conn).await
}

/// The developing status of a country after a staff decision (or a return to the income
/// level as the basis).
#[derive(Debug, Clone)]
pub struct DevelopingStatus<'a> {
    pub developing: bool,
    pub basis: DevelopingBasis,
    pub liaison_region: Option<&'a str>,
    /// Set with a staff override, cleared otherwise.
    pub decision: Option<(&'a str, Uuid, chrono::DateTime<chrono::Utc>)>,
}

pub async fn set_developing<C: ConnectionTrait>(
    conn: &C,
    current: Model,
    s: &DevelopingStatus<'_>,
) -> Result<Model, DbErr> {
    let mut row: ActiveModel = current.into();
    row.developing = Set(s.developing);
    row.developing_basis = Set(s.basis.as_str().to_owned());
    row.liaison_region = Set(s.liaison_region.map(str::to_owned));
    row.developing_reason = Set(s.decision.map(|d| d.0.to_owned()));
    row.developing_decided_by = Set(s.decision.map(|d| d.1));
    row.developing_decided_at = Set(s.decision.map(|d| d.2));
    row.update(conn).await
}

pub async fn set_region<C: ConnectionTrait>(conn: &C, current: Model, region: &str) -> Result<Model, DbErr> {
    let mut row: ActiveModel = current.into();
    row.liaison_region = Set(Some(region.to_owned()));
    row.update(conn).await
}

#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub region: Option<String>,
    pub developing: Option<bool>,
    pub basis: Option<DevelopingBasis>,
    pub q: Option<String>,
    pub sort: CountrySort,
}

/// Matching countries in the requested order, and how many match in all.
pub async fn list<C: ConnectionTrait>(
    conn: &C,
    filter: &Filter,
    limits: Option<(u64, u64)>,
) -> Result<(Vec<Model>, u64), DbErr> {
    let mut cond = Condition::all();
    if let Some(region) = &filter.region {
        cond = cond.add(Column::LiaisonRegion.eq(region.as_str()));
    }
    if let Some(developing) = filter.developing {
        cond = cond.add(Column::Developing.eq(developing));
    }
    if let Some(basis) = filter.basis {
        cond = cond.add(Column::DevelopingBasis.eq(basis.as_str()));
    }
    if let Some(q) = filter.q.as_deref().map(str::trim).filter(|q| !q.is_empty()) {
        cond = cond.add(search_matches(Column::SearchText, q));
    }
    let order = match filter.sort {
        CountrySort::NameEn => Column::NameEnSort,
        CountrySort::NameFr => Column::NameFrSort,
        CountrySort::Code => Column::Code,
    };
    platform::db::fetch_window(conn, Entity::find().filter(cond).order_by_asc(order).order_by_asc(Column::Code), limits)
        .await
}
