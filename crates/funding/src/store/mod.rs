//! Persistence of the funding service. Query functions take any `ConnectionTrait`, so the
//! same function runs on the pool or inside a transaction.

pub mod donors;
pub mod money;

use sea_orm::{
    DatabaseConnection, DatabaseTransaction, DbErr, SqliteTransactionMode, TransactionOptions, TransactionTrait,
};

/// A transaction that will write. On SQLite it takes the write lock at once (`BEGIN
/// IMMEDIATE`): one that read first and wrote later could otherwise fail with "database is
/// locked" when another writer got in between, instead of waiting its turn.
pub async fn write_txn(db: &DatabaseConnection) -> Result<DatabaseTransaction, DbErr> {
    db.begin_with_options(TransactionOptions {
        sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
        ..TransactionOptions::default()
    })
    .await
}

/// A read-only transaction that sees one consistent state: `REPEATABLE READ` on PostgreSQL;
/// SQLite's transactions are snapshots already.
pub async fn read_snapshot(db: &DatabaseConnection) -> Result<DatabaseTransaction, DbErr> {
    if db.get_database_backend() == sea_orm::DatabaseBackend::Postgres {
        db.begin_with_config(Some(sea_orm::IsolationLevel::RepeatableRead), Some(sea_orm::AccessMode::ReadOnly)).await
    } else {
        db.begin().await
    }
}
