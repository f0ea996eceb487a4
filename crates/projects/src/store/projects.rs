//! The `projects` table and the proposal's parts: budget lines, delivery methods, beneficiary
//! members and regions.

use std::collections::{BTreeMap, BTreeSet};

use api_types::Currency;
use api_types::money::Money;
use api_types::projects::{BudgetCategory, DeliveryMethod, ProjectStatus, Theme};
use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::entity::prelude::*;
use sea_orm::{ActiveValue::Set, Condition, ConnectionTrait, QueryOrder, QuerySelect};

use super::corrupt;
use crate::domain::proposal::{BudgetLine, NewProposal};
use crate::domain::visibility::{PUBLISHED, Visibility};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "projects")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub title: String,
    #[sea_orm(column_type = "Text")]
    pub summary: String,
    pub objective: i16,
    pub theme: String,
    pub status: String,
    pub member_id: Uuid,
    pub created_by: Uuid,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub planned_start: Option<NaiveDate>,
    pub planned_end: Option<NaiveDate>,
    #[sea_orm(column_type = "Text")]
    pub search_text: String,
    pub approvals_needed: i16,
    pub review_round: i32,
    pub approved_at: Option<DateTime<Utc>>,
    pub allocated_minor: Option<i64>,
    pub budget_chf_minor: Option<i64>,
    pub ledger_seq: Option<i64>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

impl Model {
    pub fn status(&self) -> Result<ProjectStatus, DbErr> {
        ProjectStatus::parse(&self.status).ok_or_else(|| corrupt("status", &self.status))
    }

    pub fn theme(&self) -> Result<Theme, DbErr> {
        Theme::parse(&self.theme).ok_or_else(|| corrupt("theme", &self.theme))
    }
}

pub mod budget_lines {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "project_budget_lines")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub project_id: Uuid,
        pub position: i32,
        pub category: String,
        pub description: String,
        pub amount_minor: i64,
        pub currency: String,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod delivery_methods {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "project_delivery_methods")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub project_id: Uuid,
        #[sea_orm(primary_key, auto_increment = false)]
        pub method: String,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod beneficiary_members {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "project_beneficiary_members")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub project_id: Uuid,
        #[sea_orm(primary_key, auto_increment = false)]
        pub member_id: Uuid,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod regions {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "project_regions")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub project_id: Uuid,
        #[sea_orm(primary_key, auto_increment = false)]
        pub region: String,
        pub explicit: bool,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// A project row with its parts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Project {
    pub row: Model,
    pub budget: Vec<BudgetLine>,
    pub methods: BTreeSet<DeliveryMethod>,
    pub beneficiary_members: BTreeSet<Uuid>,
    /// Explicit beneficiary regions.
    pub beneficiary_regions: BTreeSet<String>,
    /// Every region the project benefits.
    pub regions: BTreeSet<String>,
}

/// Inserts a new proposal in `draft` with its parts; `regions` are all regions it benefits
/// (explicit ones and those of beneficiary members).
pub async fn insert_draft<C: ConnectionTrait>(
    conn: &C,
    proposal: &NewProposal,
    member_id: Uuid,
    created_by: Uuid,
    regions: &BTreeSet<String>,
    approvals_needed: usize,
) -> Result<Model, DbErr> {
    let now = Utc::now();
    let id = Uuid::now_v7();
    let row = ActiveModel {
        id: Set(id),
        title: Set(proposal.title.clone()),
        summary: Set(proposal.summary.clone()),
        objective: Set(i16::from(proposal.objective.get())),
        theme: Set(proposal.theme.as_str().to_owned()),
        status: Set(ProjectStatus::Draft.as_str().to_owned()),
        member_id: Set(member_id),
        created_by: Set(created_by),
        created_at: Set(now),
        updated_at: Set(now),
        planned_start: Set(proposal.planned_start),
        planned_end: Set(proposal.planned_end),
        search_text: Set(platform::text::search_text([proposal.title.as_str(), proposal.summary.as_str()])),
        approvals_needed: Set(i16::try_from(approvals_needed).unwrap_or(2)),
        review_round: Set(0),
        approved_at: Set(None),
        allocated_minor: Set(None),
        budget_chf_minor: Set(None),
        ledger_seq: Set(None),
    }
    .insert(conn)
    .await?;
    insert_parts(conn, id, proposal, regions).await?;
    Ok(row)
}

