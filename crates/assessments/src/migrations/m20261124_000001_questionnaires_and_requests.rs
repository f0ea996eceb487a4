//! Questionnaire versions and ICT-support requests.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::{integer_uniq, pk_uuid, string_len, text, timestamp_with_time_zone, uuid};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Questionnaires {
    Table,
    Id,
    Version,
    PublishedAt,
    Definition,
}

#[derive(DeriveIden)]
enum SupportRequests {
    Table,
    Id,
    MemberId,
    Needs,
    Context,
    Urgency,
    Status,
    CreatedBy,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Questionnaires::Table)
                    .if_not_exists()
                    .col(pk_uuid(Questionnaires::Id))
                    .col(integer_uniq(Questionnaires::Version))
                    .col(timestamp_with_time_zone(Questionnaires::PublishedAt))
                    // Sections and questions as JSON: a version is immutable once published.
                    .col(text(Questionnaires::Definition))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(SupportRequests::Table)
                    .if_not_exists()
                    .col(pk_uuid(SupportRequests::Id))
                    .col(uuid(SupportRequests::MemberId))
                    .col(text(SupportRequests::Needs))
                    .col(text(SupportRequests::Context))
                    .col(string_len(SupportRequests::Urgency, 16))
                    .col(string_len(SupportRequests::Status, 16))
                    .col(uuid(SupportRequests::CreatedBy))
                    .col(timestamp_with_time_zone(SupportRequests::CreatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_support_requests_member")
                    .table(SupportRequests::Table)
                    .col(SupportRequests::MemberId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(SupportRequests::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(Questionnaires::Table).to_owned()).await
    }
}
