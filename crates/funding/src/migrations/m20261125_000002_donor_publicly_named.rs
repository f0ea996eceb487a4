//! Donors' consent to be named on the public transparency portal (default: not named, so
//! every existing donor stays anonymous until it agrees).

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Donors {
    Table,
    PubliclyNamed,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Donors::Table)
                    .add_column(ColumnDef::new(Donors::PubliclyNamed).boolean().not_null().default(false))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.alter_table(Table::alter().table(Donors::Table).drop_column(Donors::PubliclyNamed).to_owned()).await
    }
}
