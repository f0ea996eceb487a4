//! The `projects` table.

use api_types::projects::{ProjectResponse, ProjectStatus, Theme};
use chrono::Utc;
use sea_orm::entity::prelude::*;
use sea_orm::{ActiveValue::Set, Condition, ConnectionTrait, QueryOrder};

use crate::domain::proposal::NewProposal;
use crate::domain::visibility::Visibility;

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
    pub created_at: chrono::DateTime<chrono::Utc>,
    pub updated_at: chrono::DateTime<chrono::Utc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

impl TryFrom<Model> for ProjectResponse {
    type Error = DbErr;

    fn try_from(m: Model) -> Result<Self, DbErr> {
        Ok(ProjectResponse {
            theme: Theme::parse(&m.theme).ok_or_else(|| DbErr::Custom(format!("unknown theme {:?}", m.theme)))?,
            status: ProjectStatus::parse(&m.status)
                .ok_or_else(|| DbErr::Custom(format!("unknown status {:?}", m.status)))?,
            objective: u8::try_from(m.objective).map_err(|_| DbErr::Custom(format!("objective {}", m.objective)))?,
            id: m.id,
            title: m.title,
            summary: m.summary,
            member_id: m.member_id,
            created_by: m.created_by,
            created_at: m.created_at,
            updated_at: m.updated_at,
        })
    }
}

/// Inserts a new proposal in `draft`.
pub async fn insert_draft<C: ConnectionTrait>(
    conn: &C,
    proposal: &NewProposal,
    member_id: Uuid,
    created_by: Uuid,
) -> Result<Model, DbErr> {
    let now = Utc::now();
    ActiveModel {
        id: Set(Uuid::now_v7()),
        title: Set(proposal.title().to_owned()),
        summary: Set(proposal.summary().to_owned()),
        objective: Set(i16::from(proposal.objective().get())),
        theme: Set(proposal.theme().as_str().to_owned()),
        status: Set(ProjectStatus::Draft.as_str().to_owned()),
        member_id: Set(member_id),
        created_by: Set(created_by),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(conn)
    .await
}

pub async fn find<C: ConnectionTrait>(conn: &C, id: Uuid) -> Result<Option<Model>, DbErr> {
    Entity::find_by_id(id).one(conn).await
}

/// List filters, already combined with what the caller may see.
#[derive(Debug, Clone)]
pub struct Filter {
    pub visibility: Visibility,
    pub status: Option<ProjectStatus>,
    pub theme: Option<Theme>,
    pub member_id: Option<Uuid>,
}

/// Matching rows, newest first, and how many match in all.
pub async fn list<C: ConnectionTrait>(
    conn: &C,
    filter: &Filter,
    limits: Option<(u64, u64)>,
) -> Result<(Vec<Model>, u64), DbErr> {
    let mut cond = Condition::all();
    match &filter.visibility {
        Visibility::All => {}
        Visibility::OwnMember(id) => cond = cond.add(Column::MemberId.eq(*id)),
        Visibility::Statuses(statuses) => cond = cond.add(Column::Status.is_in(statuses.iter().map(|s| s.as_str()))),
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
    platform::db::fetch_window(
        conn,
        Entity::find().filter(cond).order_by_desc(Column::CreatedAt).order_by_desc(Column::Id),
        limits,
    )
    .await
}
