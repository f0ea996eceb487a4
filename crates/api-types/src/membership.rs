//! Membership: countries, liaison regions and their history, member bodies, upgrade requests,
//! technical-committee participation, CSV import, KPIs and the events the service emits.

use chrono::{DateTime, NaiveDate, Utc};
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
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

impl DevelopingBasis {
    pub const ALL: [DevelopingBasis; 3] =
        [DevelopingBasis::IncomeLevel, DevelopingBasis::Unclassified, DevelopingBasis::StaffOverride];

    pub fn as_str(self) -> &'static str {
        match self {
            DevelopingBasis::IncomeLevel => "income_level",
            DevelopingBasis::Unclassified => "unclassified",
            DevelopingBasis::StaffOverride => "staff_override",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|b| b.as_str() == s)
    }
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
    /// What the World Bank income level alone says (low, lower-middle and upper-middle income
    /// count as developing); differs from `developing` only under a staff override.
    pub developing_by_income: bool,
    /// Why staff overrode `developing` (set only when `developing_basis` is `staff_override`).
    pub developing_reason: Option<String>,
    /// The staff account that made the override.
    pub developing_decided_by: Option<Uuid>,
    pub developing_decided_at: Option<DateTime<Utc>>,
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
    /// Only countries whose `developing` flag has this basis (e.g. `staff_override`).
    pub basis: Option<DevelopingBasis>,
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

/// Staff rename a liaison region (`PATCH /regions/{code}`). The code never changes, so every
/// reference to the region (mapping, earmarks, projects) stays valid.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UpdateRegion {
    /// New English name; unchanged when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name_en: Option<String>,
    /// New French name; unchanged when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name_fr: Option<String>,
    /// Why (kept in the reference history).
    pub reason: String,
}

/// Staff override whether a country counts as developing (`PUT /countries/{code}/developing`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SetDeveloping {
    /// `true` or `false` to override; `null` (or absent) to return to the World Bank income
    /// level as the basis.
    #[serde(default)]
    pub developing: Option<bool>,
    /// Why, e.g. "economy in transition" (required, kept in the history).
    pub reason: String,
    /// The liaison region of a country that becomes developing; by default the one the
    /// documented geographic rule suggests.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// From when the change holds for the KPIs (default today; never in the future, never
    /// before the country's latest mapping change).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub effective_on: Option<NaiveDate>,
}

/// Staff move a developing country to another liaison region (`PUT /countries/{code}/region`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MoveCountry {
    /// Code of the liaison region.
    pub region: String,
    /// Why (required, kept in the mapping history).
    pub reason: String,
    /// From when the new region holds (default today; never in the future, never before the
    /// country's latest mapping change).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub effective_on: Option<NaiveDate>,
}

/// One effective-dated row of the country → liaison region mapping. A country has a row for
/// every period in which it was developing; the rows of one country never overlap, and at most
/// one is open (`valid_to` null). KPIs of a year use the row valid at that year's end.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RegionPeriodResponse {
    pub id: i64,
    /// ISO 3166-1 alpha-2.
    pub country: String,
    /// Liaison region code.
    pub region: String,
    /// First day of the period; `null` for the default mapping, which holds since the start.
    pub valid_from: Option<NaiveDate>,
    /// The day the period ended (exclusive: the first day it no longer holds); `null` while
    /// current.
    pub valid_to: Option<NaiveDate>,
    pub opened_at: DateTime<Utc>,
    /// Who opened the period; `null` for the default mapping loaded from the reference data.
    pub opened_by: Option<Uuid>,
    pub opened_reason: String,
    pub closed_at: Option<DateTime<Utc>>,
    pub closed_by: Option<Uuid>,
    pub closed_reason: Option<String>,
}

/// `GET /region-mapping` filters.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
pub struct ListRegionMapping {
    /// ISO 3166-1 alpha-2.
    pub country: Option<String>,
    /// Liaison region code.
    pub region: Option<String>,
    /// Only the rows valid on this day (the mapping as it was then).
    pub on: Option<NaiveDate>,
    #[serde(default)]
    pub format: ListFormat,
}

/// What kind of change to the reference data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ReferenceChangeKind {
    /// A country's `developing` flag set by staff.
    DevelopingOverride,
    /// A staff override removed: the income level is the basis again.
    DevelopingReset,
    /// A country moved to another liaison region.
    RegionMove,
    /// A liaison region renamed.
    RegionRename,
}

