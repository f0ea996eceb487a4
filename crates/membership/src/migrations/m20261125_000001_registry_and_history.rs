//! The member registry in full, and the history the KPIs need:
//!
//! * `members` is rebuilt: the skeleton's unique country key allowed one record per country
//!   forever; now a country may have past (withdrawn) member bodies and at most one current
//!   (active or suspended) one, enforced by a partial unique index. Contact details, the day a
//!   member left, a folded sort name and `updated_at` are added. The rows are copied over.
//! * `member_categories`: every member's category history (the category it joined in, every
//!   change), copied from the current categories for existing members.
//! * `upgrade_requests`, with at most one open request per member (partial unique index).
//! * `participations`: technical-committee participation.
//! * `region_mapping`: the effective-dated country → liaison region mapping (filled from the
//!   countries at start-up, see `ops::load_reference`).
//! * `reference_changes`: who changed which reference data, when and why.
//! * `countries` gains who overrode `developing`, when and why.
//!
//! Partial indexes are written in SQL: `CREATE UNIQUE INDEX … WHERE …` reads the same on
//! SQLite and PostgreSQL.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::{
    big_pk_auto, boolean, date, date_null, pk_uuid, string_len, string_len_null, text, text_null,
    timestamp_with_time_zone, timestamp_with_time_zone_null, uuid, uuid_null,
};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Members {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum MembersNext {
    Table,
    Id,
    Country,
    Name,
    Acronym,
    Category,
    Status,
    JoinedOn,
    LeftOn,
    Devco,
    Demo,
    ContactPerson,
    Email,
    Phone,
    Website,
    PostalAddress,
    SearchText,
    NameSort,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Countries {
    Table,
    Code,
    DevelopingReason,
    DevelopingDecidedBy,
    DevelopingDecidedAt,
}

#[derive(DeriveIden)]
enum LiaisonRegions {
    Table,
    Code,
}

#[derive(DeriveIden)]
enum MemberCategories {
    Table,
    Id,
    MemberId,
    Category,
    ValidFrom,
    ChangedAt,
    ChangedBy,
    Reason,
    UpgradeRequestId,
}

#[derive(DeriveIden)]
enum UpgradeRequests {
    Table,
    Id,
    MemberId,
    FromCategory,
    ToCategory,
    Justification,
    Status,
    RequestedBy,
    RequestedAt,
    DecidedBy,
    DecidedAt,
    DecisionReason,
}

#[derive(DeriveIden)]
enum Participations {
    Table,
    Id,
    MemberId,
    Committee,
    CommitteeSort,
    Role,
    Since,
    Until,
    Demo,
    CreatedAt,
    UpdatedAt,
    UpdatedBy,
}

#[derive(DeriveIden)]
enum RegionMapping {
    Table,
    Id,
    Country,
    Region,
    ValidFrom,
    ValidTo,
    OpenedAt,
    OpenedBy,
    OpenedReason,
    ClosedAt,
    ClosedBy,
    ClosedReason,
}

#[derive(DeriveIden)]
enum ReferenceChanges {
    Table,
    Id,
    ChangedAt,
    ChangedBy,
    Change,
    Subject,
    Before,
    After,
    Reason,
}

async fn index(manager: &SchemaManager<'_>, name: &str, table: impl IntoIden, cols: &[&str]) -> Result<(), DbErr> {
    let mut stmt = Index::create();
    stmt.name(name).table(table);
    for col in cols {
        stmt.col(Alias::new(*col));
    }
    manager.create_index(stmt.to_owned()).await
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    /// In one transaction on SQLite too (PostgreSQL always has one): the rebuild of `members`
    /// must run on one connection and either happen completely or not at all.
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();

        // ---- members, rebuilt ------------------------------------------------------------
        manager
            .create_table(
                Table::create()
                    .table(MembersNext::Table)
                    .col(pk_uuid(MembersNext::Id))
                    .col(string_len(MembersNext::Country, 2))
                    .col(string_len(MembersNext::Name, 200))
                    .col(string_len(MembersNext::Acronym, 32))
                    .col(string_len(MembersNext::Category, 20))
                    .col(string_len(MembersNext::Status, 20))
                    .col(date(MembersNext::JoinedOn))
                    .col(date_null(MembersNext::LeftOn))
                    .col(boolean(MembersNext::Devco))
                    .col(boolean(MembersNext::Demo))
                    .col(string_len_null(MembersNext::ContactPerson, 200))
                    .col(string_len_null(MembersNext::Email, 254))
                    .col(string_len_null(MembersNext::Phone, 40))
                    .col(string_len_null(MembersNext::Website, 300))
                    .col(text_null(MembersNext::PostalAddress))
                    .col(string_len(MembersNext::SearchText, 400))
                    // Folded name, so that the list sorts the same on both engines.
                    .col(string_len(MembersNext::NameSort, 200))
                    .col(timestamp_with_time_zone(MembersNext::CreatedAt))
                    .col(timestamp_with_time_zone(MembersNext::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_members_next_country")
                            .from(MembersNext::Table, MembersNext::Country)
                            .to(Countries::Table, Countries::Code),
                    )
                    .to_owned(),
            )
            .await?;
        // The folded sort name starts as the lower-case name; the service rewrites it with the
        // accent-folded form at start-up (see `ops::load_reference`).
        db.execute_unprepared(
            "INSERT INTO members_next (id, country, name, acronym, category, status, joined_on, left_on, devco, demo, \
             search_text, name_sort, created_at, updated_at) \
             SELECT id, country, name, acronym, category, status, joined_on, NULL, devco, demo, \
             search_text, LOWER(name), created_at, created_at FROM members",
        )
        .await?;
        manager.drop_table(Table::drop().table(Members::Table).to_owned()).await?;
        manager.rename_table(Table::rename().table(MembersNext::Table, Members::Table).to_owned()).await?;
        db.execute_unprepared(
            "CREATE UNIQUE INDEX idx_members_one_current_per_country ON members (country) WHERE status <> 'withdrawn'",
        )
        .await?;
        index(manager, "idx_members_name_sort", Members::Table, &["name_sort", "id"]).await?;
        index(manager, "idx_members_category", Members::Table, &["category"]).await?;
        index(manager, "idx_members_status", Members::Table, &["status"]).await?;
        index(manager, "idx_members_country", Members::Table, &["country"]).await?;

        // ---- category history --------------------------------------------------------------
        manager
            .create_table(
                Table::create()
                    .table(MemberCategories::Table)
                    .col(big_pk_auto(MemberCategories::Id))
                    .col(uuid(MemberCategories::MemberId))
                    .col(string_len(MemberCategories::Category, 20))
                    .col(date(MemberCategories::ValidFrom))
                    .col(timestamp_with_time_zone(MemberCategories::ChangedAt))
                    .col(uuid_null(MemberCategories::ChangedBy))
                    .col(text(MemberCategories::Reason))
                    .col(uuid_null(MemberCategories::UpgradeRequestId))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_member_categories_member")
                            .from(MemberCategories::Table, MemberCategories::MemberId)
                            .to(Members::Table, Members::Id),
                    )
                    .to_owned(),
            )
            .await?;
        index(manager, "idx_member_categories_member", MemberCategories::Table, &["member_id", "valid_from", "id"])
            .await?;
        db.execute_unprepared(
            "INSERT INTO member_categories (member_id, category, valid_from, changed_at, reason) \
             SELECT id, category, joined_on, created_at, 'category on joining' FROM members",
        )
        .await?;

        // ---- upgrade requests ----------------------------------------------------------------
        manager
            .create_table(
                Table::create()
                    .table(UpgradeRequests::Table)
                    .col(pk_uuid(UpgradeRequests::Id))
                    .col(uuid(UpgradeRequests::MemberId))
                    .col(string_len(UpgradeRequests::FromCategory, 20))
                    .col(string_len(UpgradeRequests::ToCategory, 20))
                    .col(text(UpgradeRequests::Justification))
                    .col(string_len(UpgradeRequests::Status, 20))
                    .col(uuid(UpgradeRequests::RequestedBy))
                    .col(timestamp_with_time_zone(UpgradeRequests::RequestedAt))
                    .col(uuid_null(UpgradeRequests::DecidedBy))
                    .col(timestamp_with_time_zone_null(UpgradeRequests::DecidedAt))
                    .col(text_null(UpgradeRequests::DecisionReason))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_upgrade_requests_member")
                            .from(UpgradeRequests::Table, UpgradeRequests::MemberId)
                            .to(Members::Table, Members::Id),
                    )
                    .to_owned(),
            )
            .await?;
        db.execute_unprepared(
            "CREATE UNIQUE INDEX idx_upgrade_requests_one_open ON upgrade_requests (member_id) WHERE status = 'open'",
        )
        .await?;
        index(manager, "idx_upgrade_requests_status", UpgradeRequests::Table, &["status", "requested_at"]).await?;
        index(manager, "idx_upgrade_requests_member", UpgradeRequests::Table, &["member_id", "requested_at"]).await?;

        // ---- participations ------------------------------------------------------------------
        manager
            .create_table(
                Table::create()
                    .table(Participations::Table)
                    .col(pk_uuid(Participations::Id))
                    .col(uuid(Participations::MemberId))
                    .col(string_len(Participations::Committee, 40))
                    .col(string_len(Participations::CommitteeSort, 60))
                    .col(string_len(Participations::Role, 12))
                    .col(date(Participations::Since))
                    .col(date_null(Participations::Until))
                    .col(boolean(Participations::Demo))
                    .col(timestamp_with_time_zone(Participations::CreatedAt))
                    .col(timestamp_with_time_zone(Participations::UpdatedAt))
                    .col(uuid_null(Participations::UpdatedBy))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_participations_member")
                            .from(Participations::Table, Participations::MemberId)
                            .to(Members::Table, Members::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_participations_key")
                    .table(Participations::Table)
                    .col(Participations::MemberId)
                    .col(Participations::Committee)
                    .col(Participations::Role)
                    .col(Participations::Since)
                    .unique()
                    .to_owned(),
            )
            .await?;
        index(manager, "idx_participations_committee", Participations::Table, &["committee_sort", "since"]).await?;

        // ---- region mapping ------------------------------------------------------------------
        manager
            .create_table(
                Table::create()
                    .table(RegionMapping::Table)
                    .col(big_pk_auto(RegionMapping::Id))
                    .col(string_len(RegionMapping::Country, 2))
                    .col(string_len(RegionMapping::Region, 32))
                    .col(date_null(RegionMapping::ValidFrom))
                    .col(date_null(RegionMapping::ValidTo))
                    .col(timestamp_with_time_zone(RegionMapping::OpenedAt))
                    .col(uuid_null(RegionMapping::OpenedBy))
                    .col(text(RegionMapping::OpenedReason))
                    .col(timestamp_with_time_zone_null(RegionMapping::ClosedAt))
                    .col(uuid_null(RegionMapping::ClosedBy))
                    .col(text_null(RegionMapping::ClosedReason))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_region_mapping_country")
                            .from(RegionMapping::Table, RegionMapping::Country)
                            .to(Countries::Table, Countries::Code),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_region_mapping_region")
                            .from(RegionMapping::Table, RegionMapping::Region)
                            .to(LiaisonRegions::Table, LiaisonRegions::Code),
                    )
                    .to_owned(),
            )
            .await?;
        db.execute_unprepared(
            "CREATE UNIQUE INDEX idx_region_mapping_one_open ON region_mapping (country) WHERE valid_to IS NULL",
        )
        .await?;
        index(manager, "idx_region_mapping_country", RegionMapping::Table, &["country", "id"]).await?;
        index(manager, "idx_region_mapping_region", RegionMapping::Table, &["region"]).await?;

        // ---- reference changes ---------------------------------------------------------------
        manager
            .create_table(
                Table::create()
                    .table(ReferenceChanges::Table)
                    .col(pk_uuid(ReferenceChanges::Id))
                    .col(timestamp_with_time_zone(ReferenceChanges::ChangedAt))
                    .col(uuid(ReferenceChanges::ChangedBy))
                    .col(string_len(ReferenceChanges::Change, 32))
                    .col(string_len(ReferenceChanges::Subject, 32))
                    .col(text_null(ReferenceChanges::Before))
                    .col(text_null(ReferenceChanges::After))
                    .col(text(ReferenceChanges::Reason))
                    .to_owned(),
            )
            .await?;
        index(manager, "idx_reference_changes_subject", ReferenceChanges::Table, &["subject"]).await?;

        // ---- countries: who overrode `developing` ---------------------------------------------
        // One column per statement: SQLite alters one column at a time.
        for col in [
            ColumnDef::new(Countries::DevelopingReason).text().null().to_owned(),
            ColumnDef::new(Countries::DevelopingDecidedBy).uuid().null().to_owned(),
            ColumnDef::new(Countries::DevelopingDecidedAt).timestamp_with_time_zone().null().to_owned(),
        ] {
            manager.alter_table(Table::alter().table(Countries::Table).add_column(col).to_owned()).await?;
        }
        index(manager, "idx_countries_developing", Countries::Table, &["developing"]).await?;
        Ok(())
    }

    async fn down(&self, _manager: &SchemaManager) -> Result<(), DbErr> {
        // Rebuilding the skeleton's members table would drop the history of withdrawn members;
        // this migration is not reversible.
        Err(DbErr::Migration("m20261125_000001_registry_and_history cannot be reverted".to_owned()))
    }
}
