//! Countries of the reference data. Public: no sign-in needed.

use api_types::membership::{CountryResponse, ListCountries};
use platform::ApiError;
use platform::list::Window;
use sea_orm::DatabaseConnection;

use crate::store::{self, countries::Filter};

pub async fn list_countries(
    db: &DatabaseConnection,
    query: &ListCountries,
    window: &Window,
) -> Result<(Vec<CountryResponse>, u64), ApiError> {
    if let Some(region) = &query.region
        && !store::regions::exists(db, region).await?
    {
        return Err(ApiError::invalid("region", format!("no liaison region {region:?}")));
    }
    let filter = Filter {
        region: query.region.clone(),
        developing: query.developing,
        basis: query.basis,
        q: query.q.clone(),
        sort: query.sort,
    };
    let (rows, total) = store::countries::list(db, &filter, window.limits()).await?;
    let items = rows.into_iter().map(CountryResponse::try_from).collect::<Result<Vec<_>, _>>()?;
    Ok((items, total))
}

pub async fn get_country(db: &DatabaseConnection, code: &str) -> Result<CountryResponse, ApiError> {
    let row = store::countries::find(db, &code.to_uppercase())
        .await?
        .ok_or_else(|| ApiError::not_found(format!("country {code}")))?;
    Ok(CountryResponse::try_from(row)?)
}
