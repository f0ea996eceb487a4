//! Projects: proposals and the projects they become.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::money::Money;
use crate::page::ListFormat;

/// The deliverable topics of the programme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Theme {
    EconomicDevelopment,
    IctSupport,
    Participation,
    StandardsDevelopmentTraining,
    ConformityAssessment,
    ManagementSystems,
    SocialResponsibility,
}

impl Theme {
    pub const ALL: [Theme; 7] = [
        Theme::EconomicDevelopment,
        Theme::IctSupport,
        Theme::Participation,
        Theme::StandardsDevelopmentTraining,
        Theme::ConformityAssessment,
        Theme::ManagementSystems,
        Theme::SocialResponsibility,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Theme::EconomicDevelopment => "economic_development",
            Theme::IctSupport => "ict_support",
            Theme::Participation => "participation",
            Theme::StandardsDevelopmentTraining => "standards_development_training",
            Theme::ConformityAssessment => "conformity_assessment",
            Theme::ManagementSystems => "management_systems",
            Theme::SocialResponsibility => "social_responsibility",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.as_str() == s)
    }
}

/// Where a project is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ProjectStatus {
    Draft,
    Submitted,
    UnderReview,
    Approved,
    Rejected,
    Returned,
    Funded,
    InProgress,
    Completed,
    Evaluated,
    Cancelled,
}

impl ProjectStatus {
    pub const ALL: [ProjectStatus; 11] = [
        ProjectStatus::Draft,
        ProjectStatus::Submitted,
        ProjectStatus::UnderReview,
        ProjectStatus::Approved,
        ProjectStatus::Rejected,
        ProjectStatus::Returned,
        ProjectStatus::Funded,
        ProjectStatus::InProgress,
        ProjectStatus::Completed,
        ProjectStatus::Evaluated,
        ProjectStatus::Cancelled,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ProjectStatus::Draft => "draft",
            ProjectStatus::Submitted => "submitted",
            ProjectStatus::UnderReview => "under_review",
            ProjectStatus::Approved => "approved",
            ProjectStatus::Rejected => "rejected",
            ProjectStatus::Returned => "returned",
            ProjectStatus::Funded => "funded",
            ProjectStatus::InProgress => "in_progress",
            ProjectStatus::Completed => "completed",
            ProjectStatus::Evaluated => "evaluated",
            ProjectStatus::Cancelled => "cancelled",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.as_str() == s)
    }
}

/// How a project delivers its help.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum DeliveryMethod {
    Seminar,
    Workshop,
    TrainingCourse,
    ELearning,
    Sponsorship,
    IctSupport,
    TrainingOfTrainers,
}

impl DeliveryMethod {
    pub const ALL: [DeliveryMethod; 7] = [
        DeliveryMethod::Seminar,
        DeliveryMethod::Workshop,
        DeliveryMethod::TrainingCourse,
        DeliveryMethod::ELearning,
        DeliveryMethod::Sponsorship,
        DeliveryMethod::IctSupport,
        DeliveryMethod::TrainingOfTrainers,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            DeliveryMethod::Seminar => "seminar",
            DeliveryMethod::Workshop => "workshop",
            DeliveryMethod::TrainingCourse => "training_course",
            DeliveryMethod::ELearning => "e_learning",
            DeliveryMethod::Sponsorship => "sponsorship",
            DeliveryMethod::IctSupport => "ict_support",
            DeliveryMethod::TrainingOfTrainers => "training_of_trainers",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.as_str() == s)
    }
}

/// What a budget line pays for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum BudgetCategory {
    Experts,
    Travel,
    Venue,
    Equipment,
    Software,
    Connectivity,
    TrainingMaterials,
    Other,
}

