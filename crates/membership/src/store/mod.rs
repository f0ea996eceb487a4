//! Persistence of the membership service. Query functions take any `ConnectionTrait`, so the
//! same function runs on the pool or inside a transaction.

pub mod countries;
pub mod members;
pub mod regions;

use sea_orm::DbErr;

fn corrupt(what: &str, value: &str) -> DbErr {
    DbErr::Custom(format!("stored {what} {value:?} is not valid"))
}
