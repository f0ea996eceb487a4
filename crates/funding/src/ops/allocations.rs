//! `GET /allocations`: each contribution's money in each project, from the ledger.

use api_types::funding::{AllocationResponse, ListAllocations};
use platform::list::Window;
use platform::{ApiError, Caller};
use sea_orm::{DatabaseConnection, EntityTrait};
use std::collections::HashMap;
use uuid::Uuid;

use crate::ops::access;
use crate::ops::figures::{chf, per_allocation};
use crate::store::money::{self, Scope, contributions};

pub async fn list(
    db: &DatabaseConnection,
    caller: &Caller,
    query: &ListAllocations,
    window: &Window,
) -> Result<(Vec<AllocationResponse>, u64), ApiError> {
    let (_, limit) = access::reader(caller)?;
    let donor = limit.or(query.donor_id);
    if limit.is_some_and(|own| query.donor_id.is_some_and(|q| q != own)) {
        return Ok((Vec::new(), 0));
    }
    let scope = match (donor, query.contribution_id, query.project_id) {
        (Some(d), _, _) => Scope::Donor(d),
        (None, Some(c), _) => Scope::Contribution(c),
        (None, None, Some(p)) => Scope::Project(p),
        _ => Scope::All,
    };
    let sums = money::sums(db, scope, None).await?;
    let committed_at = money::first_allocations(db).await?;
    let donor_of: HashMap<Uuid, Uuid> =
        contributions::Entity::find().all(db).await?.into_iter().map(|c| (c.id, c.donor_id)).collect();
    let mut items: Vec<AllocationResponse> = per_allocation(&sums)
        .into_iter()
        .filter(|((c, p), _)| query.contribution_id.is_none_or(|q| q == *c) && query.project_id.is_none_or(|q| q == *p))
        .map(|((c, p), f)| AllocationResponse {
            contribution_id: c,
            donor_id: donor_of.get(&c).copied().unwrap_or_default(),
            project_id: p,
            // Every committed line starts with an allocation, so the date is always there; the
            // fallback only guards a ledger edited by hand.
            committed_on: committed_at.get(&(c, p)).map_or_else(|| chrono::Utc::now().date_naive(), |t| t.date_naive()),
            allocated: chf(f.allocated),
            disbursed: chf(f.disbursed),
            unspent: chf(f.unspent),
        })
        .collect();
    items.sort_by_key(|a| (a.project_id, a.contribution_id));
    let total = items.len() as u64;
    if let Some((offset, limit)) = window.limits() {
        items = items.into_iter().skip(offset as usize).take(limit as usize).collect();
    }
    Ok((items, total))
}