impl ReferenceChangeKind {
    pub const ALL: [ReferenceChangeKind; 4] = [
        ReferenceChangeKind::DevelopingOverride,
        ReferenceChangeKind::DevelopingReset,
        ReferenceChangeKind::RegionMove,
        ReferenceChangeKind::RegionRename,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ReferenceChangeKind::DevelopingOverride => "developing_override",
            ReferenceChangeKind::DevelopingReset => "developing_reset",
            ReferenceChangeKind::RegionMove => "region_move",
            ReferenceChangeKind::RegionRename => "region_rename",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// One staff change to the reference data, newest first in lists.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReferenceChangeResponse {
    pub id: Uuid,
    pub changed_at: DateTime<Utc>,
    pub changed_by: Uuid,
    pub change: ReferenceChangeKind,
    /// Country code (overrides, moves) or region code (renames).
    pub subject: String,
    /// The value before, in words (e.g. `developing (income level)`, `asia`).
    pub before: Option<String>,
    /// The value after.
    pub after: Option<String>,
    pub reason: String,
}

/// `GET /reference-changes` filters.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
pub struct ListReferenceChanges {
    pub change: Option<ReferenceChangeKind>,
    /// Country or region code.
    pub subject: Option<String>,
    #[serde(default)]
    pub format: ListFormat,
}

/// The membership category of a national standards body.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum MemberCategory {
    MemberBody,
    Correspondent,
    Subscriber,
}

impl MemberCategory {
    /// Highest first, the order lists and KPIs show them in.
    pub const ALL: [MemberCategory; 3] =
        [MemberCategory::MemberBody, MemberCategory::Correspondent, MemberCategory::Subscriber];

    pub fn as_str(self) -> &'static str {
        match self {
            MemberCategory::MemberBody => "member_body",
            MemberCategory::Correspondent => "correspondent",
            MemberCategory::Subscriber => "subscriber",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.as_str() == s)
    }

    /// 1 for subscriber, 2 for correspondent, 3 for member body: an upgrade goes up by one.
    pub fn rank(self) -> u8 {
        match self {
            MemberCategory::Subscriber => 1,
            MemberCategory::Correspondent => 2,
            MemberCategory::MemberBody => 3,
        }
    }

    /// The category one step up, if any.
    pub fn next_up(self) -> Option<MemberCategory> {
        match self {
            MemberCategory::Subscriber => Some(MemberCategory::Correspondent),
            MemberCategory::Correspondent => Some(MemberCategory::MemberBody),
            MemberCategory::MemberBody => None,
        }
    }
}

/// Where a member body stands. At most one member per country is `active` or `suspended` at a
/// time; `withdrawn` is final (a body that rejoins is registered again).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum MemberStatus {
    Active,
    /// Rights suspended (e.g. unpaid fees); still the country's member body.
    Suspended,
    /// No longer a member since `left_on`.
    Withdrawn,
}

impl MemberStatus {
    pub const ALL: [MemberStatus; 3] = [MemberStatus::Active, MemberStatus::Suspended, MemberStatus::Withdrawn];

    pub fn as_str(self) -> &'static str {
        match self {
            MemberStatus::Active => "active",
            MemberStatus::Suspended => "suspended",
            MemberStatus::Withdrawn => "withdrawn",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.as_str() == s)
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
    /// Whether the member's country counts as developing (from the country, now).
    pub developing: bool,
    /// The liaison region of the member's country, if it is developing.
    pub liaison_region: Option<String>,
    pub joined_on: NaiveDate,
    /// Member of the committee on developing country matters (DEVCO).
    pub devco: bool,
    /// Generated demo data, not a real member.
    pub demo: bool,
    pub status: MemberStatus,
    /// The day a withdrawn member left.
    pub left_on: Option<NaiveDate>,
    pub contact_person: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub website: Option<String>,
    pub postal_address: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// The public facts of a member body (`GET /members/{id}/summary`): what any signed-in account
/// may know about any body, e.g. to name it as the beneficiary of a proposal. Never contact
/// details.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MemberSummary {
    pub id: Uuid,
    pub name: String,
    pub acronym: String,
    /// ISO 3166-1 alpha-2 of the member's country.
    pub country: String,
    pub category: MemberCategory,
    /// Whether the member's country counts as developing (from the country, now).
    pub developing: bool,
    /// The liaison region of the member's country, if it is developing.
    pub liaison_region: Option<String>,
    pub status: MemberStatus,
}

