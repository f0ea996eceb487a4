//! A member's category history: the category it joined in and every change since.

use api_types::membership::CategoryChangeResponse;
use platform::{ApiError, Caller};
use sea_orm::DatabaseConnection;
use uuid::Uuid;

use super::access;
use crate::store;

pub async fn category_history(
    db: &DatabaseConnection,
    caller: &Caller,
    id: Uuid,
) -> Result<Vec<CategoryChangeResponse>, ApiError> {
    access::read_member(caller, id)?;
    if store::members::find_model(db, id).await?.is_none() {
        return Err(ApiError::not_found("member"));
    }
    Ok(store::member_categories::responses(store::member_categories::of_member(db, id).await?)?)
}
