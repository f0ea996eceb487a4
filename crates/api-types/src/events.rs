//! Domain events that cross service boundaries: topic names and payloads. Events travel
//! through each service's outbox to the bus and are delivered at least once, so every consumer
//! must tolerate redelivery (ignore an event id it has processed) and, where it keeps state,
//! out-of-order delivery (payloads carry totals and a sequence, not deltas).

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::money::Money;

/// Funding committed an allocation plan (topic [`ALLOCATION_COMMITTED`]).
pub const ALLOCATION_COMMITTED: &str = "allocation.committed";

/// The funding position of each project an allocation plan touched, after the commit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AllocationCommitted {
    pub plan_id: Uuid,
    pub projects: Vec<ProjectFunding>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProjectFunding {
    pub project_id: Uuid,
    /// Everything allocated to the project so far, in CHF (a total, not this plan's share).
    pub allocated: Money,
    /// The project's budget in CHF, as funding converted it.
    pub budget: Money,
    /// `allocated` covers `budget`: the project can become `funded`.
    pub fully_funded: bool,
    /// Position in the funding ledger when this was true; a consumer keeps the highest it has
    /// seen, so a late redelivery of an older event changes nothing.
    pub ledger_seq: i64,
}
