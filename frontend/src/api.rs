//! A small typed client for the gateway's JSON API.
//!
//! Everything goes to the same origin under `/api`, so the browser sends the session cookie by
//! itself (fetch's default `credentials: same-origin`). Writes carry the CSRF token from
//! [`Me`]. Every failure becomes an [`ApiError`] that keeps the server's `{code, message,
//! details}` so pages can translate it by `code` (see [`crate::components::error_text`]).

use std::collections::BTreeMap;

use api_types::assessments::{
    AcceptPackage, AssessmentResponse, AssignAssessor, CreateSupportRequest, ProposalResponse, QuestionnaireResponse,
    RecommendationResponse, SaveSection, ScoreResponse, SupportRequestResponse, UpdateRecommendation,
};
use api_types::auth::{LoginRequest, Me};
use api_types::error::codes;
use api_types::funding::{ContributionResponse, CreateContribution, CreateDonor, DonorResponse};
use api_types::health::SystemHealth;
use api_types::membership::{CountryResponse, MemberResponse, RegionResponse};
use api_types::projects::{
    CreateApproval, CreateProject, CreateReview, ProjectResponse, ReviewResponse, ReviewsResponse, TransitionRequest,
    TransitionResponse,
};
use api_types::{ErrorBody, Page};
use gloo_net::http::{Request, RequestBuilder, Response};
use serde::Serialize;
use serde::de::DeserializeOwned;
use uuid::Uuid;

use crate::query::Query;

/// Why a request did not give the expected answer.
#[derive(Debug, Clone, PartialEq)]
pub enum ApiError {
    /// The server answered with an error status (and, normally, an [`ErrorBody`]).
    Server { status: u16, body: ErrorBody },
    /// No answer at all: offline, server stopped, request aborted.
    Network(String),
    /// An answer that does not match the contract.
    Decode(String),
}

impl ApiError {
    pub fn status(&self) -> Option<u16> {
        match self {
            ApiError::Server { status, .. } => Some(*status),
            _ => None,
        }
    }

    pub fn code(&self) -> Option<&str> {
        match self {
            ApiError::Server { body, .. } => Some(body.code.as_str()),
            _ => None,
        }
    }

    /// The session is gone (expired, signed out in another tab).
    pub fn is_unauthorized(&self) -> bool {
        self.status() == Some(401) && self.code() != Some(codes::INVALID_CREDENTIALS)
    }

    fn details(&self) -> Option<&serde_json::Value> {
        match self {
            ApiError::Server { body, .. } => Some(&body.details),
            _ => None,
        }
    }

    /// `details.fields` of a 422: field name → problem.
    pub fn field_errors(&self) -> BTreeMap<String, String> {
        let Some(fields) = self.details().and_then(|d| d.get("fields")).and_then(|f| f.as_object()) else {
            return BTreeMap::new();
        };
        fields
            .iter()
            .map(|(name, problem)| {
                let text = match problem {
                    serde_json::Value::String(s) => s.clone(),
                    serde_json::Value::Array(items) => {
                        items.iter().filter_map(|i| i.as_str()).collect::<Vec<_>>().join(" ")
                    }
                    other => other.to_string(),
                };
                (name.clone(), text)
            })
            .collect()
    }

    /// `details.retry_after_secs` of a 429.
    pub fn retry_after_secs(&self) -> Option<u64> {
        self.details()?.get("retry_after_secs")?.as_u64()
    }

    /// `details.service` of a 503.
    pub fn service(&self) -> Option<&str> {
        self.details()?.get("service")?.as_str()
    }

    pub fn message(&self) -> &str {
        match self {
            ApiError::Server { body, .. } => &body.message,
            ApiError::Network(m) | ApiError::Decode(m) => m,
        }
    }
}

/// The 404 of a page whose address names no valid record (a malformed id), shown like the
/// server's own.
pub fn not_found() -> ApiError {
    ApiError::Server {
        status: 404,
        body: ErrorBody { code: codes::NOT_FOUND.to_owned(), message: String::new(), details: serde_json::Value::Null },
    }
}

/// Turns an error status into an [`ApiError`], inventing a body from the status when the
/// answer is not JSON (a proxy's HTML page, an empty 502).
async fn error_from(response: Response) -> ApiError {
    let status = response.status();
    let text = response.text().await.unwrap_or_default();
    let body = serde_json::from_str::<ErrorBody>(&text).unwrap_or_else(|_| {
        let code = match status {
            401 => codes::UNAUTHORIZED,
            403 => codes::FORBIDDEN,
            404 => codes::NOT_FOUND,
            429 => codes::RATE_LIMITED,
            502..=504 => codes::SERVICE_UNAVAILABLE,
            _ => codes::INTERNAL,
        };
        ErrorBody {
            code: code.to_owned(),
            message: format!("HTTP {status} {}", response.status_text()),
            details: serde_json::Value::Null,
        }
    });
    ApiError::Server { status, body }
}

