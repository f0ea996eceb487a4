//! ICT support: requests, the versioned maturity questionnaire, answers, scores,
//! recommendations, the support package that becomes a project, and the KPIs.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::money::Money;
use crate::page::ListFormat;
use crate::projects::BudgetCategory;

/// How a question is answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum AnswerKind {
    /// A whole number from 0 (absent) to 4 (fully in place).
    Scale,
    /// `true` or `false`.
    YesNo,
    /// A whole number, 0 or more, scored against the question's `thresholds`.
    Number,
}

fn required_by_default() -> bool {
    true
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Question {
    /// Unique in its questionnaire version, e.g. `conn.bandwidth`.
    pub code: String,
    pub text_en: String,
    pub text_fr: String,
    /// What the question means and how to answer it.
    pub help_en: String,
    pub help_fr: String,
    pub kind: AnswerKind,
    /// Relative weight inside its section, 1 or more.
    pub weight: u32,
    /// Submission needs an answer (default `true`). An unanswered optional question does not
    /// count in its section's score.
    #[serde(default = "required_by_default")]
    pub required: bool,
    /// Number questions only: the four ascending values from which an answer earns 1, 2, 3
    /// and 4 points.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub thresholds: Vec<u64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Section {
    pub code: String,
    pub title_en: String,
    pub title_fr: String,
    pub questions: Vec<Question>,
}

/// When a recommendation rule fires.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum RuleCondition {
    /// The section's maturity level (1–5) is below `level`.
    SectionBelow { section: String, level: u8 },
    /// The question was answered and earned fewer than `points` (0–4) points; a "no" earns 0.
    QuestionBelow { question: String, points: u8 },
}

/// A recommendation rule, kept as data in the questionnaire version it belongs to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RecommendationRule {
    pub code: String,
    pub when: RuleCondition,
    pub title_en: String,
    pub title_fr: String,
    pub description_en: String,
    pub description_fr: String,
    /// Budget category of the project line it becomes.
    pub category: BudgetCategory,
    /// Indicative cost, in CHF.
    pub cost: Money,
}

/// `POST /questionnaires`: a new version as data. Its `version` must be above every published
/// one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QuestionnaireDefinition {
    pub version: i32,
    pub sections: Vec<Section>,
    #[serde(default)]
    pub rules: Vec<RecommendationRule>,
}

/// `GET /questionnaires/current` and `GET /questionnaires/{version}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QuestionnaireResponse {
    pub id: Uuid,
    pub version: i32,
    pub published_at: chrono::DateTime<chrono::Utc>,
    /// The staff account that published it; `None` for a version built into the service.
    pub published_by: Option<Uuid>,
    pub sections: Vec<Section>,
    pub rules: Vec<RecommendationRule>,
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

/// Where a request is: `open → assessing → scored → accepted`; staff may close an open,
/// assessing or scored request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
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
    pub const ALL: [RequestStatus; 5] = [Self::Open, Self::Assessing, Self::Scored, Self::Accepted, Self::Closed];

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
        Self::ALL.into_iter().find(|u| u.as_str() == s)
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
    /// The staff account that runs the assessment with the member.
    pub assessor_id: Option<Uuid>,
    /// Why staff closed it.
    pub closed_reason: Option<String>,
    /// Generated demo data.
    pub demo: bool,
    pub created_by: Uuid,
    pub created_at: chrono::DateTime<chrono::Utc>,
    pub updated_at: chrono::DateTime<chrono::Utc>,
}

/// `GET /requests` filters.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
pub struct ListSupportRequests {
    pub status: Option<RequestStatus>,
    pub member_id: Option<Uuid>,
    pub assessor_id: Option<Uuid>,
    #[serde(default)]
    pub format: ListFormat,
}

/// `PUT /requests/{id}/assessor`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AssignAssessor {
    /// A staff account.
    pub assessor_id: Uuid,
}

/// `POST /requests/{id}/close`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CloseRequest {
    pub reason: String,
}

/// One answer: `true`/`false` for a yes/no question, a whole number for the others.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(untagged)]
pub enum AnswerValue {
    Bool(bool),
    Int(i64),
}

/// `PUT /requests/{id}/assessment/sections/{section}`: the section's answers by question code,
/// replacing what was saved for that section (a question left out or `null` is unanswered).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SaveSection {
    /// Question code → `true`/`false`, a whole number, or `null`.
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub answers: BTreeMap<String, Option<AnswerValue>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum AssessmentStatus {
    InProgress,
    Submitted,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AnswerResponse {
    pub question: String,
    pub value: AnswerValue,
    pub answered_by: Uuid,
    pub answered_at: chrono::DateTime<chrono::Utc>,
}

/// How far a section is.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SectionProgress {
    pub section: String,
    pub answered: u32,
    pub questions: u32,
    /// Required questions still unanswered.
    pub missing: Vec<String>,
}

/// `GET /requests/{id}/assessment`: the answers so far against the version the assessment
/// started on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AssessmentResponse {
    pub request_id: Uuid,
    pub member_id: Uuid,
    pub questionnaire_version: i32,
    pub status: AssessmentStatus,
    pub answers: Vec<AnswerResponse>,
    pub progress: Vec<SectionProgress>,
    pub started_at: chrono::DateTime<chrono::Utc>,
    pub submitted_at: Option<chrono::DateTime<chrono::Utc>>,
    pub submitted_by: Option<Uuid>,
}

