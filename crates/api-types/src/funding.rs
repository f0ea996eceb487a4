//! Funding: donors, contributions and their earmarks, FX rates, allocation plans,
//! disbursements, the ledger, donor statements and funding KPIs.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::membership::ContactDetails;
use crate::money::{Currency, Money};
use crate::page::ListFormat;
use crate::projects::Theme;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum DonorType {
    MemberBody,
    Government,
    DevelopmentAgency,
    Foundation,
    Multilateral,
    /// Private sector, individuals and anyone else.
    Other,
}

impl DonorType {
    pub const ALL: [DonorType; 6] = [
        DonorType::MemberBody,
        DonorType::Government,
        DonorType::DevelopmentAgency,
        DonorType::Foundation,
        DonorType::Multilateral,
        DonorType::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            DonorType::MemberBody => "member_body",
            DonorType::Government => "government",
            DonorType::DevelopmentAgency => "development_agency",
            DonorType::Foundation => "foundation",
            DonorType::Multilateral => "multilateral",
            DonorType::Other => "other",
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
    /// The donor agreed to be named on the public transparency portal (default: not named).
    #[serde(default)]
    pub publicly_named: bool,
    /// Who to write to at the donor (personal data: staff, admins and the donor itself see it).
    #[serde(default)]
    pub contact: ContactDetails,
}

/// `PATCH /donors/{id}` (staff): every field optional; an absent field stays unchanged. An empty
/// `country` clears it; a `contact` replaces the contact details whole.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UpdateDonor {
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub donor_type: Option<DonorType>,
    #[serde(default)]
    pub country: Option<String>,
    #[serde(default)]
    pub publicly_named: Option<bool>,
    #[serde(default)]
    pub contact: Option<ContactDetails>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DonorResponse {
    pub id: Uuid,
    pub name: String,
    pub donor_type: DonorType,
    pub country: Option<String>,
    /// The donor agreed to be named on the public transparency portal.
    #[serde(default)]
    pub publicly_named: bool,
    /// Contact details; `null` for readers who may not see personal data (the committee).
    #[serde(default)]
    pub contact: Option<ContactDetails>,
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

/// Where a contribution's money may go: a hard promise to the donor.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum EarmarkInput {
    Unrestricted,
    /// Projects whose beneficiaries are all in these liaison regions.
    Regions {
        regions: Vec<String>,
    },
    Themes {
        themes: Vec<Theme>,
    },
    RegionsAndThemes {
        regions: Vec<String>,
        themes: Vec<Theme>,
    },
    Project {
        project_id: Uuid,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ContributionStatus {
    Pledged,
    Received,
    Cancelled,
}

impl ContributionStatus {
    pub const ALL: [ContributionStatus; 3] =
        [ContributionStatus::Pledged, ContributionStatus::Received, ContributionStatus::Cancelled];

    pub fn as_str(self) -> &'static str {
        match self {
            ContributionStatus::Pledged => "pledged",
            ContributionStatus::Received => "received",
            ContributionStatus::Cancelled => "cancelled",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.as_str() == s)
    }
}

/// `POST /contributions`: a pledge. A donor account pledges for its own donor (`donor_id` may
/// be left out); staff name the donor.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreateContribution {
    pub donor_id: Option<Uuid>,
    /// In any ISO 4217 currency.
    pub amount: Money,
    pub earmark: EarmarkInput,
}

/// `POST /contributions/{id}/receipt` (staff): what actually arrived, and when.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RecordReceipt {
    /// In the pledge's currency.
    pub amount: Money,
    pub value_date: NaiveDate,
}

/// A contribution's money now, in CHF, derived from the ledger.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ContributionBalances {
    pub received: Money,
    /// Received and not allocated: what the planner may use.
    pub open: Money,
    /// Allocated (net of releases), disbursed or not.
    pub allocated: Money,
    pub disbursed: Money,
    /// Allocated and not yet disbursed.
    pub unspent: Money,
    pub refunded: Money,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ContributionResponse {
    pub id: Uuid,
    pub donor_id: Uuid,
    pub status: ContributionStatus,
    pub pledged: Money,
    pub earmark: EarmarkInput,
    /// What arrived, in the original currency.
    pub received: Option<Money>,
    /// CHF per unit of the original currency on the value date.
    pub fx_rate: Option<String>,
    pub value_date: Option<NaiveDate>,
    pub balances: ContributionBalances,
    pub demo: bool,
    pub created_at: chrono::DateTime<chrono::Utc>,
}

