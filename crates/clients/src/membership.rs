//! Client of the membership service.

use api_types::membership::{CountryResponse, ListCountries, ListMembers, MemberResponse, RegionResponse};
use api_types::{Page, PageQuery};
use uuid::Uuid;

use crate::{ClientResult, ServiceClient};

#[derive(Debug, Clone)]
pub struct MembershipClient(pub ServiceClient);

impl MembershipClient {
    pub async fn countries(&self, filter: &ListCountries, page: PageQuery) -> ClientResult<Page<CountryResponse>> {
        self.0.get_page("/countries", filter, page).await
    }

    pub async fn regions(&self) -> ClientResult<Page<RegionResponse>> {
        self.0.get("/regions").await
    }

    pub async fn members(&self, filter: &ListMembers) -> ClientResult<Page<MemberResponse>> {
        self.0.get_query("/members", filter).await
    }

    pub async fn member(&self, id: Uuid) -> ClientResult<MemberResponse> {
        self.0.get(&format!("/members/{id}")).await
    }
}
