//! Integration tests of the projects service over HTTP, on SQLite by default and on PostgreSQL
//! (with Redis) when `TEST_DATABASE_URL` / `TEST_REDIS_URL` are set.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a failing test is a panic

mod editing;
mod funding;
mod helpers;
mod identity;
mod membership_checks;
mod migration;
mod projects;
mod results;
mod workflow;