/// `GET /contributions` filters.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
pub struct ListContributions {
    pub donor_id: Option<Uuid>,
    pub status: Option<ContributionStatus>,
    #[serde(default)]
    pub format: ListFormat,
}

/// `POST /fx-rates` (admin): CHF per one unit of `currency` from `valid_from` on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SetFxRate {
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "EUR"))]
    pub currency: Currency,
    pub valid_from: NaiveDate,
    /// A decimal string such as `"0.9412"`.
    pub rate: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FxRateResponse {
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "EUR"))]
    pub currency: Currency,
    pub valid_from: NaiveDate,
    pub rate: String,
    pub created_at: chrono::DateTime<chrono::Utc>,
}

/// `GET /fx-rates` filters.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
pub struct ListFxRates {
    #[cfg_attr(feature = "openapi", param(value_type = Option<String>))]
    pub currency: Option<Currency>,
    #[serde(default)]
    pub format: ListFormat,
}

/// `POST /allocation-plans` (staff): propose a plan. `priority` lists projects to serve first,
/// in that order; the other fundable projects follow by review score, then approval date.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProposePlan {
    #[serde(default)]
    pub priority: Vec<Uuid>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum PlanStatus {
    Proposed,
    Committed,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PlannedAllocation {
    pub contribution_id: Uuid,
    pub donor_id: Uuid,
    pub project_id: Uuid,
    pub amount: Money,
}

/// Why a project is not (fully) funded by a plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum UnfundedReason {
    /// Fully funded.
    None,
    /// No contribution with open money has an earmark that admits the project.
    NoEligibleFunds,
    /// Eligible money is not enough, after projects ranked higher took their share.
    EligibleFundsExhausted,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PlannedProject {
    pub project_id: Uuid,
    pub title: String,
    /// 1 = served first.
    pub rank: u32,
    /// Budget in CHF not yet allocated before this plan.
    pub remaining: Money,
    pub funded: Money,
    pub unfunded: Money,
    pub reason: UnfundedReason,
    /// Open money whose earmark admits this project.
    pub eligible: Money,
    /// Of `eligible`, what this plan gives to projects ranked higher.
    pub to_higher_priority: Money,
}

/// Money a plan spends, by how restricted it is.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SpendByRestriction {
    pub project: Money,
    pub regions_and_themes: Money,
    pub regions_or_themes: Money,
    pub unrestricted: Money,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PlanResponse {
    pub id: Uuid,
    pub status: PlanStatus,
    pub created_at: chrono::DateTime<chrono::Utc>,
    pub committed_at: Option<chrono::DateTime<chrono::Utc>>,
    /// Ledger position the plan was made at.
    pub ledger_seq: i64,
    pub total: Money,
    pub by_restriction: SpendByRestriction,
    pub allocations: Vec<PlannedAllocation>,
    pub projects: Vec<PlannedProject>,
}

/// One contribution's money in one project (`GET /allocations`), CHF.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AllocationResponse {
    pub contribution_id: Uuid,
    pub donor_id: Uuid,
    pub project_id: Uuid,
    /// Day (UTC) the contribution was first committed to the project: the ledger entry of the
    /// plan commit that first allocated it there.
    pub committed_on: NaiveDate,
    /// Net of releases.
    pub allocated: Money,
    pub disbursed: Money,
    pub unspent: Money,
}

/// `GET /allocations` filters.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
pub struct ListAllocations {
    pub project_id: Option<Uuid>,
    pub contribution_id: Option<Uuid>,
    pub donor_id: Option<Uuid>,
    #[serde(default)]
    pub format: ListFormat,
}

