//! Consuming `allocation.committed`: each project's allocated total and CHF budget as the
//! funding service reports them, and `approved → funded` once the budget is fully allocated.
//!
//! Delivery is at least once and may be out of order: a position older than the one stored
//! (lower `ledger_seq`) changes nothing, so a late redelivery cannot move the figures back.

use api_types::events::{AllocationCommitted, ProjectFunding};
use api_types::money::CHF;
use api_types::projects::ProjectStatus;
use platform::backplane::Event;
use platform::consumer::EventHandler;
use sea_orm::{ConnectionTrait, DatabaseTransaction};

use crate::domain::workflow::{Actor, Request};
use crate::error::Result;
use crate::store::projects;

/// Applies one project's position inside the consumer's transaction. Unknown projects and
/// amounts not in CHF are skipped with a warning (nothing to attach them to).
pub async fn apply<C: ConnectionTrait>(conn: &C, position: &ProjectFunding) -> Result<()> {
    let Some(row) = projects::find_for_update(conn, position.project_id).await? else {
        tracing::warn!(project = %position.project_id, "allocation for an unknown project ignored");
        return Ok(());
    };
    if position.allocated.currency != CHF || position.budget.currency != CHF {
        tracing::warn!(project = %row.id, "allocation not in CHF ignored");
        return Ok(());
    }
    if row.ledger_seq.is_some_and(|seen| seen >= position.ledger_seq) {
        return Ok(());
    }
    let row =
        projects::set_funding(conn, row, position.allocated.minor, position.budget.minor, position.ledger_seq).await?;
    if position.fully_funded && row.status()? == ProjectStatus::Approved {
        let request =
            Request { to: ProjectStatus::Funded, reason: None, actor: Actor::Funding, with_evaluation: false };
        super::transition::apply(conn, row, &request, "funding").await?;
    }
    Ok(())
}

/// Handles `allocation.committed` for the consumer (which records the event id in its inbox in
/// the same transaction, so each event counts once).
#[derive(Debug, Clone, Copy)]
pub struct AllocationHandler;

#[async_trait::async_trait]
impl EventHandler for AllocationHandler {
    async fn handle(&self, txn: &DatabaseTransaction, event: &Event) -> anyhow::Result<()> {
        let committed: AllocationCommitted = match serde_json::from_value(event.payload.clone()) {
            Ok(c) => c,
            Err(e) => {
                // A payload that does not parse will never parse: retrying would block the
                // stream, so it is logged and counted as handled.
                tracing::error!(event = %event.id, error = %e, "malformed allocation.committed ignored");
                return Ok(());
            }
        };
        for position in &committed.projects {
            apply(txn, position).await.map_err(|e| anyhow::anyhow!("{e}"))?;
        }
        Ok(())
    }
}
