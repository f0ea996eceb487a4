//! Use cases of the assessments service, one per file. Each opens its transaction, loads through
//! `store`, applies the `domain` rules, saves, and writes its events to the outbox in the same
//! transaction.

pub mod accept;
pub mod access;
pub mod assessment;
pub mod assign_assessor;
pub mod close_request;
pub mod deliver_proposals;
pub mod history;
pub mod kpis;
pub mod links;
pub mod publish_questionnaire;
pub mod questionnaires;
pub mod recommendations;
pub mod request_support;
pub mod requests;
pub mod save_section;
pub mod score;
pub mod seed_demo;
pub mod submit;

use platform::ApiError;

use crate::domain::Refusal;

impl From<Refusal> for ApiError {
    fn from(refusal: Refusal) -> Self {
        match refusal {
            Refusal::Invalid(fields) => ApiError::validation(fields),
            Refusal::Conflict { code, message } => ApiError::conflict(code, message),
        }
    }
}
