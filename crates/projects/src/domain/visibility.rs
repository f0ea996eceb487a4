//! Who may see which projects.

use api_types::Role;
use api_types::projects::ProjectStatus;
use uuid::Uuid;

/// The projects a caller may see.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Visibility {
    /// Staff, the committee and admins see every project.
    All,
    /// A member body sees its own proposals and projects, drafts included.
    OwnMember(Uuid),
    /// Donors see work that has been approved, i.e. that money can go to or went to.
    Statuses(&'static [ProjectStatus]),
    /// Nothing (an account without the link its role needs).
    Nothing,
}

/// Statuses of projects past approval.
pub const APPROVED_AND_AFTER: &[ProjectStatus] = &[
    ProjectStatus::Approved,
    ProjectStatus::Funded,
    ProjectStatus::InProgress,
    ProjectStatus::Completed,
    ProjectStatus::Evaluated,
];

pub fn visibility(role: Role, member_id: Option<Uuid>) -> Visibility {
    match role {
        Role::Staff | Role::Committee | Role::Admin => Visibility::All,
        Role::Member => member_id.map_or(Visibility::Nothing, Visibility::OwnMember),
        Role::Donor => Visibility::Statuses(APPROVED_AND_AFTER),
    }
}

impl Visibility {
    pub fn allows(&self, status: ProjectStatus, member_id: Uuid) -> bool {
        match self {
            Visibility::All => true,
            Visibility::OwnMember(own) => *own == member_id,
            Visibility::Statuses(statuses) => statuses.contains(&status),
            Visibility::Nothing => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn members_see_only_their_own_and_donors_only_approved_work() {
        let mine = Uuid::new_v4();
        let other = Uuid::new_v4();
        let member = visibility(Role::Member, Some(mine));
        assert!(member.allows(ProjectStatus::Draft, mine));
        assert!(!member.allows(ProjectStatus::Approved, other));
        let donor = visibility(Role::Donor, None);
        assert!(!donor.allows(ProjectStatus::Draft, other));
        assert!(donor.allows(ProjectStatus::Funded, other));
        assert!(visibility(Role::Committee, None).allows(ProjectStatus::Draft, other));
        assert_eq!(visibility(Role::Member, None), Visibility::Nothing);
    }
}
