//! Whole-system tests: every service and the gateway, driven through the gateway's HTTP API.

mod auth;
mod resilience;
mod routing;
mod spa_and_docs;
