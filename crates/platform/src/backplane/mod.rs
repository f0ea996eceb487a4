//! The backplane: cache, rate limits, session store and event bus behind one type, on Redis
//! when a Redis URL is configured and in process otherwise.
//!
//! The in-process stand-in lets the launcher run on a machine with nothing but Rust; it is
//! shared by every service in that process and forgets everything at exit. Production and the
//! PostgreSQL test stage use Redis (events on Redis Streams with consumer groups).

mod memory;
mod redis_impl;

use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::error::ApiError;
use crate::settings::RedisSettings;

pub use memory::MemoryBackplane;
pub use redis_impl::RedisBackplane;

/// A domain event as it travels on the bus.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// Unique and time-ordered (UUID v7); consumers use it to ignore redeliveries.
    pub id: Uuid,
    /// e.g. `projects.project_drafted`.
    pub topic: String,
    /// The service that emitted it.
    pub source: String,
    pub occurred_at: DateTime<Utc>,
    pub payload: serde_json::Value,
}

/// An event handed to a consumer group, to be acknowledged with [`Backplane::ack`].
#[derive(Debug, Clone, PartialEq)]
pub struct Delivery {
    /// Position in the stream (Redis entry id).
    pub stream_id: String,
    pub event: Event,
}

/// The answer of a rate limiter for one attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateDecision {
    pub allowed: bool,
    /// Attempts left in the current window.
    pub remaining: u64,
    /// Seconds until the window resets.
    pub retry_after_secs: u64,
}

