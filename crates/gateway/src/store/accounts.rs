//! The `accounts` table.

use api_types::Role;
use sea_orm::entity::prelude::*;
use sea_orm::{ActiveValue::Set, ConnectionTrait};

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
