//! Persistence of the projects service. Query functions take any `ConnectionTrait`, so the
//! same function runs on the pool or inside a transaction.

pub mod projects;
