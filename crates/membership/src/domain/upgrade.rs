//! Upgrade requests: a member asks to move up exactly one category (subscriber →
//! correspondent → member body); staff approve or reject with a reason. The rules are checked
//! here, against the member's state when the request is made and again when it is decided.

use api_types::membership::{MemberCategory, MemberStatus, UpgradeStatus, UpgradeVerdict};

use super::{Refusal, codes, text};

/// Checks that a member in `category` and `status`, with or without an open request, may ask
/// for `to`; returns the justification, trimmed.
pub fn check_request(
    category: MemberCategory,
    status: MemberStatus,
    has_open_request: bool,
    to: MemberCategory,
    justification: &str,
) -> Result<String, Refusal> {
    let justification = text::reason(justification).map_err(|p| Refusal::invalid("justification", p))?;
    if status != MemberStatus::Active {
        return Err(Refusal::conflict(
            codes::MEMBER_NOT_ACTIVE,
            format!("Only an active member may ask for an upgrade; this member is {}.", status.as_str()),
        ));
    }
    if has_open_request {
        return Err(Refusal::conflict(
            codes::UPGRADE_REQUEST_OPEN,
            "The member already has an open upgrade request; wait for the decision on it.",
        ));
    }
    check_step(category, to)?;
    Ok(justification)
}

/// `to` must be exactly one step above `from`.
pub fn check_step(from: MemberCategory, to: MemberCategory) -> Result<(), Refusal> {
    let Some(next) = from.next_up() else {
        return Err(Refusal::conflict(
            codes::NO_HIGHER_CATEGORY,
            "A member body is already in the highest category; there is nothing to upgrade to.",
        ));
    };
    if to == next {
        return Ok(());
    }
    let why = if to == from {
        format!("the member is already a {}", words(from))
    } else if to.rank() < from.rank() {
        format!("{} → {} is a downgrade", words(from), words(to))
    } else {
        format!("{} → {} skips a category", words(from), words(to))
    };
    Err(Refusal::conflict(
        codes::ILLEGAL_UPGRADE,
        format!(
            "An upgrade moves up exactly one category: {why}; a {} may ask to become a {}.",
            words(from),
            words(next)
        ),
    ))
}

/// The outcome of a decision, when it is allowed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    /// Change the member's category to `to` and close the request as approved.
    Approve { to: MemberCategory, reason: String },
    /// Close the request as rejected.
    Reject { reason: String },
}

/// Checks a decision on a request from `from` to `to` in `request_status`, for a member now in
/// `category` and `status`.
pub fn decide(
    request_status: UpgradeStatus,
    from: MemberCategory,
    to: MemberCategory,
    category: MemberCategory,
    status: MemberStatus,
    verdict: UpgradeVerdict,
    reason: &str,
) -> Result<Decision, Refusal> {
    let reason = text::reason(reason).map_err(|p| Refusal::invalid("reason", p))?;
    if request_status != UpgradeStatus::Open {
        return Err(Refusal::conflict(
            codes::UPGRADE_REQUEST_DECIDED,
            format!("This request was already {}.", request_status.as_str()),
        ));
    }
    match verdict {
        UpgradeVerdict::Reject => Ok(Decision::Reject { reason }),
        UpgradeVerdict::Approve => {
            if category != from {
                return Err(Refusal::conflict(
                    codes::UPGRADE_REQUEST_STALE,
                    format!(
                        "The member asked as a {} but is now a {}; reject this request and let the member ask again.",
                        words(from),
                        words(category)
                    ),
                ));
            }
            if status != MemberStatus::Active {
                return Err(Refusal::conflict(
                    codes::MEMBER_NOT_ACTIVE,
                    format!("Only an active member can be upgraded; this member is {}.", status.as_str()),
                ));
            }
            check_step(from, to)?;
            Ok(Decision::Approve { to, reason })
        }
    }
}

