//! The backplane behaves the same on Redis (the real server) and in process.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a failing test is a panic

use std::time::Duration;

use chrono::Utc;
use platform::backplane::{Backplane, Event};
use platform::settings::RedisSettings;
use platform::testing::TestRedis;
use uuid::Uuid;

/// A Redis backplane in a namespace of its own (removed afterwards), on the real Redis.
fn on_redis() -> (Backplane, TestRedis) {
    let scope = TestRedis::new();
    let settings =
        RedisSettings { url: Some(platform::testing::redis_url().into()), namespace: scope.namespace().to_owned() };
    (Backplane::from_settings(&settings).expect("redis backplane"), scope)
}

async fn both() -> Vec<(Backplane, Option<TestRedis>)> {
    let (redis, scope) = on_redis();
    if let Err(e) = redis.ping().await {
        panic!(
            "Redis at {} is not reachable ({e}). Start it (redis-server --daemonize yes) or set TEST_REDIS_URL.",
            platform::testing::redis_url()
        );
    }
    vec![(Backplane::in_process(), None), (redis, Some(scope))]
}

fn event(topic: &str, n: i64) -> Event {
    Event {
        id: Uuid::now_v7(),
        topic: topic.to_owned(),
        source: "test".to_owned(),
        occurred_at: Utc::now(),
        payload: serde_json::json!({ "n": n }),
    }
}

#[tokio::test]
async fn cache_and_sessions_store_expire_and_delete() {
    for (b, _scope) in both().await {
        b.cache_set("k", "v", Duration::from_millis(300)).await.unwrap();
        assert_eq!(b.cache_get("k").await.unwrap().as_deref(), Some("v"), "{b:?}");
        b.session_put("s1", "{\"a\":1}", Duration::from_secs(60)).await.unwrap();
        assert_eq!(b.session_get("s1").await.unwrap().as_deref(), Some("{\"a\":1}"));
        b.session_delete("s1").await.unwrap();
        assert_eq!(b.session_get("s1").await.unwrap(), None, "{b:?}");
        tokio::time::sleep(Duration::from_millis(400)).await;
        assert_eq!(b.cache_get("k").await.unwrap(), None, "{b:?}: expired");
    }
}

#[tokio::test]
async fn rate_limits_allow_the_limit_then_refuse() {
    for (b, _scope) in both().await {
        let key = format!("login:{}", Uuid::new_v4());
        let decisions: Vec<bool> = {
            let mut v = Vec::new();
            for _ in 0..5 {
                v.push(b.rate_limit(&key, 3, Duration::from_secs(60)).await.unwrap().allowed);
            }
            v
        };
        assert_eq!(decisions, [true, true, true, false, false], "{b:?}");
        assert!(!b.rate_check(&key, 3, Duration::from_secs(60)).await.unwrap().allowed, "{b:?}");
        let fresh = format!("login:{}", Uuid::new_v4());
        assert!(b.rate_check(&fresh, 3, Duration::from_secs(60)).await.unwrap().allowed, "{b:?}");
        assert!(
            b.rate_check(&fresh, 3, Duration::from_secs(60)).await.unwrap().allowed,
            "{b:?}: checking counts nothing"
        );
        let refused = b.rate_limit(&key, 3, Duration::from_secs(60)).await.unwrap();
        assert!(refused.retry_after_secs >= 1 && refused.retry_after_secs <= 60);
        assert_eq!(refused.enforce().unwrap_err().status(), 429);
    }
}

#[tokio::test]
async fn every_consumer_group_gets_every_event_in_order() {
    for (b, _scope) in both().await {
        for n in 1..=3 {
            b.publish(&event("orders", n)).await.unwrap();
        }
        let first = b.read("orders", "billing", "c1", 10, Duration::from_millis(100)).await.unwrap();
        assert_eq!(
            first.iter().map(|d| d.event.payload["n"].as_i64().unwrap()).collect::<Vec<_>>(),
            [1, 2, 3],
            "{b:?}"
        );
        for d in &first {
            b.ack("orders", "billing", &d.stream_id).await.unwrap();
        }
        assert!(
            b.read("orders", "billing", "c1", 10, Duration::ZERO).await.unwrap().is_empty(),
            "{b:?}: delivered once"
        );
        let other = b.read("orders", "audit", "c1", 10, Duration::ZERO).await.unwrap();
        assert_eq!(other.len(), 3, "{b:?}: a new group starts from the beginning");
        assert_eq!(other[0].event, first[0].event);
    }
}
