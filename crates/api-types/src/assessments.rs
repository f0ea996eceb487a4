//! ICT support: requests and the maturity questionnaire.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::page::ListFormat;

/// How a question is answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum AnswerKind {
    /// 0 (absent) to 4 (fully in place).
    Scale,
    YesNo,
    Number,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Question {
    pub code: String,
    pub text_en: String,
    pub text_fr: String,
    pub kind: AnswerKind,
    /// Relative weight inside its section.
    pub weight: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Section {
    pub code: String,
    pub title_en: String,
    pub title_fr: String,
    pub questions: Vec<Question>,
}

/// `GET /questionnaires/current`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QuestionnaireResponse {
    pub id: Uuid,
    pub version: i32,
    pub published_at: chrono::DateTime<chrono::Utc>,
    pub sections: Vec<Section>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Urgency {
    Low,
    Medium,
    High,
}

impl Urgency {
    pub fn as_str(self) -> &'static str {
        match self {
            Urgency::Low => "low",
            Urgency::Medium => "medium",
            Urgency::High => "high",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [Self::Low, Self::Medium, Self::High].into_iter().find(|u| u.as_str() == s)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum RequestStatus {
    Open,
    Assessing,
    Scored,
    Accepted,
    Closed,
}

impl RequestStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            RequestStatus::Open => "open",
            RequestStatus::Assessing => "assessing",
            RequestStatus::Scored => "scored",
            RequestStatus::Accepted => "accepted",
            RequestStatus::Closed => "closed",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [Self::Open, Self::Assessing, Self::Scored, Self::Accepted, Self::Closed].into_iter().find(|u| u.as_str() == s)
    }
}

/// `POST /requests`: a member asks for ICT support.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreateSupportRequest {
    /// What is needed.
    pub needs: String,
    /// Why, and the situation today.
    pub context: String,
    pub urgency: Urgency,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SupportRequestResponse {
    pub id: Uuid,
    pub member_id: Uuid,
    pub needs: String,
    pub context: String,
    pub urgency: Urgency,
    pub status: RequestStatus,
    pub created_by: Uuid,
    pub created_at: chrono::DateTime<chrono::Utc>,
}

/// `GET /requests` filters.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
pub struct ListSupportRequests {
    pub status: Option<RequestStatus>,
    pub member_id: Option<Uuid>,
    #[serde(default)]
    pub format: ListFormat,
}