/// `POST /disbursements` (staff): pay out of a project's allocations (CHF).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreateDisbursement {
    pub project_id: Uuid,
    pub amount: Money,
    pub note: Option<String>,
}

/// The part of a disbursement or release drawn on one contribution.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ContributionSlice {
    pub contribution_id: Uuid,
    pub amount: Money,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DisbursementResponse {
    pub id: Uuid,
    pub project_id: Uuid,
    pub amount: Money,
    pub note: Option<String>,
    pub slices: Vec<ContributionSlice>,
    pub ledger_seq: i64,
    pub recorded_at: chrono::DateTime<chrono::Utc>,
}

/// `GET /disbursements` filters.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
pub struct ListDisbursements {
    pub project_id: Option<Uuid>,
    #[serde(default)]
    pub format: ListFormat,
}

/// `POST /projects/{id}/release` (staff): unspent allocations of a closed or cancelled project
/// return to the contributions they came from, earmarks intact.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReleaseResponse {
    pub project_id: Uuid,
    pub released: Money,
    pub slices: Vec<ContributionSlice>,
}

/// `GET /ledger/verify`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LedgerVerification {
    pub ok: bool,
    pub entries_checked: u64,
    pub head_seq: i64,
    pub head_hash: String,
    pub first_broken: Option<BrokenEntry>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BrokenEntry {
    pub seq: i64,
    /// `content_altered`, `previous_hash_mismatch`, `sequence_gap` or `unbalanced`.
    pub reason: String,
}

/// One project's line in a donor statement.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StatementProject {
    pub project_id: Uuid,
    pub allocated: Money,
    pub released: Money,
    pub disbursed: Money,
    pub unspent: Money,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StatementContribution {
    pub contribution_id: Uuid,
    pub status: ContributionStatus,
    pub pledged: Money,
    pub earmark: EarmarkInput,
    pub received: Option<Money>,
    pub fx_rate: Option<String>,
    pub value_date: Option<NaiveDate>,
    pub balances: ContributionBalances,
    pub projects: Vec<StatementProject>,
}

/// `GET /donors/{id}/statement`: contribution → receipt → allocations per project →
/// disbursements → balance, all derived from the ledger (CHF).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DonorStatement {
    pub donor: DonorResponse,
    pub generated_at: chrono::DateTime<chrono::Utc>,
    /// Ledger position the statement reflects.
    pub ledger_seq: i64,
    pub contributions: Vec<StatementContribution>,
    pub totals: ContributionBalances,
    /// Held by the programme for this donor (cash in the ledger) equals open plus unspent.
    pub reconciles: bool,
}

/// `GET /donors/{id}/statement?format=json|csv|html`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum StatementFormat {
    #[default]
    Json,
    Csv,
    Html,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
pub struct StatementQuery {
    #[serde(default)]
    pub format: StatementFormat,
}

/// Received, allocated, disbursed and unspent money (CHF) of one slice of the KPIs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FundingFigures {
    pub received: Money,
    pub allocated: Money,
    pub disbursed: Money,
    pub unspent: Money,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct KeyedFigures {
    /// A year, a liaison region code, a theme or a donor type.
    pub key: String,
    pub figures: FundingFigures,
}

/// `GET /kpis`: the funding KPIs, all in CHF. By year: the year of the movement. By region and
/// theme: allocations of projects (a project in several regions counts in each in equal parts);
/// received money has no region, so those rows show what was allocated, disbursed and unspent.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FundingKpis {
    pub totals: FundingFigures,
    /// Received money under any earmark.
    pub earmarked: Money,
    pub unrestricted: Money,
    /// `earmarked / (earmarked + unrestricted)` in percent, two decimals, as a string.
    pub earmarked_share_percent: String,
    pub by_year: Vec<KeyedFigures>,
    pub by_region: Vec<KeyedFigures>,
    pub by_theme: Vec<KeyedFigures>,
    pub by_donor_type: Vec<KeyedFigures>,
    pub funding_by_region_rolling_3y: Vec<RegionFunding>,
}
