//! A member body asks for ICT support.

use api_types::Role;
use api_types::assessments::{CreateSupportRequest, SupportRequestResponse};
use platform::{ApiError, Caller, outbox};
use sea_orm::DatabaseConnection;
use serde::Serialize;
use uuid::Uuid;

use crate::domain::request::NewSupportRequest;
use crate::store;

/// Event `assessments.support_requested`.
pub const TOPIC: &str = "assessments.support_requested";

#[derive(Debug, Serialize)]
struct SupportRequested<'a> {
    request_id: Uuid,
    member_id: Uuid,
    urgency: &'a str,
}

pub async fn request_support(
    db: &DatabaseConnection,
    caller: &Caller,
    input: CreateSupportRequest,
) -> Result<SupportRequestResponse, ApiError> {
    let user = caller.require(&[Role::Member])?;
    let member_id = user
        .member_id
        .ok_or_else(|| ApiError::forbidden("This account is not linked to a member body; ask an administrator."))?;
    let request = NewSupportRequest::parse(input)?;
    let txn = store::write_txn(db).await?;
    let row = store::requests::insert(&txn, &request, member_id, user.id, false).await?;
    outbox::enqueue(
        &txn,
        crate::SERVICE,
        TOPIC,
        &SupportRequested { request_id: row.id, member_id, urgency: &row.urgency },
    )
    .await?;
    txn.commit().await?;
    Ok(SupportRequestResponse::try_from(row)?)
}
