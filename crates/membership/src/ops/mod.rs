//! Use cases of the membership service, one per file. Each opens its transaction, loads through
//! `store`, applies the `domain` rules, saves, and writes its events to the outbox in the same
//! transaction.

pub mod access;
pub mod category_history;
pub mod countries;
pub mod create_member;
pub mod decide_upgrade;
pub mod events;
pub mod import;
pub mod kpis;
pub mod load_reference;
pub mod members;
pub mod move_country;
pub mod participations;
pub mod record_participation;
pub mod reference_changes;
pub mod region_mapping;
pub mod regions;
pub mod remove_participation;
pub mod rename_region;
pub mod replace_participation;
pub mod request_upgrade;
pub mod seed_demo;
pub mod set_developing;
pub mod update_contact;
pub mod update_member;
pub mod upgrade_requests;

use chrono::{NaiveDate, Utc};
use platform::ApiError;

use crate::domain::Refusal;

impl From<Refusal> for ApiError {
    fn from(refusal: Refusal) -> Self {
        match refusal {
            Refusal::Invalid(fields) => ApiError::validation(fields),
            Refusal::Conflict { code, message } => ApiError::conflict(code, message),
        }
    }
}

/// Today in UTC: the day changes take effect by default and the bound for dates people type.
pub fn today() -> NaiveDate {
    Utc::now().date_naive()
}
