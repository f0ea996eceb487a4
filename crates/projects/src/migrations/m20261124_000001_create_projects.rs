//! Proposals and projects: one row per proposal, whatever its status.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::{pk_uuid, small_integer, string_len, text, timestamp_with_time_zone, uuid};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Projects {
    Table,
    Id,
    Title,
    Summary,
    Objective,
    Theme,
    Status,
    MemberId,
    CreatedBy,
    CreatedAt,
    UpdatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Projects::Table)
                    .if_not_exists()
                    .col(pk_uuid(Projects::Id))
                    .col(string_len(Projects::Title, 200))
                    .col(text(Projects::Summary))
                    .col(small_integer(Projects::Objective))
                    .col(string_len(Projects::Theme, 64))
                    .col(string_len(Projects::Status, 32))
                    .col(uuid(Projects::MemberId))
                    .col(uuid(Projects::CreatedBy))
                    .col(timestamp_with_time_zone(Projects::CreatedAt))
                    .col(timestamp_with_time_zone(Projects::UpdatedAt))
                    .to_owned(),
            )
            .await?;
        for (name, column) in [("idx_projects_status", Projects::Status), ("idx_projects_member", Projects::MemberId)] {
            manager.create_index(Index::create().name(name).table(Projects::Table).col(column).to_owned()).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(Projects::Table).to_owned()).await
    }
}
