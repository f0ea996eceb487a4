//! Who may do what. Every signed-in role reads the registry, except that a member account sees
//! only its own body; staff (and admins) change it; a member edits only its own contact details
//! and asks for its own upgrades; signed-out visitors get 401.

use api_types::Role;
use platform::{ApiError, Caller, User};
use uuid::Uuid;

/// Roles that change the registry and the reference data.
pub const EDITORS: [Role; 2] = [Role::Staff, Role::Admin];

/// Roles that read the registry (a member only its own body, see [`reader`]).
pub const READERS: [Role; 5] = [Role::Staff, Role::Admin, Role::Committee, Role::Donor, Role::Member];

/// The member body a member account is limited to; `None` for roles that see the whole
/// registry. 401 when signed out.
pub fn reader(caller: &Caller) -> Result<Option<Uuid>, ApiError> {
    let user = caller.require(&READERS)?;
    match user.role {
        Role::Member => Ok(Some(own_member(user)?)),
        Role::Staff | Role::Committee | Role::Admin | Role::Donor => Ok(None),
    }
}

/// May the caller read member `id`? A member account asking for another body gets the same 404
/// as for a body that does not exist, so it learns nothing about others.
pub fn read_member(caller: &Caller, id: Uuid) -> Result<(), ApiError> {
    match reader(caller)? {
        Some(own) if own != id => Err(ApiError::not_found("member")),
        _ => Ok(()),
    }
}

/// Staff or an admin, else 403 (401 when signed out).
pub fn editor(caller: &Caller) -> Result<&User, ApiError> {
    caller.require(&EDITORS)
}

/// Staff, an admin, or the member account of member `id` itself (403 for another member's
/// account, the committee and donors).
pub fn editor_or_owner(caller: &Caller, id: Uuid) -> Result<&User, ApiError> {
    let user = caller.require(&[Role::Staff, Role::Admin, Role::Member])?;
    if user.role == Role::Member && own_member(user)? != id {
        return Err(ApiError::forbidden("A member account may only change its own member body."));
    }
    Ok(user)
}

fn own_member(user: &User) -> Result<Uuid, ApiError> {
    user.member_id.ok_or_else(|| ApiError::forbidden("This account is not linked to a member body."))
}
