//! Allocation plans: staff propose (the planner over open balances and fundable projects) and
//! commit (the whole plan in one transaction, or 409 `plan_stale` when balances moved).

use std::collections::{BTreeSet, HashMap, HashSet};

use api_types::events::{ALLOCATION_COMMITTED, AllocationCommitted, ProjectFunding};
use api_types::funding::{
    EarmarkInput, PlanResponse, PlanStatus, PlannedAllocation, PlannedProject, ProposePlan, SpendByRestriction,
    UnfundedReason,
};
use api_types::projects::{FundableProject, Theme};
use platform::db::read_snapshot;
use platform::idempotency::{self, IdempotencyKey};
use platform::{ApiError, Caller, outbox};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ConnectionTrait, DatabaseConnection, DatabaseTransaction, EntityTrait,
};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::domain::earmark::{Earmark, ProjectProfile};
use crate::domain::ledger::Movement;
use crate::domain::planner::{self, Fund, Need, Shortfall};
use crate::ops::figures::chf;
use crate::ops::{access, upstream::Upstreams};
use crate::store::money::{self, allocation_plans, contributions, project_facts};

/// What the plan knew of a project, kept for the commit.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct PlannedFacts {
    id: Uuid,
    title: String,
    theme: Theme,
    regions: Vec<String>,
    budget_chf: i64,
}

/// Converts a fundable project's budget (one total per currency) to CHF at today's rates.
async fn budget_chf<C: ConnectionTrait>(conn: &C, p: &FundableProject) -> Result<i64, ApiError> {
    let today = chrono::Utc::now().date_naive();
    let mut total = 0i64;
    for m in &p.budget {
        let rate = super::fx::rate_on(conn, m.currency, today, "budget").await?;
        let x = rate.to_chf(*m).map_err(|e| ApiError::invalid("budget", e.to_string()))?;
        total = total.checked_add(x).ok_or_else(|| ApiError::invalid("budget", "is too large"))?;
    }
    Ok(total)
}

/// Allocated so far (net of releases) per project.
async fn allocated_per_project<C: ConnectionTrait>(conn: &C) -> Result<HashMap<Uuid, i64>, ApiError> {
    let mut out = HashMap::new();
    for (_, p, allocated, _) in money::commitments(conn, None).await? {
        *out.entry(p).or_insert(0) += allocated;
    }
    Ok(out)
}

/// What a plan depends on: every open balance, and what each of its projects has.
fn fingerprint(open: &[(Uuid, i64)], allocated: &HashMap<Uuid, i64>, projects: &[Uuid]) -> String {
    let mut open = open.to_vec();
    open.sort_unstable();
    let mut h = Sha256::new();
    for (c, x) in open {
        h.update(format!("{c}:{x};"));
    }
    for p in projects {
        h.update(format!("{p}={};", allocated.get(p).copied().unwrap_or(0)));
    }
    hex::encode(h.finalize())
}

async fn funds<C: ConnectionTrait>(
    conn: &C,
    open: &[(Uuid, i64)],
) -> Result<(Vec<Fund>, HashMap<Uuid, Uuid>), ApiError> {
    let open: HashMap<Uuid, i64> = open.iter().copied().collect();
    let mut rows = contributions::Entity::find().all(conn).await?;
    // Oldest money first within an earmark: by value date, then by id (time-ordered).
    rows.sort_by_key(|r| (r.value_date, r.id));
    let mut donor_of = HashMap::new();
    let mut out = Vec::new();
    for r in rows {
        let Some(&x) = open.get(&r.id) else { continue };
        let input: EarmarkInput = super::contributions::earmark_of(&r)?;
        // Stored earmarks were checked when pledged; regions are taken as they were then.
        let regions: BTreeSet<String> = match &input {
            EarmarkInput::Regions { regions } | EarmarkInput::RegionsAndThemes { regions, .. } => {
                regions.iter().cloned().collect()
            }
            _ => BTreeSet::new(),
        };
        let earmark = Earmark::parse(&input, &regions).map_err(|_| super::contributions::corrupt("earmark"))?;
        donor_of.insert(r.id, r.donor_id);
        out.push(Fund { contribution: r.id, earmark, open: x });
    }
    Ok((out, donor_of))
}

