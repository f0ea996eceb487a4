//! Who may see which projects.

use api_types::Role;
use api_types::projects::ProjectStatus;
use uuid::Uuid;

/// The projects a caller may see.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Visibility {
    /// Staff, the committee and admins see every project.
    All,
    /// A member body sees its own proposals and projects, drafts included, and the published
    /// work of others.
    OwnAndPublished(Uuid),
    /// Donors see published work: what money can go to or went to.
    Published,
    /// Nothing (an account without the link its role needs).
    Nothing,
}

/// Published: approved and after (not drafts, proposals under review, rejected or cancelled).
pub const PUBLISHED: &[ProjectStatus] = &[
    ProjectStatus::Approved,
    ProjectStatus::Funded,
    ProjectStatus::InProgress,
    ProjectStatus::Completed,
    ProjectStatus::Evaluated,
];

pub fn visibility(role: Role, member_id: Option<Uuid>) -> Visibility {
    match role {
        Role::Staff | Role::Committee | Role::Admin => Visibility::All,
        Role::Member => member_id.map_or(Visibility::Nothing, Visibility::OwnAndPublished),
        Role::Donor => Visibility::Published,
    }
}

impl Visibility {
    pub fn allows(&self, status: ProjectStatus, member_id: Uuid) -> bool {
        match self {
            Visibility::All => true,
            Visibility::OwnAndPublished(own) => *own == member_id || PUBLISHED.contains(&status),
            Visibility::Published => PUBLISHED.contains(&status),
            Visibility::Nothing => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn members_see_their_own_and_published_work_and_donors_only_published() {
        let mine = Uuid::new_v4();
        let other = Uuid::new_v4();
        let member = visibility(Role::Member, Some(mine));
        assert!(member.allows(ProjectStatus::Draft, mine));
        assert!(!member.allows(ProjectStatus::Submitted, other));
        assert!(member.allows(ProjectStatus::Approved, other));
        let donor = visibility(Role::Donor, None);
        assert!(!donor.allows(ProjectStatus::Draft, other));
        assert!(!donor.allows(ProjectStatus::Rejected, other));
        assert!(donor.allows(ProjectStatus::Funded, other));
        assert!(visibility(Role::Committee, None).allows(ProjectStatus::Draft, other));
        assert_eq!(visibility(Role::Member, None), Visibility::Nothing);
    }
}
