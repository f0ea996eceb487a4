//! The proposal → project workflow of PRODUCT.md, as one pure decision: given what is known
//! about a project and a request to move it, either the change to record or why not.
//!
//! `draft → submitted → under_review → approved | rejected | returned`; `returned → submitted`;
//! `approved → funded → in_progress → completed → evaluated`; `cancelled` from any open state.
//! Members submit and resubmit their own proposals (as does the staff member who drafted one on
//! a member's behalf); staff start the review, return, approve and reject; staff or the owner
//! cancel, start and complete delivery; `funded` follows the funding service; `evaluated` comes
//! with the evaluation. Returning, rejecting and cancelling need a reason.
//!
//! Approval is a count: the drafter and anyone from the proposing member can never approve;
//! above the two-approver threshold two distinct staff must approve before the status moves.

use api_types::Role;
use api_types::projects::ProjectStatus;
use uuid::Uuid;

use super::{Refusal, codes, text};
use ProjectStatus::{
    Approved, Cancelled, Completed, Draft, Evaluated, Funded, InProgress, Rejected, Returned, Submitted, UnderReview,
};

/// Statuses from which a project can still be cancelled.
pub const OPEN: [ProjectStatus; 7] = [Draft, Submitted, UnderReview, Returned, Approved, Funded, InProgress];

/// The states `from` may move to, in the workflow's order.
pub fn next_states(from: ProjectStatus) -> Vec<ProjectStatus> {
    let mut next = match from {
        Draft | Returned => vec![Submitted],
        Submitted => vec![UnderReview],
        UnderReview => vec![Approved, Rejected, Returned],
        Approved => vec![Funded],
        Funded => vec![InProgress],
        InProgress => vec![Completed],
        Completed => vec![Evaluated],
        Rejected | Evaluated | Cancelled => vec![],
    };
    if OPEN.contains(&from) {
        next.push(Cancelled);
    }
    next
}

/// A signed-in person acting on a project.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Person {
    pub id: Uuid,
    pub role: Role,
    pub member_id: Option<Uuid>,
}

/// Who asks for a change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Actor {
    Person(Person),
    /// The funding service, through an `allocation.committed` event.
    Funding,
}

/// What the decision needs to know about the project.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Facts {
    pub status: ProjectStatus,
    /// The proposing member body.
    pub member_id: Uuid,
    /// The account that drafted the proposal (a member's, or staff's on the member's behalf).
    pub created_by: Uuid,
    /// Staff who approved in the current review round.
    pub approvals: Vec<Uuid>,
    /// 1, or 2 above the threshold.
    pub approvals_needed: usize,
}

impl Facts {
    /// The person speaks for the proposer: drafted it, or belongs to the proposing member.
    pub fn is_proposer(&self, p: &Person) -> bool {
        p.id == self.created_by || p.member_id == Some(self.member_id)
    }

    /// A member account of the proposing member body, or the drafter.
    fn may_submit(&self, p: &Person) -> bool {
        (p.role == Role::Member && p.member_id == Some(self.member_id)) || p.id == self.created_by
    }

    fn is_owner_member(&self, p: &Person) -> bool {
        p.role == Role::Member && p.member_id == Some(self.member_id)
    }
}

/// A request to move a project to `to`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request<'a> {
    pub to: ProjectStatus,
    pub reason: Option<&'a str>,
    pub actor: Actor,
    /// The request comes with an evaluation (the only way to `evaluated`).
    pub with_evaluation: bool,
}

/// What to record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Change the status (with the approval that completed it, if `to` is `approved`).
    Move { from: ProjectStatus, to: ProjectStatus, reason: Option<String>, approval: Option<Uuid> },
    /// Record an approval; `missing` more distinct staff must approve.
    Approval { by: Uuid, missing: usize },
}

impl Outcome {
    /// The status after the change.
    pub fn status_after(&self, before: ProjectStatus) -> ProjectStatus {
        match self {
            Outcome::Move { to, .. } => *to,
            Outcome::Approval { .. } => before,
        }
    }
}

