//! Reading donors: staff, the committee and admins see them all; a donor account sees itself.

use api_types::Role;
use api_types::funding::{DonorResponse, ListDonors};
use platform::list::Window;
use platform::{ApiError, Caller};
use sea_orm::DatabaseConnection;
use uuid::Uuid;

use crate::store::{self, donors::Filter};

/// The donor a donor account is limited to; `None` for roles that see every donor.
fn restriction(caller: &Caller) -> Result<Option<Uuid>, ApiError> {
    let user = caller.require(&[Role::Staff, Role::Committee, Role::Admin, Role::Donor])?;
    match user.role {
        Role::Donor => {
            Ok(Some(user.donor_id.ok_or_else(|| ApiError::forbidden("This account is not linked to a donor."))?))
        }
        _ => Ok(None),
    }
}

pub async fn list_donors(
    db: &DatabaseConnection,
    caller: &Caller,
    query: &ListDonors,
    window: &Window,
) -> Result<(Vec<DonorResponse>, u64), ApiError> {
    let filter = Filter { only: restriction(caller)?, donor_type: query.donor_type, q: query.q.clone() };
    let (rows, total) = store::donors::list(db, &filter, window.limits()).await?;
    let items = rows.into_iter().map(DonorResponse::try_from).collect::<Result<Vec<_>, _>>()?;
    Ok((items, total))
}

pub async fn get_donor(db: &DatabaseConnection, caller: &Caller, id: Uuid) -> Result<DonorResponse, ApiError> {
    if let Some(own) = restriction(caller)?
        && own != id
    {
        return Err(ApiError::not_found("donor"));
    }
    let row = store::donors::find(db, id).await?.ok_or_else(|| ApiError::not_found("donor"))?;
    Ok(DonorResponse::try_from(row)?)
}
