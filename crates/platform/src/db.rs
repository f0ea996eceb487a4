//! Database connect and migrate, for SQLite and PostgreSQL chosen by the URL's scheme.

use std::path::Path;
use std::time::Duration;

use anyhow::Context;
use sea_orm::{
    ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DatabaseTransaction, DbErr, SqliteTransactionMode,
    TransactionOptions, TransactionTrait,
};
use sea_orm_migration::MigratorTrait;
use secrecy::ExposeSecret;

use crate::settings::DatabaseSettings;

/// Which engine a URL points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    Sqlite,
    Postgres,
}

impl Engine {
    pub fn of(url: &str) -> anyhow::Result<Engine> {
        if url.starts_with("sqlite:") {
            Ok(Engine::Sqlite)
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Ok(Engine::Postgres)
        } else {
            anyhow::bail!("unsupported database URL (expected sqlite: or postgres://)")
        }
    }
}

/// Connects to the configured database. For a SQLite file, creates its folder first and turns
/// on WAL, foreign keys and a busy timeout, so that readers never block the writer and
/// concurrent writers wait instead of failing.
pub async fn connect(settings: &DatabaseSettings) -> anyhow::Result<DatabaseConnection> {
    let url = settings.url.expose_secret();
    let engine = Engine::of(url)?;
    let mut options = ConnectOptions::new(url.to_owned());
    options.connect_timeout(Duration::from_secs(5)).acquire_timeout(Duration::from_secs(10)).sqlx_logging(false);
    match engine {
        Engine::Sqlite => {
            let in_memory = url.contains(":memory:") || url.contains("mode=memory");
            if !in_memory
                && let Some(path) = sqlite_path(url)
                && let Some(dir) = path.parent()
            {
                std::fs::create_dir_all(dir)
                    .with_context(|| format!("creating the database folder {}", dir.display()))?;
            }
            // An in-memory database exists once per connection, so it must be exactly one.
            options.max_connections(if in_memory { 1 } else { settings.max_connections.max(1) });
            options.map_sqlx_sqlite_opts(|o| {
                o.journal_mode(sea_orm::sqlx::sqlite::SqliteJournalMode::Wal)
                    .synchronous(sea_orm::sqlx::sqlite::SqliteSynchronous::Normal)
                    .foreign_keys(true)
                    .busy_timeout(Duration::from_secs(10))
            });
        }
        Engine::Postgres => {
            options.max_connections(settings.max_connections.max(1));
        }
    }
    Database::connect(options).await.context("connecting to the database")
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

/// Whether `conn` is PostgreSQL (row locks and advisory locks exist there; SQLite has one
/// writer at a time anyway).
pub fn is_postgres<C: ConnectionTrait>(conn: &C) -> bool {
    conn.get_database_backend() == sea_orm::DatabaseBackend::Postgres
}

/// A read-only transaction that sees one consistent state of the database: on PostgreSQL at
/// `REPEATABLE READ` (each statement of a `READ COMMITTED` one could see a later commit);
/// SQLite's transactions are snapshots already.
pub async fn read_snapshot(db: &DatabaseConnection) -> Result<DatabaseTransaction, DbErr> {
    if is_postgres(db) {
        db.begin_with_config(Some(sea_orm::IsolationLevel::RepeatableRead), Some(sea_orm::AccessMode::ReadOnly)).await
    } else {
        db.begin().await
    }
}

/// Whether `err` is a unique-constraint violation (a concurrent writer got there first).
pub fn is_unique_violation(err: &DbErr) -> bool {
    matches!(err.sql_err(), Some(sea_orm::SqlErr::UniqueConstraintViolation(_)))
}

/// Applies every pending migration of `M`.
pub async fn migrate<M: MigratorTrait>(db: &DatabaseConnection) -> anyhow::Result<()> {
    M::up(db, None).await.context("applying database migrations")
}

/// The rows of `query` (already filtered and ordered) in the window `limits` (offset, limit;
/// `None` for all), and how many rows match in all.
pub async fn fetch_window<E, C>(
    conn: &C,
    query: sea_orm::Select<E>,
    limits: Option<(u64, u64)>,
) -> Result<(Vec<E::Model>, u64), sea_orm::DbErr>
where
    E: sea_orm::EntityTrait,
    E::Model: Send + Sync,
    C: sea_orm::ConnectionTrait,
{
    use sea_orm::{PaginatorTrait, QuerySelect};
    let total = query.clone().count(conn).await?;
    let query = match limits {
        Some((offset, limit)) => query.offset(offset).limit(limit),
        None => query,
    };
    Ok((query.all(conn).await?, total))
}

/// `column LIKE '%q%'` on a column that holds [`crate::text::search_text`]: the folded query
/// anywhere in the folded text, identically on SQLite and PostgreSQL.
pub fn search_matches<C: sea_orm::ColumnTrait>(column: C, q: &str) -> sea_orm::sea_query::SimpleExpr {
    use sea_orm::sea_query::{ExprTrait, LikeExpr};
    column.into_expr().like(LikeExpr::new(crate::text::contains_pattern(q)).escape('\\'))
}

/// The file behind a `sqlite://path?opts` URL.
fn sqlite_path(url: &str) -> Option<&Path> {
    let rest = url.strip_prefix("sqlite://").or_else(|| url.strip_prefix("sqlite:"))?;
    let path = rest.split('?').next()?;
    (!path.is_empty()).then(|| Path::new(path))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn engine_is_chosen_by_scheme() {
        assert_eq!(Engine::of("sqlite://data/a.db?mode=rwc").unwrap(), Engine::Sqlite);
        assert_eq!(Engine::of("postgres://u@h/db").unwrap(), Engine::Postgres);
        assert_eq!(Engine::of("postgresql://u@h/db").unwrap(), Engine::Postgres);
        assert!(Engine::of("mysql://u@h/db").is_err());
    }

    #[test]
    fn sqlite_path_ignores_options() {
        assert_eq!(sqlite_path("sqlite://data/a.db?mode=rwc"), Some(Path::new("data/a.db")));
        assert_eq!(sqlite_path("sqlite:/tmp/x.db"), Some(Path::new("/tmp/x.db")));
    }
}
