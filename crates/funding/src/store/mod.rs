//! Persistence of the funding service. Query functions take any `ConnectionTrait`, so the
//! same function runs on the pool or inside a transaction.

pub mod donors;
pub mod money;