impl From<MemberResponse> for MemberSummary {
    fn from(m: MemberResponse) -> Self {
        MemberSummary {
            id: m.id,
            name: m.name,
            acronym: m.acronym,
            country: m.country,
            category: m.category,
            developing: m.developing,
            liaison_region: m.liaison_region,
            status: m.status,
        }
    }
}

/// `GET /members` filters.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
pub struct ListMembers {
    /// Members of developing (`true`) or developed (`false`) countries.
    pub developing: Option<bool>,
    /// Liaison region code.
    pub region: Option<String>,
    pub category: Option<MemberCategory>,
    /// Accent- and case-insensitive search in the name, acronym, country code and country names.
    pub q: Option<String>,
    pub status: Option<MemberStatus>,
    pub devco: Option<bool>,
    #[serde(default)]
    pub format: ListFormat,
}

/// A member body's contact details (`PUT /members/{id}/contact` replaces them all; an absent or
/// `null` field is cleared).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ContactDetails {
    #[serde(default)]
    pub contact_person: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
    /// International format, e.g. `+254 20 6948000`.
    #[serde(default)]
    pub phone: Option<String>,
    /// An `http://` or `https://` address.
    #[serde(default)]
    pub website: Option<String>,
    /// Several lines allowed.
    #[serde(default)]
    pub postal_address: Option<String>,
}

/// Staff register a member body (`POST /members`). It starts `active`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreateMember {
    /// ISO 3166-1 alpha-2 of a country of the reference data.
    pub country: String,
    pub name: String,
    pub acronym: String,
    pub category: MemberCategory,
    pub joined_on: NaiveDate,
    #[serde(default)]
    pub devco: bool,
    #[serde(default)]
    pub contact_person: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub phone: Option<String>,
    #[serde(default)]
    pub website: Option<String>,
    #[serde(default)]
    pub postal_address: Option<String>,
}

/// Staff change a member body (`PATCH /members/{id}`): absent fields stay as they are. A change
/// of category or status needs a `reason`; a category change is kept in the member's category
/// history and announced as `member.category_changed`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UpdateMember {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub acronym: Option<String>,
    /// A correction of the country (the new one must have no other current member).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<MemberCategory>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<MemberStatus>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub joined_on: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub devco: Option<bool>,
    /// From when a category change holds, or the day a withdrawal takes effect (default today;
    /// never in the future).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub effective_on: Option<NaiveDate>,
    /// Why the category or status changes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// One period of a member's category: it held `category` from `valid_from` until the next entry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CategoryChangeResponse {
    /// Increasing with every change (a sequence for event consumers).
    pub id: i64,
    pub member_id: Uuid,
    pub category: MemberCategory,
    /// The category before; `null` for the category the member joined in.
    pub previous: Option<MemberCategory>,
    pub valid_from: NaiveDate,
    pub changed_at: DateTime<Utc>,
    /// `null` for registrations by the system (reference load, import of history).
    pub changed_by: Option<Uuid>,
    pub reason: String,
    /// The upgrade request this change approved, if any.
    pub upgrade_request_id: Option<Uuid>,
}

/// Where an upgrade request stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum UpgradeStatus {
    Open,
    Approved,
    Rejected,
}

impl UpgradeStatus {
    pub const ALL: [UpgradeStatus; 3] = [UpgradeStatus::Open, UpgradeStatus::Approved, UpgradeStatus::Rejected];

    pub fn as_str(self) -> &'static str {
        match self {
            UpgradeStatus::Open => "open",
            UpgradeStatus::Approved => "approved",
            UpgradeStatus::Rejected => "rejected",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.as_str() == s)
    }
}

/// A member asks to move up one category (`POST /members/{id}/upgrade-requests`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreateUpgradeRequest {
    /// Exactly one step above the current category: subscriber → correspondent, correspondent →
    /// member body.
    pub to_category: MemberCategory,
    /// Why the member is ready (required).
    pub justification: String,
}

/// A request to move up one category.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UpgradeRequestResponse {
    pub id: Uuid,
    pub member_id: Uuid,
    pub from_category: MemberCategory,
    pub to_category: MemberCategory,
    pub justification: String,
    pub status: UpgradeStatus,
    pub requested_by: Uuid,
    pub requested_at: DateTime<Utc>,
    pub decided_by: Option<Uuid>,
    pub decided_at: Option<DateTime<Utc>>,
    pub decision_reason: Option<String>,
}

