//! Assessments service: ICT-support requests from member bodies, the versioned maturity
//! questionnaire, scoring and recommendations, and accepted support that becomes a project.
//!
//! A request flows one way: `http → ops → domain + store → (clients, events)`.

pub mod domain;
pub mod http;
pub mod migrations;
pub mod ops;
pub mod startup;
pub mod store;

pub use startup::build;

/// This service's name: its settings table, env prefix, event source and route prefix.
pub const SERVICE: &str = "assessments";
