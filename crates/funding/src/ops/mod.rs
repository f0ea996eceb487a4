//! Use cases of the funding service, one per file.

pub mod donors;
pub mod register_donor;
pub mod seed_demo;
