//! Persistence of the projects service. Query functions take any `ConnectionTrait`, so the
//! same function runs on the pool or inside a transaction.

pub mod projects;
pub mod results;
pub mod workflow;

use sea_orm::DbErr;

pub use platform::db::{is_postgres, write_txn};

fn corrupt(what: &str, value: &str) -> DbErr {
    DbErr::Custom(format!("stored {what} {value:?} is not valid"))
}
