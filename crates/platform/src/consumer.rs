//! Consuming domain events exactly once in effect: the bus delivers at least once, and the
//! consumer records each event id it handled in its `inbox_events` table in the same
//! transaction as the handler's writes. A redelivered event finds its id there and is only
//! acknowledged again; a handler that fails leaves nothing behind and the event is retried.
//!
//! One consumer group per service and purpose (e.g. `projects.funding-status`): every group sees
//! every event of its topics once. On Redis a restarted consumer first takes back what it had
//! been handed but not acknowledged before it stopped.

use std::collections::VecDeque;
use std::sync::Arc;
use std::time::Duration;

use chrono::Utc;
use sea_orm::entity::prelude::*;
use sea_orm::{ActiveValue::Set, DatabaseConnection, DatabaseTransaction};
use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::{string, timestamp_with_time_zone, uuid};
use tokio::sync::Mutex;
use tokio_util::sync::CancellationToken;

use crate::backplane::{Backplane, Delivery, Event};
use crate::db::{is_unique_violation, write_txn};

/// What a service does with an event, inside the transaction that also records it as handled.
#[async_trait::async_trait]
pub trait EventHandler: Send + Sync + 'static {
    async fn handle(&self, txn: &DatabaseTransaction, event: &Event) -> anyhow::Result<()>;
}

/// Events of `topics` for one consumer group, handled by one [`EventHandler`].
#[derive(Clone)]
pub struct Consumer {
    db: DatabaseConnection,
    backplane: Backplane,
    group: String,
    topics: Vec<String>,
    handler: Arc<dyn EventHandler>,
    /// Deliveries whose handling failed, retried before new ones are read.
    retry: Arc<Mutex<VecDeque<(String, Delivery)>>>,
}

impl std::fmt::Debug for Consumer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Consumer").field("group", &self.group).field("topics", &self.topics).finish_non_exhaustive()
    }
}

/// What one [`Consumer::pass`] did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ConsumerPass {
    /// Events handled now.
    pub handled: usize,
    /// Redeliveries of events handled before (acknowledged, nothing done).
    pub duplicates: usize,
    /// Events whose handler failed (kept for a retry).
    pub failed: usize,
}

/// Largest batch read per topic and pass.
const BATCH: usize = 100;

impl Consumer {
    pub fn new(
        db: DatabaseConnection,
        backplane: Backplane,
        group: impl Into<String>,
        topics: &[&str],
        handler: impl EventHandler,
    ) -> Consumer {
        Consumer {
            db,
            backplane,
            group: group.into(),
            topics: topics.iter().map(|t| (*t).to_owned()).collect(),
            handler: Arc::new(handler),
            retry: Arc::new(Mutex::new(VecDeque::new())),
        }
    }

    /// Retries failed deliveries, then handles what the bus has now, waiting up to `wait` on
    /// each topic for something to arrive. Tests call this to drive the consumer step by step.
    pub async fn pass(&self, wait: Duration) -> anyhow::Result<ConsumerPass> {
        let mut pass = ConsumerPass::default();
        let retries: Vec<(String, Delivery)> = self.retry.lock().await.drain(..).collect();
        for (topic, delivery) in retries {
            self.deliver(&topic, delivery, &mut pass).await;
        }
        for topic in &self.topics {
            let deliveries = self.backplane.read(topic, &self.group, &self.group, BATCH, wait).await?;
            for delivery in deliveries {
                self.deliver(topic, delivery, &mut pass).await;
            }
        }
        Ok(pass)
    }

    async fn deliver(&self, topic: &str, delivery: Delivery, pass: &mut ConsumerPass) {
        match self.handle(&delivery.event).await {
            Ok(first_time) => {
                if first_time {
                    pass.handled += 1;
                } else {
                    pass.duplicates += 1;
                }
                if let Err(e) = self.backplane.ack(topic, &self.group, &delivery.stream_id).await {
                    // The inbox already holds the event: a redelivery will be a harmless duplicate.
                    tracing::warn!(group = %self.group, error = %e, "acknowledging an event failed");
                }
            }
            Err(e) => {
                tracing::warn!(group = %self.group, topic, event = %delivery.event.id, error = %format!("{e:#}"), "handling an event failed; will retry");
                pass.failed += 1;
                self.retry.lock().await.push_back((topic.to_owned(), delivery));
            }
        }
    }

