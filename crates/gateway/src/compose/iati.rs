//! `GET /api/projects/iati.xml`: every published project (approved or later) as an IATI 2.03
//! `iati-activity`, composed from projects (the activities), funding (donors, allocations and
//! disbursements) and membership (the implementing member and the beneficiaries' countries).
//!
//! Routed before the generic `/api/projects/…` proxy. IATI data is published openly by
//! design, so the route needs no sign-in and reads the services with the portal's read-only
//! identity ([`super::public::portal_caller`]), rate limited like the portal. Elements are
//! written in the order the schema's sequences require (`data/iati-2.03/` holds the schema;
//! the whole-system tests validate the export with `xmllint --schema`).
//!
//! Codelist terms: organisation roles 1 funding (donors), 2 accountable and 3 extending (the
//! secretariat), 4 implementing (the proposing member); activity status from the workflow;
//! sector vocabulary 1 (OECD DAC) code 15144 "National standards development"; liaison regions
//! as `recipient-region` vocabulary 99 (the reporting organisation's own); transactions 1
//! incoming funds (each donor's allocation), 2 outgoing commitment (the same allocation to the
//! project) and 3 disbursement. Allocations carry no date of their own, so their transactions
//! are dated on the day the project last changed status (its funding), which is when they were
//! committed.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::time::Duration;

use api_types::funding::{
    AllocationResponse, DisbursementResponse, DonorResponse, DonorType, ListAllocations, ListDisbursements, ListDonors,
};
use api_types::membership::{ListMembers, MemberResponse};
use api_types::money::{CHF, Money};
use api_types::projects::{ListProjects, ProjectResponse, ProjectStatus};
use api_types::{Page, PageQuery};
use axum::extract::State;
use axum::http::{Extensions, HeaderMap, header};
use axum::response::{IntoResponse, Response};
use chrono::{NaiveDate, Utc};
use clients::ServiceClient;
use platform::ApiError;
use serde::Serialize;
use serde::de::DeserializeOwned;
use uuid::Uuid;

use super::public::{is_published, portal_caller, rate_limit};
use super::{MissingPart, bounded, client};
use crate::state::GatewayState;

/// The secretariat as an IATI organisation (reporting, accountable and extending).
pub const SECRETARIAT_REF: &str = "XM-DAC-TRELLIS";
const SECRETARIAT_NAME: &str = "Standards organisation secretariat, development unit (Trellis)";
/// OECD DAC purpose code: National standards development.
const SECTOR: &str = "15144";
/// Pages read from one list at most (200 rows each).
const MAX_PAGES: u32 = 100;

/// Anyone: the IATI 2.03 activity file of every published project.
#[utoipa::path(get, path = "/api/projects/iati.xml", tag = "public", responses(
    (status = 200, content_type = "application/xml", body = String, description = "IATI 2.03 `iati-activities`"),
    (status = 429, body = api_types::ErrorBody),
    (status = 503, body = api_types::ErrorBody, description = "projects, funding or membership is down")))]
pub async fn iati_xml(
    State(state): State<GatewayState>,
    extensions: Extensions,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    rate_limit(&state, &extensions, &headers).await?;
    let data = load(&state).await?;
    Ok(([(header::CONTENT_TYPE, "application/xml; charset=utf-8")], render(&data, Utc::now())).into_response())
}

/// What the export is made of.
pub struct IatiData {
    pub projects: Vec<ProjectResponse>,
    pub donors: HashMap<Uuid, DonorResponse>,
    pub members: HashMap<Uuid, MemberResponse>,
    pub allocations: Vec<AllocationResponse>,
    pub disbursements: Vec<DisbursementResponse>,
}

async fn load(state: &GatewayState) -> Result<IatiData, ApiError> {
    let identity = state.identity.sign(&portal_caller())?;
    let unavailable = |m: MissingPart| ApiError::Unavailable { service: m.service, message: m.message };
    let timeout = Duration::from_secs(state.settings.upstream.timeout_secs);
    let with = |s: &'static str| client(state, s).map(|c| c.as_caller(identity.clone())).map_err(unavailable);
    let (projects, funding, membership) = (with("projects")?, with("funding")?, with("membership")?);
    let filters = (
        ListProjects::default(),
        ListDonors::default(),
        ListMembers::default(),
        ListAllocations::default(),
        ListDisbursements::default(),
    );
    let (projects, donors, members, allocations, disbursements) = tokio::try_join!(
        all::<ProjectResponse, _>(&projects, "projects", "/projects", &filters.0, timeout),
        all::<DonorResponse, _>(&funding, "funding", "/donors", &filters.1, timeout),
        all::<MemberResponse, _>(&membership, "membership", "/members", &filters.2, timeout),
        all::<AllocationResponse, _>(&funding, "funding", "/allocations", &filters.3, timeout),
        all::<DisbursementResponse, _>(&funding, "funding", "/disbursements", &filters.4, timeout),
    )
    .map_err(unavailable)?;
    Ok(IatiData {
        projects: projects.into_iter().filter(|p| is_published(p.status)).collect(),
        donors: donors.into_iter().map(|d| (d.id, d)).collect(),
        members: members.into_iter().map(|m| (m.id, m)).collect(),
        allocations,
        disbursements,
    })
}

