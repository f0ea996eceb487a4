//! The `support_requests` table.

use api_types::assessments::{RequestStatus, SupportRequestResponse, Urgency};
use sea_orm::entity::prelude::*;
use sea_orm::{ActiveValue::Set, Condition, ConnectionTrait, QueryOrder, QuerySelect};

use super::corrupt;
use crate::domain::request::NewSupportRequest;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "support_requests")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub member_id: Uuid,
    #[sea_orm(column_type = "Text")]
    pub needs: String,
    #[sea_orm(column_type = "Text")]
    pub context: String,
    pub urgency: String,
    pub status: String,
    pub created_by: Uuid,
    pub created_at: chrono::DateTime<chrono::Utc>,
    pub assessor_id: Option<Uuid>,
    #[sea_orm(column_type = "Text", nullable)]
    pub closed_reason: Option<String>,
    pub demo: bool,
    pub updated_at: Option<chrono::DateTime<chrono::Utc>>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

impl Model {
    pub fn status(&self) -> Result<RequestStatus, DbErr> {
        RequestStatus::parse(&self.status).ok_or_else(|| corrupt("status", &self.status))
    }
}

impl TryFrom<Model> for SupportRequestResponse {
    type Error = DbErr;

    fn try_from(m: Model) -> Result<Self, DbErr> {
        Ok(SupportRequestResponse {
            urgency: Urgency::parse(&m.urgency).ok_or_else(|| corrupt("urgency", &m.urgency))?,
            status: m.status()?,
            id: m.id,
            member_id: m.member_id,
            needs: m.needs,
            context: m.context,
            assessor_id: m.assessor_id,
            closed_reason: m.closed_reason,
            demo: m.demo,
            created_by: m.created_by,
            created_at: m.created_at,
            updated_at: m.updated_at.unwrap_or(m.created_at),
        })
    }
}

pub async fn insert(
    conn: &impl ConnectionTrait,
    req: &NewSupportRequest,
    member_id: Uuid,
    created_by: Uuid,
    demo: bool,
) -> Result<Model, DbErr> {
    let now = chrono::Utc::now();
    ActiveModel {
        id: Set(Uuid::now_v7()),
        member_id: Set(member_id),
        needs: Set(req.needs().to_owned()),
        context: Set(req.context().to_owned()),
        urgency: Set(req.urgency().as_str().to_owned()),
        status: Set(RequestStatus::Open.as_str().to_owned()),
        created_by: Set(created_by),
        created_at: Set(now),
        assessor_id: Set(None),
        closed_reason: Set(None),
        demo: Set(demo),
        updated_at: Set(Some(now)),
    }
    .insert(conn)
    .await
}

pub async fn find(conn: &impl ConnectionTrait, id: Uuid) -> Result<Option<Model>, DbErr> {
    Entity::find_by_id(id).one(conn).await
}

/// The request, locked for the rest of the transaction on PostgreSQL (on SQLite the write
/// transaction holds the database already), so that two changes to it run one after the other.
pub async fn find_for_update(conn: &impl ConnectionTrait, id: Uuid) -> Result<Option<Model>, DbErr> {
    let query = Entity::find_by_id(id);
    if super::is_postgres(conn) { query.lock_exclusive().one(conn).await } else { query.one(conn).await }
}

/// What a change to a request sets.
#[derive(Debug, Clone, Default)]
pub struct Change {
    pub status: Option<RequestStatus>,
    pub assessor_id: Option<Uuid>,
    pub closed_reason: Option<String>,
}

pub async fn update(conn: &impl ConnectionTrait, row: Model, change: Change) -> Result<Model, DbErr> {
    let mut active: ActiveModel = row.into();
    if let Some(status) = change.status {
        active.status = Set(status.as_str().to_owned());
    }
    if let Some(assessor) = change.assessor_id {
        active.assessor_id = Set(Some(assessor));
    }
    if let Some(reason) = change.closed_reason {
        active.closed_reason = Set(Some(reason));
    }
    active.updated_at = Set(Some(chrono::Utc::now()));
    active.update(conn).await
}

#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub member_id: Option<Uuid>,
    pub status: Option<RequestStatus>,
    pub assessor_id: Option<Uuid>,
}

pub async fn list(
    conn: &impl ConnectionTrait,
    filter: &Filter,
    limits: Option<(u64, u64)>,
) -> Result<(Vec<Model>, u64), DbErr> {
    let mut cond = Condition::all();
    if let Some(id) = filter.member_id {
        cond = cond.add(Column::MemberId.eq(id));
    }
    if let Some(status) = filter.status {
        cond = cond.add(Column::Status.eq(status.as_str()));
    }
    if let Some(id) = filter.assessor_id {
        cond = cond.add(Column::AssessorId.eq(id));
    }
    platform::db::fetch_window(
        conn,
        Entity::find().filter(cond).order_by_desc(Column::CreatedAt).order_by_desc(Column::Id),
        limits,
    )
    .await
}

/// The status of every request, for the KPIs.
pub async fn all_statuses(conn: &impl ConnectionTrait) -> Result<Vec<RequestStatus>, DbErr> {
    let rows: Vec<String> = Entity::find().select_only().column(Column::Status).into_tuple().all(conn).await?;
    rows.iter().map(|s| RequestStatus::parse(s).ok_or_else(|| corrupt("status", s))).collect()
}

/// Whether any demo request exists (demo data is seeded once).
pub async fn any_demo(conn: &impl ConnectionTrait) -> Result<bool, DbErr> {
    Ok(Entity::find().filter(Column::Demo.eq(true)).one(conn).await?.is_some())
}