/// `GET /upgrade-requests` and `GET /members/{id}/upgrade-requests` filters.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
pub struct ListUpgradeRequests {
    pub status: Option<UpgradeStatus>,
    /// Only this member's requests (`GET /upgrade-requests`).
    pub member_id: Option<Uuid>,
    #[serde(default)]
    pub format: ListFormat,
}

/// What staff decide on an upgrade request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum UpgradeVerdict {
    Approve,
    Reject,
}

/// Staff decide an open upgrade request (`POST /upgrade-requests/{id}/decision`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DecideUpgrade {
    pub decision: UpgradeVerdict,
    /// Why (required for both verdicts; the member sees it).
    pub reason: String,
    /// From when an approved category holds (default today; never in the future).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub effective_on: Option<NaiveDate>,
}

/// A member body's role in a technical committee.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum ParticipationRole {
    /// Participating member: votes and takes part in the work.
    #[serde(rename = "P")]
    P,
    /// Observing member.
    #[serde(rename = "O")]
    O,
    /// Holds the committee's secretariat.
    #[serde(rename = "secretariat")]
    Secretariat,
}

impl ParticipationRole {
    pub const ALL: [ParticipationRole; 3] =
        [ParticipationRole::P, ParticipationRole::O, ParticipationRole::Secretariat];

    pub fn as_str(self) -> &'static str {
        match self {
            ParticipationRole::P => "P",
            ParticipationRole::O => "O",
            ParticipationRole::Secretariat => "secretariat",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.as_str() == s)
    }
}

/// A member body's participation in a technical committee, `since` to `until` (both days
/// included; `until` null while it lasts).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ParticipationResponse {
    pub id: Uuid,
    pub member_id: Uuid,
    /// The member's country (ISO 3166-1 alpha-2).
    pub country: String,
    pub member_acronym: String,
    /// Normalised committee reference, e.g. `ISO/TC 176` or `ISO/IEC JTC 1/SC 27`.
    pub committee: String,
    pub role: ParticipationRole,
    pub since: NaiveDate,
    pub until: Option<NaiveDate>,
    /// Generated demo data.
    pub demo: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// Staff record a participation (`POST /members/{id}/participations`) or replace one
/// (`PUT /participations/{id}`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ParticipationInput {
    /// e.g. `ISO/TC 176`, `ISO/TC 34/SC 9`, `ISO/IEC JTC 1/SC 27`, `ISO/PC 302`, `ISO/CASCO`.
    pub committee: String,
    pub role: ParticipationRole,
    pub since: NaiveDate,
    /// Last day (included); `null` while the participation lasts.
    #[serde(default)]
    pub until: Option<NaiveDate>,
}

/// `GET /participations` and `GET /members/{id}/participations` filters.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
pub struct ListParticipations {
    /// Committee reference, normalised like the stored ones (`iso/tc176` finds `ISO/TC 176`).
    pub committee: Option<String>,
    pub role: Option<ParticipationRole>,
    /// Only participations held on this day.
    pub on: Option<NaiveDate>,
    /// Only members of developing (`true`) or developed (`false`) countries
    /// (`GET /participations`).
    pub developing: Option<bool>,
    /// Liaison region of the member's country (`GET /participations`).
    pub region: Option<String>,
    #[serde(default)]
    pub format: ListFormat,
}

/// What a CSV import holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ImportKind {
    /// Columns `country, name, acronym, category, joined_on` and optionally `status, left_on,
    /// devco, contact_person, email, phone, website, postal_address`.
    Members,
    /// Columns `country, committee, role, since` and optionally `until`.
    Participations,
}

impl ImportKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ImportKind::Members => "members",
            ImportKind::Participations => "participations",
        }
    }
}

/// `POST /import` query.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
pub struct ImportQuery {
    pub kind: ImportKind,
}

/// What an import did. Importing the same file again creates and updates nothing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ImportReport {
    pub kind: ImportKind,
    /// Data rows in the file.
    pub rows: u64,
    pub created: u64,
    pub updated: u64,
    pub unchanged: u64,
}

