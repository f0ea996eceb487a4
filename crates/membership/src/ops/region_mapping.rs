//! The history of the country → liaison region mapping, for any signed-in role.

use api_types::membership::{ListRegionMapping, RegionPeriodResponse};
use platform::list::Window;
use platform::{ApiError, Caller};
use sea_orm::DatabaseConnection;

use super::access;
use crate::store::{self, region_mapping::Filter};

pub async fn list_region_mapping(
    db: &DatabaseConnection,
    caller: &Caller,
    query: &ListRegionMapping,
    window: &Window,
) -> Result<(Vec<RegionPeriodResponse>, u64), ApiError> {
    caller.require(&access::READERS)?;
    if let Some(region) = &query.region
        && !store::regions::exists(db, region).await?
    {
        return Err(ApiError::invalid("region", format!("no liaison region {region:?}")));
    }
    let filter =
        Filter { country: query.country.as_deref().map(str::to_uppercase), region: query.region.clone(), on: query.on };
    let (rows, total) = store::region_mapping::list(db, &filter, window.limits()).await?;
    Ok((rows.into_iter().map(RegionPeriodResponse::from).collect(), total))
}
