//! The JSON error body every Trellis endpoint answers with on failure.

use serde::{Deserialize, Serialize};

/// `{ "code": "snake_case_code", "message": "...", "details": {...} }`.
///
/// `code` is stable and machine-readable so that clients (the SPA above all) can match on it
/// and translate it; `message` is a human sentence in English; `details` carries structured
/// context such as the fields that failed validation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ErrorBody {
    pub code: String,
    pub message: String,
    #[serde(default, skip_serializing_if = "serde_json::Value::is_null")]
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub details: serde_json::Value,
}

/// Error codes shared across services. Services add their own domain codes; these are the ones
/// the platform itself produces.
pub mod codes {
    pub const NOT_FOUND: &str = "not_found";
    pub const UNAUTHORIZED: &str = "unauthorized";
    pub const INVALID_CREDENTIALS: &str = "invalid_credentials";
    pub const INVALID_IDENTITY: &str = "invalid_identity";
    pub const FORBIDDEN: &str = "forbidden";
    pub const CSRF_TOKEN_INVALID: &str = "csrf_token_invalid";
    pub const VALIDATION_FAILED: &str = "validation_failed";
    pub const MALFORMED_JSON: &str = "malformed_json";
    pub const INVALID_BODY: &str = "invalid_body";
    pub const INVALID_QUERY: &str = "invalid_query";
    pub const INVALID_PATH: &str = "invalid_path";
    pub const UNSUPPORTED_MEDIA_TYPE: &str = "unsupported_media_type";
    pub const PAYLOAD_TOO_LARGE: &str = "payload_too_large";
    pub const METHOD_NOT_ALLOWED: &str = "method_not_allowed";
    pub const CONFLICT: &str = "conflict";
    pub const INVALID_IDEMPOTENCY_KEY: &str = "invalid_idempotency_key";
    pub const IDEMPOTENCY_KEY_REUSED: &str = "idempotency_key_reused";
    pub const RATE_LIMITED: &str = "rate_limited";
    pub const SERVICE_UNAVAILABLE: &str = "service_unavailable";
    pub const INTERNAL: &str = "internal_error";
}
