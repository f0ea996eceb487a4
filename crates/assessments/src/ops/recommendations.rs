//! The recommended package of a scored request: everyone who may read the request reads it;
//! staff edit, add and remove recommendations until the package is accepted.

use api_types::assessments::{CreateRecommendation, RecommendationResponse, UpdateRecommendation};
use platform::{ApiError, Caller};
use sea_orm::DatabaseConnection;
use uuid::Uuid;

use super::access;
use super::requests::readable;
use crate::domain::lifecycle;
use crate::domain::recommend::Fields;
use crate::store;

pub async fn list(db: &DatabaseConnection, caller: &Caller, id: Uuid) -> Result<Vec<RecommendationResponse>, ApiError> {
    let request = readable(db, caller, id).await?;
    lifecycle::scored(request.status()?)?;
    let rows = store::recommendations::of_request(db, request.id).await?;
    Ok(rows.into_iter().map(RecommendationResponse::try_from).collect::<Result<_, _>>()?)
}

pub async fn add(
    db: &DatabaseConnection,
    caller: &Caller,
    id: Uuid,
    input: CreateRecommendation,
) -> Result<RecommendationResponse, ApiError> {
    let user = access::staff(caller)?;
    let fields = Fields::parse(input)?;
    let txn = store::write_txn(db).await?;
    let request = store::requests::find_for_update(&txn, id).await?.ok_or_else(|| ApiError::not_found("request"))?;
    lifecycle::edit_package(request.status()?)?;
    let position =
        store::recommendations::of_request(&txn, id).await?.iter().map(|r| r.position + 1).max().unwrap_or(0);
    let row = store::recommendations::insert(&txn, id, None, &fields, position, Some(user.id)).await?;
    txn.commit().await?;
    Ok(RecommendationResponse::try_from(row)?)
}

pub async fn update(
    db: &DatabaseConnection,
    caller: &Caller,
    id: Uuid,
    rec_id: Uuid,
    change: UpdateRecommendation,
) -> Result<RecommendationResponse, ApiError> {
    let user = access::staff(caller)?;
    let txn = store::write_txn(db).await?;
    let request = store::requests::find_for_update(&txn, id).await?.ok_or_else(|| ApiError::not_found("request"))?;
    lifecycle::edit_package(request.status()?)?;
    let row =
        store::recommendations::find(&txn, id, rec_id).await?.ok_or_else(|| ApiError::not_found("recommendation"))?;
    let fields = row.fields()?.apply(change)?;
    let row = store::recommendations::update(&txn, row, &fields, user.id).await?;
    txn.commit().await?;
    Ok(RecommendationResponse::try_from(row)?)
}

pub async fn remove(db: &DatabaseConnection, caller: &Caller, id: Uuid, rec_id: Uuid) -> Result<(), ApiError> {
    access::staff(caller)?;
    let txn = store::write_txn(db).await?;
    let request = store::requests::find_for_update(&txn, id).await?.ok_or_else(|| ApiError::not_found("request"))?;
    lifecycle::edit_package(request.status()?)?;
    let row =
        store::recommendations::find(&txn, id, rec_id).await?.ok_or_else(|| ApiError::not_found("recommendation"))?;
    store::recommendations::delete(&txn, row).await?;
    txn.commit().await?;
    Ok(())
}