    /// Handles `event` unless this group handled it before; `Ok(false)` for a duplicate.
    async fn handle(&self, event: &Event) -> anyhow::Result<bool> {
        let txn = write_txn(&self.db).await?;
        let recorded = entity::ActiveModel {
            consumer: Set(self.group.clone()),
            event_id: Set(event.id),
            topic: Set(event.topic.clone()),
            handled_at: Set(Utc::now()),
        }
        .insert(&txn)
        .await;
        match recorded {
            Ok(_) => {}
            Err(e) if is_unique_violation(&e) => {
                txn.rollback().await?;
                return Ok(false);
            }
            Err(e) => return Err(e.into()),
        }
        self.handler.handle(&txn, event).await?;
        txn.commit().await?;
        Ok(true)
    }

    /// Queues what this group was handed before a restart and never acknowledged.
    pub async fn reclaim(&self) -> anyhow::Result<usize> {
        let mut reclaimed = 0;
        for topic in &self.topics {
            let pending = self.backplane.read_pending(topic, &self.group, &self.group, 10_000).await?;
            reclaimed += pending.len();
            self.retry.lock().await.extend(pending.into_iter().map(|d| (topic.clone(), d)));
        }
        Ok(reclaimed)
    }

    /// Runs passes until `shutdown`, backing off while the bus or the database is failing.
    pub async fn run(self, shutdown: CancellationToken) {
        if let Err(e) = self.reclaim().await {
            tracing::warn!(group = %self.group, error = %format!("{e:#}"), "reclaiming pending events failed");
        }
        let mut backoff = Duration::from_millis(100);
        loop {
            if shutdown.is_cancelled() {
                break;
            }
            let wait = Duration::from_millis(500);
            let outcome = tokio::select! {
                () = shutdown.cancelled() => break,
                outcome = self.pass(wait) => outcome,
            };
            match outcome {
                Ok(pass) if pass.failed == 0 => backoff = Duration::from_millis(100),
                Ok(_) => {
                    backoff = (backoff * 2).min(Duration::from_secs(10));
                    sleep_or_stop(backoff, &shutdown).await;
                }
                Err(e) => {
                    tracing::warn!(group = %self.group, error = %format!("{e:#}"), "reading events failed");
                    backoff = (backoff * 2).min(Duration::from_secs(10));
                    sleep_or_stop(backoff, &shutdown).await;
                }
            }
        }
    }
}

async fn sleep_or_stop(duration: Duration, shutdown: &CancellationToken) {
    tokio::select! {
        () = shutdown.cancelled() => {},
        () = tokio::time::sleep(duration) => {},
    }
}

/// The `inbox_events` table: which events each consumer group has handled.
pub mod entity {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "inbox_events")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub consumer: String,
        #[sea_orm(primary_key, auto_increment = false)]
        pub event_id: Uuid,
        pub topic: String,
        pub handled_at: chrono::DateTime<chrono::Utc>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// The migration that creates `inbox_events`; services that consume events list it.
#[derive(DeriveMigrationName)]
pub struct CreateInbox;

#[derive(DeriveIden)]
enum InboxEvents {
    Table,
    Consumer,
    EventId,
    Topic,
    HandledAt,
}

#[async_trait::async_trait]
impl MigrationTrait for CreateInbox {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(InboxEvents::Table)
                    .if_not_exists()
                    .col(string(InboxEvents::Consumer))
                    .col(uuid(InboxEvents::EventId))
                    .col(string(InboxEvents::Topic))
                    .col(timestamp_with_time_zone(InboxEvents::HandledAt))
                    .primary_key(Index::create().col(InboxEvents::Consumer).col(InboxEvents::EventId))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(InboxEvents::Table).to_owned()).await
    }
}
