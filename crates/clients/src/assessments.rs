//! Client of the assessments (ICT support) service.

use api_types::Page;
use api_types::assessments::{
    CreateSupportRequest, ListSupportRequests, QuestionnaireResponse, SupportRequestResponse,
};

use crate::{ClientResult, ServiceClient};

#[derive(Debug, Clone)]
pub struct AssessmentsClient(pub ServiceClient);

impl AssessmentsClient {
    pub async fn current_questionnaire(&self) -> ClientResult<QuestionnaireResponse> {
        self.0.get("/questionnaires/current").await
    }

    pub async fn requests(&self, filter: &ListSupportRequests) -> ClientResult<Page<SupportRequestResponse>> {
        self.0.get_query("/requests", filter).await
    }

    pub async fn create_request(&self, body: &CreateSupportRequest) -> ClientResult<SupportRequestResponse> {
        self.0.post("/requests", body).await
    }
}
