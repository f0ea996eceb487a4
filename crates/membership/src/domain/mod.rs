//! Pure membership types and rules: no HTTP, no database.

pub mod reference;
