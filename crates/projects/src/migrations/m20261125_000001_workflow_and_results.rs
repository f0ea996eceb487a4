//! The proposal in full and everything the workflow records:
//!
//! * `projects` gains planned dates, a folded search text, how many approvals it needs, its
//!   review round, when it was approved, and its funding position (allocated and budget in CHF
//!   minor units, with the funding ledger position it was true at).
//! * `project_budget_lines`, `project_delivery_methods`, `project_beneficiary_members` and
//!   `project_regions` (every liaison region the project benefits, explicit or through a
//!   beneficiary member).
//! * `project_transitions`: the audit trail (who, when, from, to, why).
//! * `project_approvals` (one per staff member and review round) and `project_reviews`.
//! * `project_indicators`, `indicator_actuals` and `project_evaluations`: the results framework.
//!
//! Money is integer minor units with its currency code; SQLite would round a decimal.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::{
    big_integer, big_integer_null, boolean, date_null, integer, pk_uuid, small_integer, string_len, text, text_null,
    timestamp_with_time_zone, timestamp_with_time_zone_null, uuid, uuid_null,
};

#[derive(DeriveMigrationName)]
pub struct Migration;

fn id(name: &str) -> Alias {
    Alias::new(name)
}

/// New columns of `projects`, one `ALTER TABLE` each (SQLite adds one column per statement).
fn project_columns() -> Vec<ColumnDef> {
    vec![
        date_null(id("planned_start")),
        date_null(id("planned_end")),
        text(id("search_text")).default("").to_owned(),
        small_integer(id("approvals_needed")).default(1).to_owned(),
        integer(id("review_round")).default(0).to_owned(),
        timestamp_with_time_zone_null(id("approved_at")),
        big_integer_null(id("allocated_minor")),
        big_integer_null(id("budget_chf_minor")),
        big_integer_null(id("ledger_seq")),
    ]
}

fn fk(table: &str, column: &str, to: &str) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .name(format!("fk_{table}_{column}"))
        .from(id(table), id(column))
        .to(id(to), id("id"))
        .on_delete(ForeignKeyAction::Cascade)
        .to_owned()
}

