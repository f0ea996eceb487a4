//! The error every projects handler returns: the platform's [`ApiError`], or an illegal
//! transition, which is a 409 whose `details` name the states the project may move to, or an
//! edit out of season, a 409 whose `details` name the states in which editing is allowed.

use api_types::ErrorBody;
use api_types::projects::ProjectStatus;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use platform::ApiError;

use crate::domain::{Refusal, codes};

#[derive(Debug, thiserror::Error)]
pub enum Failure {
    #[error(transparent)]
    Api(#[from] ApiError),
    #[error("a {} project cannot become {}", from.as_str(), to.as_str())]
    IllegalTransition { from: ProjectStatus, to: ProjectStatus, allowed: Vec<ProjectStatus> },
    #[error("a {} proposal cannot be edited", status.as_str())]
    NotEditable { status: ProjectStatus },
}

pub type Result<T, E = Failure> = std::result::Result<T, E>;

impl From<sea_orm::DbErr> for Failure {
    fn from(err: sea_orm::DbErr) -> Self {
        Failure::Api(err.into())
    }
}

impl From<Refusal> for Failure {
    fn from(refusal: Refusal) -> Self {
        match refusal {
            Refusal::Invalid(fields) => Failure::Api(ApiError::validation(fields)),
            Refusal::Forbidden(message) => Failure::Api(ApiError::forbidden(message)),
            Refusal::Conflict { code, message } => Failure::Api(ApiError::conflict(code, message)),
            Refusal::IllegalTransition { from, to, allowed } => Failure::IllegalTransition { from, to, allowed },
            Refusal::NotEditable { status } => Failure::NotEditable { status },
        }
    }
}

impl IntoResponse for Failure {
    fn into_response(self) -> Response {
        match self {
            Failure::Api(e) => e.into_response(),
            Failure::IllegalTransition { from, to, allowed } => {
                let next = if allowed.is_empty() {
                    "none: the project is closed".to_owned()
                } else {
                    allowed.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(", ")
                };
                let body = ErrorBody {
                    code: codes::ILLEGAL_TRANSITION.to_owned(),
                    message: format!(
                        "A {} project cannot become {}; allowed next: {next}.",
                        from.as_str(),
                        to.as_str()
                    ),
                    details: serde_json::json!({ "from": from, "to": to, "allowed": allowed }),
                };
                (StatusCode::CONFLICT, axum::Json(body)).into_response()
            }
            Failure::NotEditable { status } => {
                let allowed = crate::domain::edit::EDITABLE;
                let body = ErrorBody {
                    code: codes::NOT_EDITABLE.to_owned(),
                    message: format!(
                        "A {} proposal cannot be edited; only a draft or a returned proposal can.",
                        status.as_str()
                    ),
                    details: serde_json::json!({ "status": status, "allowed": allowed }),
                };
                (StatusCode::CONFLICT, axum::Json(body)).into_response()
            }
        }
    }
}
