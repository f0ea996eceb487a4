//! Pure funding types and rules: no HTTP, no database.

pub mod contact;
pub mod donor;
pub mod earmark;
pub mod flow;
pub mod fx;
pub mod ledger;
pub mod planner;
