//! Disbursements out of a project's allocations, and releases of what a closed or cancelled
//! project did not spend (back to the contributions it came from, earmarks intact).

use api_types::funding::{
    ContributionSlice, CreateDisbursement, DisbursementResponse, ListDisbursements, ReleaseResponse,
};
use api_types::money::CHF;
use api_types::projects::ProjectStatus;
use platform::idempotency::{self, IdempotencyKey};
use platform::list::Window;
use platform::{ApiError, Caller, outbox};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseConnection, DatabaseTransaction, EntityTrait, QueryFilter,
    QueryOrder,
};
use serde::Serialize;
use uuid::Uuid;

use crate::domain::ledger::Movement;
use crate::ops::figures::chf;
use crate::ops::{access, upstream::Upstreams};
use crate::store::money::{self, disbursements};

/// Event `disbursement.recorded`.
pub const RECORDED: &str = "disbursement.recorded";

#[derive(Debug, Serialize)]
struct DisbursementRecorded<'a> {
    disbursement_id: Uuid,
    project_id: Uuid,
    amount: api_types::Money,
    slices: &'a [ContributionSlice],
    ledger_seq: i64,
}

fn response(m: disbursements::Model) -> Result<DisbursementResponse, ApiError> {
    Ok(DisbursementResponse {
        slices: serde_json::from_str(&m.slices).map_err(|_| super::contributions::corrupt("slices"))?,
        id: m.id,
        project_id: m.project_id,
        amount: chf(m.amount_minor),
        note: m.note,
        ledger_seq: m.ledger_seq,
        recorded_at: m.recorded_at,
    })
}

/// Pays `amount` for a project, drawn on its oldest allocations first; never more than is
/// allocated and unspent (409 `insufficient_allocation`). At most once per `key`.
pub async fn disburse(
    db: &DatabaseConnection,
    caller: &Caller,
    key: Option<&IdempotencyKey>,
    input: CreateDisbursement,
) -> Result<DisbursementResponse, ApiError> {
    let user_id = access::staff(caller)?.id;
    if input.amount.currency != CHF {
        return Err(ApiError::invalid("amount", "disbursements are recorded in CHF"));
    }
    if input.amount.minor <= 0 {
        return Err(ApiError::invalid("amount", "must be more than zero"));
    }
    let note = input.note.as_deref().map(str::trim).filter(|n| !n.is_empty()).map(str::to_owned);
    if note.as_ref().is_some_and(|n| n.chars().count() > 1000) {
        return Err(ApiError::invalid("note", "must be at most 1000 characters"));
    }
    let scope = idempotency::scope(caller, "POST /disbursements");
    let request = input.clone();
    idempotency::once(db, key, &scope, &request, move |txn| Box::pin(disburse_in(txn, user_id, input, note))).await
}

async fn disburse_in(
    txn: &DatabaseTransaction,
    user_id: Uuid,
    input: CreateDisbursement,
    note: Option<String>,
) -> Result<DisbursementResponse, ApiError> {
    let mut head = money::lock_head(txn).await?;
    let mut pools = money::commitments(txn, Some(input.project_id)).await?;
    pools.sort_by_key(|(c, ..)| *c);
    let available: i64 = pools.iter().map(|(.., unspent)| *unspent).sum();
    if available < input.amount.minor {
        return Err(ApiError::conflict(
            "insufficient_allocation",
            format!("only {} is allocated to this project and not yet disbursed", chf(available)),
        ));
    }
    let mut left = input.amount.minor;
    let mut slices = Vec::new();
    for (c, _, _, unspent) in pools {
        if left == 0 {
            break;
        }
        let take = left.min(unspent);
        if take > 0 {
            slices.push((c, take));
            left -= take;
        }
    }
    let id = Uuid::now_v7();
    let movement = Movement::disbursement(input.project_id, &slices);
    money::append(txn, &mut head, vec![(movement.kind, id, movement.lines)]).await?;
    let slices: Vec<ContributionSlice> =
        slices.into_iter().map(|(c, x)| ContributionSlice { contribution_id: c, amount: chf(x) }).collect();
    let row = disbursements::ActiveModel {
        id: Set(id),
        project_id: Set(input.project_id),
        amount_minor: Set(input.amount.minor),
        note: Set(note),
        slices: Set(serde_json::to_string(&slices).map_err(|e| ApiError::Internal(e.into()))?),
        ledger_seq: Set(head.seq),
        recorded_by: Set(user_id),
        recorded_at: Set(chrono::Utc::now()),
    }
    .insert(txn)
    .await?;
    outbox::enqueue(
        txn,
        crate::SERVICE,
        RECORDED,
        &DisbursementRecorded {
            disbursement_id: id,
            project_id: input.project_id,
            amount: input.amount,
            slices: &slices,
            ledger_seq: head.seq,
        },
    )
    .await?;
    response(row)
}

pub async fn list(
    db: &DatabaseConnection,
    caller: &Caller,
    query: &ListDisbursements,
    window: &Window,
) -> Result<(Vec<DisbursementResponse>, u64), ApiError> {
    caller.require(&[api_types::Role::Staff, api_types::Role::Admin, api_types::Role::Committee])?;
    let mut select = disbursements::Entity::find();
    if let Some(p) = query.project_id {
        select = select.filter(disbursements::Column::ProjectId.eq(p));
    }
    let select = select.order_by_desc(disbursements::Column::LedgerSeq);
    let (rows, total) = platform::db::fetch_window(db, select, window.limits()).await?;
    Ok((rows.into_iter().map(response).collect::<Result<_, _>>()?, total))
}

/// Returns a closed or cancelled project's unspent allocations to their contributions; at most
/// once per `key`.
pub async fn release(
    db: &DatabaseConnection,
    upstreams: &Upstreams,
    caller: &Caller,
    identity: &str,
    key: Option<&IdempotencyKey>,
    project_id: Uuid,
) -> Result<ReleaseResponse, ApiError> {
    access::staff(caller)?;
    let project = upstreams.project(identity, project_id).await?.ok_or_else(|| ApiError::not_found("project"))?;
    if !matches!(project.status, ProjectStatus::Completed | ProjectStatus::Evaluated | ProjectStatus::Cancelled) {
        return Err(ApiError::conflict(
            "project_open",
            format!(
                "the project is {}; only a completed or cancelled project's money is released",
                project.status.as_str()
            ),
        ));
    }
    let scope = idempotency::scope(caller, &format!("POST /projects/{project_id}/release"));
    idempotency::once(db, key, &scope, &project_id, move |txn| Box::pin(release_in(txn, project_id))).await
}

async fn release_in(txn: &DatabaseTransaction, project_id: Uuid) -> Result<ReleaseResponse, ApiError> {
    let mut head = money::lock_head(txn).await?;
    let mut pools = money::commitments(txn, Some(project_id)).await?;
    pools.sort_by_key(|(c, ..)| *c);
    let mut entries = Vec::new();
    let mut slices = Vec::new();
    for (c, _, _, unspent) in pools.into_iter().filter(|p| p.3 > 0) {
        let m = Movement::release(c, project_id, unspent);
        entries.push((m.kind, project_id, m.lines));
        slices.push(ContributionSlice { contribution_id: c, amount: chf(unspent) });
    }
    money::append(txn, &mut head, entries).await?;
    let released = slices.iter().map(|s| s.amount.minor).sum();
    Ok(ReleaseResponse { project_id, released: chf(released), slices })
}
