//! The event consumer on the real database and the real Redis: each event is handled once even
//! when delivered twice; a failing handler leaves nothing behind and is retried; events the
//! consumer was handed but never acknowledged before a restart are taken back.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a failing test is a panic

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use chrono::Utc;
use platform::backplane::{Backplane, Event};
use platform::consumer::{self, Consumer, ConsumerPass, EventHandler};
use platform::settings::RedisSettings;
use platform::testing::{TestDatabase, TestRedis};
use sea_orm::{ConnectionTrait, DatabaseConnection, DatabaseTransaction, Statement};
use sea_orm_migration::prelude::*;
use uuid::Uuid;

struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![Box::new(consumer::CreateInbox)]
    }
}

/// Adds each event's `amount` to a total; fails while `failures_left` > 0.
struct Totals {
    failures_left: Arc<AtomicUsize>,
}

#[async_trait::async_trait]
impl EventHandler for Totals {
    async fn handle(&self, txn: &DatabaseTransaction, event: &Event) -> anyhow::Result<()> {
        let amount = event.payload["amount"].as_i64().unwrap_or(0);
        txn.execute_unprepared(&format!("UPDATE totals SET total = total + {amount}")).await?;
        if self.failures_left.load(Ordering::SeqCst) > 0 {
            self.failures_left.fetch_sub(1, Ordering::SeqCst);
            anyhow::bail!("simulated failure after a write");
        }
        Ok(())
    }
}

fn event(amount: i64) -> Event {
    Event {
        id: Uuid::now_v7(),
        topic: "test.amount".to_owned(),
        source: "test".to_owned(),
        occurred_at: Utc::now(),
        payload: serde_json::json!({ "amount": amount }),
    }
}

async fn setup(label: &str) -> (TestDatabase, DatabaseConnection) {
    let database = TestDatabase::create(label).await.expect("test database");
    let db = platform::db::connect(&database.settings()).await.unwrap();
    platform::db::migrate::<Migrator>(&db).await.unwrap();
    db.execute_unprepared("CREATE TABLE totals (total BIGINT NOT NULL)").await.unwrap();
    db.execute_unprepared("INSERT INTO totals (total) VALUES (0)").await.unwrap();
    (database, db)
}

async fn total(db: &DatabaseConnection) -> i64 {
    let row = db
        .query_one_raw(Statement::from_string(db.get_database_backend(), "SELECT total FROM totals"))
        .await
        .unwrap()
        .unwrap();
    row.try_get::<i64>("", "total").unwrap()
}

fn redis(scope: &TestRedis) -> Backplane {
    let settings =
        RedisSettings { url: Some(platform::testing::redis_url().into()), namespace: scope.namespace().into() };
    Backplane::from_settings(&settings).unwrap()
}

const WAIT: Duration = Duration::from_millis(50);

#[tokio::test]
async fn a_redelivered_event_is_handled_once() {
    let (_database, db) = setup("consumer_dup").await;
    let scope = TestRedis::new();
    let bus = redis(&scope);
    let failures_left = Arc::new(AtomicUsize::new(0));
    let consumer = Consumer::new(db.clone(), bus.clone(), "test-group", &["test.amount"], Totals { failures_left });
    let e = event(5);
    bus.publish(&e).await.unwrap();
    bus.publish(&e).await.unwrap(); // at-least-once: the relay may publish twice
    bus.publish(&event(7)).await.unwrap();
    let pass = consumer.pass(WAIT).await.unwrap();
    assert_eq!(pass, ConsumerPass { handled: 2, duplicates: 1, failed: 0 });
    assert_eq!(total(&db).await, 12);
}

#[tokio::test]
async fn a_failing_handler_leaves_nothing_and_is_retried() {
    let (_database, db) = setup("consumer_retry").await;
    let scope = TestRedis::new();
    let bus = redis(&scope);
    let failures_left = Arc::new(AtomicUsize::new(2));
    let consumer = Consumer::new(
        db.clone(),
        bus.clone(),
        "test-group",
        &["test.amount"],
        Totals { failures_left: failures_left.clone() },
    );
    bus.publish(&event(5)).await.unwrap();
    assert_eq!(consumer.pass(WAIT).await.unwrap().failed, 1);
    assert_eq!(total(&db).await, 0, "the failed handler's write was rolled back");
    assert_eq!(consumer.pass(WAIT).await.unwrap().failed, 1);
    assert_eq!(consumer.pass(WAIT).await.unwrap().handled, 1);
    assert_eq!(total(&db).await, 5);
    assert_eq!(consumer.pass(WAIT).await.unwrap(), ConsumerPass::default());
}

#[tokio::test]
async fn what_a_stopped_consumer_never_acknowledged_is_taken_back() {
    let (_database, db) = setup("consumer_reclaim").await;
    let scope = TestRedis::new();
    let bus = redis(&scope);
    bus.publish(&event(3)).await.unwrap();
    // A consumer that read the event and stopped before handling it.
    let handed = bus.read("test.amount", "test-group", "test-group", 10, WAIT).await.unwrap();
    assert_eq!(handed.len(), 1);
    let consumer = Consumer::new(
        db.clone(),
        bus.clone(),
        "test-group",
        &["test.amount"],
        Totals { failures_left: Arc::new(AtomicUsize::new(0)) },
    );
    assert_eq!(consumer.pass(WAIT).await.unwrap().handled, 0, "nothing new on the stream");
    assert_eq!(consumer.reclaim().await.unwrap(), 1);
    assert_eq!(consumer.pass(WAIT).await.unwrap().handled, 1);
    assert_eq!(total(&db).await, 3);
}

#[tokio::test]
async fn the_in_process_bus_works_the_same_way() {
    let (_database, db) = setup("consumer_memory").await;
    let bus = Backplane::in_process();
    let consumer = Consumer::new(
        db.clone(),
        bus.clone(),
        "test-group",
        &["test.amount"],
        Totals { failures_left: Arc::new(AtomicUsize::new(0)) },
    );
    let e = event(4);
    bus.publish(&e).await.unwrap();
    bus.publish(&e).await.unwrap();
    assert_eq!(consumer.pass(WAIT).await.unwrap(), ConsumerPass { handled: 1, duplicates: 1, failed: 0 });
    assert_eq!(total(&db).await, 4);
}
