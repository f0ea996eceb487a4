//! Integration tests of the assessments service over HTTP, on SQLite by default and on
//! PostgreSQL (with Redis) when `TEST_DATABASE_URL` / `TEST_REDIS_URL` are set.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a failing test is a panic

mod accept;
mod assessment;
mod helpers;
mod history;
mod openapi;
mod packages;
mod questionnaire;
mod requests;
