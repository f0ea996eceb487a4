//! Persistence of the assessments service. Query functions take any `ConnectionTrait`, so the
//! same function runs on the pool or inside a transaction.

pub mod answers;
pub mod assessments;
pub mod proposals;
pub mod questionnaires;
pub mod recommendations;
pub mod requests;

use sea_orm::DbErr;

pub use platform::db::{is_postgres, read_snapshot, write_txn};

fn corrupt(what: &str, value: &str) -> DbErr {
    DbErr::Custom(format!("stored {what} {value:?} is not valid"))
}
