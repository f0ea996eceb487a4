//! Funding: donors (contributions, earmarks and the ledger come with the funding service).

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::money::Money;
use crate::page::ListFormat;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum DonorType {
    MemberBody,
    Government,
    DevelopmentAgency,
    Foundation,
    Multilateral,
    Private,
}

impl DonorType {
    pub const ALL: [DonorType; 6] = [
        DonorType::MemberBody,
        DonorType::Government,
        DonorType::DevelopmentAgency,
        DonorType::Foundation,
        DonorType::Multilateral,
        DonorType::Private,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            DonorType::MemberBody => "member_body",
            DonorType::Government => "government",
            DonorType::DevelopmentAgency => "development_agency",
            DonorType::Foundation => "foundation",
            DonorType::Multilateral => "multilateral",
            DonorType::Private => "private",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.as_str() == s)
    }
}

/// `POST /donors` (staff).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreateDonor {
    pub name: String,
    pub donor_type: DonorType,
    /// ISO 3166-1 alpha-2, when the donor belongs to a country.
    pub country: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DonorResponse {
    pub id: Uuid,
    pub name: String,
    pub donor_type: DonorType,
    pub country: Option<String>,
    pub demo: bool,
    pub created_at: chrono::DateTime<chrono::Utc>,
}

/// `GET /donors` filters.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
pub struct ListDonors {
    pub donor_type: Option<DonorType>,
    pub q: Option<String>,
    #[serde(default)]
    pub format: ListFormat,
}

/// What one liaison region's beneficiaries received. Part of the funding service's `GET /kpis`
/// answer as `funding_by_region_rolling_3y` (CHF, allocations over the last three years); the
/// projects service reads it to suggest a proposal's geographic-distribution score.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RegionFunding {
    /// Liaison region code.
    pub region: String,
    pub allocated: Money,
}

/// The part of the funding service's `GET /kpis` answer that other services read (the full
/// answer has more fields; unknown fields are ignored when reading this).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FundingByRegion {
    /// CHF allocated per liaison region over the last three years.
    pub funding_by_region_rolling_3y: Vec<RegionFunding>,
}
