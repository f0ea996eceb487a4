//! The gateway's error: the platform's [`ApiError`] plus the failures only the gateway has —
//! its session store being down, and a password the policy refuses.

use api_types::ErrorBody;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use platform::ApiError;
use platform::backplane::BackplaneError;
use sea_orm::DbErr;

use crate::auth::policy::PolicyViolation;

/// 503: the session store (Redis) does not answer, so no signed-in request can be served.
pub const SESSION_STORE_UNAVAILABLE: &str = "session_store_unavailable";
/// 422: a new password breaks a rule of the password policy (`details.rule` names it).
pub const PASSWORD_POLICY: &str = "password_policy";

#[derive(Debug, thiserror::Error)]
pub enum GatewayError {
    #[error(transparent)]
    Api(#[from] ApiError),
    /// Sessions, CSRF tokens and sign-in limits live in the backplane: without it the gateway
    /// can neither recognise a signed-in caller nor safely admit a new one.
    #[error("the session store is unavailable: {0}")]
    SessionStore(#[from] BackplaneError),
    #[error("{0}")]
    Policy(#[from] PolicyViolation),
}

pub type GatewayResult<T> = Result<T, GatewayError>;

impl From<DbErr> for GatewayError {
    fn from(err: DbErr) -> Self {
        GatewayError::Api(err.into())
    }
}

impl IntoResponse for GatewayError {
    fn into_response(self) -> Response {
        match self {
            GatewayError::Api(e) => e.into_response(),
            GatewayError::SessionStore(e) => {
                tracing::warn!(error = %e, "session store unavailable");
                let body = ErrorBody {
                    code: SESSION_STORE_UNAVAILABLE.to_owned(),
                    message: "Signed-in requests cannot be served right now (the session store is down); \
                        try again shortly."
                        .to_owned(),
                    details: serde_json::json!({ "service": "redis" }),
                };
                (StatusCode::SERVICE_UNAVAILABLE, axum::Json(body)).into_response()
            }
            GatewayError::Policy(v) => {
                let body = ErrorBody {
                    code: PASSWORD_POLICY.to_owned(),
                    message: v.to_string(),
                    details: serde_json::json!({ "rule": v.rule, "fields": { v.field: v.message } }),
                };
                (StatusCode::UNPROCESSABLE_ENTITY, axum::Json(body)).into_response()
            }
        }
    }
}