/// Staff propose a plan over the fundable projects in priority order.
pub async fn propose(
    db: &DatabaseConnection,
    upstreams: &Upstreams,
    caller: &Caller,
    identity: &str,
    input: ProposePlan,
) -> Result<PlanResponse, ApiError> {
    let user = access::staff(caller)?;
    let mut fundable = upstreams.fundable(identity).await?;
    let known: HashSet<Uuid> = fundable.iter().map(|p| p.id).collect();
    let mut seen = HashSet::new();
    for id in &input.priority {
        if !known.contains(id) || !seen.insert(*id) {
            return Err(ApiError::invalid("priority", format!("{id} is not a fundable project, or is listed twice")));
        }
    }
    // Default order: review score (highest first, unreviewed last), then approval date.
    fundable.sort_by(|a, b| {
        b.review_score.cmp(&a.review_score).then(a.approved_at.cmp(&b.approved_at)).then(a.id.cmp(&b.id))
    });
    let rank = |p: &FundableProject| input.priority.iter().position(|id| *id == p.id).unwrap_or(usize::MAX);
    fundable.sort_by_key(|p| rank(p));

    let snapshot = read_snapshot(db).await?;
    let head = money::head(&snapshot).await?;
    let open = money::open_balances(&snapshot).await?;
    let allocated = allocated_per_project(&snapshot).await?;
    let (funds, donor_of) = funds(&snapshot, &open).await?;
    let mut facts = Vec::new();
    let mut needs = Vec::new();
    for p in &fundable {
        let budget = budget_chf(&snapshot, p).await?;
        let remaining = budget - allocated.get(&p.id).copied().unwrap_or(0);
        needs.push(Need {
            project: ProjectProfile { id: p.id, theme: p.theme, regions: p.regions.iter().cloned().collect() },
            remaining: remaining.max(0),
        });
        facts.push(PlannedFacts {
            id: p.id,
            title: p.title.clone(),
            theme: p.theme,
            regions: p.regions.clone(),
            budget_chf: budget,
        });
    }
    snapshot.commit().await?;

    let plan = planner::plan(&funds, &needs);
    let ids: Vec<Uuid> = fundable.iter().map(|p| p.id).collect();
    let total: i64 = plan.allocations.iter().map(|a| a.amount).sum();
    let response = PlanResponse {
        id: Uuid::now_v7(),
        status: PlanStatus::Proposed,
        created_at: chrono::Utc::now(),
        committed_at: None,
        ledger_seq: head.seq,
        total: chf(total),
        by_restriction: SpendByRestriction {
            project: chf(plan.by_restriction[0]),
            regions_and_themes: chf(plan.by_restriction[1]),
            regions_or_themes: chf(plan.by_restriction[2]),
            unrestricted: chf(plan.by_restriction[3]),
        },
        allocations: plan
            .allocations
            .iter()
            .map(|a| PlannedAllocation {
                contribution_id: a.contribution,
                donor_id: donor_of.get(&a.contribution).copied().unwrap_or_default(),
                project_id: a.project,
                amount: chf(a.amount),
            })
            .collect(),
        projects: plan
            .outcomes
            .iter()
            .zip(&facts)
            .enumerate()
            .map(|(i, (o, f))| {
                let (reason, eligible, higher) = match o.shortfall {
                    Shortfall::None => (UnfundedReason::None, 0, 0),
                    Shortfall::NoEligibleFunds => (UnfundedReason::NoEligibleFunds, 0, 0),
                    Shortfall::EligibleFundsExhausted { eligible, to_higher_priority } => {
                        (UnfundedReason::EligibleFundsExhausted, eligible, to_higher_priority)
                    }
                };
                PlannedProject {
                    project_id: o.project,
                    title: f.title.clone(),
                    rank: u32::try_from(i + 1).unwrap_or(u32::MAX),
                    remaining: chf(o.remaining),
                    funded: chf(o.funded),
                    unfunded: chf(o.remaining - o.funded),
                    reason,
                    eligible: chf(eligible),
                    to_higher_priority: chf(higher),
                }
            })
            .collect(),
    };
    allocation_plans::ActiveModel {
        id: Set(response.id),
        status: Set("proposed".to_owned()),
        ledger_seq: Set(head.seq),
        fingerprint: Set(fingerprint(&open, &allocated, &ids)),
        body: Set(to_json(&response)?),
        projects: Set(to_json(&facts)?),
        created_by: Set(user.id),
        created_at: Set(response.created_at),
        committed_by: Set(None),
        committed_at: Set(None),
    }
    .insert(db)
    .await?;
    Ok(response)
}