/// A category in words, for messages.
pub fn words(category: MemberCategory) -> &'static str {
    match category {
        MemberCategory::MemberBody => "member body",
        MemberCategory::Correspondent => "correspondent",
        MemberCategory::Subscriber => "subscriber",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use MemberCategory::{Correspondent, MemberBody, Subscriber};
    use proptest::prelude::*;

    fn code(r: Result<impl std::fmt::Debug, Refusal>) -> &'static str {
        match r {
            Err(Refusal::Conflict { code, .. }) => code,
            Err(Refusal::Invalid(_)) => "validation_failed",
            Ok(v) => panic!("expected a refusal, got {v:?}"),
        }
    }

    #[test]
    fn one_step_up_is_the_only_upgrade() {
        assert!(check_request(Subscriber, MemberStatus::Active, false, Correspondent, "ready").is_ok());
        assert!(check_request(Correspondent, MemberStatus::Active, false, MemberBody, "ready").is_ok());
        assert_eq!(
            code(check_request(Subscriber, MemberStatus::Active, false, MemberBody, "x")),
            codes::ILLEGAL_UPGRADE
        );
        assert_eq!(
            code(check_request(Correspondent, MemberStatus::Active, false, Subscriber, "x")),
            codes::ILLEGAL_UPGRADE
        );
        assert_eq!(
            code(check_request(Correspondent, MemberStatus::Active, false, Correspondent, "x")),
            codes::ILLEGAL_UPGRADE
        );
        assert_eq!(
            code(check_request(MemberBody, MemberStatus::Active, false, MemberBody, "x")),
            codes::NO_HIGHER_CATEGORY
        );
        assert_eq!(
            code(check_request(Subscriber, MemberStatus::Active, true, Correspondent, "x")),
            codes::UPGRADE_REQUEST_OPEN
        );
        assert_eq!(
            code(check_request(Subscriber, MemberStatus::Suspended, false, Correspondent, "x")),
            codes::MEMBER_NOT_ACTIVE
        );
        assert_eq!(
            code(check_request(Subscriber, MemberStatus::Active, false, Correspondent, "  ")),
            "validation_failed"
        );
    }

    #[test]
    fn messages_say_what_is_wrong() {
        let Err(Refusal::Conflict { message, .. }) = check_step(Subscriber, MemberBody) else { panic!() };
        assert!(message.contains("skips a category"), "{message}");
        assert!(message.contains("may ask to become a correspondent"), "{message}");
        let Err(Refusal::Conflict { message, .. }) = check_step(MemberBody, Correspondent) else { panic!() };
        assert!(message.contains("highest category"), "{message}");
        let Err(Refusal::Conflict { message, .. }) = check_step(Correspondent, Subscriber) else { panic!() };
        assert!(message.contains("downgrade"), "{message}");
    }

    #[test]
    fn decisions_apply_once_and_only_to_the_state_asked_from() {
        let approve = |status, category, member_status| {
            decide(
                status,
                Subscriber,
                Correspondent,
                category,
                member_status,
                UpgradeVerdict::Approve,
                "meets criteria",
            )
        };
        assert_eq!(
            approve(UpgradeStatus::Open, Subscriber, MemberStatus::Active).unwrap(),
            Decision::Approve { to: Correspondent, reason: "meets criteria".into() }
        );
        assert_eq!(
            code(approve(UpgradeStatus::Approved, Subscriber, MemberStatus::Active)),
            codes::UPGRADE_REQUEST_DECIDED
        );
        assert_eq!(
            code(approve(UpgradeStatus::Rejected, Subscriber, MemberStatus::Active)),
            codes::UPGRADE_REQUEST_DECIDED
        );
        assert_eq!(
            code(approve(UpgradeStatus::Open, Correspondent, MemberStatus::Active)),
            codes::UPGRADE_REQUEST_STALE
        );
        assert_eq!(code(approve(UpgradeStatus::Open, Subscriber, MemberStatus::Withdrawn)), codes::MEMBER_NOT_ACTIVE);
        // A stale or withdrawn member's request can still be rejected.
        let reject = decide(
            UpgradeStatus::Open,
            Subscriber,
            Correspondent,
            Correspondent,
            MemberStatus::Withdrawn,
            UpgradeVerdict::Reject,
            "moot",
        );
        assert_eq!(reject.unwrap(), Decision::Reject { reason: "moot".into() });
        let no_reason = decide(
            UpgradeStatus::Open,
            Subscriber,
            Correspondent,
            Subscriber,
            MemberStatus::Active,
            UpgradeVerdict::Reject,
            "",
        );
        assert_eq!(code(no_reason), "validation_failed");
    }

    fn category() -> impl Strategy<Value = MemberCategory> {
        prop::sample::select(MemberCategory::ALL.to_vec())
    }

    proptest! {
        #[test]
        fn an_accepted_request_always_goes_up_exactly_one_rank(from in category(), to in category()) {
            if check_step(from, to).is_ok() {
                prop_assert_eq!(to.rank(), from.rank() + 1);
            } else {
                prop_assert_ne!(to.rank(), from.rank() + 1);
            }
        }
    }
}
