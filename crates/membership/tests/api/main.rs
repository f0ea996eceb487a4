//! Integration tests of the membership service over HTTP, on SQLite by default and on
//! PostgreSQL (with Redis) when `TEST_DATABASE_URL` / `TEST_REDIS_URL` are set.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a failing test is a panic

mod countries;
mod helpers;
mod import;
mod kpis;
mod members;
mod migration;
mod openapi;
mod participations;
mod reference;
mod upgrades;
