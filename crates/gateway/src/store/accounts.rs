//! The `accounts` table.

use api_types::Role;
use api_types::auth::{AccountResponse, ListAccounts};
use sea_orm::entity::prelude::*;
use sea_orm::{ActiveValue::Set, ConnectionTrait, QueryOrder, QuerySelect};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "accounts")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub email: String,
    #[sea_orm(column_type = "Text")]
    pub password_hash: String,
    pub role: String,
    pub member_id: Option<Uuid>,
    pub donor_id: Option<Uuid>,
    pub disabled: bool,
    pub created_at: chrono::DateTime<chrono::Utc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

impl Model {
    pub fn role(&self) -> Result<Role, DbErr> {
        Role::parse(&self.role).ok_or_else(|| DbErr::Custom(format!("stored role {:?} is not valid", self.role)))
    }
}

impl TryFrom<Model> for AccountResponse {
    type Error = DbErr;

    fn try_from(m: Model) -> Result<Self, DbErr> {
        Ok(AccountResponse {
            id: m.id,
            role: m.role()?,
            email: m.email,
            member_id: m.member_id,
            donor_id: m.donor_id,
            disabled: m.disabled,
            created_at: m.created_at,
        })
    }
}

/// What a new account row holds; `email` is normalised by the caller.
#[derive(Debug, Clone)]
pub struct NewAccount<'a> {
    pub email: &'a str,
    pub password_hash: &'a str,
    pub role: Role,
    pub member_id: Option<Uuid>,
    pub donor_id: Option<Uuid>,
}

pub async fn insert<C: ConnectionTrait>(conn: &C, account: &NewAccount<'_>) -> Result<Model, DbErr> {
    ActiveModel {
        id: Set(Uuid::now_v7()),
        email: Set(account.email.to_owned()),
        password_hash: Set(account.password_hash.to_owned()),
        role: Set(account.role.as_str().to_owned()),
        member_id: Set(account.member_id),
        donor_id: Set(account.donor_id),
        disabled: Set(false),
        created_at: Set(chrono::Utc::now()),
    }
    .insert(conn)
    .await
}

pub async fn find_by_email<C: ConnectionTrait>(conn: &C, email: &str) -> Result<Option<Model>, DbErr> {
    Entity::find().filter(Column::Email.eq(email)).one(conn).await
}

pub async fn count<C: ConnectionTrait>(conn: &C) -> Result<u64, DbErr> {
    Entity::find().count(conn).await
}

pub async fn find<C: ConnectionTrait>(conn: &C, id: Uuid) -> Result<Option<Model>, DbErr> {
    Entity::find_by_id(id).one(conn).await
}

/// Accounts matching `filter`, by email, with the total; `limits` is `(offset, limit)`.
pub async fn list<C: ConnectionTrait>(
    conn: &C,
    filter: &ListAccounts,
    limits: Option<(u64, u64)>,
) -> Result<(Vec<Model>, u64), DbErr> {
    let mut query = Entity::find();
    if let Some(role) = filter.role {
        query = query.filter(Column::Role.eq(role.as_str()));
    }
    if let Some(disabled) = filter.disabled {
        query = query.filter(Column::Disabled.eq(disabled));
    }
    if let Some(q) = filter.q.as_deref().map(str::trim).filter(|q| !q.is_empty()) {
        // Emails are stored lowercased, so a lowercased needle matches on every engine.
        query = query.filter(Column::Email.contains(q.to_lowercase()));
    }
    let total = query.clone().count(conn).await?;
    let mut query = query.order_by_asc(Column::Email);
    if let Some((offset, limit)) = limits {
        query = query.offset(offset).limit(limit);
    }
    Ok((query.all(conn).await?, total))
}

pub async fn set_disabled<C: ConnectionTrait>(conn: &C, id: Uuid, disabled: bool) -> Result<(), DbErr> {
    ActiveModel { id: Set(id), disabled: Set(disabled), ..Default::default() }.update(conn).await.map(|_| ())
}

pub async fn set_password_hash<C: ConnectionTrait>(conn: &C, id: Uuid, hash: &str) -> Result<(), DbErr> {
    ActiveModel { id: Set(id), password_hash: Set(hash.to_owned()), ..Default::default() }
        .update(conn)
        .await
        .map(|_| ())
}
