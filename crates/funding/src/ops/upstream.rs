//! The services funding asks: projects (fundable projects, a project's status) and membership
//! (liaison regions). Calls carry the caller's signed identity; a service that cannot be
//! reached is a 503 and nothing is written.

use std::collections::BTreeSet;

use api_types::projects::{FundableProject, ProjectResponse};
use clients::{ClientError, MembershipClient, ProjectsClient, ServiceClient};
use platform::ApiError;
use uuid::Uuid;

/// Base URLs of the services funding depends on.
#[derive(Debug, Clone)]
pub struct Upstreams {
    pub projects: ServiceClient,
    pub membership: ServiceClient,
}

impl Upstreams {
    pub fn new(projects_url: &str, membership_url: &str) -> anyhow::Result<Upstreams> {
        Ok(Upstreams { projects: ServiceClient::new(projects_url)?, membership: ServiceClient::new(membership_url)? })
    }

    fn projects(&self, identity: &str) -> ProjectsClient {
        ProjectsClient(self.projects.as_caller(identity))
    }

    pub async fn fundable(&self, identity: &str) -> Result<Vec<FundableProject>, ApiError> {
        self.projects(identity).fundable().await.map_err(|e| unavailable("projects", e))
    }

    /// The project, or `None` when the projects service does not know it.
    pub async fn project(&self, identity: &str, id: Uuid) -> Result<Option<ProjectResponse>, ApiError> {
        match self.projects(identity).get(id).await {
            Ok(p) => Ok(Some(p)),
            Err(ClientError::Api { status: 404, .. }) => Ok(None),
            Err(e) => Err(unavailable("projects", e)),
        }
    }

    pub async fn regions(&self, identity: &str) -> Result<BTreeSet<String>, ApiError> {
        let page = MembershipClient(self.membership.as_caller(identity))
            .regions()
            .await
            .map_err(|e| unavailable("membership", e))?;
        Ok(page.items.into_iter().map(|r| r.code).collect())
    }
}

fn unavailable(service: &str, e: ClientError) -> ApiError {
    tracing::warn!(service, error = %e, "upstream call failed");
    ApiError::Unavailable { service: service.to_owned(), message: "could not get an answer in time".to_owned() }
}
