//! The projects service's own error codes (409 unless said otherwise); stable, for clients to
//! match and translate.

/// The requested status is not a next step of the current one (details: `from`, `to`, `allowed`).
pub const ILLEGAL_TRANSITION: &str = "illegal_transition";
/// The same staff account approved this proposal already.
pub const ALREADY_APPROVED_BY_YOU: &str = "already_approved_by_you";
/// Reviews, approvals, indicators, actuals or an evaluation asked for in the wrong status.
pub const WRONG_STATUS: &str = "wrong_status";
/// The proposal is not a draft or returned, so it cannot be edited (details: `status`, `allowed`).
pub const NOT_EDITABLE: &str = "not_editable";
/// An actual was decided already.
pub const ACTUAL_DECIDED: &str = "actual_decided";
/// An actual for that indicator and period exists already.
pub const ACTUAL_EXISTS: &str = "actual_exists";
/// The proposal names a member body the membership service does not know (422 on `field`).
pub const UNKNOWN_MEMBER: &str = "unknown_member";
/// `evaluated` is reached by recording the evaluation, not by a bare transition.
pub const EVALUATION_REQUIRED: &str = "evaluation_required";
