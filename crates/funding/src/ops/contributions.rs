//! Contributions: pledges with an earmark, receipts converted to CHF, cancellation.

use api_types::Currency;
use api_types::Role;
use api_types::error::codes;
use api_types::funding::{
    ContributionResponse, ContributionStatus, CreateContribution, EarmarkInput, ListContributions, RecordReceipt,
};
use api_types::money::Money;
use platform::idempotency::{self, IdempotencyKey};
use platform::list::Window;
use platform::{ApiError, Caller, outbox};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection,
    DatabaseTransaction, EntityTrait, QueryFilter, QueryOrder,
};
use serde::Serialize;
use uuid::Uuid;

use crate::domain::earmark::Earmark;
use crate::domain::ledger::{Balances, Movement};
use crate::ops::access;
use crate::ops::figures::{Figures, per_contribution};
use crate::ops::upstream::Upstreams;
use crate::store::donors;
use crate::store::money::{self, Scope, contributions};

/// Event `contribution.received`.
pub const RECEIVED: &str = "contribution.received";

#[derive(Debug, Serialize)]
struct ContributionReceived {
    contribution_id: Uuid,
    donor_id: Uuid,
    amount: Money,
    chf: Money,
    fx_rate: String,
    value_date: chrono::NaiveDate,
    ledger_seq: i64,
}

pub fn corrupt(what: &str) -> ApiError {
    ApiError::Internal(anyhow::anyhow!("stored {what} is not valid"))
}

pub fn earmark_of(m: &contributions::Model) -> Result<EarmarkInput, ApiError> {
    serde_json::from_str(&m.earmark).map_err(|_| corrupt("earmark"))
}

pub fn response(m: contributions::Model, f: &Figures) -> Result<ContributionResponse, ApiError> {
    let currency = Currency::parse(&m.currency).ok_or_else(|| corrupt("currency"))?;
    Ok(ContributionResponse {
        earmark: earmark_of(&m)?,
        id: m.id,
        donor_id: m.donor_id,
        status: ContributionStatus::parse(&m.status).ok_or_else(|| corrupt("status"))?,
        pledged: Money::new(m.pledged_minor, currency),
        received: m.received_minor.map(|x| Money::new(x, currency)),
        fx_rate: m.fx_rate,
        value_date: m.value_date,
        balances: f.balances(),
        demo: m.demo,
        created_at: m.created_at,
    })
}

/// A donor pledges (for itself) or staff pledge for a donor; at most once per `key`.
pub async fn create(
    db: &DatabaseConnection,
    upstreams: &Upstreams,
    caller: &Caller,
    identity: &str,
    key: Option<&IdempotencyKey>,
    input: CreateContribution,
) -> Result<ContributionResponse, ApiError> {
    let user = caller.require(&[Role::Staff, Role::Admin, Role::Donor])?;
    let donor_id = match user.role {
        Role::Donor => {
            let own = user.donor_id.ok_or_else(|| ApiError::forbidden("This account is not linked to a donor."))?;
            if input.donor_id.is_some_and(|d| d != own) {
                return Err(ApiError::forbidden("A donor account pledges for its own donor only."));
            }
            own
        }
        _ => input.donor_id.ok_or_else(|| ApiError::invalid("donor_id", "name the donor who pledges"))?,
    };
    if input.amount.minor <= 0 {
        return Err(ApiError::invalid("amount", "must be more than zero"));
    }
    // Only the checks the earmark needs: regions from membership, the project from projects.
    let known_regions = match &input.earmark {
        EarmarkInput::Regions { .. } | EarmarkInput::RegionsAndThemes { .. } => upstreams.regions(identity).await?,
        _ => Default::default(),
    };
    let earmark = Earmark::parse(&input.earmark, &known_regions).map_err(ApiError::validation)?;
    if let Some(project) = earmark.project()
        && upstreams.project(identity, project).await?.is_none()
    {
        return Err(ApiError::invalid("earmark.project_id", "no such project"));
    }
    let earmark_json = serde_json::to_string(&earmark.to_input()).map_err(|e| ApiError::Internal(e.into()))?;
    let (kind, user_id, request) = (earmark.kind().to_owned(), user.id, input.clone());
    let scope = idempotency::scope(caller, "POST /contributions");
    idempotency::once(db, key, &scope, &request, move |txn| {
        Box::pin(insert_pledge(txn, donor_id, user_id, input, kind, earmark_json))
    })
    .await
}

