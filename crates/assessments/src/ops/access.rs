//! Who may do what. A member account sees and answers its own body's requests only; staff,
//! admins and the committee read every request; the assigned assessor (staff) answers with the
//! member; staff decide (assign, edit the package, accept, close); donors see the KPIs only.
//! Signed-out visitors get 401.

use api_types::Role;
use platform::{ApiError, Caller, User};
use uuid::Uuid;

use crate::store::requests::Model as Request;

/// Roles that read requests (a member only its own body's, see [`reader`]).
pub const READERS: [Role; 4] = [Role::Member, Role::Staff, Role::Admin, Role::Committee];

/// The member body a member account is limited to; `None` for roles that read every request.
pub fn reader(caller: &Caller) -> Result<Option<Uuid>, ApiError> {
    let user = caller.require(&READERS)?;
    match user.role {
        Role::Member => Ok(Some(own_member(user)?)),
        _ => Ok(None),
    }
}

/// May the caller read `request`? Another body's request answers 404, like one that does not
/// exist, so a member learns nothing about others.
pub fn read_request(caller: &Caller, request: &Request) -> Result<(), ApiError> {
    match reader(caller)? {
        Some(own) if own != request.member_id => Err(ApiError::not_found("request")),
        _ => Ok(()),
    }
}

/// The member of the request's body, or the staff account assigned to assess it.
pub fn answerer<'c>(caller: &'c Caller, request: &Request) -> Result<&'c User, ApiError> {
    read_request(caller, request)?;
    let user = caller.require(&[Role::Member, Role::Staff])?;
    if user.role == Role::Staff && request.assessor_id != Some(user.id) {
        return Err(ApiError::forbidden("Only the assessor assigned to this request answers with the member."));
    }
    Ok(user)
}

/// Programme decisions are the secretariat's: staff only.
pub fn staff(caller: &Caller) -> Result<&User, ApiError> {
    caller.require(&[Role::Staff])
}

fn own_member(user: &User) -> Result<Uuid, ApiError> {
    user.member_id.ok_or_else(|| ApiError::forbidden("This account is not linked to a member body."))
}