async fn send(request: Result<Request, gloo_net::Error>) -> Result<Response, ApiError> {
    let request = request.map_err(|e| ApiError::Network(e.to_string()))?;
    let response = request.send().await.map_err(|e| ApiError::Network(e.to_string()))?;
    if response.ok() { Ok(response) } else { Err(error_from(response).await) }
}

async fn json<T: DeserializeOwned>(response: Response) -> Result<T, ApiError> {
    response.json::<T>().await.map_err(|e| ApiError::Decode(e.to_string()))
}

fn accept_json(builder: RequestBuilder) -> RequestBuilder {
    builder.header("Accept", "application/json")
}

async fn get<T: DeserializeOwned>(url: &str) -> Result<T, ApiError> {
    let response = send(accept_json(Request::get(url)).build()).await?;
    json(response).await
}

async fn post<B: Serialize, T: DeserializeOwned>(url: &str, body: &B, csrf: &str) -> Result<T, ApiError> {
    let request = accept_json(Request::post(url)).header("X-CSRF-Token", csrf).json(body);
    let response = send(request).await?;
    json(response).await
}

async fn put<B: Serialize, T: DeserializeOwned>(url: &str, body: &B, csrf: &str) -> Result<T, ApiError> {
    let request = accept_json(Request::put(url)).header("X-CSRF-Token", csrf).json(body);
    let response = send(request).await?;
    json(response).await
}

async fn patch<B: Serialize, T: DeserializeOwned>(url: &str, body: &B, csrf: &str) -> Result<T, ApiError> {
    let request = accept_json(Request::patch(url)).header("X-CSRF-Token", csrf).json(body);
    let response = send(request).await?;
    json(response).await
}

/// `Ok(None)` for a 404: the thing does not exist *yet* (an assessment before its first answers).
async fn get_optional<T: DeserializeOwned>(url: &str) -> Result<Option<T>, ApiError> {
    match get::<T>(url).await {
        Ok(found) => Ok(Some(found)),
        Err(e) if e.status() == Some(404) => Ok(None),
        Err(e) => Err(e),
    }
}

// ---- Auth ------------------------------------------------------------------------------------

/// Who is signed in: `Ok(None)` when nobody is.
pub async fn me() -> Result<Option<Me>, ApiError> {
    match get::<Me>("/api/auth/me").await {
        Ok(me) => Ok(Some(me)),
        Err(e) if e.status() == Some(401) => Ok(None),
        Err(e) => Err(e),
    }
}

pub async fn login(email: String, password: String) -> Result<Me, ApiError> {
    let request = accept_json(Request::post("/api/auth/login")).json(&LoginRequest { email, password });
    let response = send(request).await?;
    json(response).await
}

pub async fn logout(csrf: &str) -> Result<(), ApiError> {
    let request = Request::post("/api/auth/logout").header("X-CSRF-Token", csrf).build();
    send(request).await.map(|_| ())
}

// ---- System ----------------------------------------------------------------------------------

/// `GET /api/health`. The gateway answers 503 with the same report when a service is down,
/// and that report is exactly what the page wants to show.
pub async fn health() -> Result<SystemHealth, ApiError> {
    let request = accept_json(Request::get("/api/health")).build();
    let request = request.map_err(|e| ApiError::Network(e.to_string()))?;
    let response = request.send().await.map_err(|e| ApiError::Network(e.to_string()))?;
    if response.ok() || response.status() == 503 {
        let status = response.status();
        let text = response.text().await.map_err(|e| ApiError::Decode(e.to_string()))?;
        if let Ok(report) = serde_json::from_str::<SystemHealth>(&text) {
            return Ok(report);
        }
        let body = serde_json::from_str::<ErrorBody>(&text).map_err(|e| ApiError::Decode(e.to_string()))?;
        return Err(ApiError::Server { status, body });
    }
    Err(error_from(response).await)
}

// ---- Membership ------------------------------------------------------------------------------

pub async fn countries(query: &Query) -> Result<Page<CountryResponse>, ApiError> {
    get(&format!("/api/membership/countries{query}")).await
}

pub async fn regions() -> Result<Vec<RegionResponse>, ApiError> {
    let mut page: Page<RegionResponse> = get("/api/membership/regions?per_page=200").await?;
    page.items.sort_by_key(|r| r.sort_order);
    Ok(page.items)
}

pub async fn members(query: &Query) -> Result<Page<MemberResponse>, ApiError> {
    get(&format!("/api/membership/members{query}")).await
}

pub async fn member(id: Uuid) -> Result<MemberResponse, ApiError> {
    get(&format!("/api/membership/members/{id}")).await
}

// ---- Projects --------------------------------------------------------------------------------

pub async fn projects(query: &Query) -> Result<Page<ProjectResponse>, ApiError> {
    get(&format!("/api/projects/projects{query}")).await
}

pub async fn create_project(body: &CreateProject, csrf: &str) -> Result<ProjectResponse, ApiError> {
    post("/api/projects/projects", body, csrf).await
}

/// Replaces a draft or returned proposal's content as a whole.
pub async fn update_project(id: Uuid, body: &CreateProject, csrf: &str) -> Result<ProjectResponse, ApiError> {
    put(&format!("/api/projects/projects/{id}"), body, csrf).await
}

