//! The wire contract of Trellis: every request and response body that crosses a service
//! boundary, shared by the services, the gateway, the typed clients and the WebAssembly SPA.
//!
//! Only serde types live here, so the crate builds for `wasm32-unknown-unknown`. With the
//! `openapi` feature the types also describe themselves to utoipa.

pub mod assessments;
pub mod auth;
pub mod contact;
pub mod currencies;
pub mod error;
pub mod events;
pub mod funding;
pub mod health;
pub mod membership;
pub mod money;
pub mod page;
pub mod projects;

pub use auth::Role;
pub use error::ErrorBody;
pub use money::{Currency, Money};
pub use page::{Page, PageQuery};