fn tables() -> Vec<TableCreateStatement> {
    vec![
        Table::create()
            .table(id("project_budget_lines"))
            .if_not_exists()
            .col(pk_uuid(id("id")))
            .col(uuid(id("project_id")))
            .col(integer(id("position")))
            .col(string_len(id("category"), 32))
            .col(string_len(id("description"), 200))
            .col(big_integer(id("amount_minor")))
            .col(string_len(id("currency"), 3))
            .foreign_key(&mut fk("project_budget_lines", "project_id", "projects"))
            .to_owned(),
        Table::create()
            .table(id("project_delivery_methods"))
            .if_not_exists()
            .col(uuid(id("project_id")))
            .col(string_len(id("method"), 32))
            .primary_key(Index::create().col(id("project_id")).col(id("method")))
            .foreign_key(&mut fk("project_delivery_methods", "project_id", "projects"))
            .to_owned(),
        Table::create()
            .table(id("project_beneficiary_members"))
            .if_not_exists()
            .col(uuid(id("project_id")))
            .col(uuid(id("member_id")))
            .primary_key(Index::create().col(id("project_id")).col(id("member_id")))
            .foreign_key(&mut fk("project_beneficiary_members", "project_id", "projects"))
            .to_owned(),
        Table::create()
            .table(id("project_regions"))
            .if_not_exists()
            .col(uuid(id("project_id")))
            .col(string_len(id("region"), 64))
            // Named as a beneficiary region (not only reached through a member).
            .col(boolean(id("explicit")))
            .primary_key(Index::create().col(id("project_id")).col(id("region")))
            .foreign_key(&mut fk("project_regions", "project_id", "projects"))
            .to_owned(),
        Table::create()
            .table(id("project_transitions"))
            .if_not_exists()
            .col(pk_uuid(id("id")))
            .col(uuid(id("project_id")))
            .col(string_len(id("from_status"), 32))
            .col(string_len(id("to_status"), 32))
            .col(uuid_null(id("actor_id")))
            .col(string_len(id("actor_role"), 16))
            .col(text_null(id("reason")))
            .col(timestamp_with_time_zone(id("at")))
            .foreign_key(&mut fk("project_transitions", "project_id", "projects"))
            .to_owned(),
        Table::create()
            .table(id("project_approvals"))
            .if_not_exists()
            .col(pk_uuid(id("id")))
            .col(uuid(id("project_id")))
            .col(integer(id("round")))
            .col(uuid(id("approver_id")))
            .col(text_null(id("reason")))
            .col(timestamp_with_time_zone(id("at")))
            .foreign_key(&mut fk("project_approvals", "project_id", "projects"))
            .to_owned(),
        Table::create()
            .table(id("project_reviews"))
            .if_not_exists()
            .col(pk_uuid(id("id")))
            .col(uuid(id("project_id")))
            .col(integer(id("round")))
            .col(uuid(id("reviewer_id")))
            .col(small_integer(id("objective_score")))
            .col(text(id("objective_comment")))
            .col(small_integer(id("topic_score")))
            .col(text(id("topic_comment")))
            .col(small_integer(id("delivery_score")))
            .col(text(id("delivery_comment")))
            .col(small_integer(id("geographic_score")))
            .col(text(id("geographic_comment")))
            .col(timestamp_with_time_zone(id("created_at")))
            .col(timestamp_with_time_zone(id("updated_at")))
            .foreign_key(&mut fk("project_reviews", "project_id", "projects"))
            .to_owned(),
        Table::create()
            .table(id("project_indicators"))
            .if_not_exists()
            .col(pk_uuid(id("id")))
            .col(uuid(id("project_id")))
            .col(string_len(id("name"), 200))
            .col(string_len(id("unit"), 40))
            .col(big_integer(id("baseline")))
            .col(big_integer(id("target")))
            .col(uuid(id("created_by")))
            .col(timestamp_with_time_zone(id("created_at")))
            .foreign_key(&mut fk("project_indicators", "project_id", "projects"))
            .to_owned(),
        Table::create()
            .table(id("indicator_actuals"))
            .if_not_exists()
            .col(pk_uuid(id("id")))
            .col(uuid(id("indicator_id")))
            .col(uuid(id("project_id")))
            .col(string_len(id("period"), 7))
            .col(big_integer(id("value")))
            .col(text_null(id("note")))
            .col(string_len(id("status"), 16))
            .col(uuid(id("reported_by")))
            .col(timestamp_with_time_zone(id("reported_at")))
            .col(uuid_null(id("decided_by")))
            .col(timestamp_with_time_zone_null(id("decided_at")))
            .col(text_null(id("decision_reason")))
            .foreign_key(&mut fk("indicator_actuals", "indicator_id", "project_indicators"))
            .to_owned(),
        Table::create()
            .table(id("project_evaluations"))
            .if_not_exists()
            .col(uuid(id("project_id")).primary_key())
            .col(small_integer(id("rating")))
            .col(text(id("narrative")))
            .col(uuid(id("evaluated_by")))
            .col(timestamp_with_time_zone(id("evaluated_at")))
            .foreign_key(&mut fk("project_evaluations", "project_id", "projects"))
            .to_owned(),
    ]
}

/// (name, table, columns, unique)
const INDEXES: [(&str, &str, &[&str], bool); 8] = [
    ("idx_budget_lines_project", "project_budget_lines", &["project_id", "position"], true),
    ("idx_project_regions_region", "project_regions", &["region"], false),
    ("idx_transitions_project", "project_transitions", &["project_id", "at"], false),
    ("idx_approvals_once_per_round", "project_approvals", &["project_id", "round", "approver_id"], true),
    ("idx_reviews_once_per_round", "project_reviews", &["project_id", "round", "reviewer_id"], true),
    ("idx_indicators_project", "project_indicators", &["project_id"], false),
    ("idx_actuals_once_per_period", "indicator_actuals", &["indicator_id", "period"], true),
    ("idx_projects_theme", "projects", &["theme"], false),
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for mut column in project_columns() {
            manager.alter_table(Table::alter().table(id("projects")).add_column(&mut column).to_owned()).await?;
        }
        for table in tables() {
            manager.create_table(table).await?;
        }
        for (name, table, columns, unique) in INDEXES {
            let mut index = Index::create().name(name).table(id(table)).to_owned();
            for c in columns {
                index.col(id(c));
            }
            if unique {
                index.unique();
            }
            manager.create_index(index).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in tables().iter().rev() {
            if let Some(name) = table.get_table_name() {
                manager.drop_table(Table::drop().table(name.clone()).to_owned()).await?;
            }
        }
        manager.drop_index(Index::drop().name("idx_projects_theme").table(id("projects")).to_owned()).await?;
        for column in project_columns() {
            manager
                .alter_table(Table::alter().table(id("projects")).drop_column(column.get_column_name()).to_owned())
                .await?;
        }
        Ok(())
    }
}
