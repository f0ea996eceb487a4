//! The events the membership service emits, written to the outbox in the caller's transaction.

use api_types::membership::{
    MEMBER_CATEGORY_CHANGED, MEMBER_CREATED, MemberCategory, MemberCategoryChanged, MemberCreated,
};
use chrono::NaiveDate;
use sea_orm::{ConnectionTrait, DbErr};
use uuid::Uuid;

use crate::store;

/// `member.created` for a member just inserted.
pub async fn member_created<C: ConnectionTrait>(conn: &C, member: &store::members::Model) -> Result<(), DbErr> {
    let country = store::countries::find(conn, &member.country)
        .await?
        .ok_or_else(|| DbErr::Custom(format!("member country {} is missing", member.country)))?;
    let payload = MemberCreated {
        member_id: member.id,
        country: member.country.clone(),
        name: member.name.clone(),
        acronym: member.acronym.clone(),
        category: member.category()?,
        status: member.status()?,
        joined_on: member.joined_on,
        developing: country.developing,
        liaison_region: country.liaison_region,
        devco: member.devco,
        demo: member.demo,
    };
    platform::outbox::enqueue(conn, crate::SERVICE, MEMBER_CREATED, &payload).await?;
    Ok(())
}

/// A category change: the history entry and `member.category_changed`, together.
#[derive(Debug, Clone)]
pub struct CategoryChanged<'a> {
    pub member_id: Uuid,
    pub country: &'a str,
    pub from: MemberCategory,
    pub to: MemberCategory,
    pub effective_on: NaiveDate,
    pub reason: &'a str,
    pub changed_by: Option<Uuid>,
    pub upgrade_request_id: Option<Uuid>,
}

/// Records the change in the member's category history and emits `member.category_changed`.
pub async fn category_changed<C: ConnectionTrait>(conn: &C, c: &CategoryChanged<'_>) -> Result<(), DbErr> {
    let entry = store::member_categories::insert(
        conn,
        &store::member_categories::NewEntry {
            member_id: c.member_id,
            category: c.to,
            valid_from: c.effective_on,
            changed_by: c.changed_by,
            reason: c.reason,
            upgrade_request_id: c.upgrade_request_id,
        },
    )
    .await?;
    let payload = MemberCategoryChanged {
        member_id: c.member_id,
        country: c.country.to_owned(),
        from: c.from,
        to: c.to,
        effective_on: c.effective_on,
        reason: c.reason.to_owned(),
        changed_by: c.changed_by,
        upgrade_request_id: c.upgrade_request_id,
        seq: entry.id,
    };
    platform::outbox::enqueue(conn, crate::SERVICE, MEMBER_CATEGORY_CHANGED, &payload).await?;
    Ok(())
}
