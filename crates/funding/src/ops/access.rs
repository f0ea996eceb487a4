//! Who may do what: the role checks every use case starts with.

use api_types::Role;
use api_types::funding::DonorResponse;
use platform::{ApiError, Caller, User};
use uuid::Uuid;

/// Staff (and admins, who run the platform) move money.
pub fn staff(caller: &Caller) -> Result<&User, ApiError> {
    caller.require(&[Role::Staff, Role::Admin])
}

/// Readers of funding data: staff, admins, the committee and donor accounts. A donor account is
/// limited to its own donor, returned as `Some`.
pub fn reader(caller: &Caller) -> Result<(&User, Option<Uuid>), ApiError> {
    let user = caller.require(&[Role::Staff, Role::Committee, Role::Admin, Role::Donor])?;
    match user.role {
        Role::Donor => Ok((
            user,
            Some(user.donor_id.ok_or_else(|| ApiError::forbidden("This account is not linked to a donor."))?),
        )),
        _ => Ok((user, None)),
    }
}

/// Donors' contact details are personal data: staff and admins manage them and a donor account
/// sees its own (readers are limited to their donor already); the committee does not need them.
pub fn sees_contacts(user: &User) -> bool {
    matches!(user.role, Role::Staff | Role::Admin | Role::Donor)
}

/// A donor as `user` may see it: without contact details unless [`sees_contacts`].
pub fn redact(user: &User, mut donor: DonorResponse) -> DonorResponse {
    if !sees_contacts(user) {
        donor.contact = None;
    }
    donor
}

/// 404 unless a donor-limited reader may see `donor`.
pub fn may_see(limit: Option<Uuid>, donor: Uuid, what: &str) -> Result<(), ApiError> {
    match limit {
        Some(own) if own != donor => Err(ApiError::not_found(what)),
        _ => Ok(()),
    }
}