pub async fn project(id: Uuid) -> Result<ProjectResponse, ApiError> {
    get(&format!("/api/projects/projects/{id}")).await
}

/// The project's audit trail, oldest first.
pub async fn transitions(id: Uuid) -> Result<Vec<TransitionResponse>, ApiError> {
    get(&format!("/api/projects/projects/{id}/transitions")).await
}

/// Moves the project along the workflow (submit, start review, return, reject, …).
pub async fn transition(id: Uuid, body: &TransitionRequest, csrf: &str) -> Result<ProjectResponse, ApiError> {
    post(&format!("/api/projects/projects/{id}/transitions"), body, csrf).await
}

pub async fn approve(id: Uuid, body: &CreateApproval, csrf: &str) -> Result<ProjectResponse, ApiError> {
    post(&format!("/api/projects/projects/{id}/approvals"), body, csrf).await
}

/// The reviews of the proposal, with the platform's geographic suggestion.
pub async fn reviews(id: Uuid) -> Result<ReviewsResponse, ApiError> {
    get(&format!("/api/projects/projects/{id}/reviews")).await
}

pub async fn create_review(id: Uuid, body: &CreateReview, csrf: &str) -> Result<ReviewResponse, ApiError> {
    post(&format!("/api/projects/projects/{id}/reviews"), body, csrf).await
}

// ---- Funding ---------------------------------------------------------------------------------

pub async fn donors(query: &Query) -> Result<Page<DonorResponse>, ApiError> {
    get(&format!("/api/funding/donors{query}")).await
}

/// The caller's contributions (a donor account sees only its own).
pub async fn contributions() -> Result<Page<ContributionResponse>, ApiError> {
    get(&format!("/api/funding/contributions?per_page={}", api_types::page::MAX_PER_PAGE)).await
}

pub async fn create_contribution(body: &CreateContribution, csrf: &str) -> Result<ContributionResponse, ApiError> {
    post("/api/funding/contributions", body, csrf).await
}

pub async fn create_donor(body: &CreateDonor, csrf: &str) -> Result<DonorResponse, ApiError> {
    post("/api/funding/donors", body, csrf).await
}

// ---- Assessments -----------------------------------------------------------------------------

pub async fn questionnaire() -> Result<QuestionnaireResponse, ApiError> {
    get("/api/assessments/questionnaires/current").await
}

pub async fn support_requests(query: &Query) -> Result<Page<SupportRequestResponse>, ApiError> {
    get(&format!("/api/assessments/requests{query}")).await
}

pub async fn create_support_request(
    body: &CreateSupportRequest,
    csrf: &str,
) -> Result<SupportRequestResponse, ApiError> {
    post("/api/assessments/requests", body, csrf).await
}

pub async fn support_request(id: Uuid) -> Result<SupportRequestResponse, ApiError> {
    get(&format!("/api/assessments/requests/{id}")).await
}

/// The answers so far; `None` before the first section is saved.
pub async fn assessment(id: Uuid) -> Result<Option<AssessmentResponse>, ApiError> {
    get_optional(&format!("/api/assessments/requests/{id}/assessment")).await
}

pub async fn save_section(
    id: Uuid,
    section: &str,
    body: &SaveSection,
    csrf: &str,
) -> Result<AssessmentResponse, ApiError> {
    put(&format!("/api/assessments/requests/{id}/assessment/sections/{}", crate::query::encode(section)), body, csrf)
        .await
}

pub async fn submit_assessment(id: Uuid, csrf: &str) -> Result<ScoreResponse, ApiError> {
    post(&format!("/api/assessments/requests/{id}/assessment/submit"), &serde_json::json!({}), csrf).await
}

pub async fn score(id: Uuid) -> Result<ScoreResponse, ApiError> {
    get(&format!("/api/assessments/requests/{id}/score")).await
}

pub async fn recommendations(id: Uuid) -> Result<Vec<RecommendationResponse>, ApiError> {
    get(&format!("/api/assessments/requests/{id}/recommendations")).await
}

pub async fn update_recommendation(
    id: Uuid,
    rec: Uuid,
    body: &UpdateRecommendation,
    csrf: &str,
) -> Result<RecommendationResponse, ApiError> {
    patch(&format!("/api/assessments/requests/{id}/recommendations/{rec}"), body, csrf).await
}

pub async fn assign_assessor(id: Uuid, body: &AssignAssessor, csrf: &str) -> Result<SupportRequestResponse, ApiError> {
    put(&format!("/api/assessments/requests/{id}/assessor"), body, csrf).await
}

pub async fn accept_package(id: Uuid, body: &AcceptPackage, csrf: &str) -> Result<ProposalResponse, ApiError> {
    post(&format!("/api/assessments/requests/{id}/accept"), body, csrf).await
}

/// The proposal an accepted package became; `None` before acceptance.
pub async fn package_proposal(id: Uuid) -> Result<Option<ProposalResponse>, ApiError> {
    get_optional(&format!("/api/assessments/requests/{id}/proposal")).await
}