impl BudgetCategory {
    pub const ALL: [BudgetCategory; 8] = [
        BudgetCategory::Experts,
        BudgetCategory::Travel,
        BudgetCategory::Venue,
        BudgetCategory::Equipment,
        BudgetCategory::Software,
        BudgetCategory::Connectivity,
        BudgetCategory::TrainingMaterials,
        BudgetCategory::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            BudgetCategory::Experts => "experts",
            BudgetCategory::Travel => "travel",
            BudgetCategory::Venue => "venue",
            BudgetCategory::Equipment => "equipment",
            BudgetCategory::Software => "software",
            BudgetCategory::Connectivity => "connectivity",
            BudgetCategory::TrainingMaterials => "training_materials",
            BudgetCategory::Other => "other",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.as_str() == s)
    }
}

/// One line of a proposal's budget, in the currency it will be spent in.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BudgetLine {
    pub category: BudgetCategory,
    /// What the line pays for, in a few words.
    #[serde(default)]
    pub description: String,
    pub amount: Money,
}

/// `POST /projects`: a member drafts a proposal (or staff draft one on a member's behalf, e.g.
/// from an accepted ICT assessment). Accepts `Idempotency-Key`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreateProject {
    pub title: String,
    pub summary: String,
    /// Action Plan objective, 1 to 5.
    pub objective: u8,
    pub theme: Theme,
    #[serde(default)]
    pub delivery_methods: Vec<DeliveryMethod>,
    /// Member bodies that benefit.
    #[serde(default)]
    pub beneficiary_members: Vec<Uuid>,
    /// Liaison region codes that benefit as a whole.
    #[serde(default)]
    pub beneficiary_regions: Vec<String>,
    #[serde(default)]
    pub budget_lines: Vec<BudgetLine>,
    #[serde(default)]
    pub planned_start: Option<NaiveDate>,
    #[serde(default)]
    pub planned_end: Option<NaiveDate>,
    /// The proposing member body. Staff set it when drafting on a member's behalf; a member
    /// account leaves it out (its own body is used; another body is 403).
    #[serde(default)]
    pub member_id: Option<Uuid>,
}

impl CreateProject {
    /// A proposal with only the required fields; the rest empty.
    pub fn new(title: impl Into<String>, summary: impl Into<String>, objective: u8, theme: Theme) -> CreateProject {
        CreateProject {
            title: title.into(),
            summary: summary.into(),
            objective,
            theme,
            delivery_methods: Vec::new(),
            beneficiary_members: Vec::new(),
            beneficiary_regions: Vec::new(),
            budget_lines: Vec::new(),
            planned_start: None,
            planned_end: None,
            member_id: None,
        }
    }
}

/// An approved project that still needs money: what the funding service's allocation planner
/// reads from `GET /projects/fundable`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FundableProject {
    pub id: Uuid,
    pub title: String,
    pub theme: Theme,
    /// The proposing member body.
    pub member_id: Uuid,
    /// Liaison region codes of its beneficiaries (explicit regions and the regions of
    /// beneficiary members), sorted, without duplicates.
    pub regions: Vec<String>,
    /// The approved budget, one total per currency (never added across currencies).
    pub budget: Vec<Money>,
    /// Sum of the four principle scores of the latest review (0–20), if reviewed.
    pub review_score: Option<u8>,
    pub approved_at: chrono::DateTime<chrono::Utc>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProjectResponse {
    pub id: Uuid,
    pub title: String,
    pub summary: String,
    pub objective: u8,
    pub theme: Theme,
    pub status: ProjectStatus,
    /// The member body that proposed it.
    pub member_id: Uuid,
    pub created_by: Uuid,
    pub created_at: chrono::DateTime<chrono::Utc>,
    pub updated_at: chrono::DateTime<chrono::Utc>,
    #[serde(default)]
    pub delivery_methods: Vec<DeliveryMethod>,
    #[serde(default)]
    pub beneficiary_members: Vec<Uuid>,
    /// Liaison regions named explicitly as beneficiaries.
    #[serde(default)]
    pub beneficiary_regions: Vec<String>,
    /// Every liaison region the project benefits: the explicit ones and those of the
    /// beneficiary members (as the membership service placed them when the proposal was made).
    #[serde(default)]
    pub regions: Vec<String>,
    #[serde(default)]
    pub budget_lines: Vec<BudgetLine>,
    /// The budget's total per currency (currencies are never added together).
    #[serde(default)]
    pub budget_totals: Vec<Money>,
    pub planned_start: Option<chrono::NaiveDate>,
    pub planned_end: Option<chrono::NaiveDate>,
    /// Distinct staff approvals this proposal needs (2 above the threshold).
    #[serde(default)]
    pub approvals_needed: u32,
    /// Staff who approved in the current review round.
    #[serde(default)]
    pub approved_by: Vec<Uuid>,
    /// What the funding service allocated, in CHF (none before the first allocation).
    pub allocated: Option<Money>,
    /// The budget in CHF as the funding service converted it.
    pub budget_chf: Option<Money>,
}

