//! Projects service: proposals and the projects they become — drafting, review against the
//! Action Plan's four principles, approvals, results and evaluation.
//!
//! A request flows one way: `http → ops → domain + store → events`.

pub mod domain;
pub mod error;
pub mod http;
pub mod migrations;
pub mod ops;
pub mod startup;
pub mod store;

pub use startup::build;

/// This service's name: its settings table, env prefix, event source and route prefix.
pub const SERVICE: &str = "projects";
