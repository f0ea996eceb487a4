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
/// Bounds of what the second donor earmarks to a project: CHF 1 000 to CHF 25 000.
const MIN_EARMARKED: i64 = 100_000;
const MAX_EARMARKED: i64 = 2_500_000;
/// What is disbursed to that project: CHF 6 000 (or all that was allocated, if less).
const DISBURSED: i64 = 600_000;

/// Runs what of the round is not done yet: the allocations unless funding allocated something
/// already, then the disbursement unless one exists. Returns what it did, for the log.
pub async fn run(services: &ServiceUrls, keys: &IdentityKeys) -> anyhow::Result<Option<String>> {
    let staff = Caller::User(User { id: ACTOR, role: Role::Staff, member_id: None, donor_id: None });
    let identity = keys.sign(&staff).map_err(|e| anyhow::anyhow!("signing the demo actor: {e}"))?;
    let funding = ServiceClient::new(&services.funding)?.as_caller(identity.clone());
    let projects = ProjectsClient(ServiceClient::new(&services.projects)?.as_caller(identity));

    let mut done = Vec::new();
    let allocations: Page<AllocationResponse> = funding.get("/allocations").await?;
    if allocations.total == 0 {
        match allocate(&funding, &projects).await? {
            Some(what) => done.push(what),
            None => return Ok(None),
        }
    }
    let disbursements: Page<serde_json::Value> = funding.get("/disbursements").await?;
    if disbursements.total == 0 {
        done.push(disburse(&funding).await?);
    }
    Ok((!done.is_empty()).then(|| format!("demo funding round: {}", done.join("; "))))
}

/// A second donor's project-earmarked pledge to a fundable project, its receipt, and a
/// committed allocation plan over everything received. The demo seed earmarks nothing to a
/// project, so a project-earmarked contribution is this round's own: a start interrupted after
/// the pledge resumes with it.
async fn allocate(funding: &ServiceClient, projects: &ProjectsClient) -> anyhow::Result<Option<String>> {
    let contributions: Page<ContributionResponse> = funding.get("/contributions?per_page=200").await?;
    let ours = contributions.items.iter().find(|c| matches!(c.earmark, EarmarkInput::Project { .. })).cloned();
    let contribution = match ours {
        Some(contribution) => contribution,
        None => match pledge(funding, projects, &contributions.items).await? {
            Some(contribution) => contribution,
            None => return Ok(None),
        },
    };
    if contribution.received.is_none() {
        let receipt = RecordReceipt { amount: contribution.pledged, value_date: chrono::Utc::now().date_naive() };
        let _: ContributionResponse = funding
            .post_idempotent(&format!("/contributions/{}/receipt", contribution.id), &receipt, "demo-round-receipt")
            .await?;
    }
    let plan: PlanResponse = funding.post("/allocation-plans", &ProposePlan::default()).await?;
    let committed: PlanResponse = funding
        .post_idempotent(&format!("/allocation-plans/{}/commit", plan.id), &serde_json::json!({}), "demo-round-commit")
        .await?;
    Ok(Some(format!("{} allocations committed ({})", committed.allocations.len(), committed.total)))
}

/// The pledge: from a donor with no money in yet (so that the project ends up with several
/// donors), earmarked to the fundable project with the largest gap.
async fn pledge(
    funding: &ServiceClient,
    projects: &ProjectsClient,
    contributions: &[ContributionResponse],
) -> anyhow::Result<Option<ContributionResponse>> {
    // Projects' consumer and funding's seed run beside this: wait briefly for fundable work.
    let mut fundable = projects.fundable().await?;
    for _ in 0..20 {
        if !fundable.is_empty() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
        fundable = projects.fundable().await?;
    }
    // What the money already in would leave unfunded, per project (a proposal commits nothing).
    let preview: PlanResponse = funding.post("/allocation-plans", &ProposePlan::default()).await?;
    let unfunded = |id: Uuid| preview.projects.iter().find(|p| p.project_id == id).map_or(0, |p| p.unfunded.minor);
    let Some(project) = fundable.iter().max_by_key(|p| unfunded(p.id)) else { return Ok(None) };
    // Half the gap, in whole francs: the project gets a second donor and still needs money, so
    // donors browsing fundable work have something to fund.
    let amount = (unfunded(project.id) / 2 / 100 * 100).clamp(MIN_EARMARKED, MAX_EARMARKED);
    let donors: Page<DonorResponse> = funding.get("/donors").await?;
    let has_given = |d: &&DonorResponse| contributions.iter().any(|c| c.donor_id == d.id && c.received.is_some());
    let Some(donor) = donors.items.iter().find(|d| !has_given(d)).or(donors.items.first()) else { return Ok(None) };
    let pledge = CreateContribution {
        donor_id: Some(donor.id),
        amount: Money::new(amount, CHF),
        earmark: EarmarkInput::Project { project_id: project.id },
    };
    Ok(Some(funding.post_idempotent("/contributions", &pledge, "demo-round-pledge").await?))
}

/// A first instalment to the project that received the most.
async fn disburse(funding: &ServiceClient) -> anyhow::Result<String> {
    let allocations: Page<AllocationResponse> = funding.get("/allocations?per_page=200").await?;
    let mut unspent: Vec<(Uuid, i64)> = Vec::new();
    for a in &allocations.items {
        match unspent.iter_mut().find(|(p, _)| *p == a.project_id) {
            Some((_, total)) => *total += a.unspent.minor,
            None => unspent.push((a.project_id, a.unspent.minor)),
        }
    }
    let Some(&(project_id, available)) = unspent.iter().max_by_key(|(_, total)| *total) else {
        return Ok("nothing allocated to disburse".to_owned());
    };
    let payout = Money::new(DISBURSED.min(available), CHF);
    let disbursement =
        CreateDisbursement { project_id, amount: payout, note: Some("Demo: first instalment".to_owned()) };
    let _: serde_json::Value =
        funding.post_idempotent("/disbursements", &disbursement, "demo-round-disbursement").await?;
    Ok(format!("{payout} disbursed"))
}
