//! The in-process backplane: a few maps behind mutexes. Good for one process (the launcher,
//! unit tests); it forgets everything at exit and is not shared between processes.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use tokio::sync::Notify;

use super::{Delivery, Event};

#[derive(Default)]
pub struct MemoryBackplane {
    values: Mutex<HashMap<String, (String, Instant)>>,
    counters: Mutex<HashMap<String, (u64, Instant)>>,
    streams: Mutex<HashMap<String, Stream>>,
    published: Notify,
}

#[derive(Default)]
struct Stream {
    entries: Vec<(u64, Event)>,
    /// Per consumer group: the sequence number of the last entry handed out.
    delivered: HashMap<String, u64>,
}

// A poisoned lock only means another thread panicked mid-update of a cache; the maps stay
// structurally valid, so keep serving rather than cascade the panic.
fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

impl MemoryBackplane {
    pub(super) fn get(&self, key: &str) -> Option<String> {
        let mut values = lock(&self.values);
        match values.get(key) {
            Some((v, expires)) if *expires > Instant::now() => Some(v.clone()),
            Some(_) => {
                values.remove(key);
                None
            }
            None => None,
        }
    }

    pub(super) fn set(&self, key: &str, value: &str, ttl: Duration) {
        let mut values = lock(&self.values);
        let now = Instant::now();
        // Sweep expired entries now and then so that abandoned sessions do not pile up.
        if values.len() % 1024 == 1023 {
            values.retain(|_, (_, expires)| *expires > now);
        }
        values.insert(key.to_owned(), (value.to_owned(), now + ttl));
    }

    pub(super) fn delete(&self, key: &str) {
        lock(&self.values).remove(key);
    }

    pub(super) fn incr(&self, key: &str, ttl: Duration) -> u64 {
        let mut counters = lock(&self.counters);
        let now = Instant::now();
        if counters.len() % 1024 == 1023 {
            counters.retain(|_, (_, expires)| *expires > now);
        }
        let entry = counters.entry(key.to_owned()).or_insert((0, now + ttl));
        if entry.1 <= now {
            *entry = (0, now + ttl);
        }
        entry.0 += 1;
        entry.0
    }

    pub(super) fn count(&self, key: &str) -> u64 {
        lock(&self.counters).get(key).filter(|(_, expires)| *expires > Instant::now()).map_or(0, |(n, _)| *n)
    }

    pub(super) fn publish(&self, event: &Event) -> String {
        let mut streams = lock(&self.streams);
        let stream = streams.entry(event.topic.clone()).or_default();
        let seq = stream.entries.last().map_or(1, |(s, _)| s + 1);
        stream.entries.push((seq, event.clone()));
        drop(streams);
        self.published.notify_waiters();
        format!("{seq}-0")
    }

    fn take(&self, topic: &str, group: &str, max: usize) -> Vec<Delivery> {
        let mut streams = lock(&self.streams);
        let stream = streams.entry(topic.to_owned()).or_default();
        let after = stream.delivered.get(group).copied().unwrap_or(0);
        let batch: Vec<Delivery> = stream
            .entries
            .iter()
            .filter(|(seq, _)| *seq > after)
            .take(max)
            .map(|(seq, event)| Delivery { stream_id: format!("{seq}-0"), event: event.clone() })
            .collect();
        if let Some(last) = batch.last().and_then(|d| d.stream_id.split('-').next()?.parse().ok()) {
            stream.delivered.insert(group.to_owned(), last);
        }
        batch
    }

    pub(super) async fn read(&self, topic: &str, group: &str, max: usize, wait: Duration) -> Vec<Delivery> {
        let deadline = tokio::time::Instant::now() + wait;
        loop {
            // Register interest before looking, so a publish in between is not missed.
            let notified = self.published.notified();
            let batch = self.take(topic, group, max);
            if !batch.is_empty() || tokio::time::Instant::now() >= deadline {
                return batch;
            }
            if tokio::time::timeout_at(deadline, notified).await.is_err() {
                return self.take(topic, group, max);
            }
        }
    }

    /// Acknowledgement is implicit in process: an entry is delivered to a group once.
    pub(super) fn ack(&self, _topic: &str, _group: &str, _stream_id: &str) {}
}
