//! Benchmark of `GET /projects` with 5 000 projects, end to end over HTTP on loopback (signed
//! identity, routing, filters, the parts of each project on the page, JSON or CSV), on SQLite
//! and — when `TEST_DATABASE_URL` is set — on PostgreSQL. Prints the median, the 90th percentile
//! and the fastest run of each case.
//!
//! `cargo bench -p projects --bench projects_list` (or `just bench`).

use std::collections::BTreeSet;
use std::time::Instant;

use anyhow::Context;
use api_types::Role;
use api_types::money::{CHF, Money};
use api_types::projects::{BudgetCategory, DeliveryMethod, ProjectStatus, Theme};
use chrono::NaiveDate;
use platform::testing::bench::{self, ms};
use platform::testing::{TestDatabase, user};
use projects::domain::proposal::{BudgetLine, NewProposal, Objective};
use tokio_util::sync::CancellationToken;
use uuid::Uuid;

const PROJECTS: usize = 5_000;
const MEMBERS: usize = 50;
const RUNS: usize = 40;
const CSV_RUNS: usize = 10;
const WARM_UP: usize = 3;
const REGIONS: [&str; 8] =
    ["africa-anglophone", "africa-francophone", "arab", "asia", "pacific", "ceeca", "latin-america", "caribbean"];

/// The cases measured: a name, the query string, the caller (`staff` or `member`), runs.
const CASES: [(&str, &str, &str, usize); 7] = [
    ("no filter, first page", "/projects?per_page=50", "staff", RUNS),
    ("no filter, page 80", "/projects?per_page=50&page=80", "staff", RUNS),
    ("status", "/projects?status=approved&per_page=50", "staff", RUNS),
    ("theme + region", "/projects?theme=ict_support&region=asia&per_page=50", "staff", RUNS),
    ("q search", "/projects?q=normalisation&per_page=50", "staff", RUNS),
    ("member: own + published", "/projects?per_page=50", "member", RUNS),
    ("CSV of all 5 000", "/projects?format=csv", "staff", CSV_RUNS),
];

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    if std::env::var("TEST_DATABASE_URL").is_ok_and(|u| !u.is_empty()) {
        let database = TestDatabase::create("projects_bench").await?;
        run("PostgreSQL", database.url()).await?;
    }
    let dir = tempfile::tempdir()?;
    run("SQLite", &format!("sqlite://{}/bench.db?mode=rwc", dir.path().display())).await
}

async fn run(engine: &str, url: &str) -> anyhow::Result<()> {
    let server = projects::build(bench::settings(url), None).await?;
    let base = format!("http://{}", server.local_addr());
    let shutdown = CancellationToken::new();
    let serving = tokio::spawn(server.run(shutdown.clone()));
    let db = sea_orm::Database::connect(url).await.context("connecting")?;
    let members: Vec<Uuid> = (0..MEMBERS).map(|_| Uuid::now_v7()).collect();
    let started = Instant::now();
    fill(&db, &members).await?;
    println!("\n{engine}: {PROJECTS} projects inserted in {:.1} s", started.elapsed().as_secs_f64());

    let http = reqwest::Client::new();
    let staff = user(Role::Staff, None, None);
    let member = user(Role::Member, Some(members[0]), None);
    println!("{:<28} {:>10} {:>10} {:>10} {:>11} {:>10}", "case", "median", "p90", "fastest", "rows", "bytes");
    for (name, path, who, runs) in CASES {
        let caller = if who == "member" { &member } else { &staff };
        let t = bench::time_get(&http, &base, path, caller, WARM_UP, runs).await?;
        let (rows, bytes) = (t.rows, t.bytes);
        println!("{name:<28} {:>10} {:>10} {:>10} {rows:>11} {bytes:>10}", ms(t.median), ms(t.p90), ms(t.fastest));
    }
    db.close().await?;
    shutdown.cancel();
    serving.await??;
    Ok(())
}

/// 5 000 projects across members, themes, regions and statuses, with two budget lines and two
/// delivery methods each.
async fn fill(db: &sea_orm::DatabaseConnection, members: &[Uuid]) -> anyhow::Result<()> {
    let words = ["Normalisation", "Metrology", "Quality infrastructure", "Conformity", "ICT", "Calidad"];
    let txn = projects::store::write_txn(db).await?;
    for i in 0..PROJECTS {
        let region = REGIONS[i % REGIONS.len()].to_owned();
        let proposal = NewProposal {
            title: format!("{} for region {region} #{i:05}", words[i % words.len()]),
            summary: format!("Benchmark project {i}: {} in {region}.", words[(i / 3) % words.len()]),
            objective: Objective::parse(u8::try_from(i % 5 + 1)?).context("objective")?,
            theme: Theme::ALL[i % Theme::ALL.len()],
            delivery_methods: [DeliveryMethod::ALL[i % 7], DeliveryMethod::ALL[(i + 2) % 7]].into_iter().collect(),
            beneficiary_members: BTreeSet::new(),
            beneficiary_regions: BTreeSet::from([region.clone()]),
            budget: vec![
                BudgetLine {
                    category: BudgetCategory::Experts,
                    description: String::new(),
                    amount: Money::new(100 * (10_000 + i64::try_from(i)?), CHF),
                },
                BudgetLine {
                    category: BudgetCategory::Travel,
                    description: String::new(),
                    amount: Money::new(500_000, CHF),
                },
            ],
            planned_start: NaiveDate::from_ymd_opt(2020 + i32::try_from(i % 8)?, 1, 1),
            planned_end: NaiveDate::from_ymd_opt(2020 + i32::try_from(i % 8)?, 12, 31),
        };
        let row = projects::store::projects::insert_draft(
            &txn,
            &proposal,
            members[i % members.len()],
            Uuid::now_v7(),
            &BTreeSet::from([region]),
            1,
        )
        .await?;
        let status = ProjectStatus::ALL[i % ProjectStatus::ALL.len()];
        if status != ProjectStatus::Draft {
            projects::store::projects::set_status(&txn, row, status, chrono::Utc::now()).await?;
        }
    }
    txn.commit().await?;
    Ok(())
}
