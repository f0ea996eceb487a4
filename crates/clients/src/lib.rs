//! Typed HTTP clients for the Trellis services, one per service, against the wire types of
//! `api-types`.
//!
//! A client carries the caller's signed identity and the request id of the call that caused it,
//! so a hop from one service to another keeps both. Failures come back as [`ClientError`]:
//! the service's own JSON error, or "unavailable" when it could not be reached in time.

mod assessments;
mod funding;
mod membership;
mod projects;

use std::time::Duration;

use api_types::ErrorBody;
use api_types::health::Readiness;
use serde::Serialize;
use serde::de::DeserializeOwned;

pub use assessments::AssessmentsClient;
pub use funding::FundingClient;
pub use membership::MembershipClient;
pub use projects::ProjectsClient;

/// Header names shared with `platform` (kept as literals so this crate stays server-agnostic).
const IDENTITY_HEADER: &str = "x-trellis-identity";
const REQUEST_ID_HEADER: &str = "x-request-id";
const IDEMPOTENCY_KEY_HEADER: &str = "idempotency-key";

#[derive(Debug, thiserror::Error)]
pub enum ClientError {
    /// The service answered with an error body.
    #[error("{status}: {} ({})", body.message, body.code)]
    Api { status: u16, body: ErrorBody },
    /// The service could not be reached, or did not answer in time.
    #[error("service unavailable: {0}")]
    Unavailable(#[source] reqwest::Error),
    /// The service answered something that is not what the contract says.
    #[error("unexpected response: {0}")]
    Protocol(String),
}

pub type ClientResult<T> = Result<T, ClientError>;

/// The shared part of every typed client: base URL, connection pool, identity and request id.
#[derive(Debug, Clone)]
pub struct ServiceClient {
    base: String,
    http: reqwest::Client,
    identity: Option<String>,
    request_id: Option<String>,
}

impl ServiceClient {
    /// A client for the service at `base` (e.g. `http://127.0.0.1:8081`), with short connect and
    /// overall timeouts so that a dead service fails fast.
    pub fn new(base: impl Into<String>) -> ClientResult<ServiceClient> {
        let http = reqwest::Client::builder()
            .connect_timeout(Duration::from_secs(1))
            .timeout(Duration::from_secs(30))
            .build()
            .map_err(ClientError::Unavailable)?;
        Ok(Self::with_http(base, http))
    }

    /// Shares an existing connection pool.
    pub fn with_http(base: impl Into<String>, http: reqwest::Client) -> ServiceClient {
        ServiceClient { base: base.into().trim_end_matches('/').to_owned(), http, identity: None, request_id: None }
    }

    /// Calls made through the returned client carry this signed identity.
    pub fn as_caller(&self, signed_identity: impl Into<String>) -> ServiceClient {
        ServiceClient { identity: Some(signed_identity.into()), ..self.clone() }
    }

    /// Calls made through the returned client carry this request id.
    pub fn with_request_id(&self, request_id: impl Into<String>) -> ServiceClient {
        ServiceClient { request_id: Some(request_id.into()), ..self.clone() }
    }

    pub fn base(&self) -> &str {
        &self.base
    }

    fn request(&self, method: reqwest::Method, path: &str) -> reqwest::RequestBuilder {
        let mut req = self.http.request(method, format!("{}{path}", self.base));
        if let Some(identity) = &self.identity {
            req = req.header(IDENTITY_HEADER, identity);
        }
        if let Some(id) = &self.request_id {
            req = req.header(REQUEST_ID_HEADER, id);
        }
        req
    }

    async fn send<T: DeserializeOwned>(&self, req: reqwest::RequestBuilder) -> ClientResult<T> {
        let response = req.send().await.map_err(ClientError::Unavailable)?;
        let status = response.status();
        let bytes = response.bytes().await.map_err(ClientError::Unavailable)?;
        if status.is_success() {
            serde_json::from_slice(&bytes).map_err(|e| ClientError::Protocol(format!("{e}")))
        } else {
            let body = serde_json::from_slice::<ErrorBody>(&bytes).map_err(|_| {
                ClientError::Protocol(format!(
                    "status {status} with a body that is not an error: {}",
                    String::from_utf8_lossy(&bytes)
                ))
            })?;
            Err(ClientError::Api { status: status.as_u16(), body })
        }
    }

    pub async fn get<T: DeserializeOwned>(&self, path: &str) -> ClientResult<T> {
        self.send(self.request(reqwest::Method::GET, path)).await
    }

    pub async fn get_query<T: DeserializeOwned, Q: Serialize + ?Sized>(
        &self,
        path: &str,
        query: &Q,
    ) -> ClientResult<T> {
        self.send(self.request(reqwest::Method::GET, path).query(query)).await
    }

    /// A list endpoint: `query` filters plus the page wanted.
    pub async fn get_page<T: DeserializeOwned, Q: Serialize + ?Sized>(
        &self,
        path: &str,
        query: &Q,
        page: api_types::PageQuery,
    ) -> ClientResult<api_types::Page<T>> {
        self.send(self.request(reqwest::Method::GET, path).query(query).query(&page)).await
    }

    pub async fn post<T: DeserializeOwned, B: Serialize + ?Sized>(&self, path: &str, body: &B) -> ClientResult<T> {
        self.send(self.request(reqwest::Method::POST, path).json(body)).await
    }

    pub async fn put<T: DeserializeOwned, B: Serialize + ?Sized>(&self, path: &str, body: &B) -> ClientResult<T> {
        self.send(self.request(reqwest::Method::PUT, path).json(body)).await
    }

    pub async fn patch<T: DeserializeOwned, B: Serialize + ?Sized>(&self, path: &str, body: &B) -> ClientResult<T> {
        self.send(self.request(reqwest::Method::PATCH, path).json(body)).await
    }

    /// A `DELETE` that answers `204 No Content` on success.
    pub async fn delete(&self, path: &str) -> ClientResult<()> {
        let response = self.request(reqwest::Method::DELETE, path).send().await.map_err(ClientError::Unavailable)?;
        if response.status().is_success() {
            return Ok(());
        }
        let status = response.status().as_u16();
        let body = response.json::<ErrorBody>().await.map_err(|e| ClientError::Protocol(e.to_string()))?;
        Err(ClientError::Api { status, body })
    }

    /// A money-moving (or otherwise once-only) `POST` with an `Idempotency-Key`: the service
    /// answers a repeat of the same key and body with the first response.
    pub async fn post_idempotent<T: DeserializeOwned, B: Serialize + ?Sized>(
        &self,
        path: &str,
        body: &B,
        idempotency_key: &str,
    ) -> ClientResult<T> {
        self.send(self.request(reqwest::Method::POST, path).header(IDEMPOTENCY_KEY_HEADER, idempotency_key).json(body))
            .await
    }

    /// `GET /health/ready`. A service that answers 503 with its report is "reachable but not
    /// ready": that report comes back as `Ok`.
    pub async fn readiness(&self, timeout: Duration) -> ClientResult<Readiness> {
        let response = self
            .request(reqwest::Method::GET, "/health/ready")
            .timeout(timeout)
            .send()
            .await
            .map_err(ClientError::Unavailable)?;
        response.json::<Readiness>().await.map_err(|e| ClientError::Protocol(e.to_string()))
    }

    /// `GET /openapi.json` as raw JSON.
    pub async fn openapi(&self, timeout: Duration) -> ClientResult<serde_json::Value> {
        self.send(self.request(reqwest::Method::GET, "/openapi.json").timeout(timeout)).await
    }
}
