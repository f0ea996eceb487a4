//! A member body's contact details: the member itself or staff replace them all at once.

use api_types::membership::{ContactDetails, MemberResponse};
use platform::{ApiError, Caller};
use sea_orm::DatabaseConnection;
use uuid::Uuid;

use super::access;
use crate::domain::member::Contact;
use crate::store::{self, members::MemberFields};

pub async fn update_contact(
    db: &DatabaseConnection,
    caller: &Caller,
    id: Uuid,
    input: ContactDetails,
) -> Result<MemberResponse, ApiError> {
    access::editor_or_owner(caller, id)?;
    let contact = Contact::parse(&input).map_err(ApiError::validation)?;
    let txn = store::write_txn(db).await?;
    let current = store::members::find_for_update(&txn, id).await?.ok_or_else(|| ApiError::not_found("member"))?;
    if current.contact() != contact {
        let fields = MemberFields {
            country: &current.country.clone(),
            name: &current.name.clone(),
            acronym: &current.acronym.clone(),
            category: current.category()?,
            status: current.status()?,
            joined_on: current.joined_on,
            left_on: current.left_on,
            devco: current.devco,
            contact: &contact,
        };
        store::members::update(&txn, current.clone(), &fields).await?;
    }
    txn.commit().await?;
    store::members::find(db, id).await?.ok_or_else(|| ApiError::not_found("member"))
}