impl RateDecision {
    /// Converts a refusal into a 429.
    pub fn enforce(self) -> Result<(), ApiError> {
        if self.allowed {
            Ok(())
        } else {
            Err(ApiError::RateLimited { retry_after_secs: self.retry_after_secs.max(1) })
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum BackplaneError {
    #[error("redis: {0}")]
    Redis(#[from] redis::RedisError),
    #[error("event could not be encoded or decoded: {0}")]
    Codec(#[from] serde_json::Error),
}

impl From<BackplaneError> for ApiError {
    fn from(err: BackplaneError) -> Self {
        tracing::warn!(error = %err, "backplane unavailable");
        ApiError::Unavailable {
            service: "redis".to_owned(),
            message: "the session and cache store is unavailable".to_owned(),
        }
    }
}

pub type BackplaneResult<T> = Result<T, BackplaneError>;

#[derive(Clone)]
pub enum Backplane {
    Memory(Arc<MemoryBackplane>),
    Redis(RedisBackplane),
}

impl std::fmt::Debug for Backplane {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Backplane({})", self.kind())
    }
}

impl Backplane {
    /// Redis when `settings` has a URL, otherwise a fresh in-process store. Connecting to Redis
    /// is lazy: a service starts while Redis is down and reports it in its readiness check.
    pub fn from_settings(settings: &RedisSettings) -> anyhow::Result<Backplane> {
        match settings.url() {
            Some(url) => Ok(Backplane::Redis(RedisBackplane::connect(url, &settings.namespace)?)),
            None => Ok(Backplane::in_process()),
        }
    }

    pub fn in_process() -> Backplane {
        Backplane::Memory(Arc::new(MemoryBackplane::default()))
    }

    pub fn kind(&self) -> &'static str {
        match self {
            Backplane::Memory(_) => "in-process",
            Backplane::Redis(_) => "redis",
        }
    }

    pub async fn ping(&self) -> BackplaneResult<()> {
        match self {
            Backplane::Memory(_) => Ok(()),
            Backplane::Redis(r) => r.ping().await,
        }
    }

    pub async fn cache_get(&self, key: &str) -> BackplaneResult<Option<String>> {
        match self {
            Backplane::Memory(m) => Ok(m.get(&format!("cache:{key}"))),
            Backplane::Redis(r) => r.get(&format!("cache:{key}")).await,
        }
    }

    pub async fn cache_set(&self, key: &str, value: &str, ttl: Duration) -> BackplaneResult<()> {
        match self {
            Backplane::Memory(m) => {
                m.set(&format!("cache:{key}"), value, ttl);
                Ok(())
            }
            Backplane::Redis(r) => r.set(&format!("cache:{key}"), value, ttl).await,
        }
    }

    pub async fn cache_delete(&self, key: &str) -> BackplaneResult<()> {
        match self {
            Backplane::Memory(m) => {
                m.delete(&format!("cache:{key}"));
                Ok(())
            }
            Backplane::Redis(r) => r.delete(&format!("cache:{key}")).await,
        }
    }

    /// Counts one event (a failed sign-in, say) against `key` in a fixed window of `window`
    /// and says whether the count is still within `limit`.
    pub async fn rate_limit(&self, key: &str, limit: u64, window: Duration) -> BackplaneResult<RateDecision> {
        let (slot_key, ttl, retry_after_secs) = window_slot(key, window);
        let count = match self {
            Backplane::Memory(m) => m.incr(&slot_key, ttl),
            Backplane::Redis(r) => r.incr(&slot_key, ttl).await?,
        };
        Ok(RateDecision { allowed: count <= limit, remaining: limit.saturating_sub(count), retry_after_secs })
    }

    /// Whether one more event would still be within `limit`, without counting anything.
    pub async fn rate_check(&self, key: &str, limit: u64, window: Duration) -> BackplaneResult<RateDecision> {
        let (slot_key, _, retry_after_secs) = window_slot(key, window);
        let count = match self {
            Backplane::Memory(m) => m.count(&slot_key),
            Backplane::Redis(r) => r.get(&slot_key).await?.and_then(|v| v.parse().ok()).unwrap_or(0),
        };
        Ok(RateDecision { allowed: count < limit, remaining: limit.saturating_sub(count), retry_after_secs })
    }

    /// Stores a session under its (secret, random) id.
    pub async fn session_put(&self, id: &str, value: &str, ttl: Duration) -> BackplaneResult<()> {
        match self {
            Backplane::Memory(m) => {
                m.set(&format!("session:{id}"), value, ttl);
                Ok(())
            }
            Backplane::Redis(r) => r.set(&format!("session:{id}"), value, ttl).await,
        }
    }

    pub async fn session_get(&self, id: &str) -> BackplaneResult<Option<String>> {
        match self {
            Backplane::Memory(m) => Ok(m.get(&format!("session:{id}"))),
            Backplane::Redis(r) => r.get(&format!("session:{id}")).await,
        }
    }

    pub async fn session_delete(&self, id: &str) -> BackplaneResult<()> {
        match self {
            Backplane::Memory(m) => {
                m.delete(&format!("session:{id}"));
                Ok(())
            }
            Backplane::Redis(r) => r.delete(&format!("session:{id}")).await,
        }
    }

    /// Appends `event` to its topic's stream and returns its stream id.
    pub async fn publish(&self, event: &Event) -> BackplaneResult<String> {
        match self {
            Backplane::Memory(m) => Ok(m.publish(event)),
            Backplane::Redis(r) => r.publish(event).await,
        }
    }

    /// Reads up to `max` events of `topic` not yet delivered to `group`, waiting up to `wait`
    /// for the first. A new group starts at the beginning of the stream, so events published
    /// before the consumer first ran are not lost.
    pub async fn read(
        &self,
        topic: &str,
        group: &str,
        consumer: &str,
        max: usize,
        wait: Duration,
    ) -> BackplaneResult<Vec<Delivery>> {
        match self {
            Backplane::Memory(m) => Ok(m.read(topic, group, max, wait).await),
            Backplane::Redis(r) => r.read(topic, group, consumer, max, wait).await,
        }
    }

    /// Deliveries handed to `consumer` of `group` before and never acknowledged (it stopped
    /// while handling them). The in-process bus forgets everything at exit, so it has none.
    pub async fn read_pending(
        &self,
        topic: &str,
        group: &str,
        consumer: &str,
        max: usize,
    ) -> BackplaneResult<Vec<Delivery>> {
        match self {
            Backplane::Memory(_) => Ok(Vec::new()),
            Backplane::Redis(r) => r.read_pending(topic, group, consumer, max).await,
        }
    }

    /// Marks a delivery as processed by `group`.
    pub async fn ack(&self, topic: &str, group: &str, stream_id: &str) -> BackplaneResult<()> {
        match self {
            Backplane::Memory(m) => {
                m.ack(topic, group, stream_id);
                Ok(())
            }
            Backplane::Redis(r) => r.ack(topic, group, stream_id).await,
        }
    }
}

/// The key of the current fixed window for `key`, its lifetime, and the seconds until it ends.
fn window_slot(key: &str, window: Duration) -> (String, Duration, u64) {
    let window_secs = window.as_secs().max(1);
    let now = Utc::now().timestamp().max(0).unsigned_abs();
    let slot = now / window_secs;
    (format!("rl:{key}:{slot}"), Duration::from_secs(window_secs), (slot + 1) * window_secs - now)
}

#[cfg(test)]
mod tests {
    use super::*;

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
    async fn in_process_cache_expires() {
        let b = Backplane::in_process();
        b.cache_set("k", "v", Duration::from_millis(30)).await.unwrap();
        assert_eq!(b.cache_get("k").await.unwrap().as_deref(), Some("v"));
        tokio::time::sleep(Duration::from_millis(60)).await;
        assert_eq!(b.cache_get("k").await.unwrap(), None);
    }

    #[tokio::test]
    async fn in_process_rate_limit_counts_per_key() {
        let b = Backplane::in_process();
        for _ in 0..3 {
            assert!(b.rate_limit("a", 3, Duration::from_secs(60)).await.unwrap().allowed);
        }
        let fourth = b.rate_limit("a", 3, Duration::from_secs(60)).await.unwrap();
        assert!(!fourth.allowed);
        assert!(fourth.retry_after_secs <= 60);
        assert!(b.rate_limit("b", 3, Duration::from_secs(60)).await.unwrap().allowed);
    }

    #[tokio::test]
    async fn checking_a_limit_counts_nothing() {
        let b = Backplane::in_process();
        let window = Duration::from_secs(60);
        assert!(b.rate_check("k", 2, window).await.unwrap().allowed);
        b.rate_limit("k", 2, window).await.unwrap();
        assert!(b.rate_check("k", 2, window).await.unwrap().allowed);
        b.rate_limit("k", 2, window).await.unwrap();
        let full = b.rate_check("k", 2, window).await.unwrap();
        assert!(!full.allowed);
        assert_eq!(full.remaining, 0);
    }

    #[tokio::test]
    async fn in_process_groups_each_get_every_event_once_until_acked() {
        let b = Backplane::in_process();
        b.publish(&event("t", 1)).await.unwrap();
        b.publish(&event("t", 2)).await.unwrap();
        let first = b.read("t", "g1", "c", 10, Duration::ZERO).await.unwrap();
        assert_eq!(first.iter().map(|d| d.event.payload["n"].as_i64()).collect::<Vec<_>>(), [Some(1), Some(2)]);
        // Already delivered to g1: nothing new.
        assert!(b.read("t", "g1", "c", 10, Duration::ZERO).await.unwrap().is_empty());
        // Another group sees everything from the start.
        assert_eq!(b.read("t", "g2", "c", 10, Duration::ZERO).await.unwrap().len(), 2);
        for d in &first {
            b.ack("t", "g1", &d.stream_id).await.unwrap();
        }
    }

    #[tokio::test]
    async fn in_process_read_waits_for_a_publish() {
        let b = Backplane::in_process();
        let reader = {
            let b = b.clone();
            tokio::spawn(async move { b.read("w", "g", "c", 1, Duration::from_secs(5)).await })
        };
        tokio::time::sleep(Duration::from_millis(50)).await;
        b.publish(&event("w", 7)).await.unwrap();
        let got = reader.await.unwrap().unwrap();
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].event.payload["n"], 7);
    }
}