async fn insert_pledge(
    txn: &DatabaseTransaction,
    donor_id: Uuid,
    user_id: Uuid,
    input: CreateContribution,
    earmark_kind: String,
    earmark: String,
) -> Result<ContributionResponse, ApiError> {
    if donors::find(txn, donor_id).await?.is_none() {
        return Err(ApiError::invalid("donor_id", "no such donor"));
    }
    let now = chrono::Utc::now();
    let model = contributions::ActiveModel {
        id: Set(Uuid::now_v7()),
        donor_id: Set(donor_id),
        status: Set(ContributionStatus::Pledged.as_str().to_owned()),
        currency: Set(input.amount.currency.code().to_owned()),
        pledged_minor: Set(input.amount.minor),
        earmark_kind: Set(earmark_kind),
        earmark: Set(earmark),
        received_minor: Set(None),
        fx_rate: Set(None),
        value_date: Set(None),
        received_chf: Set(None),
        demo: Set(false),
        created_by: Set(user_id),
        created_at: Set(now),
        updated_at: Set(now),
    };
    let row = model.insert(txn).await?;
    response(row, &Figures::default())
}

async fn load<C: ConnectionTrait>(conn: &C, id: Uuid) -> Result<contributions::Model, ApiError> {
    contributions::Entity::find_by_id(id).one(conn).await?.ok_or_else(|| ApiError::not_found("contribution"))
}

async fn figures_of<C: ConnectionTrait>(conn: &C, id: Uuid) -> Result<Figures, ApiError> {
    let rows = money::sums(conn, Scope::Contribution(id), None).await?;
    Ok(per_contribution(&rows).remove(&id).unwrap_or_default())
}

pub async fn get(db: &DatabaseConnection, caller: &Caller, id: Uuid) -> Result<ContributionResponse, ApiError> {
    let (_, limit) = access::reader(caller)?;
    let row = load(db, id).await?;
    access::may_see(limit, row.donor_id, "contribution")?;
    let f = figures_of(db, id).await?;
    response(row, &f)
}

pub async fn list(
    db: &DatabaseConnection,
    caller: &Caller,
    query: &ListContributions,
    window: &Window,
) -> Result<(Vec<ContributionResponse>, u64), ApiError> {
    let (_, limit) = access::reader(caller)?;
    let mut cond = Condition::all();
    if let Some(d) = limit.or(query.donor_id) {
        cond = cond.add(contributions::Column::DonorId.eq(d));
        if limit.is_some_and(|own| query.donor_id.is_some_and(|q| q != own)) {
            return Ok((Vec::new(), 0));
        }
    }
    if let Some(s) = query.status {
        cond = cond.add(contributions::Column::Status.eq(s.as_str()));
    }
    let select = contributions::Entity::find().filter(cond).order_by_desc(contributions::Column::CreatedAt);
    let (rows, total) = platform::db::fetch_window(db, select, window.limits()).await?;
    let sums = match limit.or(query.donor_id) {
        Some(d) => money::sums(db, Scope::Donor(d), None).await?,
        None => money::sums(db, Scope::All, None).await?,
    };
    let figures = per_contribution(&sums);
    let items = rows
        .into_iter()
        .map(|r| {
            let f = figures.get(&r.id).copied().unwrap_or_default();
            response(r, &f)
        })
        .collect::<Result<_, _>>()?;
    Ok((items, total))
}

/// Staff record what arrived: converted at the rate of its value date, one ledger entry; at
/// most once per `key`.
pub async fn receive(
    db: &DatabaseConnection,
    caller: &Caller,
    key: Option<&IdempotencyKey>,
    id: Uuid,
    input: RecordReceipt,
) -> Result<ContributionResponse, ApiError> {
    access::staff(caller)?;
    if input.amount.minor <= 0 {
        return Err(ApiError::invalid("amount", "must be more than zero"));
    }
    let scope = idempotency::scope(caller, &format!("POST /contributions/{id}/receipt"));
    let request = input.clone();
    idempotency::once(db, key, &scope, &request, move |txn| Box::pin(record_receipt(txn, id, input))).await
}

