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
}

/// `GET /projects` filters.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
pub struct ListProjects {
    pub status: Option<ProjectStatus>,
    pub theme: Option<Theme>,
    pub member_id: Option<Uuid>,
    #[serde(default)]
    pub format: ListFormat,
}
