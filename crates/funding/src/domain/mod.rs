//! Pure funding types and rules: no HTTP, no database.

pub mod donor;
