//! Integration tests of the gateway over HTTP: accounts, passwords, sessions, CSRF, sign-in
//! limits and a Redis outage. On SQLite with the in-process backplane by default, on
//! PostgreSQL and Redis when `TEST_DATABASE_URL` / `TEST_REDIS_URL` are set; the outage test
//! always uses the real Redis (behind a `FaultyLink`).

#![allow(clippy::unwrap_used, clippy::expect_used)] // a failing test is a panic

mod accounts;
mod helpers;
mod passwords;
mod redis_down;
mod sessions;
