//! Pure assessment types and rules: no HTTP, no database.

pub mod questionnaire;
pub mod request;
