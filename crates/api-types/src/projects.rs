//! Projects: proposals and the projects they become.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

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

/// `POST /projects`: a member drafts a proposal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreateProject {
    pub title: String,
    pub summary: String,
    /// Action Plan objective, 1 to 5.
    pub objective: u8,
    pub theme: Theme,
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
