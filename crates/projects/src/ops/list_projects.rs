//! The projects a caller may see, filtered.

use api_types::projects::{ListProjects, ProjectResponse};
use platform::list::Window;
use platform::{ApiError, Caller};
use sea_orm::DatabaseConnection;

use crate::domain::visibility::visibility;
use crate::store::projects::{self, Filter};

pub async fn list_projects(
    db: &DatabaseConnection,
    caller: &Caller,
    query: &ListProjects,
    window: &Window,
) -> Result<(Vec<ProjectResponse>, u64), ApiError> {
    let user = caller.user()?;
    let filter = Filter {
        visibility: visibility(user.role, user.member_id),
        status: query.status,
        theme: query.theme,
        member_id: query.member_id,
    };
    let (rows, total) = projects::list(db, &filter, window.limits()).await?;
    let items = rows.into_iter().map(super::to_response).collect::<Result<Vec<_>, _>>()?;
    Ok((items, total))
}
