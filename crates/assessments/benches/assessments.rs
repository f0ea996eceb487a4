//! Benchmark of the assessment reads that grow with the programme: `GET /kpis` (every scored
//! assessment), the requests list and a member's maturity history, end to end over HTTP on
//! loopback, with 1 000 members assessed twice each (2 000 scored assessments) and 1 000 open
//! requests, on SQLite and — when `TEST_DATABASE_URL` is set — on PostgreSQL. Prints the
//! median, the 90th percentile and the fastest run of each case.
//!
//! `cargo bench -p assessments --bench assessments` (or `just bench`). Membership is not
//! running: the KPIs are computed without regions (`regions_known: false`), which is the part
//! this service owns.

use std::time::Instant;

use anyhow::Context;
use api_types::Role;
use api_types::assessments::{AnswerKind, AnswerValue, CreateSupportRequest, RequestStatus, ScoreResponse, Urgency};
use assessments::domain::recommend::{self, Fields};
use assessments::domain::request::NewSupportRequest;
use assessments::domain::{answers::Answers, scoring};
use assessments::store::{self, requests::Change};
use platform::testing::bench::{self, ms};
use platform::testing::{TestDatabase, user};
use tokio_util::sync::CancellationToken;
use uuid::Uuid;

const MEMBERS: usize = 1_000;
const RUNS: usize = 30;
const WARM_UP: usize = 3;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    if std::env::var("TEST_DATABASE_URL").is_ok_and(|u| !u.is_empty()) {
        let database = TestDatabase::create("assessments_bench").await?;
        run("PostgreSQL", database.url()).await?;
    }
    let dir = tempfile::tempdir()?;
    run("SQLite", &format!("sqlite://{}/bench.db?mode=rwc", dir.path().display())).await
}

async fn run(engine: &str, url: &str) -> anyhow::Result<()> {
    let server = assessments::build(bench::settings(url), None).await?;
    let base = format!("http://{}", server.local_addr());
    let shutdown = CancellationToken::new();
    let serving = tokio::spawn(server.run(shutdown.clone()));
    let db = sea_orm::Database::connect(url).await.context("connecting")?;
    let started = Instant::now();
    let some_member = fill(&db).await?;
    println!(
        "\n{engine}: {MEMBERS} members, {} scored assessments inserted in {:.1} s",
        2 * MEMBERS,
        started.elapsed().as_secs_f64()
    );

    let cases = [
        ("KPIs", "/kpis".to_owned()),
        ("requests, first page", "/requests?per_page=50".to_owned()),
        ("requests by status", "/requests?status=scored&per_page=50&page=10".to_owned()),
        ("requests, CSV of all", "/requests?format=csv".to_owned()),
        ("maturity history", format!("/members/{some_member}/maturity")),
    ];
    let http = reqwest::Client::new();
    let staff = user(Role::Staff, None, None);
    println!("{:<24} {:>10} {:>10} {:>10} {:>10}", "case", "median", "p90", "fastest", "bytes");
    for (name, path) in cases {
        let t = bench::time_get(&http, &base, &path, &staff, WARM_UP, RUNS).await?;
        let bytes = t.bytes;
        println!("{name:<24} {:>10} {:>10} {:>10} {bytes:>10}", ms(t.median), ms(t.p90), ms(t.fastest));
    }
    db.close().await?;
    shutdown.cancel();
    serving.await??;
    Ok(())
}

/// Each member: a weak assessment a year ago and a better one now (both scored, with their
/// answers and recommendations), and one open request. Returns one member's id.
async fn fill(db: &sea_orm::DatabaseConnection) -> anyhow::Result<Uuid> {
    let q = store::questionnaires::latest(db).await?.context("no questionnaire")?;
    let def = q.definition()?;
    let codes: Vec<&str> = def.sections.iter().flat_map(|s| s.questions.iter().map(|q| q.code.as_str())).collect();
    let answers_at = |level: i64| -> Answers {
        def.sections
            .iter()
            .flat_map(|s| &s.questions)
            .enumerate()
            .map(|(i, q)| {
                let p = (level + i64::try_from(i % 3).unwrap_or(0)).clamp(0, 4);
                let v = match q.kind {
                    AnswerKind::Scale => AnswerValue::Int(p),
                    AnswerKind::YesNo => AnswerValue::Bool(p >= 2),
                    AnswerKind::Number => AnswerValue::Int(p * 10),
                };
                (q.code.clone(), v)
            })
            .collect()
    };
    let request = NewSupportRequest::parse(CreateSupportRequest {
        needs: "Benchmark: bandwidth and tools".to_owned(),
        context: "Benchmark data.".to_owned(),
        urgency: Urgency::Medium,
    })
    .map_err(|e| anyhow::anyhow!("{e}"))?;
    let txn = store::write_txn(db).await?;
    let mut some_member = Uuid::nil();
    for m in 0..MEMBERS {
        let member = Uuid::now_v7();
        some_member = member;
        for (round, at) in [(0, chrono::Utc::now() - chrono::Duration::days(365)), (2, chrono::Utc::now())] {
            let row = store::requests::insert(&txn, &request, member, member, false).await?;
            let assessment = store::assessments::start(&txn, row.id, member, q.id, q.version).await?;
            let answers = answers_at(round + i64::try_from(m % 2).unwrap_or(0));
            store::answers::replace(&txn, row.id, &codes, &answers, member).await?;
            let score = scoring::score(&def, &answers);
            let response = ScoreResponse {
                request_id: row.id,
                member_id: member,
                questionnaire_version: def.version,
                level: score.level,
                score: score.score,
                sections: score.sections,
                scored_at: at,
            };
            for (position, rule) in (0..).zip(recommend::fire(&def, &answers, &response.sections)) {
                let fields = Fields {
                    title: rule.title_en.clone(),
                    description: rule.description_en.clone(),
                    category: rule.category,
                    cost: rule.cost,
                };
                store::recommendations::insert(&txn, row.id, Some(&rule.code), &fields, position, None).await?;
            }
            store::assessments::submit(&txn, assessment, member, &response).await?;
            store::requests::update(&txn, row, Change { status: Some(RequestStatus::Scored), ..Change::default() })
                .await?;
        }
        store::requests::insert(&txn, &request, member, member, false).await?;
    }
    txn.commit().await?;
    Ok(some_member)
}
