//! `ApiError`: the one error type every handler returns, and its mapping to the JSON wire
//! format of [`api_types::ErrorBody`] with the right status.
//!
//! Internal causes are logged with the request's span and never sent to the client.

use std::collections::BTreeMap;

use api_types::ErrorBody;
use api_types::error::codes;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use sea_orm::{DbErr, SqlErr};

pub type ApiResult<T> = Result<T, ApiError>;

/// Field name → what is wrong with it.
pub type FieldErrors = BTreeMap<String, String>;

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// 400: the request could not be read (JSON syntax, query string, path).
    #[error("{message}")]
    BadRequest { code: &'static str, message: String },
    /// 401: no valid session or signed identity.
    #[error("{message}")]
    Unauthorized { code: &'static str, message: String },
    /// 403: signed in, but this role or account may not do this.
    #[error("{message}")]
    Forbidden { code: &'static str, message: String },
    /// 404: nothing at this address, or nothing the caller may see.
    #[error("{message}")]
    NotFound { message: String },
    /// 405: the path exists, the method does not.
    #[error("method not allowed")]
    MethodNotAllowed,
    /// 409: conflicts with the current state (duplicates, illegal transitions, reused keys).
    #[error("{message}")]
    Conflict { code: &'static str, message: String },
    /// 413: the body is larger than this endpoint accepts.
    #[error("{message}")]
    PayloadTooLarge { message: String },
    /// 415: the body is not JSON.
    #[error("{message}")]
    UnsupportedMediaType { message: String },
    /// 422: well-formed but invalid; `fields` names each offending field.
    #[error("{message}")]
    Validation { message: String, fields: FieldErrors },
    /// 429: too many attempts; try again after `retry_after_secs`.
    #[error("too many requests")]
    RateLimited { retry_after_secs: u64 },
    /// 503: a service this request depends on is down or too slow.
    #[error("{service} is unavailable: {message}")]
    Unavailable { service: String, message: String },
    /// 500: a bug or an infrastructure failure. The cause is logged, not returned.
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl ApiError {
    pub fn not_found(what: impl std::fmt::Display) -> Self {
        ApiError::NotFound { message: format!("{what} not found") }
    }

    pub fn unauthorized(message: impl Into<String>) -> Self {
        ApiError::Unauthorized { code: codes::UNAUTHORIZED, message: message.into() }
    }

    pub fn forbidden(message: impl Into<String>) -> Self {
        ApiError::Forbidden { code: codes::FORBIDDEN, message: message.into() }
    }

    pub fn conflict(code: &'static str, message: impl Into<String>) -> Self {
        ApiError::Conflict { code, message: message.into() }
    }

    /// A 422 naming one field.
    pub fn invalid(field: &str, problem: impl Into<String>) -> Self {
        let problem = problem.into();
        ApiError::Validation {
            message: format!("{field}: {problem}"),
            fields: FieldErrors::from([(field.to_owned(), problem)]),
        }
    }

    /// A 422 naming several fields.
    pub fn validation(fields: FieldErrors) -> Self {
        let message = fields.iter().map(|(f, p)| format!("{f}: {p}")).collect::<Vec<_>>().join("; ");
        ApiError::Validation { message, fields }
    }

    /// A 422 naming several fields; `Ok(())` when `fields` is empty.
    pub fn check(fields: FieldErrors) -> Result<(), ApiError> {
        if fields.is_empty() { Ok(()) } else { Err(ApiError::validation(fields)) }
    }

    pub fn status(&self) -> StatusCode {
        match self {
            ApiError::BadRequest { .. } => StatusCode::BAD_REQUEST,
            ApiError::Unauthorized { .. } => StatusCode::UNAUTHORIZED,
            ApiError::Forbidden { .. } => StatusCode::FORBIDDEN,
            ApiError::NotFound { .. } => StatusCode::NOT_FOUND,
            ApiError::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            ApiError::Conflict { .. } => StatusCode::CONFLICT,
            ApiError::PayloadTooLarge { .. } => StatusCode::PAYLOAD_TOO_LARGE,
            ApiError::UnsupportedMediaType { .. } => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ApiError::Validation { .. } => StatusCode::UNPROCESSABLE_ENTITY,
            ApiError::RateLimited { .. } => StatusCode::TOO_MANY_REQUESTS,
            ApiError::Unavailable { .. } => StatusCode::SERVICE_UNAVAILABLE,
            ApiError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// The wire body. Internal errors say only that something went wrong.
    pub fn body(&self) -> ErrorBody {
        let (code, details) = match self {
            ApiError::BadRequest { code, .. }
            | ApiError::Unauthorized { code, .. }
            | ApiError::Forbidden { code, .. }
            | ApiError::Conflict { code, .. } => (*code, serde_json::Value::Null),
            ApiError::NotFound { .. } => (codes::NOT_FOUND, serde_json::Value::Null),
            ApiError::MethodNotAllowed => (codes::METHOD_NOT_ALLOWED, serde_json::Value::Null),
            ApiError::PayloadTooLarge { .. } => (codes::PAYLOAD_TOO_LARGE, serde_json::Value::Null),
            ApiError::UnsupportedMediaType { .. } => (codes::UNSUPPORTED_MEDIA_TYPE, serde_json::Value::Null),
            ApiError::Validation { fields, .. } => (codes::VALIDATION_FAILED, serde_json::json!({ "fields": fields })),
            ApiError::RateLimited { retry_after_secs } => {
                (codes::RATE_LIMITED, serde_json::json!({ "retry_after_secs": retry_after_secs }))
            }
            ApiError::Unavailable { service, .. } => {
                (codes::SERVICE_UNAVAILABLE, serde_json::json!({ "service": service }))
            }
            ApiError::Internal(_) => (codes::INTERNAL, serde_json::Value::Null),
        };
        let message = match self {
            ApiError::Internal(_) => "Something went wrong on our side; it has been logged.".to_owned(),
            ApiError::RateLimited { retry_after_secs } => {
                format!("Too many attempts; try again in {retry_after_secs} seconds.")
            }
            other => other.to_string(),
        };
        ErrorBody { code: code.to_owned(), message, details }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        if let ApiError::Internal(cause) = &self {
            tracing::error!(error = ?cause, "internal error");
        }
        let status = self.status();
        let mut response = (status, axum::Json(self.body())).into_response();
        if let ApiError::RateLimited { retry_after_secs } = self
            && let Ok(v) = HeaderValue::from_str(&retry_after_secs.to_string())
        {
            response.headers_mut().insert(header::RETRY_AFTER, v);
        }
        response
    }
}

/// Constraint violations become 409s (portable across SQLite and PostgreSQL through
/// `DbErr::sql_err`); everything else is internal.
impl From<DbErr> for ApiError {
    fn from(err: DbErr) -> Self {
        match err.sql_err() {
            Some(SqlErr::UniqueConstraintViolation(_)) => {
                ApiError::conflict(codes::CONFLICT, "a record with the same identifying values already exists")
            }
            Some(SqlErr::ForeignKeyConstraintViolation(_)) => {
                ApiError::conflict(codes::CONFLICT, "the record refers to, or is referred to by, another record")
            }
            _ => ApiError::Internal(anyhow::Error::new(err)),
        }
    }
}

/// The JSON 404 for paths no route matches.
pub async fn not_found_fallback(uri: axum::http::Uri) -> ApiError {
    ApiError::NotFound { message: format!("no such endpoint: {}", uri.path()) }
}

/// The JSON 405 for a known path with an unsupported method.
pub async fn method_not_allowed_fallback() -> ApiError {
    ApiError::MethodNotAllowed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn internal_errors_do_not_leak_their_cause() {
        let err = ApiError::Internal(anyhow::anyhow!("password=hunter2 at db.internal"));
        let body = err.body();
        assert_eq!(body.code, "internal_error");
        assert!(!body.message.contains("hunter2"));
        assert_eq!(err.status(), StatusCode::INTERNAL_SERVER_ERROR);
    }

    #[test]
    fn validation_names_every_field() {
        let err = ApiError::check(FieldErrors::from([
            ("title".to_owned(), "must not be empty".to_owned()),
            ("objective".to_owned(), "must be 1 to 5".to_owned()),
        ]))
        .unwrap_err();
        let body = err.body();
        assert_eq!(body.code, "validation_failed");
        assert_eq!(body.details["fields"]["title"], "must not be empty");
        assert_eq!(body.details["fields"]["objective"], "must be 1 to 5");
        assert!(ApiError::check(FieldErrors::new()).is_ok());
    }

    #[test]
    fn rate_limited_sets_retry_after() {
        let response = ApiError::RateLimited { retry_after_secs: 30 }.into_response();
        assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
        assert_eq!(response.headers()[header::RETRY_AFTER], "30");
    }
}
