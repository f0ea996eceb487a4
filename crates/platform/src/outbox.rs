//! The transactional outbox: a use case writes its events into the `outbox_events` table in the
//! same transaction as its data; the [`Relay`] publishes them to the backplane afterwards and
//! marks them published. If Redis is down, events wait in the table and go out, in order, when
//! it returns; none is lost. Delivery is at least once: consumers ignore an event id they have
//! already seen.

use std::time::Duration;

use chrono::Utc;
use sea_orm::entity::prelude::*;
use sea_orm::{ActiveValue::Set, ConnectionTrait, DatabaseConnection, QueryOrder, QuerySelect};
use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::{
    integer, pk_uuid, string, text, text_null, timestamp_with_time_zone, timestamp_with_time_zone_null,
};
use serde::Serialize;
use tokio_util::sync::CancellationToken;

use crate::backplane::{Backplane, Event};

/// The `outbox_events` table.
pub mod entity {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "outbox_events")]
    pub struct Model {
        /// UUID v7: ordering by id is ordering by time of writing.
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub topic: String,
        pub source: String,
        /// The event payload as JSON text (portable across SQLite and PostgreSQL).
        pub payload: String,
        pub occurred_at: chrono::DateTime<chrono::Utc>,
        pub published_at: Option<chrono::DateTime<chrono::Utc>>,
        pub attempts: i32,
        pub last_error: Option<String>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// The migration that creates the outbox; every service lists it in its `Migrator`.
#[derive(DeriveMigrationName)]
pub struct CreateOutbox;

#[derive(DeriveIden)]
enum OutboxEvents {
    Table,
    Id,
    Topic,
    Source,
    Payload,
    OccurredAt,
    PublishedAt,
    Attempts,
    LastError,
}

#[async_trait::async_trait]
impl MigrationTrait for CreateOutbox {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(OutboxEvents::Table)
                    .if_not_exists()
                    .col(pk_uuid(OutboxEvents::Id))
                    .col(string(OutboxEvents::Topic))
                    .col(string(OutboxEvents::Source))
                    .col(text(OutboxEvents::Payload))
                    .col(timestamp_with_time_zone(OutboxEvents::OccurredAt))
                    .col(timestamp_with_time_zone_null(OutboxEvents::PublishedAt))
                    .col(integer(OutboxEvents::Attempts).default(0))
                    .col(text_null(OutboxEvents::LastError))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_outbox_events_unpublished")
                    .table(OutboxEvents::Table)
                    .col(OutboxEvents::PublishedAt)
                    .col(OutboxEvents::Id)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(OutboxEvents::Table).to_owned()).await
    }
}

/// Records an event to be published once the surrounding transaction commits.
pub async fn enqueue<C: ConnectionTrait>(
    conn: &C,
    source: &str,
    topic: &str,
    payload: &impl Serialize,
) -> Result<Uuid, DbErr> {
    let id = Uuid::now_v7();
    let payload = serde_json::to_string(payload).map_err(|e| DbErr::Custom(format!("event payload: {e}")))?;
    entity::ActiveModel {
        id: Set(id),
        topic: Set(topic.to_owned()),
        source: Set(source.to_owned()),
        payload: Set(payload),
        occurred_at: Set(Utc::now()),
        published_at: Set(None),
        attempts: Set(0),
        last_error: Set(None),
    }
    .insert(conn)
    .await?;
    Ok(id)
}

/// Events written but not yet published.
pub async fn pending<C: ConnectionTrait>(conn: &C) -> Result<u64, DbErr> {
    entity::Entity::find().filter(entity::Column::PublishedAt.is_null()).count(conn).await
}

/// What one pass of the relay did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct RelayPass {
    pub published: usize,
    /// The pass stopped at an event the backplane refused (it will be retried, in order).
    pub failed: bool,
}

/// Publishes events from the outbox to the backplane.
#[derive(Clone, Debug)]
pub struct Relay {
    db: DatabaseConnection,
    backplane: Backplane,
    batch: u64,
}

impl Relay {
    pub fn new(db: DatabaseConnection, backplane: Backplane) -> Relay {
        Relay { db, backplane, batch: 100 }
    }

    /// Publishes the oldest unpublished events, in order, stopping at the first failure so
    /// that a later event never overtakes an earlier one.
    pub async fn pass(&self) -> Result<RelayPass, DbErr> {
        let rows = entity::Entity::find()
            .filter(entity::Column::PublishedAt.is_null())
            .order_by_asc(entity::Column::Id)
            .limit(self.batch)
            .all(&self.db)
            .await?;
        let mut outcome = RelayPass::default();
        for row in rows {
            let payload = serde_json::from_str(&row.payload).unwrap_or(serde_json::Value::String(row.payload.clone()));
            let event = Event {
                id: row.id,
                topic: row.topic.clone(),
                source: row.source.clone(),
                occurred_at: row.occurred_at,
                payload,
            };
            let attempts = row.attempts.saturating_add(1);
            let mut active: entity::ActiveModel = row.into();
            active.attempts = Set(attempts);
            match self.backplane.publish(&event).await {
                Ok(_) => {
                    active.published_at = Set(Some(Utc::now()));
                    active.last_error = Set(None);
                    active.update(&self.db).await?;
                    outcome.published += 1;
                }
                Err(e) => {
                    active.last_error = Set(Some(e.to_string()));
                    active.update(&self.db).await?;
                    outcome.failed = true;
                    break;
                }
            }
        }
        Ok(outcome)
    }

    /// Runs passes until `shutdown`: every 250 ms while healthy, backing off to 2 s while the
    /// backplane or the database fails.
    pub async fn run(self, shutdown: CancellationToken) {
        let mut delay = Duration::from_millis(250);
        loop {
            let next = match self.pass().await {
                Ok(RelayPass { failed: false, .. }) => Duration::from_millis(250),
                Ok(RelayPass { failed: true, .. }) => {
                    tracing::warn!(backplane = self.backplane.kind(), "outbox relay: publish failed; will retry");
                    (delay * 2).min(Duration::from_secs(2))
                }
                Err(e) => {
                    tracing::warn!(error = %e, "outbox relay: database error; will retry");
                    (delay * 2).min(Duration::from_secs(2))
                }
            };
            delay = next;
            tokio::select! {
                () = shutdown.cancelled() => return,
                () = tokio::time::sleep(delay) => {}
            }
        }
    }
}
