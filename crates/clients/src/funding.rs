//! Client of the funding service.

use api_types::Page;
use api_types::funding::{CreateDonor, DonorResponse, FundingByRegion, ListDonors, UpdateDonor};
use uuid::Uuid;

use crate::{ClientResult, ServiceClient};

#[derive(Debug, Clone)]
pub struct FundingClient(pub ServiceClient);

impl FundingClient {
    pub async fn donors(&self, filter: &ListDonors) -> ClientResult<Page<DonorResponse>> {
        self.0.get_query("/donors", filter).await
    }

    pub async fn donor(&self, id: Uuid) -> ClientResult<DonorResponse> {
        self.0.get(&format!("/donors/{id}")).await
    }

    pub async fn create_donor(&self, body: &CreateDonor) -> ClientResult<DonorResponse> {
        self.0.post("/donors", body).await
    }

    pub async fn update_donor(&self, id: Uuid, body: &UpdateDonor) -> ClientResult<DonorResponse> {
        self.0.patch(&format!("/donors/{id}"), body).await
    }

    /// CHF allocated per liaison region over the last three years (part of `GET /kpis`).
    pub async fn region_funding(&self) -> ClientResult<FundingByRegion> {
        self.0.get("/kpis").await
    }
}
