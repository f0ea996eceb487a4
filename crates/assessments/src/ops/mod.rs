//! Use cases of the assessments service, one per file.

pub mod current_questionnaire;
pub mod publish_questionnaire;
pub mod request_support;
pub mod requests;
