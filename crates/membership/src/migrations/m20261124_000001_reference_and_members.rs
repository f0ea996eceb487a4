//! Liaison regions, countries (reference data) and member bodies.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::{
    boolean, date, integer, pk_uuid, string_len, string_len_null, timestamp_with_time_zone,
};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum LiaisonRegions {
    Table,
    Code,
    NameEn,
    NameFr,
    SortOrder,
}

#[derive(DeriveIden)]
enum Countries {
    Table,
    Code,
    Alpha3,
    M49,
    NameEn,
    NameFr,
    M49Region,
    M49SubRegion,
    M49IntermediateRegion,
    IncomeLevel,
    Ldc,
    Lldc,
    Sids,
    Independent,
    Developing,
    DevelopingBasis,
    LiaisonRegion,
    SearchText,
    NameEnSort,
    NameFrSort,
}

#[derive(DeriveIden)]
enum Members {
    Table,
    Id,
    Country,
    Name,
    Acronym,
    Category,
    Status,
    JoinedOn,
    Devco,
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
                    .table(LiaisonRegions::Table)
                    .if_not_exists()
                    .col(string_len(LiaisonRegions::Code, 32).primary_key())
                    .col(string_len(LiaisonRegions::NameEn, 120))
                    .col(string_len(LiaisonRegions::NameFr, 120))
                    .col(integer(LiaisonRegions::SortOrder))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Countries::Table)
                    .if_not_exists()
                    .col(string_len(Countries::Code, 2).primary_key())
                    .col(string_len(Countries::Alpha3, 3))
                    .col(string_len(Countries::M49, 3))
                    .col(string_len(Countries::NameEn, 120))
                    .col(string_len(Countries::NameFr, 120))
                    .col(string_len_null(Countries::M49Region, 60))
                    .col(string_len_null(Countries::M49SubRegion, 60))
                    .col(string_len_null(Countries::M49IntermediateRegion, 60))
                    .col(string_len_null(Countries::IncomeLevel, 16))
                    .col(boolean(Countries::Ldc))
                    .col(boolean(Countries::Lldc))
                    .col(boolean(Countries::Sids))
                    .col(boolean(Countries::Independent))
                    .col(boolean(Countries::Developing))
                    .col(string_len(Countries::DevelopingBasis, 20))
                    .col(string_len_null(Countries::LiaisonRegion, 32))
                    // Folded names and codes (see platform::text) for portable search.
                    .col(string_len(Countries::SearchText, 400))
                    // Folded names, so that "Éthiopie" sorts among the E's on every engine.
                    .col(string_len(Countries::NameEnSort, 120))
                    .col(string_len(Countries::NameFrSort, 120))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_countries_liaison_region")
                            .from(Countries::Table, Countries::LiaisonRegion)
                            .to(LiaisonRegions::Table, LiaisonRegions::Code),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_countries_liaison_region")
                    .table(Countries::Table)
                    .col(Countries::LiaisonRegion)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Members::Table)
                    .if_not_exists()
                    .col(pk_uuid(Members::Id))
                    // One national standards body per country.
                    .col(string_len(Members::Country, 2).unique_key())
                    .col(string_len(Members::Name, 200))
                    .col(string_len(Members::Acronym, 32))
                    .col(string_len(Members::Category, 20))
                    .col(string_len(Members::Status, 20))
                    .col(date(Members::JoinedOn))
                    .col(boolean(Members::Devco))
                    .col(boolean(Members::Demo))
                    .col(string_len(Members::SearchText, 400))
                    .col(timestamp_with_time_zone(Members::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_members_country")
                            .from(Members::Table, Members::Country)
                            .to(Countries::Table, Countries::Code),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(Members::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(Countries::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(LiaisonRegions::Table).to_owned()).await
    }
}
