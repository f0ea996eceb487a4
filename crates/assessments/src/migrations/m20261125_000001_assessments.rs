//! Assessments, answers, scores, recommendations and the outbox of project proposals; the
//! assessor, closing reason and demo flag of requests; who published a questionnaire version.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::{
    big_integer, integer, pk_uuid, small_integer_null, string_len, string_len_null, text, text_null,
    timestamp_with_time_zone, timestamp_with_time_zone_null, uuid, uuid_null,
};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum SupportRequests {
    Table,
    AssessorId,
    ClosedReason,
    Demo,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Questionnaires {
    Table,
    PublishedBy,
}

#[derive(DeriveIden)]
enum Assessments {
    Table,
    RequestId,
    MemberId,
    QuestionnaireId,
    QuestionnaireVersion,
    Status,
    StartedAt,
    SubmittedAt,
    SubmittedBy,
    Level,
    Result,
}

#[derive(DeriveIden)]
enum Answers {
    Table,
    RequestId,
    Question,
    Value,
    AnsweredBy,
    AnsweredAt,
}

#[derive(DeriveIden)]
enum Recommendations {
    Table,
    Id,
    RequestId,
    Rule,
    Source,
    Title,
    Description,
    Category,
    CostMinor,
    Currency,
    Position,
    UpdatedBy,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum ProjectProposals {
    Table,
    RequestId,
    IdempotencyKey,
    Payload,
    AcceptedBy,
    AcceptedAt,
    Attempts,
    NextAttemptAt,
    LastError,
    ProjectId,
    CreatedAt,
}

async fn index(
    manager: &SchemaManager<'_>,
    name: &str,
    table: impl IntoIden,
    cols: &[&str],
    unique: bool,
) -> Result<(), DbErr> {
    let mut stmt = Index::create();
    stmt.name(name).table(table);
    if unique {
        stmt.unique();
    }
    for col in cols {
        stmt.col(Alias::new(*col));
    }
    manager.create_index(stmt.to_owned()).await
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One column per statement: SQLite alters one column at a time. `updated_at` stays
        // nullable for the skeleton's rows (read as `created_at`).
        for col in [
            ColumnDef::new(SupportRequests::AssessorId).uuid().null().to_owned(),
            ColumnDef::new(SupportRequests::ClosedReason).text().null().to_owned(),
            ColumnDef::new(SupportRequests::Demo).boolean().not_null().default(false).to_owned(),
            ColumnDef::new(SupportRequests::UpdatedAt).timestamp_with_time_zone().null().to_owned(),
        ] {
            manager.alter_table(Table::alter().table(SupportRequests::Table).add_column(col).to_owned()).await?;
        }
        index(manager, "idx_support_requests_status", SupportRequests::Table, &["status"], false).await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Questionnaires::Table)
                    .add_column(ColumnDef::new(Questionnaires::PublishedBy).uuid().null())
                    .to_owned(),
            )
            .await?;

        // One assessment per request; a re-assessment is a new request.
        manager
            .create_table(
                Table::create()
                    .table(Assessments::Table)
                    .if_not_exists()
                    .col(pk_uuid(Assessments::RequestId))
                    .col(uuid(Assessments::MemberId))
                    .col(uuid(Assessments::QuestionnaireId))
                    .col(integer(Assessments::QuestionnaireVersion))
                    .col(string_len(Assessments::Status, 16))
                    .col(timestamp_with_time_zone(Assessments::StartedAt))
                    .col(timestamp_with_time_zone_null(Assessments::SubmittedAt))
                    .col(uuid_null(Assessments::SubmittedBy))
                    .col(small_integer_null(Assessments::Level))
                    // The score with its explanation as JSON, fixed at submission.
                    .col(text_null(Assessments::Result))
                    .to_owned(),
            )
            .await?;
        index(manager, "idx_assessments_member", Assessments::Table, &["member_id"], false).await?;

        manager
            .create_table(
                Table::create()
                    .table(Answers::Table)
                    .if_not_exists()
                    .col(uuid(Answers::RequestId))
                    .col(string_len(Answers::Question, 64))
                    // `true`/`false` or a whole number, as JSON.
                    .col(string_len(Answers::Value, 32))
                    .col(uuid(Answers::AnsweredBy))
                    .col(timestamp_with_time_zone(Answers::AnsweredAt))
                    .primary_key(Index::create().col(Answers::RequestId).col(Answers::Question))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Recommendations::Table)
                    .if_not_exists()
                    .col(pk_uuid(Recommendations::Id))
                    .col(uuid(Recommendations::RequestId))
                    .col(string_len_null(Recommendations::Rule, 64))
                    .col(string_len(Recommendations::Source, 16))
                    .col(string_len(Recommendations::Title, 200))
                    .col(text(Recommendations::Description))
                    .col(string_len(Recommendations::Category, 32))
                    // Money as integer minor units: SQLite would round a decimal through a float.
                    .col(big_integer(Recommendations::CostMinor))
                    .col(string_len(Recommendations::Currency, 3))
                    .col(integer(Recommendations::Position))
                    .col(uuid_null(Recommendations::UpdatedBy))
                    .col(timestamp_with_time_zone(Recommendations::UpdatedAt))
                    .to_owned(),
            )
            .await?;
        index(manager, "idx_recommendations_request", Recommendations::Table, &["request_id", "position"], false)
            .await?;

        // The outbox of proposals to create in the projects service, written in the accept
        // transaction and delivered by a worker until projects answers.
        manager
            .create_table(
                Table::create()
                    .table(ProjectProposals::Table)
                    .if_not_exists()
                    .col(pk_uuid(ProjectProposals::RequestId))
                    .col(string_len(ProjectProposals::IdempotencyKey, 80))
                    .col(text(ProjectProposals::Payload))
                    .col(uuid(ProjectProposals::AcceptedBy))
                    .col(timestamp_with_time_zone(ProjectProposals::AcceptedAt))
                    .col(integer(ProjectProposals::Attempts).default(0))
                    .col(timestamp_with_time_zone(ProjectProposals::NextAttemptAt))
                    .col(text_null(ProjectProposals::LastError))
                    .col(uuid_null(ProjectProposals::ProjectId))
                    .col(timestamp_with_time_zone_null(ProjectProposals::CreatedAt))
                    .to_owned(),
            )
            .await?;
        index(manager, "idx_project_proposals_key", ProjectProposals::Table, &["idempotency_key"], true).await?;
        index(manager, "idx_project_proposals_due", ProjectProposals::Table, &["project_id", "next_attempt_at"], false)
            .await
    }

    async fn down(&self, _manager: &SchemaManager) -> Result<(), DbErr> {
        // SQLite cannot drop the columns added to existing tables without rebuilding them and
        // losing nothing; this migration is not reversible.
        Err(DbErr::Migration("m20261125_000001_assessments cannot be reverted".to_owned()))
    }
}
