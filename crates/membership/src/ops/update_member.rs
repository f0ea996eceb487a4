//! Staff change a member body: names, country (a correction), category, status, joining day,
//! DEVCO membership. A category change is added to the category history and announced as
//! `member.category_changed` in the same transaction; a change of category or status needs a
//! reason; withdrawal is final.

use api_types::membership::{MemberResponse, UpdateMember};
use platform::{ApiError, Caller};
use sea_orm::{DatabaseConnection, DbErr};
use uuid::Uuid;

use super::create_member::{country_has_member, unique_country};
use super::{access, events, today};
use crate::domain::member::{MemberState, MemberUpdate, is_current, plan_update};
use crate::store::{self, members::MemberFields};

pub async fn update_member(
    db: &DatabaseConnection,
    caller: &Caller,
    id: Uuid,
    input: UpdateMember,
) -> Result<MemberResponse, ApiError> {
    let user = access::editor(caller)?;
    let txn = store::write_txn(db).await?;
    let current = store::members::find_for_update(&txn, id).await?.ok_or_else(|| ApiError::not_found("member"))?;
    let history = store::member_categories::of_member(&txn, id).await?;
    let state = member_state(&current, &history)?;
    let plan = plan_update(&state, &input, today())?;
    if !plan.changes(&state) {
        txn.rollback().await?;
        return store::members::find(db, id).await?.ok_or_else(|| ApiError::not_found("member"));
    }
    let country = match &plan.new_country {
        Some(code) => {
            if store::countries::find(&txn, code.as_str()).await?.is_none() {
                return Err(ApiError::invalid(
                    "country",
                    format!("no country with the code {} in the reference data", code.as_str()),
                ));
            }
            code.as_str().to_owned()
        }
        None => current.country.clone(),
    };
    if is_current(plan.status)
        && let Some(other) = store::members::current_of(&txn, &country, Some(id)).await?
    {
        return Err(country_has_member(&country, &other));
    }
    apply(&txn, current, &plan, &country, Some(user.id), None).await.map_err(|e| unique_country(e, &country))?;
    txn.commit().await?;
    store::members::find(db, id).await?.ok_or_else(|| ApiError::not_found("member"))
}

/// Stores a planned change (and its category-history entry and event); `contact` replaces the
/// contact details when given.
pub async fn apply<C: sea_orm::ConnectionTrait>(
    conn: &C,
    current: store::members::Model,
    plan: &MemberUpdate,
    country: &str,
    by: Option<Uuid>,
    contact: Option<&crate::domain::member::Contact>,
) -> Result<store::members::Model, DbErr> {
    let joined_moved = plan.joined_on != current.joined_on;
    let existing_contact = current.contact();
    let category = plan.category_change.map_or(current.category()?, |c| c.to);
    let updated = store::members::update(
        conn,
        current,
        &MemberFields {
            country,
            name: &plan.name,
            acronym: &plan.acronym,
            category,
            status: plan.status,
            joined_on: plan.joined_on,
            left_on: plan.left_on,
            devco: plan.devco,
            contact: contact.unwrap_or(&existing_contact),
        },
    )
    .await?;
    if joined_moved {
        store::member_categories::move_first(conn, updated.id, plan.joined_on).await?;
    }
    if let Some(change) = plan.category_change {
        events::category_changed(
            conn,
            &events::CategoryChanged {
                member_id: updated.id,
                country: &updated.country,
                from: change.from,
                to: change.to,
                effective_on: change.effective_on,
                reason: plan.reason.as_deref().unwrap_or("category changed"),
                changed_by: by,
                upgrade_request_id: None,
            },
        )
        .await?;
    }
    Ok(updated)
}

/// What the member rules need to know about a stored member and its category history.
pub fn member_state(
    m: &store::members::Model,
    history: &[store::member_categories::Model],
) -> Result<MemberState, DbErr> {
    Ok(MemberState {
        country: m.country.clone(),
        name: m.name.clone(),
        acronym: m.acronym.clone(),
        category: m.category()?,
        status: m.status()?,
        joined_on: m.joined_on,
        left_on: m.left_on,
        devco: m.devco,
        category_since: history.last().map_or(m.joined_on, |h| h.valid_from),
        first_change: history.get(1).map(|h| h.valid_from),
    })
}
