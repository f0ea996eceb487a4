//! The gateway: Trellis's only public entry point.
//!
//! It authenticates people (accounts managed by administrators with argon2id hashes and a
//! password policy, cookie sessions in the backplane, sign-in limits per account and client
//! address, CSRF tokens), forwards `/api/<service>/…` to the services with the
//! caller's identity signed into a header, and serves `/api/health`, the merged OpenAPI
//! document with a browsable reference, and the single-page app.

pub mod auth;
pub mod compose;
pub mod docs;
pub mod error;
pub mod forwarded;
pub mod migrations;
pub mod proxy;
pub mod settings;
pub mod spa;
pub mod startup;
pub mod state;
pub mod store;
pub mod system;

pub use settings::GatewaySettings;
pub use startup::build;

/// This part's name: its settings table and env prefix.
pub const SERVICE: &str = "gateway";

/// The services behind the gateway, in the order they are listed.
pub use platform::settings::SERVICES;
