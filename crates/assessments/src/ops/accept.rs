//! Staff accept the recommended package: in one transaction the request becomes `accepted` and
//! the ICT-support project proposal is written to the `project_proposals` outbox with a fixed
//! idempotency key. It is then sent to the projects service at once and, if that fails (projects
//! down, slow, refusing), by the worker in [`super::deliver_proposals`] until it answers. The
//! key makes the project appear once however often it is sent; accepting again returns the same
//! proposal. Emits `assessments.package_accepted`.

use std::time::Duration;

use api_types::assessments::{AcceptPackage, ProposalResponse, RequestStatus};
use platform::{ApiError, Caller, outbox};
use sea_orm::DatabaseConnection;
use serde::Serialize;
use uuid::Uuid;

use super::links::Links;
use super::requests::readable;
use super::{access, deliver_proposals};
use crate::domain::lifecycle::{self, Accept};
use crate::domain::proposal::{self, Choices, Line, Package};
use crate::store::{self, requests::Change};

/// Event `assessments.package_accepted`.
pub const TOPIC: &str = "assessments.package_accepted";

/// How long the accept call waits for the first attempt before leaving it to the worker.
const FIRST_ATTEMPT: Duration = Duration::from_secs(5);

#[derive(Debug, Serialize)]
struct PackageAccepted {
    request_id: Uuid,
    member_id: Uuid,
    budget_minor_chf: i64,
}

pub async fn accept(
    db: &DatabaseConnection,
    links: &Links,
    caller: &Caller,
    id: Uuid,
    input: AcceptPackage,
) -> Result<ProposalResponse, ApiError> {
    let user = access::staff(caller)?;
    let txn = store::write_txn(db).await?;
    let request = store::requests::find_for_update(&txn, id).await?.ok_or_else(|| ApiError::not_found("request"))?;
    match lifecycle::accept(request.status()?)? {
        Accept::Already => {
            txn.commit().await?;
        }
        Accept::Now => {
            let level = store::assessments::find(&txn, id).await?.and_then(|a| a.level).unwrap_or(1);
            let lines = store::recommendations::of_request(&txn, id)
                .await?
                .iter()
                .map(|r| r.fields().map(|f| Line { title: f.title, category: f.category, cost: f.cost }))
                .collect::<Result<Vec<_>, _>>()?;
            let package = Package {
                member_id: request.member_id,
                needs: &request.needs,
                level: u8::try_from(level).unwrap_or(1),
                lines,
            };
            let choices = Choices {
                title: input.title.as_deref(),
                summary: input.summary.as_deref(),
                planned_start: input.planned_start,
                planned_end: input.planned_end,
            };
            let project = proposal::build(&package, &choices, chrono::Utc::now().date_naive())?;
            let budget = project.budget_lines.iter().map(|l| l.amount.minor).sum();
            let key = proposal::idempotency_key(id);
            store::proposals::insert(&txn, id, &key, &project, user.id, deliver_proposals::LEASE).await?;
            outbox::enqueue(
                &txn,
                crate::SERVICE,
                TOPIC,
                &PackageAccepted { request_id: id, member_id: request.member_id, budget_minor_chf: budget },
            )
            .await?;
            let accepted = Change { status: Some(RequestStatus::Accepted), ..Change::default() };
            store::requests::update(&txn, request, accepted).await?;
            txn.commit().await?;
            // Best effort: the worker delivers what this does not.
            if tokio::time::timeout(FIRST_ATTEMPT, deliver_proposals::first_attempt(db, links, id)).await.is_err() {
                tracing::info!(request_id = %id, "projects is slow; the proposal is left to the worker");
            }
        }
    }
    proposal_of(db, id).await
}

/// The proposal of an accepted request, for everyone who may read the request.
pub async fn get_proposal(db: &DatabaseConnection, caller: &Caller, id: Uuid) -> Result<ProposalResponse, ApiError> {
    readable(db, caller, id).await?;
    proposal_of(db, id).await
}

async fn proposal_of(db: &DatabaseConnection, id: Uuid) -> Result<ProposalResponse, ApiError> {
    let row = store::proposals::find(db, id).await?.ok_or_else(|| ApiError::not_found("proposal"))?;
    Ok(ProposalResponse::try_from(row)?)
}
