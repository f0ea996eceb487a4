//! Integration tests of the projects service over HTTP, on SQLite by default and on PostgreSQL
//! (with Redis) when `TEST_DATABASE_URL` / `TEST_REDIS_URL` are set.

mod helpers;
mod identity;
mod projects;
