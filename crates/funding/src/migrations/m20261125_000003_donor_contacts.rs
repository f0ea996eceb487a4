//! Donors' contact details (all optional, so existing donors simply have none yet).

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum Donors {
    Table,
    ContactPerson,
    Email,
    Phone,
    Website,
    PostalAddress,
}

const COLUMNS: [Donors; 5] =
    [Donors::ContactPerson, Donors::Email, Donors::Phone, Donors::Website, Donors::PostalAddress];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One column per statement: SQLite alters a table one column at a time.
        for column in COLUMNS {
            let def = match column {
                Donors::PostalAddress => ColumnDef::new(column).text().null().to_owned(),
                _ => ColumnDef::new(column).string().null().to_owned(),
            };
            manager.alter_table(Table::alter().table(Donors::Table).add_column(def).to_owned()).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in COLUMNS {
            manager.alter_table(Table::alter().table(Donors::Table).drop_column(column).to_owned()).await?;
        }
        Ok(())
    }
}
