//! Membership service: the member registry, countries and liaison regions (reference data),
//! upgrade requests and technical-committee participation.
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
pub const SERVICE: &str = "membership";
