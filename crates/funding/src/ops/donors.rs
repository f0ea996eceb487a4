//! Reading donors: staff, the committee and admins see them all; a donor account sees itself.
//! Contact details only reach staff, admins and the donor itself.

use api_types::funding::{DonorResponse, ListDonors};
use platform::list::Window;
use platform::{ApiError, Caller};
use sea_orm::DatabaseConnection;
use uuid::Uuid;

use super::access;
use crate::store::{self, donors::Filter};

pub async fn list_donors(
    db: &DatabaseConnection,
    caller: &Caller,
    query: &ListDonors,
    window: &Window,
) -> Result<(Vec<DonorResponse>, u64), ApiError> {
    let (user, only) = access::reader(caller)?;
    let filter = Filter { only, donor_type: query.donor_type, q: query.q.clone() };
    let (rows, total) = store::donors::list(db, &filter, window.limits()).await?;
    let items = rows
        .into_iter()
        .map(|row| DonorResponse::try_from(row).map(|d| access::redact(user, d)))
        .collect::<Result<Vec<_>, _>>()?;
    Ok((items, total))
}

pub async fn get_donor(db: &DatabaseConnection, caller: &Caller, id: Uuid) -> Result<DonorResponse, ApiError> {
    let (user, limit) = access::reader(caller)?;
    access::may_see(limit, id, "donor")?;
    let row = store::donors::find(db, id).await?.ok_or_else(|| ApiError::not_found("donor"))?;
    Ok(access::redact(user, DonorResponse::try_from(row)?))
}