/// Replaces the content of proposal `row` with `proposal` as a whole (the row's fields and every
/// part); status, owner and history stay.
pub async fn replace_proposal<C: ConnectionTrait>(
    conn: &C,
    row: Model,
    proposal: &NewProposal,
    regions: &BTreeSet<String>,
    approvals_needed: usize,
    now: DateTime<Utc>,
) -> Result<Model, DbErr> {
    let id = row.id;
    let mut active: ActiveModel = row.into();
    active.title = Set(proposal.title.clone());
    active.summary = Set(proposal.summary.clone());
    active.objective = Set(i16::from(proposal.objective.get()));
    active.theme = Set(proposal.theme.as_str().to_owned());
    active.planned_start = Set(proposal.planned_start);
    active.planned_end = Set(proposal.planned_end);
    active.search_text = Set(platform::text::search_text([proposal.title.as_str(), proposal.summary.as_str()]));
    active.approvals_needed = Set(i16::try_from(approvals_needed).unwrap_or(2));
    active.updated_at = Set(now);
    let row = active.update(conn).await?;
    budget_lines::Entity::delete_many().filter(budget_lines::Column::ProjectId.eq(id)).exec(conn).await?;
    delivery_methods::Entity::delete_many().filter(delivery_methods::Column::ProjectId.eq(id)).exec(conn).await?;
    beneficiary_members::Entity::delete_many().filter(beneficiary_members::Column::ProjectId.eq(id)).exec(conn).await?;
    regions::Entity::delete_many().filter(regions::Column::ProjectId.eq(id)).exec(conn).await?;
    insert_parts(conn, id, proposal, regions).await?;
    Ok(row)
}

/// Inserts the parts of proposal `id`: budget lines, methods, beneficiary members and regions.
async fn insert_parts<C: ConnectionTrait>(
    conn: &C,
    id: Uuid,
    proposal: &NewProposal,
    regions: &BTreeSet<String>,
) -> Result<(), DbErr> {
    let lines = proposal.budget.iter().enumerate().map(|(i, line)| budget_lines::ActiveModel {
        id: Set(Uuid::now_v7()),
        project_id: Set(id),
        position: Set(i32::try_from(i).unwrap_or(i32::MAX)),
        category: Set(line.category.as_str().to_owned()),
        description: Set(line.description.clone()),
        amount_minor: Set(line.amount.minor),
        currency: Set(line.amount.currency.code().to_owned()),
    });
    if !proposal.budget.is_empty() {
        budget_lines::Entity::insert_many(lines).exec(conn).await?;
    }
    let methods = proposal
        .delivery_methods
        .iter()
        .map(|m| delivery_methods::ActiveModel { project_id: Set(id), method: Set(m.as_str().to_owned()) });
    if !proposal.delivery_methods.is_empty() {
        delivery_methods::Entity::insert_many(methods).exec(conn).await?;
    }
    if !proposal.beneficiary_members.is_empty() {
        let members = proposal
            .beneficiary_members
            .iter()
            .map(|m| beneficiary_members::ActiveModel { project_id: Set(id), member_id: Set(*m) });
        beneficiary_members::Entity::insert_many(members).exec(conn).await?;
    }
    if !regions.is_empty() {
        let rows = regions.iter().map(|r| regions::ActiveModel {
            project_id: Set(id),
            region: Set(r.clone()),
            explicit: Set(proposal.beneficiary_regions.contains(r)),
        });
        regions::Entity::insert_many(rows).exec(conn).await?;
    }
    Ok(())
}

pub async fn find<C: ConnectionTrait>(conn: &C, id: Uuid) -> Result<Option<Model>, DbErr> {
    Entity::find_by_id(id).one(conn).await
}

/// The row, locked against concurrent changes until the transaction ends (PostgreSQL; SQLite's
/// write transaction holds the database lock already).
pub async fn find_for_update<C: ConnectionTrait>(conn: &C, id: Uuid) -> Result<Option<Model>, DbErr> {
    let query = Entity::find_by_id(id);
    if super::is_postgres(conn) { query.lock_exclusive().one(conn).await } else { query.one(conn).await }
}

/// Loads the parts of `rows`, in one query per part.
pub async fn with_parts<C: ConnectionTrait>(conn: &C, rows: Vec<Model>) -> Result<Vec<Project>, DbErr> {
    let ids: Vec<Uuid> = rows.iter().map(|r| r.id).collect();
    let mut lines: BTreeMap<Uuid, Vec<BudgetLine>> = BTreeMap::new();
    for l in budget_lines::Entity::find()
        .filter(budget_lines::Column::ProjectId.is_in(ids.clone()))
        .order_by_asc(budget_lines::Column::ProjectId)
        .order_by_asc(budget_lines::Column::Position)
        .all(conn)
        .await?
    {
        let category = BudgetCategory::parse(&l.category).ok_or_else(|| corrupt("budget category", &l.category))?;
        let currency = Currency::parse(&l.currency).ok_or_else(|| corrupt("currency", &l.currency))?;
        lines.entry(l.project_id).or_default().push(BudgetLine {
            category,
            description: l.description,
            amount: Money::new(l.amount_minor, currency),
        });
    }
    let mut methods: BTreeMap<Uuid, BTreeSet<DeliveryMethod>> = BTreeMap::new();
    for m in delivery_methods::Entity::find()
        .filter(delivery_methods::Column::ProjectId.is_in(ids.clone()))
        .all(conn)
        .await?
    {
        let method = DeliveryMethod::parse(&m.method).ok_or_else(|| corrupt("delivery method", &m.method))?;
        methods.entry(m.project_id).or_default().insert(method);
    }
    let mut members: BTreeMap<Uuid, BTreeSet<Uuid>> = BTreeMap::new();
    for m in beneficiary_members::Entity::find()
        .filter(beneficiary_members::Column::ProjectId.is_in(ids.clone()))
        .all(conn)
        .await?
    {
        members.entry(m.project_id).or_default().insert(m.member_id);
    }
    let mut regions_of: BTreeMap<Uuid, Vec<regions::Model>> = BTreeMap::new();
    for r in regions::Entity::find().filter(regions::Column::ProjectId.is_in(ids)).all(conn).await? {
        regions_of.entry(r.project_id).or_default().push(r);
    }
    Ok(rows
        .into_iter()
        .map(|row| {
            let rs = regions_of.remove(&row.id).unwrap_or_default();
            Project {
                budget: lines.remove(&row.id).unwrap_or_default(),
                methods: methods.remove(&row.id).unwrap_or_default(),
                beneficiary_members: members.remove(&row.id).unwrap_or_default(),
                beneficiary_regions: rs.iter().filter(|r| r.explicit).map(|r| r.region.clone()).collect(),
                regions: rs.into_iter().map(|r| r.region).collect(),
                row,
            }
        })
        .collect())
}

