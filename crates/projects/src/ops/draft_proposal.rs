//! A member body drafts a proposal (or staff draft one on a member's behalf, e.g. from an
//! accepted ICT assessment). The proposing member, the beneficiary members and regions are
//! checked against the membership service first: unknown ones are a 422 naming the field, and
//! if the registry cannot be reached nothing is written (503). With an `Idempotency-Key` the
//! proposal is created at most once: a retry with the same key and body answers the first
//! response.

use std::collections::BTreeSet;

use api_types::Role;
use api_types::money::Money;
use api_types::projects::{CreateProject, ProjectResponse};
use clients::ClientError;
use platform::idempotency::{self, IdempotencyKey};
use platform::{ApiError, Caller};
use sea_orm::DatabaseConnection;
use uuid::Uuid;

use super::upstream::{Forwarded, Upstreams, membership_down};
use crate::domain::proposal::{Input, NewProposal, approvals_needed, totals};
use crate::domain::{Problems, Refusal};
use crate::error::Result;
use crate::store;

pub async fn draft_proposal(
    db: &DatabaseConnection,
    upstreams: &Upstreams,
    fwd: &Forwarded,
    caller: &Caller,
    two_approvers_above: Money,
    key: Option<&IdempotencyKey>,
    input: CreateProject,
) -> Result<ProjectResponse> {
    let user = caller.require(&[Role::Member, Role::Staff])?;
    let member_id = match (user.role, user.member_id, input.member_id) {
        (Role::Member, None, _) => {
            return Err(
                ApiError::forbidden("This account is not linked to a member body; ask an administrator.").into()
            );
        }
        (Role::Member, Some(own), Some(asked)) if own != asked => {
            return Err(ApiError::forbidden("A member account drafts proposals for its own member body only.").into());
        }
        (Role::Member, Some(own), _) => own,
        (_, _, Some(asked)) => asked,
        (_, _, None) => {
            return Err(ApiError::invalid("member_id", "staff name the member body they draft for").into());
        }
    };
    let proposal = parse(&input)?;
    let regions = check_with_membership(upstreams, fwd, member_id, &proposal).await?;
    let needed = approvals_needed(&totals(&proposal.budget).unwrap_or_default(), two_approvers_above);
    let created_by = user.id;
    let scope = idempotency::scope(caller, "POST /projects");
    let response = idempotency::once(db, key, &scope, &input, |txn| {
        Box::pin(async move {
            let row = store::projects::insert_draft(txn, &proposal, member_id, created_by, &regions, needed).await?;
            Ok(super::response_of(txn, row).await?)
        })
    })
    .await?;
    Ok(response)
}

/// The proposal in `input`, every rule applied (422 naming each bad field).
pub(super) fn parse(input: &CreateProject) -> Result<NewProposal, Refusal> {
    NewProposal::parse(Input {
        title: &input.title,
        summary: &input.summary,
        objective: input.objective,
        theme: input.theme,
        delivery_methods: &input.delivery_methods,
        beneficiary_members: &input.beneficiary_members,
        beneficiary_regions: &input.beneficiary_regions,
        budget: input.budget_lines.iter().map(|l| (l.category, l.description.as_str(), l.amount)).collect(),
        planned_start: input.planned_start,
        planned_end: input.planned_end,
    })
}

/// Checks the members and regions the proposal names, and returns every liaison region it
/// benefits: the explicit ones and those of the beneficiary members.
pub(super) async fn check_with_membership(
    upstreams: &Upstreams,
    fwd: &Forwarded,
    member_id: Uuid,
    proposal: &NewProposal,
) -> Result<BTreeSet<String>> {
    let client = upstreams.membership(fwd);
    let mut problems = Problems::new();
    // The directory summary, not the full record: membership shows a member account only its
    // own record, but any signed-in account may read the public facts of any body.
    match client.member_summary(member_id).await {
        Ok(_) => {}
        Err(ClientError::Api { status: 404, .. }) => {
            problems.insert("member_id".into(), format!("no member body {member_id} in the registry"));
        }
        Err(e) => return Err(membership_down(e).into()),
    }
    let mut regions = BTreeSet::new();
    for (i, id) in proposal.beneficiary_members.iter().enumerate() {
        match client.member_summary(*id).await {
            Ok(m) => regions.extend(m.liaison_region),
            Err(ClientError::Api { status: 404, .. }) => {
                problems.insert(format!("beneficiary_members[{i}]"), format!("no member body {id} in the registry"));
            }
            Err(e) => return Err(membership_down(e).into()),
        }
    }
    if !proposal.beneficiary_regions.is_empty() {
        let known: BTreeSet<String> =
            client.regions().await.map_err(membership_down)?.items.into_iter().map(|r| r.code).collect();
        for region in &proposal.beneficiary_regions {
            if !known.contains(region) {
                problems.insert("beneficiary_regions".into(), format!("{region:?} is not a liaison region"));
            }
        }
        regions.extend(proposal.beneficiary_regions.iter().cloned());
    }
    if !problems.is_empty() {
        return Err(ApiError::validation(problems).into());
    }
    Ok(regions)
}
