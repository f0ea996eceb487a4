//! Use cases of the funding service.

pub mod access;
pub mod allocations;
pub mod contributions;
pub mod disbursements;
pub mod donors;
pub mod figures;
pub mod fx;
pub mod kpis;
pub mod ledger;
pub mod plans;
pub mod register_donor;
pub mod seed_demo;
pub mod statement;
pub mod update_donor;
pub mod upstream;
