//! Membership: countries, liaison regions and member bodies.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::page::ListFormat;

/// World Bank income group of a country (the basis of the default `developing` flag).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum IncomeLevel {
    Low,
    LowerMiddle,
    UpperMiddle,
    High,
}

impl IncomeLevel {
    pub fn as_str(self) -> &'static str {
        match self {
            IncomeLevel::Low => "low",
            IncomeLevel::LowerMiddle => "lower_middle",
            IncomeLevel::UpperMiddle => "upper_middle",
            IncomeLevel::High => "high",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [Self::Low, Self::LowerMiddle, Self::UpperMiddle, Self::High].into_iter().find(|l| l.as_str() == s)
    }
}

/// Why a country counts as developing (or not).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum DevelopingBasis {
    /// Low, lower-middle or upper-middle income in the World Bank classification.
    IncomeLevel,
    /// No World Bank income level is published for this country or territory.
    Unclassified,
    /// A staff decision, e.g. for an economy in transition.
    StaffOverride,
}

/// One country or territory of the reference data.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CountryResponse {
    /// ISO 3166-1 alpha-2.
    pub code: String,
    /// ISO 3166-1 alpha-3.
    pub alpha3: String,
    /// UN M49 numeric code.
    pub m49: String,
    pub name_en: String,
    pub name_fr: String,
    /// UN M49 region (Africa, Americas, Asia, Europe, Oceania).
    pub m49_region: Option<String>,
    pub m49_sub_region: Option<String>,
    pub m49_intermediate_region: Option<String>,
    pub income_level: Option<IncomeLevel>,
    pub developing: bool,
    pub developing_basis: DevelopingBasis,
    /// Least developed country (UN).
    pub ldc: bool,
    /// Landlocked developing country (UN).
    pub lldc: bool,
    /// Small island developing state (UN).
    pub sids: bool,
    pub independent: bool,
    /// Code of the liaison region this country belongs to, if it is developing.
    pub liaison_region: Option<String>,
}

/// `GET /countries` filters.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
pub struct ListCountries {
    /// Liaison region code.
    pub region: Option<String>,
    /// Only developing (`true`) or only developed (`false`) countries.
    pub developing: Option<bool>,
    /// Case-insensitive search in the English and French names and the codes.
    pub q: Option<String>,
    /// Order of the list; names sort alphabetically ignoring accents and case.
    #[serde(default)]
    pub sort: CountrySort,
    #[serde(default)]
    pub format: ListFormat,
}

/// How `GET /countries` orders its rows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum CountrySort {
    #[default]
    NameEn,
    NameFr,
    Code,
}

/// A liaison region: the programme's own grouping of developing countries.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RegionResponse {
    /// Stable code, e.g. `africa-francophone`.
    pub code: String,
    pub name_en: String,
    pub name_fr: String,
    /// Position in lists.
    pub sort_order: i32,
    /// Developing countries mapped to this region.
    pub country_count: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum MemberCategory {
    MemberBody,
    Correspondent,
    Subscriber,
}

impl MemberCategory {
    pub fn as_str(self) -> &'static str {
        match self {
            MemberCategory::MemberBody => "member_body",
            MemberCategory::Correspondent => "correspondent",
            MemberCategory::Subscriber => "subscriber",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [Self::MemberBody, Self::Correspondent, Self::Subscriber].into_iter().find(|c| c.as_str() == s)
    }
}

/// A national standards body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MemberResponse {
    pub id: Uuid,
    /// ISO 3166-1 alpha-2 of the member's country.
    pub country: String,
    pub name: String,
    pub acronym: String,
    pub category: MemberCategory,
    pub developing: bool,
    pub liaison_region: Option<String>,
    pub joined_on: chrono::NaiveDate,
    pub devco: bool,
    /// Generated demo data, not a real member.
    pub demo: bool,
}

/// `GET /members` filters.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
pub struct ListMembers {
    pub developing: Option<bool>,
    pub region: Option<String>,
    pub category: Option<MemberCategory>,
    pub q: Option<String>,
    #[serde(default)]
    pub format: ListFormat,
}
