//! Persistence of the membership service. Query functions take any `ConnectionTrait`, so the
//! same function runs on the pool or inside a transaction.

pub mod countries;
pub mod member_categories;
pub mod members;
pub mod participations;
pub mod reference_changes;
pub mod region_mapping;
pub mod regions;
pub mod upgrade_requests;

use sea_orm::DbErr;

fn corrupt(what: &str, value: &str) -> DbErr {
    DbErr::Custom(format!("stored {what} {value:?} is not valid"))
}

pub use platform::db::{is_postgres, read_snapshot, write_txn};