/// Every row of a list endpoint, page by page.
async fn all<T: DeserializeOwned, Q: Serialize>(
    client: &ServiceClient,
    service: &'static str,
    path: &str,
    filter: &Q,
    timeout: Duration,
) -> Result<Vec<T>, MissingPart> {
    let mut out = Vec::new();
    for page in 1..=MAX_PAGES {
        let got: Page<T> =
            bounded(service, timeout, client.get_page(path, filter, PageQuery { page, per_page: 200 })).await?;
        let done = got.items.len() < 200;
        out.extend(got.items);
        if done {
            break;
        }
    }
    Ok(out)
}

/// The `iati-activities` document.
pub fn render(data: &IatiData, now: chrono::DateTime<Utc>) -> String {
    let mut x = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ =
        writeln!(x, "<iati-activities version=\"2.03\" generated-datetime=\"{}\">", now.format("%Y-%m-%dT%H:%M:%SZ"));
    for p in &data.projects {
        activity(&mut x, p, data);
    }
    x.push_str("</iati-activities>\n");
    x
}

fn activity(x: &mut String, p: &ProjectResponse, data: &IatiData) {
    let updated = p.updated_at.format("%Y-%m-%dT%H:%M:%SZ");
    let _ =
        writeln!(x, "  <iati-activity last-updated-datetime=\"{updated}\" xml:lang=\"en\" default-currency=\"CHF\">");
    let _ = writeln!(x, "    <iati-identifier>{SECRETARIAT_REF}-{}</iati-identifier>", p.id);
    let _ = writeln!(
        x,
        "    <reporting-org ref=\"{SECRETARIAT_REF}\" type=\"21\">{}</reporting-org>",
        narrative(SECRETARIAT_NAME)
    );
    let _ = writeln!(x, "    <title>{}</title>", narrative(&p.title));
    let _ = writeln!(x, "    <description type=\"1\">{}</description>", narrative(&p.summary));

    // Participating organisations: donors (funding), the secretariat, the member.
    let allocations: Vec<_> = data.allocations.iter().filter(|a| a.project_id == p.id).collect();
    let mut donors: Vec<&DonorResponse> = Vec::new();
    for a in &allocations {
        if let Some(d) = data.donors.get(&a.donor_id)
            && !donors.iter().any(|seen| seen.id == d.id)
        {
            donors.push(d);
        }
    }
    for d in &donors {
        org(x, "participating-org", &format!("role=\"1\" type=\"{}\"", donor_type(d.donor_type)), &d.name);
    }
    for role in ["2", "3"] {
        org(
            x,
            "participating-org",
            &format!("ref=\"{SECRETARIAT_REF}\" role=\"{role}\" type=\"21\""),
            SECRETARIAT_NAME,
        );
    }
    let member = data.members.get(&p.member_id);
    let member_name = member.map_or_else(|| "Member body".to_owned(), |m| format!("{} ({})", m.name, m.acronym));
    org(x, "participating-org", "role=\"4\" type=\"10\"", &member_name);

    let _ = writeln!(x, "    <activity-status code=\"{}\"/>", status(p.status));
    let start = p.planned_start.unwrap_or_else(|| p.created_at.date_naive());
    let _ = writeln!(x, "    <activity-date type=\"1\" iso-date=\"{start}\"/>");
    if let Some(end) = p.planned_end {
        let _ = writeln!(x, "    <activity-date type=\"3\" iso-date=\"{end}\"/>");
    }

    // Beneficiary members' countries, then the liaison regions (vocabulary 99).
    let mut countries: Vec<&str> =
        p.beneficiary_members.iter().filter_map(|id| data.members.get(id)).map(|m| m.country.as_str()).collect();
    countries.sort_unstable();
    countries.dedup();
    for c in countries {
        let _ = writeln!(x, "    <recipient-country code=\"{}\"/>", escape(c));
    }
    for r in &p.regions {
        let _ = writeln!(x, "    <recipient-region code=\"{}\" vocabulary=\"99\"/>", escape(r));
    }
    let _ = writeln!(x, "    <sector vocabulary=\"1\" code=\"{SECTOR}\"/>");

    if let Some(end) = p.planned_end {
        let budgets: Vec<Money> = p.budget_chf.map_or_else(|| p.budget_totals.clone(), |chf| vec![chf]);
        for b in budgets {
            let _ = writeln!(
                x,
                "    <budget type=\"1\" status=\"1\"><period-start iso-date=\"{start}\"/><period-end iso-date=\"{end}\"/>{}</budget>",
                value(b, start)
            );
        }
    }

    let committed_on = p.updated_at.date_naive();
    for a in &allocations {
        let donor = data.donors.get(&a.donor_id).map_or("Donor", |d| d.name.as_str());
        let v = value(a.allocated, committed_on);
        let _ = writeln!(
            x,
            "    <transaction><transaction-type code=\"1\"/><transaction-date iso-date=\"{committed_on}\"/>{v}\
             <provider-org>{}</provider-org><receiver-org ref=\"{SECRETARIAT_REF}\">{}</receiver-org></transaction>",
            narrative(donor),
            narrative(SECRETARIAT_NAME)
        );
        let _ = writeln!(
            x,
            "    <transaction><transaction-type code=\"2\"/><transaction-date iso-date=\"{committed_on}\"/>{v}\
             <provider-org ref=\"{SECRETARIAT_REF}\">{}</provider-org><receiver-org>{}</receiver-org></transaction>",
            narrative(SECRETARIAT_NAME),
            narrative(&member_name)
        );
    }
    for d in data.disbursements.iter().filter(|d| d.project_id == p.id) {
        let on = d.recorded_at.date_naive();
        let _ = writeln!(
            x,
            "    <transaction><transaction-type code=\"3\"/><transaction-date iso-date=\"{on}\"/>{}\
             <provider-org ref=\"{SECRETARIAT_REF}\">{}</provider-org><receiver-org>{}</receiver-org></transaction>",
            value(d.amount, on),
            narrative(SECRETARIAT_NAME),
            narrative(&member_name)
        );
    }
    x.push_str("  </iati-activity>\n");
}

