//! Pure project types and rules: no HTTP, no database.

pub mod proposal;
pub mod visibility;
