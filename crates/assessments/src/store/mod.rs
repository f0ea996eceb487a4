//! Persistence of the assessments service. Query functions take any `ConnectionTrait`, so the
//! same function runs on the pool or inside a transaction.

pub mod answers;
pub mod assessments;
pub mod proposals;
pub mod questionnaires;
pub mod recommendations;
pub mod requests;

use sea_orm::{
    ConnectionTrait, DatabaseConnection, DatabaseTransaction, DbErr, SqliteTransactionMode, TransactionOptions,
    TransactionTrait,
};

fn corrupt(what: &str, value: &str) -> DbErr {
    DbErr::Custom(format!("stored {what} {value:?} is not valid"))
}

/// A transaction that will write. On SQLite it takes the write lock at once (`BEGIN
/// IMMEDIATE`): a transaction that reads first and writes later would otherwise fail with
/// "database is locked" when another writer got in between, instead of waiting its turn.
pub async fn write_txn(db: &DatabaseConnection) -> Result<DatabaseTransaction, DbErr> {
    db.begin_with_options(TransactionOptions {
        sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
        ..TransactionOptions::default()
    })
    .await
}

/// Whether `conn` is PostgreSQL (row locks exist there; SQLite has one writer at a time anyway).
pub fn is_postgres<C: ConnectionTrait>(conn: &C) -> bool {
    conn.get_database_backend() == sea_orm::DatabaseBackend::Postgres
}

/// A read-only transaction that sees one consistent state of the database: on PostgreSQL at
/// `REPEATABLE READ`; SQLite's transactions are snapshots already.
pub async fn read_snapshot(db: &DatabaseConnection) -> Result<DatabaseTransaction, DbErr> {
    if is_postgres(db) {
        db.begin_with_config(Some(sea_orm::IsolationLevel::RepeatableRead), Some(sea_orm::AccessMode::ReadOnly)).await
    } else {
        db.begin().await
    }
}