fn org(x: &mut String, element: &str, attributes: &str, name: &str) {
    let _ = writeln!(x, "    <{element} {attributes}>{}</{element}>", narrative(name));
}

fn narrative(text: &str) -> String {
    format!("<narrative>{}</narrative>", escape(text))
}

/// `<value>` in the money's own currency, exact (the decimal string of its minor units).
fn value(money: Money, on: NaiveDate) -> String {
    let currency =
        if money.currency == CHF { String::new() } else { format!(" currency=\"{}\"", money.currency.code()) };
    format!("<value{currency} value-date=\"{on}\">{}</value>", money.amount())
}

/// IATI ActivityStatus for a published workflow state.
fn status(s: ProjectStatus) -> &'static str {
    match s {
        ProjectStatus::Funded | ProjectStatus::InProgress => "2",
        ProjectStatus::Completed => "3",
        ProjectStatus::Evaluated => "4",
        ProjectStatus::Cancelled => "5",
        _ => "1",
    }
}

/// IATI OrganisationType of a donor.
fn donor_type(t: DonorType) -> &'static str {
    match t {
        DonorType::Government | DonorType::DevelopmentAgency => "10",
        DonorType::MemberBody => "15",
        DonorType::Foundation => "60",
        DonorType::Multilateral => "40",
        DonorType::Other => "90",
    }
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Control characters are not allowed in XML 1.0.
            c if c.is_control() && !matches!(c, '\n' | '\t' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_and_money_exact() {
        assert_eq!(escape("R&D <\"x\">"), "R&amp;D &lt;&quot;x&quot;&gt;");
        let on = NaiveDate::from_ymd_opt(2026, 1, 2).unwrap();
        assert_eq!(value(Money::new(12_345_678, CHF), on), "<value value-date=\"2026-01-02\">123456.78</value>");
        let eur = api_types::money::Currency::parse("EUR").unwrap();
        assert_eq!(value(Money::new(5, eur), on), "<value currency=\"EUR\" value-date=\"2026-01-02\">0.05</value>");
    }
}
