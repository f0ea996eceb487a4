//! `Idempotency-Key` on the real database (SQLite, or PostgreSQL when `TEST_DATABASE_URL` is
//! set): a repeat answers the first response and writes nothing; another body is a 409; racing
//! repeats run the use case once; a failing use case stores nothing.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a failing test is a panic

use platform::ApiError;
use platform::idempotency::{self, IdempotencyKey};
use platform::outbox;
use platform::testing::TestDatabase;
use sea_orm::{ConnectionTrait, DatabaseConnection, Statement};
use sea_orm_migration::prelude::*;
use serde::{Deserialize, Serialize};

struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![Box::new(outbox::CreateOutbox), Box::new(idempotency::CreateIdempotencyKeys)]
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Receipt {
    n: i64,
}

async fn setup(label: &str) -> (TestDatabase, DatabaseConnection) {
    let database = TestDatabase::create(label).await.expect("test database");
    let db = platform::db::connect(&database.settings()).await.unwrap();
    platform::db::migrate::<Migrator>(&db).await.unwrap();
    db.execute_unprepared("CREATE TABLE movements (n BIGINT NOT NULL)").await.unwrap();
    (database, db)
}

async fn count(db: &DatabaseConnection) -> i64 {
    let row = db
        .query_one_raw(Statement::from_string(db.get_database_backend(), "SELECT COUNT(*) AS c FROM movements"))
        .await
        .unwrap()
        .unwrap();
    row.try_get::<i64>("", "c").unwrap()
}

/// Records one movement of `n` and answers how many movements there are now.
async fn record(db: &DatabaseConnection, key: Option<&IdempotencyKey>, n: i64) -> Result<Receipt, ApiError> {
    idempotency::once(db, key, "caller:POST /movements", &serde_json::json!({ "n": n }), move |txn| {
        Box::pin(async move {
            if n < 0 {
                return Err(ApiError::invalid("n", "must not be negative"));
            }
            txn.execute_unprepared(&format!("INSERT INTO movements (n) VALUES ({n})")).await?;
            let row = txn
                .query_one_raw(Statement::from_string(
                    txn.get_database_backend(),
                    "SELECT COUNT(*) AS c FROM movements",
                ))
                .await?
                .ok_or_else(|| ApiError::Internal(anyhow::anyhow!("no count")))?;
            Ok(Receipt { n: row.try_get::<i64>("", "c")? })
        })
    })
    .await
}

#[tokio::test]
async fn a_repeat_answers_the_first_response_and_writes_nothing() {
    let (_database, db) = setup("idem_repeat").await;
    let key = IdempotencyKey::parse("pay-1").unwrap();
    let first = record(&db, Some(&key), 5).await.unwrap();
    record(&db, None, 7).await.unwrap();
    let again = record(&db, Some(&key), 5).await.unwrap();
    assert_eq!(first, again, "the stored response, not a new one");
    assert_eq!(count(&db).await, 2);
}

#[tokio::test]
async fn the_same_key_with_another_body_is_a_conflict() {
    let (_database, db) = setup("idem_reuse").await;
    let key = IdempotencyKey::parse("pay-2").unwrap();
    record(&db, Some(&key), 5).await.unwrap();
    let err = record(&db, Some(&key), 6).await.unwrap_err();
    assert_eq!(err.status().as_u16(), 409);
    assert_eq!(err.body().code, "idempotency_key_reused");
    assert_eq!(count(&db).await, 1);
}

#[tokio::test]
async fn a_failed_use_case_stores_nothing_and_can_be_retried() {
    let (_database, db) = setup("idem_failed").await;
    let key = IdempotencyKey::parse("pay-3").unwrap();
    assert_eq!(record(&db, Some(&key), -1).await.unwrap_err().status().as_u16(), 422);
    assert_eq!(count(&db).await, 0);
    // A corrected request with the same key is a new request (the failure was not stored).
    assert_eq!(record(&db, Some(&key), 1).await.unwrap(), Receipt { n: 1 });
}

#[tokio::test]
async fn racing_repeats_run_the_use_case_once() {
    let (_database, db) = setup("idem_race").await;
    let key = IdempotencyKey::parse("pay-race").unwrap();
    let tasks: Vec<_> = (0..16)
        .map(|_| {
            let (db, key) = (db.clone(), key.clone());
            tokio::spawn(async move { record(&db, Some(&key), 9).await })
        })
        .collect();
    let mut answers = Vec::new();
    for task in tasks {
        answers.push(task.await.unwrap().unwrap());
    }
    assert!(answers.iter().all(|a| *a == Receipt { n: 1 }), "{answers:?}");
    assert_eq!(count(&db).await, 1);
}

#[test]
fn keys_must_be_short_printable_ascii() {
    assert!(IdempotencyKey::parse("a1b2-c3").is_ok());
    for bad in ["", "with space", "naïve", &"x".repeat(201)] {
        let err = IdempotencyKey::parse(bad).unwrap_err();
        assert_eq!(err.body().code, "invalid_idempotency_key", "{bad:?}");
    }
}