/// An answer that kept its section's score down.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ScoreDrag {
    pub question: String,
    pub text_en: String,
    pub text_fr: String,
    pub value: AnswerValue,
    /// Points earned, 0–4.
    pub points: u8,
    pub weight: u32,
    /// Weighted points missed: `weight × (4 − points)`.
    pub lost: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SectionScore {
    pub section: String,
    pub title_en: String,
    pub title_fr: String,
    /// Maturity level 1–5.
    pub level: u8,
    /// Weighted average points, 0.00–4.00, as a decimal string.
    pub score: String,
    /// Questions that counted (answered).
    pub counted: u32,
    /// Optional questions left unanswered, which did not count.
    pub skipped: Vec<String>,
    /// The answers that pulled the section down, the heaviest first.
    pub pulled_down_by: Vec<ScoreDrag>,
}

/// `GET /requests/{id}/score`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ScoreResponse {
    pub request_id: Uuid,
    pub member_id: Uuid,
    pub questionnaire_version: i32,
    /// Overall maturity level 1–5, from the mean of the section scores.
    pub level: u8,
    /// Mean of the section scores, 0.00–4.00.
    pub score: String,
    pub sections: Vec<SectionScore>,
    pub scored_at: chrono::DateTime<chrono::Utc>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum RecommendationSource {
    /// Derived from a rule of the questionnaire version.
    Rule,
    /// Added by staff.
    Staff,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RecommendationResponse {
    pub id: Uuid,
    pub request_id: Uuid,
    /// The rule it came from (kept when staff edit it).
    pub rule: Option<String>,
    pub source: RecommendationSource,
    pub title: String,
    pub description: String,
    pub category: BudgetCategory,
    /// Indicative cost, CHF.
    pub cost: Money,
    pub position: i32,
    pub updated_by: Option<Uuid>,
    pub updated_at: chrono::DateTime<chrono::Utc>,
}

/// `POST /requests/{id}/recommendations`: staff add one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreateRecommendation {
    pub title: String,
    pub description: String,
    pub category: BudgetCategory,
    /// CHF.
    pub cost: Money,
}

/// `PATCH /requests/{id}/recommendations/{rec_id}`: absent fields stay.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UpdateRecommendation {
    pub title: Option<String>,
    pub description: Option<String>,
    pub category: Option<BudgetCategory>,
    pub cost: Option<Money>,
}

/// `POST /requests/{id}/accept`: staff accept the recommended package; the project proposal
/// takes its title and summary from here, or from the request when left out.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AcceptPackage {
    pub title: Option<String>,
    pub summary: Option<String>,
    /// Default: the first day of the next month.
    pub planned_start: Option<chrono::NaiveDate>,
    /// Default: a year after the start (the day before its anniversary).
    pub planned_end: Option<chrono::NaiveDate>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ProposalState {
    /// Accepted; the projects service has not confirmed the proposal yet (it is retried).
    Pending,
    /// The proposal exists in the projects service.
    Created,
}

/// The project proposal an accepted package becomes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProposalResponse {
    pub request_id: Uuid,
    pub state: ProposalState,
    pub project_id: Option<Uuid>,
    /// The `Idempotency-Key` every attempt sends, so the project is created once.
    pub idempotency_key: String,
    pub title: String,
    /// The budget: the sum of the accepted recommendations, CHF.
    pub budget: Money,
    pub accepted_by: Uuid,
    pub accepted_at: chrono::DateTime<chrono::Utc>,
    pub attempts: i32,
    pub last_error: Option<String>,
    pub created_at: Option<chrono::DateTime<chrono::Utc>>,
}

/// One assessment in a member's history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MaturityPoint {
    pub request_id: Uuid,
    pub questionnaire_version: i32,
    pub scored_at: chrono::DateTime<chrono::Utc>,
    pub level: u8,
    /// Section code → level.
    pub sections: BTreeMap<String, u8>,
}

/// A section's change between the first and the latest assessment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SectionChange {
    pub section: String,
    pub first: u8,
    pub latest: u8,
    pub change: i32,
}

/// `GET /members/{id}/maturity`: every scored assessment, oldest first, and the progress.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MaturityHistory {
    pub member_id: Uuid,
    pub assessments: Vec<MaturityPoint>,
    /// Per section (present in both the first and the latest), empty with fewer than two.
    pub progress: Vec<SectionChange>,
    /// Overall level change between the first and the latest.
    pub overall_change: Option<i32>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RegionCount {
    /// Liaison region code; `unknown` for members in no region (or unknown to membership).
    pub region: String,
    pub members: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SectionAverage {
    pub section: String,
    /// `None`: every region together; `unknown` for members in no region.
    pub region: Option<String>,
    /// Members counted (their latest assessment).
    pub members: u64,
    /// Mean level, two decimals.
    pub average_level: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SectionGain {
    /// `overall` for the overall level.
    pub section: String,
    /// Members assessed at least twice.
    pub members: u64,
    /// Mean of (latest − first) level, two decimals.
    pub average_gain: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StatusCount {
    pub status: RequestStatus,
    pub requests: u64,
}

/// `GET /kpis`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AssessmentKpis {
    /// Members with at least one scored assessment, by liaison region.
    pub members_assessed: Vec<RegionCount>,
    /// Average maturity level per section, overall and per region, from each member's latest
    /// assessment.
    pub average_maturity: Vec<SectionAverage>,
    /// Maturity gained between each member's first and latest assessment.
    pub maturity_gained: Vec<SectionGain>,
    pub requests_by_status: Vec<StatusCount>,
    /// `false` when membership could not be asked for regions (every member is then counted
    /// under `unknown`).
    pub regions_known: bool,
}
