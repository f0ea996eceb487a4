//! Funding service: donors, contributions and their earmarks, the hash-chained double-entry
//! ledger, and the allocation planner.
//!
//! A request flows one way: `http → ops → domain + store → events`.

pub mod domain;
pub mod http;
pub mod migrations;
pub mod ops;
pub mod startup;
pub mod store;

pub use startup::build;

/// This service's name: its settings table, env prefix, event source and route prefix.
pub const SERVICE: &str = "funding";
