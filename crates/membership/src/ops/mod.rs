//! Use cases of the membership service, one per file.

pub mod countries;
pub mod load_reference;
pub mod members;
pub mod regions;
pub mod seed_demo;
