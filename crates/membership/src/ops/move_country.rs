//! Staff move a developing country to another liaison region. The mapping history keeps the
//! old period (closed on the day of the move) and opens the new one, with who, when and why, so
//! KPIs of earlier years still use the region valid then.

use api_types::membership::{CountryResponse, MoveCountry, ReferenceChangeKind};
use chrono::Utc;
use platform::{ApiError, Caller};
use sea_orm::DatabaseConnection;

use super::{access, today};
use crate::domain::text;
use crate::store::{self, reference_changes::NewChange, region_mapping::Author};

pub async fn move_country(
    db: &DatabaseConnection,
    caller: &Caller,
    code: &str,
    input: MoveCountry,
) -> Result<CountryResponse, ApiError> {
    let user = access::editor(caller)?;
    let reason = text::reason(&input.reason).map_err(|p| ApiError::invalid("reason", p))?;
    let today = today();
    let txn = store::write_txn(db).await?;
    let country = store::countries::find_for_update(&txn, &code.to_uppercase())
        .await?
        .ok_or_else(|| ApiError::not_found(format!("country {code}")))?;
    if store::regions::find(&txn, &input.region).await?.is_none() {
        return Err(ApiError::invalid("region", format!("no liaison region {:?}", input.region)));
    }
    let history = store::region_mapping::history(&txn, &country.code).await?;
    let change = history.plan_move(&input.region, input.effective_on.unwrap_or(today), today)?;
    let now = Utc::now();
    store::region_mapping::apply(&txn, &country.code, &change, Author { by: user.id, reason: &reason, at: now })
        .await?;
    let before = country.liaison_region.clone();
    let code = country.code.clone();
    let updated = store::countries::set_region(&txn, country, &input.region).await?;
    store::reference_changes::insert(
        &txn,
        NewChange {
            change: ReferenceChangeKind::RegionMove,
            subject: &code,
            before,
            after: Some(input.region.clone()),
            by: user.id,
            at: now,
            reason: &reason,
        },
    )
    .await?;
    txn.commit().await?;
    Ok(CountryResponse::try_from(updated)?)
}
