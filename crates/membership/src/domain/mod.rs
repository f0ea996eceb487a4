//! Pure membership types and rules: no HTTP, no database. Each module parses what people send
//! into types that can only hold valid values ("parse, don't validate") and decides what a
//! change does, so that `ops` only loads, calls these rules and stores the outcome.

pub mod codes;
pub mod import;
pub mod kpis;
pub mod mapping;
pub mod member;
pub mod participation;
pub mod reference;
pub mod text;
pub mod upgrade;

use std::collections::BTreeMap;

/// Field (or `line N`) → what is wrong with it; becomes a 422 naming each field.
pub type Problems = BTreeMap<String, String>;

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
