//! Donors: the agencies, governments, foundations and member bodies that give money.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::{
    boolean, pk_uuid, string_len, string_len_null, string_len_uniq, timestamp_with_time_zone,
};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Donors {
    Table,
    Id,
    Name,
    DonorType,
    Country,
    Demo,
    SearchText,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Donors::Table)
                    .if_not_exists()
                    .col(pk_uuid(Donors::Id))
                    .col(string_len_uniq(Donors::Name, 200))
                    .col(string_len(Donors::DonorType, 32))
                    .col(string_len_null(Donors::Country, 2))
                    .col(boolean(Donors::Demo))
                    .col(string_len(Donors::SearchText, 400))
                    .col(timestamp_with_time_zone(Donors::CreatedAt))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(Donors::Table).to_owned()).await
    }
}