/// `GET /projects` filters.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
pub struct ListProjects {
    pub status: Option<ProjectStatus>,
    pub theme: Option<Theme>,
    /// Liaison region code: projects benefiting that region.
    pub region: Option<String>,
    pub member_id: Option<Uuid>,
    /// Accent- and case-insensitive search in the title and summary.
    pub q: Option<String>,
    #[serde(default)]
    pub format: ListFormat,
}

/// `POST /projects/{id}/transitions`: move a project to `to`, saying why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TransitionRequest {
    pub to: ProjectStatus,
    /// Required to return, reject or cancel.
    #[serde(default)]
    pub reason: Option<String>,
}

/// One step of a project's audit trail.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TransitionResponse {
    pub id: Uuid,
    pub project_id: Uuid,
    pub from: ProjectStatus,
    pub to: ProjectStatus,
    /// The account that made the change; none when the funding service did.
    pub by: Option<Uuid>,
    /// `member`, `staff`, … or `funding`.
    pub by_role: String,
    pub reason: Option<String>,
    pub at: chrono::DateTime<chrono::Utc>,
}

/// One staff approval of a proposal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApprovalResponse {
    pub id: Uuid,
    pub project_id: Uuid,
    pub by: Uuid,
    /// Review round (the number of times the proposal was submitted).
    pub round: u32,
    pub reason: Option<String>,
    pub at: chrono::DateTime<chrono::Utc>,
}

/// `POST /projects/{id}/approvals`: approve (the same as a transition to `approved`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreateApproval {
    #[serde(default)]
    pub reason: Option<String>,
}

/// A score of one selection principle.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PrincipleScore {
    /// 0 to 5.
    pub score: i64,
    pub comment: String,
}

/// `POST /projects/{id}/reviews`: a staff review against the Action Plan's four principles.
/// A reviewer's second review of the same proposal replaces the first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreateReview {
    pub objective_oriented: PrincipleScore,
    pub topic_oriented: PrincipleScore,
    pub delivery_oriented: PrincipleScore,
    /// Geographically distributed (see the suggestion in `GET /projects/{id}/reviews`).
    pub geographic: PrincipleScore,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReviewResponse {
    pub id: Uuid,
    pub project_id: Uuid,
    pub reviewer: Uuid,
    pub round: u32,
    pub objective_oriented: PrincipleScore,
    pub topic_oriented: PrincipleScore,
    pub delivery_oriented: PrincipleScore,
    pub geographic: PrincipleScore,
    /// Sum of the four scores, 0 to 20.
    pub total: u32,
    pub created_at: chrono::DateTime<chrono::Utc>,
    pub updated_at: chrono::DateTime<chrono::Utc>,
}

/// What one region received, as shown with the geographic suggestion.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RegionReceived {
    pub region: String,
    pub allocated: Money,
}

/// The platform's suggested geographic score: the less the project's regions received over
/// the last three years against an equal share, the higher.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct GeographicSuggestion {
    /// 0 to 5.
    pub score: u8,
    pub regions: Vec<RegionReceived>,
    /// Everything every region received.
    pub total: Money,
    pub region_count: u32,
}

