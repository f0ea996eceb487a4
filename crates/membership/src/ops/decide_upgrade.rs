//! Staff approve or reject an open upgrade request, with a reason. An approval changes the
//! member's category, adds it to the category history (pointing at the request) and emits
//! `member.category_changed`, all in one transaction.

use api_types::Role;
use api_types::membership::{DecideUpgrade, UpgradeRequestResponse, UpgradeStatus};
use platform::{ApiError, Caller};
use sea_orm::DatabaseConnection;
use uuid::Uuid;

use super::update_member::member_state;
use super::{events, today};
use crate::domain::Refusal;
use crate::domain::upgrade::{self, Decision};
use crate::store::{self, members::MemberFields};

pub async fn decide_upgrade(
    db: &DatabaseConnection,
    caller: &Caller,
    id: Uuid,
    input: DecideUpgrade,
) -> Result<UpgradeRequestResponse, ApiError> {
    // Programme decisions are the secretariat's: staff only.
    let user = caller.require(&[Role::Staff])?;
    let today = today();
    let effective_on = input.effective_on.unwrap_or(today);
    if effective_on > today {
        return Err(Refusal::invalid("effective_on", "must not be in the future").into());
    }
    let txn = store::write_txn(db).await?;
    let request =
        store::upgrade_requests::find(&txn, id).await?.ok_or_else(|| ApiError::not_found("upgrade request"))?;
    let member =
        store::members::find_for_update(&txn, request.member_id).await?.ok_or_else(|| ApiError::not_found("member"))?;
    let decision = upgrade::decide(
        request.status()?,
        request.from_category()?,
        request.to_category()?,
        member.category()?,
        member.status()?,
        input.decision,
        &input.reason,
    )?;
    let decided = match decision {
        Decision::Reject { reason } => {
            store::upgrade_requests::decide(&txn, request, UpgradeStatus::Rejected, user.id, &reason).await?
        }
        Decision::Approve { to, reason } => {
            let history = store::member_categories::of_member(&txn, member.id).await?;
            let state = member_state(&member, &history)?;
            if effective_on < state.category_since {
                return Err(Refusal::invalid(
                    "effective_on",
                    format!("must not be before the current category's start on {}", state.category_since),
                )
                .into());
            }
            let from = member.category()?;
            let contact = member.contact();
            let country = member.country.clone();
            let fields = MemberFields {
                country: &country,
                name: &member.name.clone(),
                acronym: &member.acronym.clone(),
                category: to,
                status: member.status()?,
                joined_on: member.joined_on,
                left_on: member.left_on,
                devco: member.devco,
                contact: &contact,
            };
            store::members::update(&txn, member.clone(), &fields).await?;
            let request_id = request.id;
            let decided =
                store::upgrade_requests::decide(&txn, request, UpgradeStatus::Approved, user.id, &reason).await?;
            events::category_changed(
                &txn,
                &events::CategoryChanged {
                    member_id: decided.member_id,
                    country: &country,
                    from,
                    to,
                    effective_on,
                    reason: &format!("upgrade request approved: {reason}"),
                    changed_by: Some(user.id),
                    upgrade_request_id: Some(request_id),
                },
            )
            .await?;
            decided
        }
    };
    txn.commit().await?;
    Ok(UpgradeRequestResponse::try_from(decided)?)
}
