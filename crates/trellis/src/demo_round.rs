//! The demo's first funding round.
//!
//! Each service seeds its own demo data alone (no service writes into another's database), so
//! what joins donors to projects — a project-earmarked contribution, a committed allocation plan,
//! a disbursement — cannot be seeded by any one of them. Once every part is up, the launcher makes
//! it through the services' own APIs, as a staff user would, on the first start only: donor
//! statements, the dashboard's equity measure, the public portal and the IATI export then have
//! money to show. Every step is idempotent, so an interrupted round completes on the next start.

use std::time::Duration;

use api_types::funding::{
    AllocationResponse, ContributionResponse, CreateContribution, CreateDisbursement, DonorResponse, EarmarkInput,
    PlanResponse, ProposePlan, RecordReceipt,
};
use api_types::money::{CHF, Money};
use api_types::{Page, Role};
use clients::{ProjectsClient, ServiceClient};
use platform::identity::{Caller, IdentityKeys, User};
use platform::settings::ServiceUrls;
use uuid::Uuid;

/// The staff actor the round's records name: no person's account.
const ACTOR: Uuid = Uuid::from_u128(0x0193_0000_0000_7000_8000_00de_3001_0001);
/// What the demo donor earmarks to the first fundable project: CHF 25 000.
const EARMARKED: i64 = 2_500_000;
/// What is disbursed to that project: CHF 6 000 (or all that was allocated, if less).
const DISBURSED: i64 = 600_000;

/// Runs the round unless funding already allocated something. Returns what it did, for the log.
pub async fn run(services: &ServiceUrls, keys: &IdentityKeys) -> anyhow::Result<Option<String>> {
    let staff = Caller::User(User { id: ACTOR, role: Role::Staff, member_id: None, donor_id: None });
    let identity = keys.sign(&staff).map_err(|e| anyhow::anyhow!("signing the demo actor: {e}"))?;
    let funding = ServiceClient::new(&services.funding)?.as_caller(identity.clone());
    let projects = ProjectsClient(ServiceClient::new(&services.projects)?.as_caller(identity));

    let allocations: Page<AllocationResponse> = funding.get("/allocations").await?;
    if allocations.total > 0 {
        return Ok(None);
    }
    // Projects' consumer and funding's seed run beside this: wait briefly for fundable work.
    let mut fundable = projects.fundable().await?;
    for _ in 0..20 {
        if !fundable.is_empty() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
        fundable = projects.fundable().await?;
    }
    let Some(first) = fundable.first() else { return Ok(None) };
    // A donor with no money in yet, so that the project ends up with several donors.
    let donors: Page<DonorResponse> = funding.get("/donors").await?;
    let contributions: Page<ContributionResponse> = funding.get("/contributions?per_page=200").await?;
    let has_given = |d: &&DonorResponse| contributions.items.iter().any(|c| c.donor_id == d.id && c.received.is_some());
    let Some(donor) = donors.items.iter().find(|d| !has_given(d)).or(donors.items.first()) else { return Ok(None) };

    let amount = Money::new(EARMARKED, CHF);
    let pledge = CreateContribution {
        donor_id: Some(donor.id),
        amount,
        earmark: EarmarkInput::Project { project_id: first.id },
    };
    let contribution: ContributionResponse =
        funding.post_idempotent("/contributions", &pledge, "demo-round-pledge").await?;
    let receipt = RecordReceipt { amount, value_date: chrono::Utc::now().date_naive() };
    let _: ContributionResponse = funding
        .post_idempotent(&format!("/contributions/{}/receipt", contribution.id), &receipt, "demo-round-receipt")
        .await?;

    let plan: PlanResponse = funding.post("/allocation-plans", &ProposePlan::default()).await?;
    let committed: PlanResponse = funding
        .post_idempotent(&format!("/allocation-plans/{}/commit", plan.id), &serde_json::json!({}), "demo-round-commit")
        .await?;

    let allocated: i64 =
        committed.allocations.iter().filter(|a| a.project_id == first.id).map(|a| a.amount.minor).sum();
    let payout = DISBURSED.min(allocated);
    if payout > 0 {
        let disbursement = CreateDisbursement {
            project_id: first.id,
            amount: Money::new(payout, CHF),
            note: Some("Demo: first instalment".to_owned()),
        };
        let _: serde_json::Value =
            funding.post_idempotent("/disbursements", &disbursement, "demo-round-disbursement").await?;
    }
    Ok(Some(format!(
        "demo funding round: {} allocations committed ({}), {} disbursed to \"{}\"",
        committed.allocations.len(),
        committed.total,
        Money::new(payout, CHF),
        first.title
    )))
}