async fn record_receipt(
    txn: &DatabaseTransaction,
    id: Uuid,
    input: RecordReceipt,
) -> Result<ContributionResponse, ApiError> {
    let mut head = money::lock_head(txn).await?;
    let row = load(txn, id).await?;
    if row.status != ContributionStatus::Pledged.as_str() {
        return Err(ApiError::conflict("not_pledged", format!("the contribution is {}, not pledged", row.status)));
    }
    if input.amount.currency.code() != row.currency {
        return Err(ApiError::invalid("amount", format!("must be in the pledge's currency, {}", row.currency)));
    }
    let rate = super::fx::rate_on(txn, input.amount.currency, input.value_date, "value_date").await?;
    let chf = rate.to_chf(input.amount).map_err(|e| ApiError::invalid("amount", e.to_string()))?;
    if chf <= 0 {
        return Err(ApiError::invalid("amount", "is worth less than one centime"));
    }
    let movement = Movement::receipt(id, chf);
    Balances::default().apply(&movement).map_err(|e| ApiError::invalid("amount", e.to_string()))?;
    money::append(txn, &mut head, vec![(movement.kind, id, movement.lines)]).await?;
    let mut active: contributions::ActiveModel = row.into();
    active.status = Set(ContributionStatus::Received.as_str().to_owned());
    active.received_minor = Set(Some(input.amount.minor));
    active.fx_rate = Set(Some(rate.as_string()));
    active.value_date = Set(Some(input.value_date));
    active.received_chf = Set(Some(chf));
    active.updated_at = Set(chrono::Utc::now());
    let row = active.update(txn).await?;
    outbox::enqueue(
        txn,
        crate::SERVICE,
        RECEIVED,
        &ContributionReceived {
            contribution_id: id,
            donor_id: row.donor_id,
            amount: input.amount,
            chf: Money::new(chf, api_types::money::CHF),
            fx_rate: rate.as_string(),
            value_date: input.value_date,
            ledger_seq: head.seq,
        },
    )
    .await?;
    let f = figures_of(txn, id).await?;
    response(row, &f)
}

/// Cancels a pledge; a received contribution of which nothing was ever allocated is refunded in
/// full. Anything allocated makes it a 409. At most once per `key`.
pub async fn cancel(
    db: &DatabaseConnection,
    caller: &Caller,
    key: Option<&IdempotencyKey>,
    id: Uuid,
) -> Result<ContributionResponse, ApiError> {
    let user = caller.require(&[Role::Staff, Role::Admin, Role::Donor])?;
    // An unlinked donor account owns nothing: the nil id matches no contribution.
    let donor = (user.role == Role::Donor).then(|| user.donor_id.unwrap_or(Uuid::nil()));
    let scope = idempotency::scope(caller, &format!("POST /contributions/{id}/cancel"));
    idempotency::once(db, key, &scope, &id, move |txn| Box::pin(cancel_in(txn, donor, id))).await
}

/// `donor`: the caller's own donor when a donor account cancels.
async fn cancel_in(txn: &DatabaseTransaction, donor: Option<Uuid>, id: Uuid) -> Result<ContributionResponse, ApiError> {
    let mut head = money::lock_head(txn).await?;
    let row = load(txn, id).await?;
    if let Some(own) = donor {
        access::may_see(Some(own), row.donor_id, "contribution")?;
        if row.status != ContributionStatus::Pledged.as_str() {
            return Err(ApiError::forbidden("Only staff cancel a contribution that was received."));
        }
    }
    let f = figures_of(txn, id).await?;
    match row.status.as_str() {
        "pledged" => {}
        "received" if f.allocated == 0 && f.unspent == 0 && f.disbursed == 0 => {
            if f.open > 0 {
                let m = Movement::refund(id, f.open);
                money::append(txn, &mut head, vec![(m.kind, id, m.lines)]).await?;
            }
        }
        "received" => {
            return Err(ApiError::conflict(
                "contribution_allocated",
                "money of this contribution was allocated; it cannot be cancelled",
            ));
        }
        other => return Err(ApiError::conflict(codes::CONFLICT, format!("the contribution is already {other}"))),
    }
    let mut active: contributions::ActiveModel = row.into();
    active.status = Set(ContributionStatus::Cancelled.as_str().to_owned());
    active.updated_at = Set(chrono::Utc::now());
    let row = active.update(txn).await?;
    let f = figures_of(txn, id).await?;
    response(row, &f)
}
