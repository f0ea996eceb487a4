//! Events written while Redis is down wait in the outbox and are delivered, in order, when it
//! returns: on the real Redis (behind a link the test cuts) and the real database.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a failing test is a panic

use std::time::Duration;

use platform::backplane::Backplane;
use platform::outbox::{self, Relay};
use platform::settings::RedisSettings;
use platform::testing::{FaultyLink, TestDatabase, TestRedis};
use sea_orm::EntityTrait;
use sea_orm_migration::prelude::*;
use tokio_util::sync::CancellationToken;

struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![Box::new(outbox::CreateOutbox)]
    }
}

async fn wait_for(mut check: impl AsyncFnMut() -> bool, what: &str) {
    for _ in 0..100 {
        if check().await {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("timed out waiting for {what}");
}

#[tokio::test]
async fn events_written_while_redis_is_down_are_delivered_when_it_returns() {
    let database = TestDatabase::create("outbox").await.expect("test database");
    let db = platform::db::connect(&database.settings()).await.unwrap();
    platform::db::migrate::<Migrator>(&db).await.unwrap();

    let redis_url = platform::testing::redis_url();
    let target = redis_url.trim_start_matches("redis://").trim_end_matches('/').to_owned();
    let link = FaultyLink::start(&target).await.unwrap();
    let scope = TestRedis::new();
    let settings = RedisSettings {
        url: Some(format!("redis://127.0.0.1:{}", link.port()).into()),
        namespace: scope.namespace().to_owned(),
    };
    let backplane = Backplane::from_settings(&settings).unwrap();
    backplane
        .ping()
        .await
        .unwrap_or_else(|e| panic!("Redis at {redis_url} is not reachable ({e}); start it or set TEST_REDIS_URL"));

    let shutdown = CancellationToken::new();
    let relay = tokio::spawn(Relay::new(db.clone(), backplane.clone()).run(shutdown.clone()));

    link.cut();
    let mut ids = Vec::new();
    for n in 1..=3 {
        ids.push(outbox::enqueue(&db, "test", "demo.happened", &serde_json::json!({ "n": n })).await.unwrap());
    }
    // While Redis is unreachable the relay keeps trying; nothing is lost or marked published.
    tokio::time::sleep(Duration::from_secs(2)).await;
    assert_eq!(outbox::pending(&db).await.unwrap(), 3);
    let attempted = outbox::entity::Entity::find().all(&db).await.unwrap();
    assert!(
        attempted.iter().any(|r| r.attempts > 0 && r.last_error.is_some()),
        "the relay tried and recorded why it failed"
    );

    link.restore();
    wait_for(async || outbox::pending(&db).await.unwrap() == 0, "the outbox to drain").await;

    // The events reached the real Redis stream, in the order they were written.
    let delivered = backplane.read("demo.happened", "checker", "c", 10, Duration::from_millis(500)).await.unwrap();
    assert_eq!(delivered.iter().map(|d| d.event.id).collect::<Vec<_>>(), ids);
    assert_eq!(delivered[2].event.payload["n"], 3);

    shutdown.cancel();
    relay.await.unwrap();
}
