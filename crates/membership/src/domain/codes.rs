//! The error codes of the membership service (the `code` of its 409s and 400s), stable so the
//! SPA and scripts can match on them. Validation failures use the shared `validation_failed`.

/// 409: the country already has a current (active or suspended) member body.
pub const COUNTRY_HAS_MEMBER: &str = "country_has_member";
/// 409: a withdrawn member's status or category cannot change (withdrawal is final).
pub const MEMBER_WITHDRAWN: &str = "member_withdrawn";
/// 409: only an active member may ask for, or be granted, an upgrade.
pub const MEMBER_NOT_ACTIVE: &str = "member_not_active";
/// 409: the requested category is not exactly one step above the current one.
pub const ILLEGAL_UPGRADE: &str = "illegal_upgrade";
/// 409: a member body is already in the highest category.
pub const NO_HIGHER_CATEGORY: &str = "no_higher_category";
/// 409: the member already has an open upgrade request.
pub const UPGRADE_REQUEST_OPEN: &str = "upgrade_request_open";
/// 409: the upgrade request was already decided.
pub const UPGRADE_REQUEST_DECIDED: &str = "upgrade_request_decided";
/// 409: the member's category changed since the request was made.
pub const UPGRADE_REQUEST_STALE: &str = "upgrade_request_stale";
/// 409: the participation overlaps another one that excludes it.
pub const PARTICIPATION_OVERLAP: &str = "participation_overlap";
/// 409: the country is not developing, so it has no liaison region to move.
pub const COUNTRY_NOT_DEVELOPING: &str = "country_not_developing";
/// 409: the country is already in that liaison region.
pub const ALREADY_IN_REGION: &str = "already_in_region";
/// 400: the CSV body cannot be read as text.
pub const MALFORMED_CSV: &str = "malformed_csv";
