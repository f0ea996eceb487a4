//! The other services this one calls, and the identity it signs for those calls.

use clients::{MembershipClient, ProjectsClient, ServiceClient};
use platform::identity::IdentityKeys;
use platform::{ApiError, Caller};

/// Typed clients of membership (regions for the KPIs) and projects (proposals), and the keys
/// that sign who a call is made for.
#[derive(Debug, Clone)]
pub struct Links {
    pub membership: ServiceClient,
    pub projects: ServiceClient,
    pub identity: IdentityKeys,
}

impl Links {
    /// The projects client acting as `caller`.
    pub fn projects_as(&self, caller: &Caller) -> Result<ProjectsClient, ApiError> {
        Ok(ProjectsClient(self.projects.as_caller(self.identity.sign(caller)?)))
    }

    /// The membership client acting as `caller`.
    pub fn membership_as(&self, caller: &Caller) -> Result<MembershipClient, ApiError> {
        Ok(MembershipClient(self.membership.as_caller(self.identity.sign(caller)?)))
    }
}
