//! Staff register a member body. A country has one current member body at a time (409
//! `country_has_member` otherwise); the member's first category-history entry and the
//! `member.created` event are written in the same transaction.

use api_types::membership::{CreateMember, MemberResponse, MemberStatus};
use platform::{ApiError, Caller};
use sea_orm::{DatabaseConnection, DbErr, SqlErr};
use uuid::Uuid;

use super::{access, events, today};
use crate::domain::codes;
use crate::domain::member::NewMember;
use crate::store::{self, member_categories::NewEntry, members::NewMemberRow};

pub async fn create_member(
    db: &DatabaseConnection,
    caller: &Caller,
    input: CreateMember,
) -> Result<MemberResponse, ApiError> {
    let user = access::editor(caller)?;
    let member = NewMember::parse(&input, today()).map_err(ApiError::validation)?;
    let txn = store::write_txn(db).await?;
    if store::countries::find(&txn, member.country.as_str()).await?.is_none() {
        return Err(ApiError::invalid(
            "country",
            format!("no country with the code {} in the reference data", member.country.as_str()),
        ));
    }
    if let Some(current) = store::members::current_of(&txn, member.country.as_str(), None).await? {
        return Err(country_has_member(member.country.as_str(), &current));
    }
    let row = store::members::insert(
        &txn,
        &NewMemberRow {
            id: Uuid::now_v7(),
            country: member.country.as_str(),
            name: &member.name,
            acronym: &member.acronym,
            category: member.category,
            status: MemberStatus::Active,
            joined_on: member.joined_on,
            left_on: None,
            devco: member.devco,
            demo: false,
            contact: &member.contact,
        },
    )
    .await
    .map_err(|e| unique_country(e, member.country.as_str()))?;
    store::member_categories::insert(
        &txn,
        &NewEntry {
            member_id: row.id,
            category: member.category,
            valid_from: member.joined_on,
            changed_by: Some(user.id),
            reason: "category on joining",
            upgrade_request_id: None,
        },
    )
    .await?;
    events::member_created(&txn, &row).await?;
    let id = row.id;
    txn.commit().await?;
    store::members::find(db, id).await?.ok_or_else(|| ApiError::not_found("member"))
}

/// The 409 for a country that has a current member body already.
pub fn country_has_member(country: &str, current: &store::members::Model) -> ApiError {
    ApiError::conflict(
        codes::COUNTRY_HAS_MEMBER,
        format!(
            "{country} already has a current member body, {} ({}, {}); a country has one member body at a time, so \
             withdraw that one first.",
            current.name, current.acronym, current.status
        ),
    )
}

/// A unique violation on insert or update is the partial index of one current member per
/// country: another request registered one in between.
pub fn unique_country(err: DbErr, country: &str) -> ApiError {
    match err.sql_err() {
        Some(SqlErr::UniqueConstraintViolation(_)) => ApiError::conflict(
            codes::COUNTRY_HAS_MEMBER,
            format!("{country} already has a current member body; a country has one member body at a time."),
        ),
        _ => ApiError::from(err),
    }
}