/// Decides a request; refusals change nothing.
pub fn decide(facts: &Facts, request: &Request<'_>) -> Result<Outcome, Refusal> {
    let (from, to) = (facts.status, request.to);
    let allowed = next_states(from);
    if !allowed.contains(&to) {
        return Err(Refusal::IllegalTransition { from, to, allowed });
    }
    let person = match request.actor {
        Actor::Funding if (from, to) == (Approved, Funded) => {
            return Ok(Outcome::Move { from, to, reason: Some("fully allocated".to_owned()), approval: None });
        }
        Actor::Funding => return Err(Refusal::Forbidden("The funding service only marks projects funded.".into())),
        Actor::Person(p) => p,
    };
    let staff = person.role == Role::Staff;
    let permitted = match to {
        Submitted => facts.may_submit(&person),
        UnderReview | Rejected | Returned => staff,
        Approved => {
            if !staff {
                false
            } else if facts.is_proposer(&person) {
                return Err(Refusal::Forbidden(
                    "You drafted this proposal or belong to the proposing member; another staff member must approve it."
                        .into(),
                ));
            } else {
                true
            }
        }
        Funded => {
            return Err(Refusal::Forbidden(
                "A project becomes funded when the funding service has allocated its whole budget.".into(),
            ));
        }
        InProgress | Completed | Cancelled => staff || facts.is_owner_member(&person),
        Evaluated if !request.with_evaluation => {
            return Err(Refusal::conflict(
                codes::EVALUATION_REQUIRED,
                "Record the evaluation (POST /projects/{id}/evaluation); it closes the project.",
            ));
        }
        Evaluated => staff,
        Draft => false,
    };
    if !permitted {
        return Err(Refusal::Forbidden(format!(
            "The {} role may not move this project from {} to {}.",
            person.role,
            from.as_str(),
            to.as_str()
        )));
    }
    let reason = match request.reason.map(str::trim).filter(|r| !r.is_empty()) {
        Some(r) if r.chars().count() > text::REASON_MAX => {
            return Err(Refusal::invalid("reason", format!("must be at most {} characters", text::REASON_MAX)));
        }
        Some(r) => Some(r.to_owned()),
        None if matches!(to, Rejected | Returned | Cancelled) => {
            return Err(Refusal::invalid("reason", format!("a reason is required to make a project {}", to.as_str())));
        }
        None => None,
    };
    if to == Approved {
        if facts.approvals.contains(&person.id) {
            return Err(Refusal::conflict(
                codes::ALREADY_APPROVED_BY_YOU,
                "You approved this proposal already; a second approval must come from another staff member.",
            ));
        }
        let given = facts.approvals.len() + 1;
        if given < facts.approvals_needed {
            return Ok(Outcome::Approval { by: person.id, missing: facts.approvals_needed - given });
        }
        return Ok(Outcome::Move { from, to, reason, approval: Some(person.id) });
    }
    Ok(Outcome::Move { from, to, reason, approval: None })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::collections::BTreeSet;

    const MEMBER: Uuid = Uuid::from_u128(1);
    const OTHER_MEMBER: Uuid = Uuid::from_u128(2);

    fn person(id: u128, role: Role, member_id: Option<Uuid>) -> Person {
        Person { id: Uuid::from_u128(id), role, member_id }
    }

    /// The cast: the drafter (a member account), a colleague at the same member, another member,
    /// two staff, a staff member who drafted on a member's behalf, a donor, committee, admin.
    fn cast() -> Vec<Actor> {
        vec![
            Actor::Person(person(10, Role::Member, Some(MEMBER))),
            Actor::Person(person(11, Role::Member, Some(MEMBER))),
            Actor::Person(person(12, Role::Member, Some(OTHER_MEMBER))),
            Actor::Person(person(20, Role::Staff, None)),
            Actor::Person(person(21, Role::Staff, None)),
            Actor::Person(person(22, Role::Staff, None)),
            Actor::Person(person(30, Role::Donor, None)),
            Actor::Person(person(31, Role::Committee, None)),
            Actor::Person(person(32, Role::Admin, None)),
            Actor::Funding,
        ]
    }

    fn facts(status: ProjectStatus, needed: usize) -> Facts {
        Facts {
            status,
            member_id: MEMBER,
            created_by: Uuid::from_u128(10),
            approvals: vec![],
            approvals_needed: needed,
        }
    }

    fn req(to: ProjectStatus, actor: Actor, reason: Option<&str>) -> Request<'_> {
        Request { to, reason, actor, with_evaluation: false }
    }

    #[test]
    fn the_happy_path_from_draft_to_evaluated() {
        let c = cast();
        let (owner, staff) = (c[0], c[3]);
        let steps = [
            (Draft, Submitted, owner),
            (Submitted, UnderReview, staff),
            (UnderReview, Approved, staff),
            (Approved, Funded, Actor::Funding),
            (Funded, InProgress, owner),
            (InProgress, Completed, owner),
        ];
        for (from, to, actor) in steps {
            let out = decide(&facts(from, 1), &req(to, actor, None)).unwrap();
            assert_eq!(out.status_after(from), to, "{from:?} → {to:?}");
        }
        let eval = Request { to: Evaluated, reason: None, actor: staff, with_evaluation: true };
        assert!(matches!(decide(&facts(Completed, 1), &eval), Ok(Outcome::Move { to: Evaluated, .. })));
        let bare = decide(&facts(Completed, 1), &req(Evaluated, staff, None)).unwrap_err();
        assert!(matches!(bare, Refusal::Conflict { code: codes::EVALUATION_REQUIRED, .. }));
    }

    #[test]
    fn illegal_transitions_name_the_allowed_next_states() {
        let err = decide(&facts(Draft, 1), &req(Approved, cast()[3], None)).unwrap_err();
        assert_eq!(err, Refusal::IllegalTransition { from: Draft, to: Approved, allowed: vec![Submitted, Cancelled] });
        let err = decide(&facts(Evaluated, 1), &req(Cancelled, cast()[3], Some("x"))).unwrap_err();
        assert!(matches!(err, Refusal::IllegalTransition { allowed, .. } if allowed.is_empty()));
    }

    #[test]
    fn roles_and_ownership_decide_who_moves_what() {
        let c = cast();
        // Another member may not submit, staff may not submit a member's own draft.
        assert!(matches!(decide(&facts(Draft, 1), &req(Submitted, c[2], None)), Err(Refusal::Forbidden(_))));
        assert!(matches!(decide(&facts(Draft, 1), &req(Submitted, c[3], None)), Err(Refusal::Forbidden(_))));
        // A colleague at the proposing member may submit.
        assert!(decide(&facts(Draft, 1), &req(Submitted, c[1], None)).is_ok());
        // Members cannot review; donors, committee and admins change nothing.
        for actor in [c[0], c[6], c[7], c[8]] {
            assert!(matches!(decide(&facts(Submitted, 1), &req(UnderReview, actor, None)), Err(Refusal::Forbidden(_))));
        }
        // Nobody but the funding service makes a project funded.
        assert!(matches!(decide(&facts(Approved, 1), &req(Funded, c[3], None)), Err(Refusal::Forbidden(_))));
        assert!(decide(&facts(Submitted, 1), &req(UnderReview, Actor::Funding, None)).is_err());
    }

    #[test]
    fn the_drafter_and_the_proposing_member_never_approve() {
        let c = cast();
        let mut f = facts(UnderReview, 1);
        // Staff who drafted on the member's behalf.
        f.created_by = Uuid::from_u128(20);
        assert!(matches!(decide(&f, &req(Approved, c[3], None)), Err(Refusal::Forbidden(_))));
        // A staff account linked to the proposing member.
        let linked = Actor::Person(person(40, Role::Staff, Some(MEMBER)));
        assert!(matches!(decide(&f, &req(Approved, linked, None)), Err(Refusal::Forbidden(_))));
        assert!(decide(&f, &req(Approved, c[4], None)).is_ok());
    }

    #[test]
    fn above_the_threshold_two_distinct_staff_approve() {
        let c = cast();
        let mut f = facts(UnderReview, 2);
        let first = decide(&f, &req(Approved, c[3], None)).unwrap();
        assert_eq!(first, Outcome::Approval { by: Uuid::from_u128(20), missing: 1 });
        f.approvals.push(Uuid::from_u128(20));
        let again = decide(&f, &req(Approved, c[3], None)).unwrap_err();
        assert!(matches!(again, Refusal::Conflict { code: codes::ALREADY_APPROVED_BY_YOU, .. }));
        let second = decide(&f, &req(Approved, c[4], None)).unwrap();
        assert!(matches!(second, Outcome::Move { to: Approved, .. }));
    }

    #[test]
    fn rejecting_returning_and_cancelling_need_a_reason() {
        let c = cast();
        for to in [Rejected, Returned, Cancelled] {
            let err = decide(&facts(UnderReview, 1), &req(to, c[3], Some("   "))).unwrap_err();
            assert!(matches!(err, Refusal::Invalid(ref p) if p.contains_key("reason")), "{to:?}");
        }
    }

    /// The model the property test drives: the project's state and its audit trail.
    #[derive(Debug, Default)]
    struct Model {
        approvals: Vec<Uuid>,
        trail: Vec<(ProjectStatus, ProjectStatus, Option<String>, BTreeSet<Uuid>)>,
    }

    fn reachable() -> BTreeSet<&'static str> {
        let mut seen = BTreeSet::from([Draft.as_str()]);
        let mut frontier = vec![Draft];
        while let Some(s) = frontier.pop() {
            for n in next_states(s) {
                if seen.insert(n.as_str()) {
                    frontier.push(n);
                }
            }
        }
        seen
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        /// Random requests by random actors never reach a state the workflow forbids, every
        /// change of status is in the trail exactly once, chained, legal and with its reason,
        /// and approvals follow the two-approver and no-self-approval rules.
        #[test]
        fn random_requests_keep_the_workflow_and_the_trail(
            steps in prop::collection::vec(
                (0usize..11, 0usize..10, prop::option::of("[a-z ]{0,8}"), any::<bool>()), 1..60),
            needed in 1usize..=2,
        ) {
            let cast = cast();
            let reachable = reachable();
            let mut status = Draft;
            let mut model = Model::default();
            for (to, who, reason, with_evaluation) in steps {
                let f = Facts { status, member_id: MEMBER, created_by: Uuid::from_u128(10),
                    approvals: model.approvals.clone(), approvals_needed: needed };
                let to = ProjectStatus::ALL[to];
                let request = Request { to, reason: reason.as_deref(), actor: cast[who], with_evaluation };
                match decide(&f, &request) {
                    Err(_) => {} // nothing changes
                    Ok(Outcome::Approval { by, missing }) => {
                        prop_assert_eq!(status, UnderReview);
                        prop_assert!(missing >= 1);
                        model.approvals.push(by);
                    }
                    Ok(Outcome::Move { from, to, reason, approval }) => {
                        prop_assert_eq!(from, status);
                        prop_assert!(next_states(from).contains(&to));
                        let mut approvers: BTreeSet<Uuid> = BTreeSet::new();
                        if to == Approved {
                            approvers = model.approvals.iter().copied().chain(approval).collect();
                            prop_assert_eq!(approvers.len(), needed);
                        }
                        // A new review round starts from scratch.
                        if matches!(to, Returned | Rejected | Cancelled | Approved) {
                            model.approvals.clear();
                        }
                        model.trail.push((from, to, reason, approvers));
                        status = to;
                    }
                }
                prop_assert!(reachable.contains(status.as_str()));
            }
            // The trail is complete: it replays from draft to the current status.
            let mut replay = Draft;
            for (from, to, reason, approvers) in &model.trail {
                prop_assert_eq!(*from, replay);
                if matches!(to, Rejected | Returned | Cancelled) {
                    prop_assert!(reason.as_deref().is_some_and(|r| !r.trim().is_empty()));
                }
                for a in approvers {
                    prop_assert!(![10u128, 11, 12].contains(&a.as_u128()), "a member approved");
                }
                replay = *to;
            }
            prop_assert_eq!(replay, status);
        }
    }
}
