//! The `support_requests` table.

use api_types::assessments::{RequestStatus, SupportRequestResponse, Urgency};
use sea_orm::entity::prelude::*;
use sea_orm::{ActiveValue::Set, Condition, ConnectionTrait, QueryOrder};

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
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

impl TryFrom<Model> for SupportRequestResponse {
    type Error = DbErr;

    fn try_from(m: Model) -> Result<Self, DbErr> {
        let corrupt = |what: &str, v: &str| DbErr::Custom(format!("stored {what} {v:?} is not valid"));
        Ok(SupportRequestResponse {
            urgency: Urgency::parse(&m.urgency).ok_or_else(|| corrupt("urgency", &m.urgency))?,
            status: RequestStatus::parse(&m.status).ok_or_else(|| corrupt("status", &m.status))?,
            id: m.id,
            member_id: m.member_id,
            needs: m.needs,
            context: m.context,
            created_by: m.created_by,
            created_at: m.created_at,
        })
    }
}

pub async fn insert<C: ConnectionTrait>(
    conn: &C,
    req: &NewSupportRequest,
    member_id: Uuid,
    created_by: Uuid,
) -> Result<Model, DbErr> {
    ActiveModel {
        id: Set(Uuid::now_v7()),
        member_id: Set(member_id),
        needs: Set(req.needs().to_owned()),
        context: Set(req.context().to_owned()),
        urgency: Set(req.urgency().as_str().to_owned()),
        status: Set(RequestStatus::Open.as_str().to_owned()),
        created_by: Set(created_by),
        created_at: Set(chrono::Utc::now()),
    }
    .insert(conn)
    .await
}

#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub member_id: Option<Uuid>,
    pub status: Option<RequestStatus>,
}

pub async fn list<C: ConnectionTrait>(
    conn: &C,
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
    platform::db::fetch_window(
        conn,
        Entity::find().filter(cond).order_by_desc(Column::CreatedAt).order_by_desc(Column::Id),
        limits,
    )
    .await
}
