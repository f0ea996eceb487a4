//! Persistence of the projects service. Query functions take any `ConnectionTrait`, so the
//! same function runs on the pool or inside a transaction.

pub mod projects;
pub mod results;
pub mod workflow;

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

/// Whether `conn` is PostgreSQL (row locks exist there; SQLite has one writer at a time).
pub fn is_postgres<C: ConnectionTrait>(conn: &C) -> bool {
    conn.get_database_backend() == sea_orm::DatabaseBackend::Postgres
}