/// JSON text for the plan's stored columns.
fn to_json<T: Serialize>(v: &T) -> Result<String, ApiError> {
    serde_json::to_string(v).map_err(|e| ApiError::Internal(e.into()))
}

fn body(row: &allocation_plans::Model) -> Result<PlanResponse, ApiError> {
    serde_json::from_str(&row.body).map_err(|_| super::contributions::corrupt("plan"))
}

pub async fn get(db: &DatabaseConnection, caller: &Caller, id: Uuid) -> Result<PlanResponse, ApiError> {
    caller.require(&[api_types::Role::Staff, api_types::Role::Admin, api_types::Role::Committee])?;
    let row = allocation_plans::Entity::find_by_id(id).one(db).await?.ok_or_else(|| ApiError::not_found("plan"))?;
    body(&row)
}

/// Writes every allocation of the plan, or nothing; at most once per `key`.
pub async fn commit(
    db: &DatabaseConnection,
    caller: &Caller,
    key: Option<&IdempotencyKey>,
    id: Uuid,
) -> Result<PlanResponse, ApiError> {
    let user_id = access::staff(caller)?.id;
    let scope = idempotency::scope(caller, &format!("POST /allocation-plans/{id}/commit"));
    idempotency::once(db, key, &scope, &id, move |txn| Box::pin(commit_in(txn, user_id, id))).await
}

async fn commit_in(txn: &DatabaseTransaction, user_id: Uuid, id: Uuid) -> Result<PlanResponse, ApiError> {
    let mut head = money::lock_head(txn).await?;
    let row = allocation_plans::Entity::find_by_id(id).one(txn).await?.ok_or_else(|| ApiError::not_found("plan"))?;
    if row.status != "proposed" {
        return Err(ApiError::conflict("plan_committed", "this plan was committed already"));
    }
    let mut plan = body(&row)?;
    let facts: Vec<PlannedFacts> =
        serde_json::from_str(&row.projects).map_err(|_| super::contributions::corrupt("plan projects"))?;
    let ids: Vec<Uuid> = facts.iter().map(|f| f.id).collect();
    let open = money::open_balances(txn).await?;
    let allocated = allocated_per_project(txn).await?;
    if fingerprint(&open, &allocated, &ids) != row.fingerprint {
        return Err(ApiError::conflict("plan_stale", "balances changed since this plan was made; propose a new plan"));
    }
    let entries = plan
        .allocations
        .iter()
        .map(|a| {
            let m = Movement::allocation(a.contribution_id, a.project_id, a.amount.minor);
            (m.kind, id, m.lines)
        })
        .collect::<Vec<_>>();
    money::append(txn, &mut head, entries).await?;
    let now = chrono::Utc::now();
    let mut touched: Vec<ProjectFunding> = Vec::new();
    for f in &facts {
        let planned: i64 = plan.allocations.iter().filter(|a| a.project_id == f.id).map(|a| a.amount.minor).sum();
        if planned == 0 {
            continue;
        }
        let regions = serde_json::to_string(&f.regions).map_err(|e| ApiError::Internal(e.into()))?;
        project_facts::Entity::delete_by_id(f.id).exec(txn).await?;
        project_facts::ActiveModel {
            project_id: Set(f.id),
            title: Set(f.title.clone()),
            theme: Set(f.theme.as_str().to_owned()),
            regions: Set(regions),
            budget_chf: Set(f.budget_chf),
            updated_at: Set(now),
        }
        .insert(txn)
        .await?;
        let total = allocated.get(&f.id).copied().unwrap_or(0) + planned;
        touched.push(ProjectFunding {
            project_id: f.id,
            allocated: chf(total),
            budget: chf(f.budget_chf),
            fully_funded: total >= f.budget_chf,
            ledger_seq: head.seq,
        });
    }
    outbox::enqueue(txn, crate::SERVICE, ALLOCATION_COMMITTED, &AllocationCommitted { plan_id: id, projects: touched })
        .await?;
    plan.status = PlanStatus::Committed;
    plan.committed_at = Some(now);
    let mut active: allocation_plans::ActiveModel = row.into();
    active.status = Set("committed".to_owned());
    active.committed_by = Set(Some(user_id));
    active.committed_at = Set(Some(now));
    active.body = Set(serde_json::to_string(&plan).map_err(|e| ApiError::Internal(e.into()))?);
    active.update(txn).await?;
    Ok(plan)
}
