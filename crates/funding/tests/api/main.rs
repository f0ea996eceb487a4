//! Integration tests of the funding service over HTTP, on SQLite by default and on PostgreSQL
//! (with Redis) when `TEST_DATABASE_URL` / `TEST_REDIS_URL` are set.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a failing test is a panic

mod concurrency;
mod donors;
mod helpers;
mod idempotency;
mod money;
mod upstreams;
