//! Accounts: who can sign in, with which role, linked to which member body or donor.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::{
    boolean, pk_uuid, string_len, string_len_uniq, text, timestamp_with_time_zone, uuid_null,
};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Accounts {
    Table,
    Id,
    Email,
    PasswordHash,
    Role,
    MemberId,
    DonorId,
    Disabled,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Accounts::Table)
                    .if_not_exists()
                    .col(pk_uuid(Accounts::Id))
                    // Stored lowercased, so uniqueness is case-insensitive on every engine.
                    .col(string_len_uniq(Accounts::Email, 254))
                    // PHC string: argon2id with its parameters and salt.
                    .col(text(Accounts::PasswordHash))
                    .col(string_len(Accounts::Role, 16))
                    .col(uuid_null(Accounts::MemberId))
                    .col(uuid_null(Accounts::DonorId))
                    .col(boolean(Accounts::Disabled))
                    .col(timestamp_with_time_zone(Accounts::CreatedAt))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(Accounts::Table).to_owned()).await
    }
}
