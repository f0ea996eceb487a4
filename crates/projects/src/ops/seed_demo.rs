//! Demo data (only when `demo.seed` is on): one project in every status, across every theme,
//! delivery method and liaison region, each walked through the real workflow so that its audit
//! trail, approvals, reviews, indicators, actuals and evaluation are what the service itself
//! would have recorded. Titles start with "Demo:". The proposing member is the demo member body
//! of `member@trellis.test`.

use std::collections::BTreeSet;

use api_types::Role;
use api_types::money::{CHF, Money};
use api_types::projects::{ActualStatus, BudgetCategory, DeliveryMethod, ProjectStatus, Theme};
use chrono::NaiveDate;
use sea_orm::{ConnectionTrait, DatabaseConnection, EntityTrait, PaginatorTrait};
use uuid::{Uuid, uuid};

use crate::domain::proposal::{
    BudgetLine, DEFAULT_TWO_APPROVERS_ABOVE, NewProposal, Objective, approvals_needed, totals,
};
use crate::domain::results::{Evaluation, Indicator};
use crate::domain::review::Review;
use crate::domain::workflow::{Actor, Person, Request};
use crate::store::{self, projects, results, workflow};

const REGIONS: [&str; 8] =
    ["africa-anglophone", "africa-francophone", "arab", "asia", "pacific", "ceeca", "latin-america", "caribbean"];

/// The demo member account (`member@trellis.test`) and two demo staff reviewers.
const MEMBER_ACCOUNT: Uuid = uuid!("0197a000-0000-7000-8000-0000000a0001");
const STAFF_A: Uuid = uuid!("0197a000-0000-7000-8000-0000000a0002");
const STAFF_B: Uuid = uuid!("0197a000-0000-7000-8000-0000000a0003");

/// The path from draft to each status.
fn path(to: ProjectStatus) -> Vec<ProjectStatus> {
    use ProjectStatus::*;
    let full = [Submitted, UnderReview, Approved, Funded, InProgress, Completed, Evaluated];
    match to {
        Draft => vec![],
        Rejected | Returned => vec![Submitted, UnderReview, to],
        Cancelled => vec![Submitted, Cancelled],
        _ => full.iter().copied().take_while(|s| *s != to).chain([to]).collect(),
    }
}

pub async fn seed_demo(db: &DatabaseConnection) -> anyhow::Result<()> {
    let txn = store::write_txn(db).await?;
    if projects::Entity::find().count(&txn).await? > 0 {
        return Ok(());
    }
    let member_id = platform::demo::MEMBER_ID;
    // One project per status, and two more approved ones: the planner and the donors' catalogue
    // of fundable work need a choice, and a first funding round must not use it all up.
    let statuses = ProjectStatus::ALL.into_iter().chain([ProjectStatus::Approved, ProjectStatus::Approved]);
    for (i, status) in statuses.enumerate() {
        let theme = Theme::ALL[i % Theme::ALL.len()];
        let region = REGIONS[i % REGIONS.len()].to_owned();
        let methods = [DeliveryMethod::ALL[i % 7], DeliveryMethod::ALL[(i + 3) % 7]];
        let big = i % 3 == 0;
        // The last one is a regional programme larger than all the demo money: after any funding
        // round, donors still find work to fund.
        let flagship = i == ProjectStatus::ALL.len() + 1;
        let budget = vec![
            BudgetLine {
                category: BudgetCategory::Experts,
                description: "International experts".into(),
                amount: Money::new(
                    100 * if flagship {
                        2_400_000
                    } else if big {
                        90_000
                    } else {
                        30_000
                    },
                    CHF,
                ),
            },
            BudgetLine {
                category: BudgetCategory::Travel,
                description: "Participants' travel".into(),
                amount: Money::new(100 * (25_000 + i64::try_from(i).unwrap_or(0) * 1_000), CHF),
            },
        ];
        let year = 2024 + i32::try_from(i % 3).unwrap_or(0);
        let proposal = NewProposal {
            title: format!("Demo: {} in {}", theme.as_str().replace('_', " "), region),
            summary: "Generated demo project; not real work.".into(),
            objective: Objective::parse(u8::try_from(i % 5 + 1)?).ok_or_else(|| anyhow::anyhow!("objective"))?,
            theme,
            delivery_methods: methods.into_iter().collect(),
            beneficiary_members: BTreeSet::new(),
            beneficiary_regions: BTreeSet::from([region.clone()]),
            budget,
            planned_start: NaiveDate::from_ymd_opt(year, 3, 1),
            planned_end: NaiveDate::from_ymd_opt(year, 11, 30),
        };
        let needed = approvals_needed(&totals(&proposal.budget).unwrap_or_default(), DEFAULT_TWO_APPROVERS_ABOVE);
        let mut row =
            projects::insert_draft(&txn, &proposal, member_id, MEMBER_ACCOUNT, &BTreeSet::from([region]), needed)
                .await?;
        for step in path(status) {
            row = walk(&txn, row, step, needed).await?;
        }
    }
    txn.commit().await?;
    tracing::info!(projects = ProjectStatus::ALL.len(), "seeded demo projects");
    Ok(())
}

