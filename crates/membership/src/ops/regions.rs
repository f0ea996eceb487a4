//! Liaison regions. Public: no sign-in needed.

use api_types::membership::RegionResponse;
use platform::ApiError;
use sea_orm::DatabaseConnection;

use crate::store;

pub async fn list_regions(db: &DatabaseConnection) -> Result<Vec<RegionResponse>, ApiError> {
    Ok(store::regions::list_with_counts(db).await?)
}
