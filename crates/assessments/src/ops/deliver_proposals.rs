//! The worker that delivers accepted packages to the projects service: every undelivered
//! proposal whose next attempt is due is claimed (one conditional update, so two deliverers
//! never send it at the same time), sent with its fixed idempotency key as the staff account
//! that accepted it (the identity is signed afresh: the original one expired long ago), and
//! either marked delivered with the project id or given its next attempt after a backoff.

use std::time::Duration;

use api_types::Role;
use chrono::Utc;
use platform::Caller;
use platform::identity::User;
use sea_orm::{DatabaseConnection, DbErr};
use tokio_util::sync::CancellationToken;
use uuid::Uuid;

use super::links::Links;
use crate::domain::proposal::backoff;
use crate::store;

/// A claimed attempt owns the proposal this long: more than the client's 30 s timeout, so a
/// slow attempt is never overlapped by the next one.
pub const LEASE: Duration = Duration::from_secs(45);
/// How often the worker looks for due proposals.
const POLL: Duration = Duration::from_millis(500);
const BATCH: u64 = 20;

/// One attempt at the proposal of `request_id`, if it is due and undelivered. `Ok(true)` when
/// the projects service has the project now.
pub async fn deliver_one(db: &DatabaseConnection, links: &Links, request_id: Uuid) -> Result<bool, DbErr> {
    match store::proposals::claim(db, request_id, Utc::now(), LEASE).await? {
        Some(row) => attempt(db, links, row).await,
        None => Ok(false),
    }
}

/// The first attempt, made by the accept call right after it committed (it holds the first
/// lease, so no worker competes with it).
pub async fn first_attempt(db: &DatabaseConnection, links: &Links, request_id: Uuid) -> Result<bool, DbErr> {
    match store::proposals::claim_first(db, request_id).await? {
        Some(row) => attempt(db, links, row).await,
        None => Ok(false),
    }
}

/// Sends a claimed proposal and records the outcome.
async fn attempt(db: &DatabaseConnection, links: &Links, row: store::proposals::Model) -> Result<bool, DbErr> {
    let request_id = row.request_id;
    let accepted_by = Caller::User(User { id: row.accepted_by, role: Role::Staff, member_id: None, donor_id: None });
    // Why an attempt failed, as staff will read it in `last_error`.
    let sent = match (links.projects_as(&accepted_by), row.payload()) {
        (Ok(client), Ok(payload)) => {
            client.create_idempotent(&payload, &row.idempotency_key).await.map_err(|e| format!("projects: {e}"))
        }
        (Err(e), _) => Err(format!("signing the identity: {e}")),
        (_, Err(e)) => Err(format!("stored proposal: {e}")),
    };
    match sent {
        Ok(project) => {
            tracing::info!(request_id = %request_id, project_id = %project.id, attempts = row.attempts, "proposal delivered");
            store::proposals::delivered(db, row, project.id).await?;
            Ok(true)
        }
        Err(e) => {
            let next = Utc::now() + chrono::Duration::from_std(backoff(row.attempts)).unwrap_or(chrono::Duration::MAX);
            tracing::warn!(request_id = %request_id, attempts = row.attempts, error = %e, "proposal not delivered; will retry");
            store::proposals::failed(db, row, &e.to_string(), next).await?;
            Ok(false)
        }
    }
}

/// Attempts every due proposal once; how many were delivered.
pub async fn pass(db: &DatabaseConnection, links: &Links) -> Result<usize, DbErr> {
    let mut delivered = 0;
    for request_id in store::proposals::due(db, Utc::now(), BATCH).await? {
        if deliver_one(db, links, request_id).await? {
            delivered += 1;
        }
    }
    Ok(delivered)
}

/// Runs passes until `shutdown`.
pub async fn run(db: DatabaseConnection, links: Links, shutdown: CancellationToken) {
    loop {
        if let Err(e) = pass(&db, &links).await {
            tracing::warn!(error = %e, "proposal delivery: database error; will retry");
        }
        tokio::select! {
            () = shutdown.cancelled() => return,
            () = tokio::time::sleep(POLL) => {}
        }
    }
}
