//! Whole-system tests: every service and the gateway, driven through the gateway's HTTP API.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a failing test is a panic

mod access_matrix;
mod accounts;
mod assessments;
mod auth;
mod compose;
mod funding;
mod iati;
mod membership;
mod projects;
mod proposal_edits;
mod resilience;
mod routing;
mod spa_and_docs;
