//! Editing a proposal (`PUT /projects/{id}`): who may, when, and what changed.
//!
//! Only the proposing member's accounts and staff (acting on its behalf) edit, and only while
//! the proposal is a `draft` or has been `returned` for changes: once submitted it is under the
//! reviewers' eyes, and after a decision it is a record. The new content replaces the old as a
//! whole (the create shape); what changed is named in the audit trail.

use api_types::Role;
use api_types::projects::ProjectStatus;
use uuid::Uuid;

use super::Refusal;
use super::proposal::NewProposal;
use super::workflow::Person;

/// The statuses in which a proposal may be edited.
pub const EDITABLE: [ProjectStatus; 2] = [ProjectStatus::Draft, ProjectStatus::Returned];

/// May `person` edit a proposal of member `owner` that is in `status`? 403 for anyone but the
/// owner's accounts and staff; 409 `not_editable` (naming [`EDITABLE`]) in any other status.
pub fn may_edit(person: &Person, owner: Uuid, status: ProjectStatus) -> Result<(), Refusal> {
    match person.role {
        Role::Staff => {}
        Role::Member if person.member_id == Some(owner) => {}
        _ => {
            return Err(Refusal::Forbidden(
                "Only the proposing member's accounts and staff may edit a proposal.".to_owned(),
            ));
        }
    }
    if EDITABLE.contains(&status) { Ok(()) } else { Err(Refusal::NotEditable { status }) }
}

/// The proposing member cannot change by editing: `asked` must be absent or the owner.
pub fn same_member(asked: Option<Uuid>, owner: Uuid) -> Result<(), Refusal> {
    match asked {
        Some(id) if id != owner => Err(Refusal::invalid("member_id", "the proposing member body cannot change")),
        _ => Ok(()),
    }
}

/// The fields (as the create shape names them) in which `new` differs from `old`, in form order.
pub fn changed_fields(old: &NewProposal, new: &NewProposal) -> Vec<&'static str> {
    let checks = [
        ("title", old.title != new.title),
        ("summary", old.summary != new.summary),
        ("objective", old.objective != new.objective),
        ("theme", old.theme != new.theme),
        ("delivery_methods", old.delivery_methods != new.delivery_methods),
        ("beneficiary_members", old.beneficiary_members != new.beneficiary_members),
        ("beneficiary_regions", old.beneficiary_regions != new.beneficiary_regions),
        ("budget_lines", old.budget != new.budget),
        ("planned_start", old.planned_start != new.planned_start),
        ("planned_end", old.planned_end != new.planned_end),
    ];
    checks.into_iter().filter(|(_, changed)| *changed).map(|(field, _)| field).collect()
}

/// The reason written to the audit trail for an edit.
pub fn trail_reason(changed: &[&str]) -> String {
    format!("edited: {}", changed.join(", "))
}

#[cfg(test)]
mod tests {
    use api_types::projects::Theme;

    use super::*;
    use crate::domain::proposal::Objective;

    fn person(role: Role, member_id: Option<Uuid>) -> Person {
        Person { id: Uuid::now_v7(), role, member_id }
    }

    fn proposal() -> NewProposal {
        NewProposal {
            title: "Workshop".into(),
            summary: "Why".into(),
            objective: Objective::parse(2).unwrap(),
            theme: Theme::IctSupport,
            delivery_methods: Default::default(),
            beneficiary_members: Default::default(),
            beneficiary_regions: Default::default(),
            budget: Vec::new(),
            planned_start: None,
            planned_end: None,
        }
    }

    #[test]
    fn the_owner_and_staff_edit_drafts_and_returned_proposals_only() {
        let owner = Uuid::now_v7();
        for who in [person(Role::Member, Some(owner)), person(Role::Staff, None)] {
            for status in ProjectStatus::ALL {
                let result = may_edit(&who, owner, status);
                if EDITABLE.contains(&status) {
                    assert_eq!(result, Ok(()), "{status:?}");
                } else {
                    assert_eq!(result, Err(Refusal::NotEditable { status }));
                }
            }
        }
        for who in [
            person(Role::Member, Some(Uuid::now_v7())),
            person(Role::Member, None),
            person(Role::Donor, None),
            person(Role::Committee, None),
            person(Role::Admin, None),
        ] {
            assert!(matches!(may_edit(&who, owner, ProjectStatus::Draft), Err(Refusal::Forbidden(_))), "{who:?}");
        }
    }

    #[test]
    fn the_proposing_member_stays() {
        let owner = Uuid::now_v7();
        assert_eq!(same_member(None, owner), Ok(()));
        assert_eq!(same_member(Some(owner), owner), Ok(()));
        assert!(
            matches!(same_member(Some(Uuid::now_v7()), owner), Err(Refusal::Invalid(f)) if f.contains_key("member_id"))
        );
    }

    #[test]
    fn changes_are_named_in_form_order() {
        let old = proposal();
        assert!(changed_fields(&old, &old).is_empty());
        let mut new = old.clone();
        new.planned_end = chrono::NaiveDate::from_ymd_opt(2027, 1, 1);
        new.title = "Better workshop".into();
        assert_eq!(changed_fields(&old, &new), ["title", "planned_end"]);
        assert_eq!(trail_reason(&changed_fields(&old, &new)), "edited: title, planned_end");
    }
}
