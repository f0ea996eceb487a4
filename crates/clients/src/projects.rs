//! Client of the projects service.

use api_types::Page;
use api_types::projects::{CreateProject, FundableProject, ListProjects, ProjectResponse};
use uuid::Uuid;

use crate::{ClientResult, ServiceClient};

#[derive(Debug, Clone)]
pub struct ProjectsClient(pub ServiceClient);

impl ProjectsClient {
    pub async fn list(&self, filter: &ListProjects) -> ClientResult<Page<ProjectResponse>> {
        self.0.get_query("/projects", filter).await
    }

    pub async fn get(&self, id: Uuid) -> ClientResult<ProjectResponse> {
        self.0.get(&format!("/projects/{id}")).await
    }

    pub async fn create(&self, body: &CreateProject) -> ClientResult<ProjectResponse> {
        self.0.post("/projects", body).await
    }

    /// Replaces the content of a draft or returned proposal (`PUT /projects/{id}`).
    pub async fn edit(&self, id: Uuid, body: &CreateProject) -> ClientResult<ProjectResponse> {
        self.0.put(&format!("/projects/{id}"), body).await
    }

    /// Creates the proposal at most once for `idempotency_key`: a retry with the same key and
    /// body returns the project the first call created.
    pub async fn create_idempotent(
        &self,
        body: &CreateProject,
        idempotency_key: &str,
    ) -> ClientResult<ProjectResponse> {
        self.0.post_idempotent("/projects", body, idempotency_key).await
    }

    /// Approved projects that still need money, for the allocation planner.
    pub async fn fundable(&self) -> ClientResult<Vec<FundableProject>> {
        self.0.get("/projects/fundable").await
    }
}
