//! The Redis backplane: plain keys with TTLs for cache and sessions, INCR+EXPIRE for fixed
//! window rate limits, and Redis Streams with consumer groups for events.
//!
//! Every key is prefixed with the configured namespace. Operations time out after a couple of
//! seconds so that a dead Redis fails a request quickly instead of hanging it.

use std::time::Duration;

use redis::aio::{ConnectionManager, ConnectionManagerConfig};
use redis::streams::StreamReadReply;

use super::{BackplaneResult, Delivery, Event};

/// Streams are trimmed to roughly this many entries.
const STREAM_MAX_LEN: usize = 100_000;

#[derive(Clone)]
pub struct RedisBackplane {
    conn: ConnectionManager,
    namespace: String,
}

impl RedisBackplane {
    /// Prepares a connection; it is established on first use and re-established after Redis
    /// comes back.
    pub fn connect(url: &str, namespace: &str) -> anyhow::Result<RedisBackplane> {
        let client = redis::Client::open(url)?;
        let config = ConnectionManagerConfig::new()
            .set_connection_timeout(Some(Duration::from_secs(1)))
            .set_response_timeout(Some(Duration::from_secs(3)))
            .set_number_of_retries(1)
            .set_min_delay(Duration::from_millis(50))
            .set_max_delay(Duration::from_millis(500));
        let conn = ConnectionManager::new_lazy_with_config(client, config)?;
        Ok(RedisBackplane { conn, namespace: namespace.to_owned() })
    }

    fn key(&self, key: &str) -> String {
        format!("{}:{key}", self.namespace)
    }

    fn stream(&self, topic: &str) -> String {
        self.key(&format!("events:{topic}"))
    }

    pub(super) async fn ping(&self) -> BackplaneResult<()> {
        let mut conn = self.conn.clone();
        let _: String = redis::cmd("PING").query_async(&mut conn).await?;
        Ok(())
    }

    pub(super) async fn get(&self, key: &str) -> BackplaneResult<Option<String>> {
        let mut conn = self.conn.clone();
        Ok(redis::cmd("GET").arg(self.key(key)).query_async(&mut conn).await?)
    }

    pub(super) async fn set(&self, key: &str, value: &str, ttl: Duration) -> BackplaneResult<()> {
        let mut conn = self.conn.clone();
        let millis = u64::try_from(ttl.as_millis()).unwrap_or(u64::MAX).max(1);
        let _: () =
            redis::cmd("SET").arg(self.key(key)).arg(value).arg("PX").arg(millis).query_async(&mut conn).await?;
        Ok(())
    }

    pub(super) async fn delete(&self, key: &str) -> BackplaneResult<()> {
        let mut conn = self.conn.clone();
        let _: i64 = redis::cmd("DEL").arg(self.key(key)).query_async(&mut conn).await?;
        Ok(())
    }

    pub(super) async fn incr(&self, key: &str, ttl: Duration) -> BackplaneResult<u64> {
        let mut conn = self.conn.clone();
        let key = self.key(key);
        // One round trip, atomically: the counter can never be left without an expiry.
        let (count,): (u64,) = redis::pipe()
            .atomic()
            .cmd("INCR")
            .arg(&key)
            .cmd("EXPIRE")
            .arg(&key)
            .arg(ttl.as_secs().max(1))
            .arg("NX")
            .ignore()
            .query_async(&mut conn)
            .await?;
        Ok(count)
    }

    pub(super) async fn publish(&self, event: &Event) -> BackplaneResult<String> {
        let mut conn = self.conn.clone();
        let body = serde_json::to_string(event)?;
        let id: String = redis::cmd("XADD")
            .arg(self.stream(&event.topic))
            .arg("MAXLEN")
            .arg("~")
            .arg(STREAM_MAX_LEN)
            .arg("*")
            .arg("event")
            .arg(body)
            .query_async(&mut conn)
            .await?;
        Ok(id)
    }

    async fn ensure_group(&self, stream: &str, group: &str) -> BackplaneResult<()> {
        let mut conn = self.conn.clone();
        let created: redis::RedisResult<String> = redis::cmd("XGROUP")
            .arg("CREATE")
            .arg(stream)
            .arg(group)
            .arg("0")
            .arg("MKSTREAM")
            .query_async(&mut conn)
            .await;
        match created {
            Ok(_) => Ok(()),
            Err(e) if e.code() == Some("BUSYGROUP") => Ok(()),
            Err(e) => Err(e.into()),
        }
    }

    pub(super) async fn read(
        &self,
        topic: &str,
        group: &str,
        consumer: &str,
        max: usize,
        wait: Duration,
    ) -> BackplaneResult<Vec<Delivery>> {
        self.read_from(topic, group, consumer, max, wait, ">").await
    }

    /// Entries handed to `consumer` earlier and not acknowledged (`XREADGROUP … 0`).
    pub(super) async fn read_pending(
        &self,
        topic: &str,
        group: &str,
        consumer: &str,
        max: usize,
    ) -> BackplaneResult<Vec<Delivery>> {
        self.read_from(topic, group, consumer, max, Duration::ZERO, "0").await
    }

    async fn read_from(
        &self,
        topic: &str,
        group: &str,
        consumer: &str,
        max: usize,
        wait: Duration,
        from: &str,
    ) -> BackplaneResult<Vec<Delivery>> {
        let stream = self.stream(topic);
        self.ensure_group(&stream, group).await?;
        let mut conn = self.conn.clone();
        let mut cmd = redis::cmd("XREADGROUP");
        cmd.arg("GROUP").arg(group).arg(consumer).arg("COUNT").arg(max.max(1));
        if !wait.is_zero() {
            // Stay below the connection's response timeout.
            cmd.arg("BLOCK").arg(wait.min(Duration::from_secs(2)).as_millis().max(1).to_string());
        }
        let reply: Option<StreamReadReply> = cmd.arg("STREAMS").arg(&stream).arg(from).query_async(&mut conn).await?;
        let mut out = Vec::new();
        for key in reply.map(|r| r.keys).unwrap_or_default() {
            for entry in key.ids {
                let Some(body) = entry.get::<String>("event") else {
                    tracing::warn!(stream = %stream, id = %entry.id, "stream entry without an event field; skipped");
                    continue;
                };
                out.push(Delivery { stream_id: entry.id.clone(), event: serde_json::from_str(&body)? });
            }
        }
        Ok(out)
    }

    pub(super) async fn ack(&self, topic: &str, group: &str, stream_id: &str) -> BackplaneResult<()> {
        let mut conn = self.conn.clone();
        let _: i64 =
            redis::cmd("XACK").arg(self.stream(topic)).arg(group).arg(stream_id).query_async(&mut conn).await?;
        Ok(())
    }
}