/// One problem of a rejected import, in `details.rows` of its 422.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ImportProblem {
    /// Line in the file (the header is line 1).
    pub line: u64,
    /// The column at fault, when there is one.
    pub column: Option<String>,
    pub message: String,
}

/// `GET /kpis` query: the years of the time series (default: the last ten, this one included).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
pub struct KpiQuery {
    pub from: Option<i32>,
    pub to: Option<i32>,
}

/// Members counted by category.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CategoryCounts {
    pub member_body: u64,
    pub correspondent: u64,
    pub subscriber: u64,
    pub total: u64,
}

/// A region's part of a yearly figure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RegionCategoryCounts {
    pub region: String,
    pub counts: CategoryCounts,
}

/// Developing-country members at the end of one year (or today, for the current year).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DevelopingMembersYear {
    pub year: i32,
    /// The day the figures describe.
    pub as_of: NaiveDate,
    pub counts: CategoryCounts,
    /// Every liaison region, in display order.
    pub by_region: Vec<RegionCategoryCounts>,
}

/// A count per liaison region.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RegionCount {
    pub region: String,
    pub count: u64,
}

/// Category upgrades that took effect in one year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UpgradesYear {
    pub year: i32,
    /// Every upgrade (a move to a higher category), of any member.
    pub total: u64,
    pub subscriber_to_correspondent: u64,
    pub correspondent_to_member_body: u64,
    /// Upgrades of members whose country was developing at the time.
    pub developing: u64,
    /// The developing members' upgrades by the region they were in at the time.
    pub by_region: Vec<RegionCount>,
}

/// DEVCO membership now (the registry keeps no DEVCO dates).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DevcoKpi {
    /// Current (active or suspended) members in DEVCO.
    pub members: u64,
    /// Of which from developing countries.
    pub developing: u64,
    pub by_region: Vec<RegionCount>,
}

/// Committee roles held by developing members in one region.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RegionParticipation {
    pub region: String,
    pub p_memberships: u64,
    pub o_memberships: u64,
    pub secretariats: u64,
}

/// Committee roles held by developing members at the end of one year (or today).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ParticipationYear {
    pub year: i32,
    pub as_of: NaiveDate,
    pub p_memberships: u64,
    pub o_memberships: u64,
    pub secretariats: u64,
    pub by_region: Vec<RegionParticipation>,
}

/// A liaison region as the KPIs name it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct KpiRegion {
    pub code: String,
    pub name_en: String,
    pub name_fr: String,
}

/// `GET /kpis`: the participation KPIs of the programme, as yearly time series. A member counts
/// in a year when it had joined and not withdrawn by the year's end; it counts as developing
/// and in a region by the country → region mapping valid then, and in the category it held then.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MembershipKpis {
    pub generated_at: DateTime<Utc>,
    pub from_year: i32,
    pub to_year: i32,
    /// The liaison regions, in display order; every `by_region` list follows it.
    pub regions: Vec<KpiRegion>,
    pub developing_members: Vec<DevelopingMembersYear>,
    pub upgrades: Vec<UpgradesYear>,
    pub devco: DevcoKpi,
    pub participation: Vec<ParticipationYear>,
}

/// Event topic: a member body was registered (by staff or by an import).
pub const MEMBER_CREATED: &str = "member.created";

/// Payload of [`MEMBER_CREATED`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MemberCreated {
    pub member_id: Uuid,
    pub country: String,
    pub name: String,
    pub acronym: String,
    pub category: MemberCategory,
    pub status: MemberStatus,
    pub joined_on: NaiveDate,
    pub developing: bool,
    pub liaison_region: Option<String>,
    pub devco: bool,
    pub demo: bool,
}

/// Event topic: a member body's category changed (an approved upgrade, a staff correction or
/// an import).
pub const MEMBER_CATEGORY_CHANGED: &str = "member.category_changed";

/// Payload of [`MEMBER_CATEGORY_CHANGED`]. Delivery is at least once and may be out of order:
/// a consumer keeps the change with the highest `seq` it has seen for a member.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MemberCategoryChanged {
    pub member_id: Uuid,
    pub country: String,
    pub from: MemberCategory,
    pub to: MemberCategory,
    pub effective_on: NaiveDate,
    pub reason: String,
    pub changed_by: Option<Uuid>,
    pub upgrade_request_id: Option<Uuid>,
    /// The id of the category-history entry: increases with every change.
    pub seq: i64,
}
