//! Benchmark of `GET /members` with 10 000 members, end to end over HTTP on loopback (signed
//! identity, routing, query, JSON or CSV), on SQLite and — when `TEST_DATABASE_URL` is set — on
//! PostgreSQL. Prints the median, the 90th percentile and the fastest run of each case.
//!
//! `cargo bench -p membership --bench members_list` (or `just bench`).
//!
//! A country has at most one current member body, so of the 10 000 members 249 are current
//! (one per country of the reference data) and the others are withdrawn bodies of the same
//! countries: the list filters do not care, and the table is as large as asked.

use std::time::Instant;

use anyhow::Context;
use api_types::Role;
use api_types::membership::{MemberCategory, MemberStatus};
use chrono::NaiveDate;
use membership::domain::member::Contact;
use membership::store::{self, member_categories::NewEntry, members::NewMemberRow};
use platform::testing::bench::{self, ms};
use platform::testing::{TestDatabase, user};
use tokio_util::sync::CancellationToken;
use uuid::Uuid;

const MEMBERS: usize = 10_000;
const RUNS: usize = 40;
const CSV_RUNS: usize = 10;
const WARM_UP: usize = 3;

/// The cases measured: a name and the query string.
const CASES: [(&str, &str, usize); 7] = [
    ("no filter, first page", "/members?per_page=50", RUNS),
    ("no filter, page 150", "/members?per_page=50&page=150", RUNS),
    ("developing + region", "/members?developing=true&region=africa-francophone&per_page=50", RUNS),
    ("category", "/members?category=correspondent&per_page=50", RUNS),
    ("q search (name)", "/members?q=bureau&per_page=50", RUNS),
    ("q search (country, accents)", "/members?q=%C3%A9gypte&per_page=50", RUNS),
    ("CSV of all 10 000", "/members?format=csv", CSV_RUNS),
];

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    if std::env::var("TEST_DATABASE_URL").is_ok_and(|u| !u.is_empty()) {
        // A fresh, uniquely named PostgreSQL database, dropped afterwards.
        let database = TestDatabase::create("membership_bench").await?;
        run("PostgreSQL", database.url()).await?;
    }
    let dir = tempfile::tempdir()?;
    run("SQLite", &format!("sqlite://{}/bench.db?mode=rwc", dir.path().display())).await
}

async fn run(engine: &str, url: &str) -> anyhow::Result<()> {
    let server = membership::build(bench::settings(url), None).await?;
    let base = format!("http://{}", server.local_addr());
    let shutdown = CancellationToken::new();
    let serving = tokio::spawn(server.run(shutdown.clone()));
    let db = sea_orm::Database::connect(url).await.context("connecting")?;
    let started = Instant::now();
    fill(&db).await?;
    println!("\n{engine}: {MEMBERS} members inserted in {:.1} s", started.elapsed().as_secs_f64());

    let http = reqwest::Client::new();
    let staff = user(Role::Staff, None, None);
    println!("{:<32} {:>10} {:>10} {:>10} {:>11} {:>10}", "case", "median", "p90", "fastest", "rows", "bytes");
    for (name, path, runs) in CASES {
        let t = bench::time_get(&http, &base, path, &staff, WARM_UP, runs).await?;
        let (rows, bytes) = (t.rows, t.bytes);
        println!("{name:<32} {:>10} {:>10} {:>10} {rows:>11} {bytes:>10}", ms(t.median), ms(t.p90), ms(t.fastest));
    }
    db.close().await?;
    shutdown.cancel();
    serving.await??;
    Ok(())
}

/// 10 000 members over the 249 countries, with a category-history entry each.
async fn fill(db: &sea_orm::DatabaseConnection) -> anyhow::Result<()> {
    let countries = store::countries::codes(db).await?;
    anyhow::ensure!(!countries.is_empty(), "no reference data");
    let words = ["Bureau", "Institute", "Office", "Agency", "Organisation", "Autorité", "Instituto", "Département"];
    let topics = ["Standards", "Normalisation", "Quality", "Metrology", "Calidad", "Standardization"];
    let categories = [MemberCategory::MemberBody, MemberCategory::Correspondent, MemberCategory::Subscriber];
    let contact = Contact::default();
    let mut names = Vec::with_capacity(MEMBERS);
    for i in 0..MEMBERS {
        let country = &countries[i % countries.len()];
        names.push((
            format!("National {} of {} {country} {i:05}", words[i % words.len()], topics[(i / 7) % topics.len()]),
            format!("NSB{i:05}"),
        ));
    }
    let mut rows = Vec::with_capacity(MEMBERS);
    for (i, (name, acronym)) in names.iter().enumerate() {
        let current = i < countries.len();
        let joined = NaiveDate::from_ymd_opt(1947 + i32::try_from(i % 70).unwrap_or(0), 1, 1).unwrap_or_default();
        rows.push(NewMemberRow {
            id: Uuid::now_v7(),
            country: &countries[i % countries.len()],
            name,
            acronym,
            category: categories[(i * 7 + i / 3) % 3],
            status: if current { MemberStatus::Active } else { MemberStatus::Withdrawn },
            joined_on: joined,
            left_on: (!current).then(|| joined + chrono::Days::new(3650)),
            devco: i % 5 == 0,
            demo: true,
            contact: &contact,
        });
    }
    let txn = store::write_txn(db).await?;
    store::members::insert_many(&txn, &rows).await?;
    let entries: Vec<NewEntry<'_>> = rows
        .iter()
        .map(|m| NewEntry {
            member_id: m.id,
            category: m.category,
            valid_from: m.joined_on,
            changed_by: None,
            reason: "benchmark",
            upgrade_request_id: None,
        })
        .collect();
    store::member_categories::insert_many(&txn, &entries).await?;
    txn.commit().await?;
    Ok(())
}
