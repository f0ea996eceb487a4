//! Pure project types and rules: no HTTP, no database. Each module parses what people send into
//! types that only hold valid values and decides what a change does, so that `ops` only loads,
//! calls these rules and stores the outcome.

pub mod codes;
pub mod edit;
pub mod kpis;
pub mod proposal;
pub mod results;
pub mod review;
pub mod text;
pub mod visibility;
pub mod workflow;

use std::collections::BTreeMap;

use api_types::projects::ProjectStatus;

/// Field → what is wrong with it; becomes a 422 naming each field.
pub type Problems = BTreeMap<String, String>;

/// Why a change is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    /// 422: invalid input, by field.
    #[error("invalid: {0:?}")]
    Invalid(Problems),
    /// 403: this caller may not make this change.
    #[error("{0}")]
    Forbidden(String),
    /// 409: conflicts with the current state, with a stable code from [`codes`].
    #[error("{code}: {message}")]
    Conflict { code: &'static str, message: String },
    /// 409 `illegal_transition`, naming the states the project may move to from here.
    #[error("a {} project cannot become {}", from.as_str(), to.as_str())]
    IllegalTransition { from: ProjectStatus, to: ProjectStatus, allowed: Vec<ProjectStatus> },
    /// 409 `not_editable`: the proposal is past the stage where it can be edited.
    #[error("a {} proposal cannot be edited", status.as_str())]
    NotEditable { status: ProjectStatus },
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
