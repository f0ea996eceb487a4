//! Client of the membership service: the reads other services rely on.

use api_types::membership::{
    CountryResponse, KpiQuery, ListCountries, ListMembers, ListRegionMapping, MemberResponse, MemberSummary,
    MembershipKpis, RegionPeriodResponse, RegionResponse,
};
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

    /// The public facts of any member body, whatever the caller's role (no contact details).
    pub async fn member_summary(&self, id: Uuid) -> ClientResult<MemberSummary> {
        self.0.get(&format!("/members/{id}/summary")).await
    }

    /// The country → liaison region mapping over time (e.g. `on` a day, to place a past
    /// project's beneficiaries in the region they were in then).
    pub async fn region_mapping(
        &self,
        filter: &ListRegionMapping,
        page: PageQuery,
    ) -> ClientResult<Page<RegionPeriodResponse>> {
        self.0.get_page("/region-mapping", filter, page).await
    }

    /// The participation KPIs (the gateway's dashboard composes them).
    pub async fn kpis(&self, query: &KpiQuery) -> ClientResult<MembershipKpis> {
        self.0.get_query("/kpis", query).await
    }
}