/// One step of the workflow by the person who takes it, with what goes with it.
async fn walk<C: ConnectionTrait>(
    conn: &C,
    row: projects::Model,
    to: ProjectStatus,
    needed: usize,
) -> anyhow::Result<projects::Model> {
    use ProjectStatus::*;
    let member = Actor::Person(Person { id: MEMBER_ACCOUNT, role: Role::Member, member_id: Some(row.member_id) });
    let staff = |id| Actor::Person(Person { id, role: Role::Staff, member_id: None });
    let request = |actor, reason| Request { to, reason, actor, with_evaluation: to == Evaluated };
    let go = |row, actor, reason| async move {
        let role = if actor == Actor::Funding {
            "funding"
        } else if actor == member {
            "member"
        } else {
            "staff"
        };
        super::transition::apply(conn, row, &request(actor, reason), role).await.map_err(|e| anyhow::anyhow!("{e}"))
    };
    let row = match to {
        Submitted | InProgress | Completed => go(row, member, None).await?,
        UnderReview => {
            let row = go(row, staff(STAFF_A), None).await?;
            let review = Review::parse([
                (4, "Serves objective 2"),
                (5, "Core topic"),
                (3, "Workshops suit"),
                (4, "Region underserved"),
            ])?;
            workflow::save_review(conn, row.id, row.review_round, STAFF_A, &review).await?;
            row
        }
        Approved => {
            let row = if needed > 1 { go(row, staff(STAFF_B), Some("First of two approvals")).await? } else { row };
            go(row, staff(STAFF_A), Some("Meets the principles")).await?
        }
        Rejected => go(row, staff(STAFF_A), Some("Outside the Action Plan's objectives")).await?,
        Returned => go(row, staff(STAFF_A), Some("Please detail the budget for travel")).await?,
        Cancelled => go(row, member, Some("The national body withdrew the proposal")).await?,
        Funded => {
            // All demo budgets are in CHF: the funding service would report them as they are.
            let budget: i64 = projects::with_parts(conn, vec![row.clone()])
                .await?
                .iter()
                .flat_map(|p| p.budget.iter().map(|l| l.amount.minor))
                .sum();
            let row = projects::set_funding(conn, row, budget, budget, 1).await?;
            go(row, Actor::Funding, None).await?
        }
        Evaluated => {
            let row = go(row, staff(STAFF_A), None).await?;
            results::insert_evaluation(conn, row.id, &Evaluation::parse(4, "Delivered as planned; demo.")?, STAFF_A)
                .await?;
            row
        }
        Draft => row,
    };
    if to == InProgress {
        let indicator = Indicator::parse("Standards officers trained", "people", 0, 40)?;
        let saved = results::insert_indicator(conn, row.id, &indicator, MEMBER_ACCOUNT).await?;
        let actual = results::insert_actual(conn, &saved, "2025-Q4".into(), 45, None, MEMBER_ACCOUNT).await?;
        results::decide_actual(conn, actual, ActualStatus::Approved, STAFF_A, None).await?;
    }
    Ok(row)
}
