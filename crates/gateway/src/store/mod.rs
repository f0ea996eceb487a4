//! Persistence of the gateway: accounts.

pub mod accounts;