/// List filters, already combined with what the caller may see.
#[derive(Debug, Clone)]
pub struct Filter {
    pub visibility: Visibility,
    pub status: Option<ProjectStatus>,
    pub theme: Option<Theme>,
    pub region: Option<String>,
    pub member_id: Option<Uuid>,
    pub q: Option<String>,
}

/// Matching rows, newest first, and how many match in all.
pub async fn list<C: ConnectionTrait>(
    conn: &C,
    filter: &Filter,
    limits: Option<(u64, u64)>,
) -> Result<(Vec<Model>, u64), DbErr> {
    let published = || Column::Status.is_in(PUBLISHED.iter().map(|s| s.as_str()));
    let mut cond = Condition::all();
    match &filter.visibility {
        Visibility::All => {}
        Visibility::OwnAndPublished(id) => {
            cond = cond.add(Condition::any().add(Column::MemberId.eq(*id)).add(published()))
        }
        Visibility::Published => cond = cond.add(published()),
        Visibility::Nothing => return Ok((Vec::new(), 0)),
    }
    if let Some(status) = filter.status {
        cond = cond.add(Column::Status.eq(status.as_str()));
    }
    if let Some(theme) = filter.theme {
        cond = cond.add(Column::Theme.eq(theme.as_str()));
    }
    if let Some(member_id) = filter.member_id {
        cond = cond.add(Column::MemberId.eq(member_id));
    }
    if let Some(region) = &filter.region {
        let sub = sea_orm::sea_query::Query::select()
            .column(regions::Column::ProjectId)
            .from(regions::Entity)
            .and_where(regions::Column::Region.eq(region.as_str()))
            .to_owned();
        cond = cond.add(Column::Id.in_subquery(sub));
    }
    if let Some(q) = filter.q.as_deref().map(str::trim).filter(|q| !q.is_empty()) {
        cond = cond.add(platform::db::search_matches(Column::SearchText, q));
    }
    platform::db::fetch_window(
        conn,
        Entity::find().filter(cond).order_by_desc(Column::CreatedAt).order_by_desc(Column::Id),
        limits,
    )
    .await
}

/// Approved projects not yet fully funded, oldest approval first.
pub async fn fundable<C: ConnectionTrait>(conn: &C) -> Result<Vec<Model>, DbErr> {
    Entity::find()
        .filter(Column::Status.eq(ProjectStatus::Approved.as_str()))
        .order_by_asc(Column::ApprovedAt)
        .order_by_asc(Column::Id)
        .all(conn)
        .await
}

/// Every project (for the KPIs).
pub async fn all<C: ConnectionTrait>(conn: &C) -> Result<Vec<Model>, DbErr> {
    Entity::find().order_by_asc(Column::Id).all(conn).await
}

/// Moves the project to `status`; `round` and `approved_at` when they change.
pub async fn set_status<C: ConnectionTrait>(
    conn: &C,
    row: Model,
    status: ProjectStatus,
    now: DateTime<Utc>,
) -> Result<Model, DbErr> {
    let mut active: ActiveModel = row.clone().into();
    active.status = Set(status.as_str().to_owned());
    active.updated_at = Set(now);
    if status == ProjectStatus::Submitted {
        active.review_round = Set(row.review_round.saturating_add(1));
    }
    if status == ProjectStatus::Approved {
        active.approved_at = Set(Some(now));
    }
    active.update(conn).await
}

/// Records the funding position reported at `ledger_seq`.
pub async fn set_funding<C: ConnectionTrait>(
    conn: &C,
    row: Model,
    allocated_minor: i64,
    budget_chf_minor: i64,
    ledger_seq: i64,
) -> Result<Model, DbErr> {
    let mut active: ActiveModel = row.into();
    active.allocated_minor = Set(Some(allocated_minor));
    active.budget_chf_minor = Set(Some(budget_chf_minor));
    active.ledger_seq = Set(Some(ledger_seq));
    active.updated_at = Set(Utc::now());
    active.update(conn).await
}
