//! Client of the assessments (ICT support) service.

use api_types::Page;
use api_types::assessments::{
    AcceptPackage, AssessmentKpis, AssessmentResponse, AssignAssessor, CloseRequest, CreateRecommendation,
    CreateSupportRequest, ListSupportRequests, MaturityHistory, ProposalResponse, QuestionnaireDefinition,
    QuestionnaireResponse, RecommendationResponse, SaveSection, ScoreResponse, SupportRequestResponse,
    UpdateRecommendation,
};
use uuid::Uuid;

use crate::{ClientResult, ServiceClient};

#[derive(Debug, Clone)]
pub struct AssessmentsClient(pub ServiceClient);

impl AssessmentsClient {
    pub async fn current_questionnaire(&self) -> ClientResult<QuestionnaireResponse> {
        self.0.get("/questionnaires/current").await
    }

    pub async fn questionnaire(&self, version: i32) -> ClientResult<QuestionnaireResponse> {
        self.0.get(&format!("/questionnaires/{version}")).await
    }

    pub async fn publish_questionnaire(&self, body: &QuestionnaireDefinition) -> ClientResult<QuestionnaireResponse> {
        self.0.post("/questionnaires", body).await
    }

    pub async fn requests(&self, filter: &ListSupportRequests) -> ClientResult<Page<SupportRequestResponse>> {
        self.0.get_query("/requests", filter).await
    }

    pub async fn request(&self, id: Uuid) -> ClientResult<SupportRequestResponse> {
        self.0.get(&format!("/requests/{id}")).await
    }

    pub async fn create_request(&self, body: &CreateSupportRequest) -> ClientResult<SupportRequestResponse> {
        self.0.post("/requests", body).await
    }

    pub async fn assign_assessor(&self, id: Uuid, body: &AssignAssessor) -> ClientResult<SupportRequestResponse> {
        self.0.put(&format!("/requests/{id}/assessor"), body).await
    }

    pub async fn close(&self, id: Uuid, body: &CloseRequest) -> ClientResult<SupportRequestResponse> {
        self.0.post(&format!("/requests/{id}/close"), body).await
    }

    pub async fn assessment(&self, id: Uuid) -> ClientResult<AssessmentResponse> {
        self.0.get(&format!("/requests/{id}/assessment")).await
    }

    pub async fn save_section(&self, id: Uuid, section: &str, body: &SaveSection) -> ClientResult<AssessmentResponse> {
        self.0.put(&format!("/requests/{id}/assessment/sections/{section}"), body).await
    }

    pub async fn submit(&self, id: Uuid) -> ClientResult<ScoreResponse> {
        self.0.post(&format!("/requests/{id}/assessment/submit"), &serde_json::json!({})).await
    }

    pub async fn score(&self, id: Uuid) -> ClientResult<ScoreResponse> {
        self.0.get(&format!("/requests/{id}/score")).await
    }

    pub async fn recommendations(&self, id: Uuid) -> ClientResult<Vec<RecommendationResponse>> {
        self.0.get(&format!("/requests/{id}/recommendations")).await
    }

    pub async fn add_recommendation(
        &self,
        id: Uuid,
        body: &CreateRecommendation,
    ) -> ClientResult<RecommendationResponse> {
        self.0.post(&format!("/requests/{id}/recommendations"), body).await
    }

    pub async fn update_recommendation(
        &self,
        id: Uuid,
        rec_id: Uuid,
        body: &UpdateRecommendation,
    ) -> ClientResult<RecommendationResponse> {
        self.0.patch(&format!("/requests/{id}/recommendations/{rec_id}"), body).await
    }

    pub async fn remove_recommendation(&self, id: Uuid, rec_id: Uuid) -> ClientResult<()> {
        self.0.delete(&format!("/requests/{id}/recommendations/{rec_id}")).await
    }

    pub async fn accept(&self, id: Uuid, body: &AcceptPackage) -> ClientResult<ProposalResponse> {
        self.0.post(&format!("/requests/{id}/accept"), body).await
    }

    pub async fn proposal(&self, id: Uuid) -> ClientResult<ProposalResponse> {
        self.0.get(&format!("/requests/{id}/proposal")).await
    }

    pub async fn maturity(&self, member_id: Uuid) -> ClientResult<MaturityHistory> {
        self.0.get(&format!("/members/{member_id}/maturity")).await
    }

    /// The assessment KPIs (the gateway's dashboard composes them).
    pub async fn kpis(&self) -> ClientResult<AssessmentKpis> {
        self.0.get("/kpis").await
    }
}
