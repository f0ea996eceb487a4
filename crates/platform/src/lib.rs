//! Server plumbing shared by every Trellis service and the gateway.
//!
//! One place for each cross-cutting concern: typed [`settings`], [`telemetry`] with request
//! ids, the [`error::ApiError`] wire mapping and the [`extract`]ors that use it, [`db`] connect
//! and migrate for SQLite and PostgreSQL, the [`backplane`] (cache, rate limits, sessions and
//! events, on Redis or in process), the transactional [`outbox`], signed caller [`identity`],
//! [`health`] routes, and the [`server`] that assembles a service and shuts it down gracefully.

pub mod backplane;
pub mod consumer;
pub mod db;
pub mod demo;
pub mod error;
pub mod extract;
pub mod health;
pub mod idempotency;
pub mod identity;
pub mod list;
pub mod outbox;
pub mod server;
pub mod settings;
pub mod telemetry;
pub mod testing;
pub mod text;

pub use backplane::Backplane;
pub use error::{ApiError, ApiResult};
pub use extract::{AppJson, AppPath, AppQuery};
pub use identity::{Caller, User};
pub use settings::ServiceSettings;

/// The version every service reports in its health and OpenAPI documents.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
