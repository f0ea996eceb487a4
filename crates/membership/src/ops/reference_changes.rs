//! The history of staff changes to the reference data: staff, admins and the committee read it.

use api_types::Role;
use api_types::membership::{ListReferenceChanges, ReferenceChangeResponse};
use platform::list::Window;
use platform::{ApiError, Caller};
use sea_orm::DatabaseConnection;

use crate::store::{self, reference_changes::Filter};

pub async fn list_reference_changes(
    db: &DatabaseConnection,
    caller: &Caller,
    query: &ListReferenceChanges,
    window: &Window,
) -> Result<(Vec<ReferenceChangeResponse>, u64), ApiError> {
    caller.require(&[Role::Staff, Role::Admin, Role::Committee])?;
    let filter = Filter { change: query.change, subject: query.subject.clone() };
    let (rows, total) = store::reference_changes::list(db, &filter, window.limits()).await?;
    let items = rows.into_iter().map(ReferenceChangeResponse::try_from).collect::<Result<Vec<_>, _>>()?;
    Ok((items, total))
}
