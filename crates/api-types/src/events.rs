//! Domain events that cross service boundaries: topic names and payloads. Events travel
//! through each service's outbox to the bus and are delivered at least once, so every consumer
//! must tolerate redelivery (ignore an event id it has processed) and, where it keeps state,
//! out-of-order delivery (payloads carry totals and a sequence, not deltas).

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::money::Money;
use crate::projects::{ProjectStatus, Theme};

/// A proposal was submitted (or resubmitted) for review (topic of [`ProjectChanged`]).
pub const PROJECT_SUBMITTED: &str = "project.submitted";
/// Staff approved a project: it can receive money (topic of [`ProjectChanged`]).
pub const PROJECT_APPROVED: &str = "project.approved";
/// A project's work is completed (topic of [`ProjectChanged`]).
pub const PROJECT_COMPLETED: &str = "project.completed";

/// A project reached a milestone of its workflow (topics `project.*`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProjectChanged {
    pub project_id: Uuid,
    pub member_id: Uuid,
    pub title: String,
    pub theme: Theme,
    /// The status the project has now.
    pub status: ProjectStatus,
    /// Liaison region codes of its beneficiaries.
    pub regions: Vec<String>,
    /// The budget, one total per currency.
    pub budget: Vec<Money>,
    pub at: chrono::DateTime<chrono::Utc>,
}

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
