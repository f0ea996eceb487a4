//! The money side of the funding service:
//!
//! * `fx_rates`: CHF per unit of a currency from a date on (exact decimal text);
//! * `contributions`: pledges with their earmark, and the receipt (original amount, rate and
//!   CHF value kept side by side);
//! * `ledger_entries` / `ledger_lines`: the hash-chained double-entry journal in CHF centimes;
//! * `ledger_head`: one row naming the last entry. Every money-moving transaction locks it
//!   first, which puts all movements in one order (and, on PostgreSQL, makes a balance read
//!   after the lock the balance at commit);
//! * `project_facts`: what funding knows of each project it funded (theme, regions, budget);
//! * `allocation_plans`, `disbursements`.
//!
//! `Idempotency-Key` responses live in `platform::idempotency`'s own table (its migration runs
//! before this one).

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::{
    big_integer, big_integer_null, boolean, date, date_null, integer, pk_uuid, string_len, string_len_null, text,
    text_null, timestamp_with_time_zone, timestamp_with_time_zone_null, uuid, uuid_null,
};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum FxRates {
    Table,
    Currency,
    ValidFrom,
    Rate,
    CreatedBy,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Contributions {
    Table,
    Id,
    DonorId,
    Status,
    Currency,
    PledgedMinor,
    EarmarkKind,
    Earmark,
    ReceivedMinor,
    FxRate,
    ValueDate,
    ReceivedChf,
    Demo,
    CreatedBy,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Donors {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum LedgerEntries {
    Table,
    Seq,
    Kind,
    Reference,
    OccurredAt,
    PrevHash,
    Hash,
}

#[derive(DeriveIden)]
enum LedgerLines {
    Table,
    Seq,
    LineNo,
    Account,
    ContributionId,
    ProjectId,
    Amount,
}

#[derive(DeriveIden)]
enum LedgerHead {
    Table,
    Id,
    Seq,
    Hash,
}

#[derive(DeriveIden)]
enum ProjectFacts {
    Table,
    ProjectId,
    Title,
    Theme,
    Regions,
    BudgetChf,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum AllocationPlans {
    Table,
    Id,
    Status,
    LedgerSeq,
    Fingerprint,
    Body,
    Projects,
    CreatedBy,
    CreatedAt,
    CommittedBy,
    CommittedAt,
}

#[derive(DeriveIden)]
enum Disbursements {
    Table,
    Id,
    ProjectId,
    AmountMinor,
    Note,
    Slices,
    LedgerSeq,
    RecordedBy,
    RecordedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // The skeleton called the last donor type `private`; the product calls it `other`.
        manager
            .get_connection()
            .execute_unprepared("UPDATE donors SET donor_type = 'other' WHERE donor_type = 'private'")
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(FxRates::Table)
                    .col(string_len(FxRates::Currency, 3))
                    .col(date(FxRates::ValidFrom))
                    .col(string_len(FxRates::Rate, 40))
                    .col(uuid(FxRates::CreatedBy))
                    .col(timestamp_with_time_zone(FxRates::CreatedAt))
                    .primary_key(Index::create().col(FxRates::Currency).col(FxRates::ValidFrom))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Contributions::Table)
                    .col(pk_uuid(Contributions::Id))
                    .col(uuid(Contributions::DonorId))
                    .col(string_len(Contributions::Status, 16))
                    .col(string_len(Contributions::Currency, 3))
                    .col(big_integer(Contributions::PledgedMinor))
                    .col(string_len(Contributions::EarmarkKind, 24))
                    .col(text(Contributions::Earmark))
                    .col(big_integer_null(Contributions::ReceivedMinor))
                    .col(string_len_null(Contributions::FxRate, 40))
                    .col(date_null(Contributions::ValueDate))
                    .col(big_integer_null(Contributions::ReceivedChf))
                    .col(boolean(Contributions::Demo))
                    .col(uuid(Contributions::CreatedBy))
                    .col(timestamp_with_time_zone(Contributions::CreatedAt))
                    .col(timestamp_with_time_zone(Contributions::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Contributions::Table, Contributions::DonorId)
                            .to(Donors::Table, Donors::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_contributions_donor")
                    .table(Contributions::Table)
                    .col(Contributions::DonorId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(LedgerEntries::Table)
                    .col(big_integer(LedgerEntries::Seq).primary_key())
                    .col(string_len(LedgerEntries::Kind, 16))
                    .col(uuid(LedgerEntries::Reference))
                    .col(timestamp_with_time_zone(LedgerEntries::OccurredAt))
                    .col(string_len(LedgerEntries::PrevHash, 64))
                    .col(string_len(LedgerEntries::Hash, 64))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(LedgerLines::Table)
                    .col(big_integer(LedgerLines::Seq))
                    .col(integer(LedgerLines::LineNo))
                    .col(string_len(LedgerLines::Account, 16))
                    .col(uuid(LedgerLines::ContributionId))
                    .col(uuid_null(LedgerLines::ProjectId))
                    .col(big_integer(LedgerLines::Amount))
                    .primary_key(Index::create().col(LedgerLines::Seq).col(LedgerLines::LineNo))
                    .foreign_key(
                        ForeignKey::create()
                            .from(LedgerLines::Table, LedgerLines::Seq)
                            .to(LedgerEntries::Table, LedgerEntries::Seq),
                    )
                    .to_owned(),
            )
            .await?;
        for (name, cols) in [
            ("idx_ledger_lines_contribution", vec![LedgerLines::ContributionId, LedgerLines::Account]),
            ("idx_ledger_lines_project", vec![LedgerLines::ProjectId, LedgerLines::ContributionId]),
        ] {
            let mut index = Index::create();
            index.name(name).table(LedgerLines::Table);
            for c in cols {
                index.col(c);
            }
            manager.create_index(index.to_owned()).await?;
        }
        manager
            .create_table(
                Table::create()
                    .table(LedgerHead::Table)
                    .col(integer(LedgerHead::Id).primary_key())
                    .col(big_integer(LedgerHead::Seq))
                    .col(string_len(LedgerHead::Hash, 64))
                    .to_owned(),
            )
            .await?;
        manager
            .exec_stmt(
                Query::insert()
                    .into_table(LedgerHead::Table)
                    .columns([LedgerHead::Id, LedgerHead::Seq, LedgerHead::Hash])
                    .values_panic([1.into(), 0i64.into(), crate::domain::ledger::GENESIS_HASH.into()])
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ProjectFacts::Table)
                    .col(pk_uuid(ProjectFacts::ProjectId))
                    .col(string_len(ProjectFacts::Title, 300))
                    .col(string_len(ProjectFacts::Theme, 48))
                    .col(text(ProjectFacts::Regions))
                    .col(big_integer(ProjectFacts::BudgetChf))
                    .col(timestamp_with_time_zone(ProjectFacts::UpdatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(AllocationPlans::Table)
                    .col(pk_uuid(AllocationPlans::Id))
                    .col(string_len(AllocationPlans::Status, 16))
                    .col(big_integer(AllocationPlans::LedgerSeq))
                    .col(string_len(AllocationPlans::Fingerprint, 64))
                    .col(text(AllocationPlans::Body))
                    .col(text(AllocationPlans::Projects))
                    .col(uuid(AllocationPlans::CreatedBy))
                    .col(timestamp_with_time_zone(AllocationPlans::CreatedAt))
                    .col(uuid_null(AllocationPlans::CommittedBy))
                    .col(timestamp_with_time_zone_null(AllocationPlans::CommittedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Disbursements::Table)
                    .col(pk_uuid(Disbursements::Id))
                    .col(uuid(Disbursements::ProjectId))
                    .col(big_integer(Disbursements::AmountMinor))
                    .col(text_null(Disbursements::Note))
                    .col(text(Disbursements::Slices))
                    .col(big_integer(Disbursements::LedgerSeq))
                    .col(uuid(Disbursements::RecordedBy))
                    .col(timestamp_with_time_zone(Disbursements::RecordedAt))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            Disbursements::Table.into_iden(),
            AllocationPlans::Table.into_iden(),
            ProjectFacts::Table.into_iden(),
            LedgerHead::Table.into_iden(),
            LedgerLines::Table.into_iden(),
            LedgerEntries::Table.into_iden(),
            Contributions::Table.into_iden(),
            FxRates::Table.into_iden(),
        ] {
            manager.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}