/// `GET /projects/{id}/reviews`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReviewsResponse {
    pub items: Vec<ReviewResponse>,
    /// Absent when the funding service cannot be reached or the project names no region.
    pub geographic_suggestion: Option<GeographicSuggestion>,
}

/// `POST /projects/{id}/indicators`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreateIndicator {
    pub name: String,
    /// e.g. `people` (counted as people trained), `documents`, `percent`.
    pub unit: String,
    pub baseline: i64,
    pub target: i64,
}

/// Review state of a reported actual.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ActualStatus {
    Pending,
    Approved,
    Rejected,
}

impl ActualStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            ActualStatus::Pending => "pending",
            ActualStatus::Approved => "approved",
            ActualStatus::Rejected => "rejected",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [ActualStatus::Pending, ActualStatus::Approved, ActualStatus::Rejected].into_iter().find(|a| a.as_str() == s)
    }
}

/// `POST /projects/{id}/indicators/{indicator_id}/actuals`: the member reports where an
/// indicator stood at the end of a period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreateActual {
    /// `2026`, `2026-Q1` or `2026-03`.
    pub period: String,
    pub value: i64,
    #[serde(default)]
    pub note: Option<String>,
}

/// `POST /projects/{id}/actuals/{actual_id}/decision` (staff).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DecideActual {
    pub approve: bool,
    /// Required to reject.
    #[serde(default)]
    pub reason: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ActualResponse {
    pub id: Uuid,
    pub indicator_id: Uuid,
    pub period: String,
    pub value: i64,
    pub note: Option<String>,
    pub status: ActualStatus,
    pub reported_by: Uuid,
    pub reported_at: chrono::DateTime<chrono::Utc>,
    pub decided_by: Option<Uuid>,
    pub decided_at: Option<chrono::DateTime<chrono::Utc>>,
    pub decision_reason: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct IndicatorResponse {
    pub id: Uuid,
    pub project_id: Uuid,
    pub name: String,
    pub unit: String,
    pub baseline: i64,
    pub target: i64,
    /// Every actual reported, oldest period first.
    pub actuals: Vec<ActualResponse>,
    /// The value of the latest approved actual, if any.
    pub current: Option<i64>,
    pub target_met: bool,
    pub created_at: chrono::DateTime<chrono::Utc>,
}

/// `POST /projects/{id}/evaluation` (staff): closes a completed project.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreateEvaluation {
    /// 1 to 5.
    pub rating: i64,
    pub narrative: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EvaluationResponse {
    pub project_id: Uuid,
    pub rating: u8,
    pub narrative: String,
    pub evaluated_by: Uuid,
    pub evaluated_at: chrono::DateTime<chrono::Utc>,
}

/// Counts for one value of a dimension (a theme, a method, a region, a status, a year).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct KpiCount {
    pub key: String,
    /// Projects past the draft stage (cancelled ones excluded).
    pub projects: u64,
    /// Of those, delivered (completed or evaluated).
    pub delivered: u64,
}

/// Evaluations with one rating.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RatingCount {
    pub rating: u8,
    pub evaluations: u64,
}

/// `GET /kpis`: the capacity-building and impact KPIs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProjectKpis {
    pub by_theme: Vec<KpiCount>,
    pub by_method: Vec<KpiCount>,
    pub by_region: Vec<KpiCount>,
    /// Every status, drafts and cancelled included (`delivered` counts the delivered ones).
    pub by_status: Vec<KpiCount>,
    /// By the year of the planned start.
    pub by_year: Vec<KpiCount>,
    /// From approved actuals of indicators with unit `people`, above their baseline.
    pub people_trained: i64,
    /// Number of evaluations with each rating, 1 to 5.
    pub ratings: Vec<RatingCount>,
    /// Mean rating as a decimal string with two places (none without evaluations).
    pub average_rating: Option<String>,
    /// Indicators with an approved actual, and those of them whose target is met.
    pub indicators_reported: u64,
    pub targets_met: u64,
}
