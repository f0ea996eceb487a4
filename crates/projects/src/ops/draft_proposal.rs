//! A member body drafts a proposal.

use api_types::Role;
use api_types::projects::{CreateProject, ProjectResponse};
use platform::{ApiError, Caller, outbox};
use sea_orm::{DatabaseConnection, TransactionTrait};
use serde::Serialize;
use uuid::Uuid;

use crate::domain::proposal::NewProposal;
use crate::store;

/// Event `projects.proposal_drafted`.
pub const TOPIC: &str = "projects.proposal_drafted";

#[derive(Debug, Serialize)]
struct ProposalDrafted<'a> {
    project_id: Uuid,
    member_id: Uuid,
    title: &'a str,
    theme: &'a str,
}

pub async fn draft_proposal(
    db: &DatabaseConnection,
    caller: &Caller,
    input: CreateProject,
) -> Result<ProjectResponse, ApiError> {
    let user = caller.require(&[Role::Member])?;
    let member_id = user
        .member_id
        .ok_or_else(|| ApiError::forbidden("This account is not linked to a member body; ask an administrator."))?;
    let proposal = NewProposal::parse(input).map_err(|e| ApiError::validation(e.0))?;
    let txn = db.begin().await?;
    let row = store::projects::insert_draft(&txn, &proposal, member_id, user.id).await?;
    outbox::enqueue(
        &txn,
        crate::SERVICE,
        TOPIC,
        &ProposalDrafted { project_id: row.id, member_id, title: &row.title, theme: &row.theme },
    )
    .await?;
    txn.commit().await?;
    super::to_response(row)
}
