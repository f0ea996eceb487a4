//! Client of the projects service.

use api_types::Page;
use api_types::projects::{CreateProject, ListProjects, ProjectResponse};
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
}
