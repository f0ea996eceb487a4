//! Pure assessment types and rules: no HTTP, no database. Each module parses what people send
//! into values that can only be valid and decides what a change does, so that `ops` only loads,
//! calls these rules and stores the outcome.

pub mod answers;
pub mod history;
pub mod kpis;
pub mod lifecycle;
pub mod proposal;
pub mod questionnaire;
pub mod recommend;
pub mod request;
pub mod scoring;
pub mod text;

use std::collections::BTreeMap;

/// Field → what is wrong with it; becomes a 422 naming each field.
pub type Problems = BTreeMap<String, String>;

/// Stable error codes of this service (409 unless noted).
pub mod codes {
    /// The request is not in a state that allows this (closing an accepted request…).
    pub const ILLEGAL_TRANSITION: &str = "illegal_transition";
    /// Answers can no longer change: the assessment was submitted.
    pub const ASSESSMENT_SUBMITTED: &str = "assessment_submitted";
    /// Scores and recommendations exist only once the assessment is submitted.
    pub const NOT_SCORED: &str = "not_scored";
    /// The package was accepted: recommendations are final.
    pub const PACKAGE_ACCEPTED: &str = "package_accepted";
    /// The request was closed.
    pub const REQUEST_CLOSED: &str = "request_closed";
    /// Accepting needs at least one recommendation to fund.
    pub const EMPTY_PACKAGE: &str = "empty_package";
    /// A questionnaire version at or below the latest published one.
    pub const VERSION_NOT_NEWER: &str = "version_not_newer";
}

/// Why a change is refused: invalid input (422), or a conflict with the current state (409)
/// with a stable code from [`codes`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    #[error("invalid: {0:?}")]
    Invalid(Problems),
    #[error("{code}: {message}")]
    Conflict { code: &'static str, message: String },
}

impl Refusal {
    /// A 422 naming one field.
    pub fn invalid(field: &str, problem: impl Into<String>) -> Refusal {
        Refusal::Invalid(Problems::from([(field.to_owned(), problem.into())]))
    }

    pub fn conflict(code: &'static str, message: impl Into<String>) -> Refusal {
        Refusal::Conflict { code, message: message.into() }
    }

    /// `Ok(())` when there is no problem.
    pub fn check(problems: Problems) -> Result<(), Refusal> {
        if problems.is_empty() { Ok(()) } else { Err(Refusal::Invalid(problems)) }
    }
}
