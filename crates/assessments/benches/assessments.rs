//! Benchmark of the assessment reads that grow with the programme: `GET /kpis` (every scored
//! assessment), the requests list and a member's maturity history, end to end over HTTP on
//! loopback, with 1 000 members assessed twice each (2 000 scored assessments) and 1 000 open
//! requests, on SQLite and — when `TEST_DATABASE_URL` is set — on PostgreSQL. Prints the
//! median, the 90th percentile and the fastest run of each case.
//!
//! `cargo bench -p assessments --bench assessments` (or `just bench`). Membership is not
//! running: the KPIs are computed without regions (`regions_known: false`), which is the part
//! this service owns.

use std::time::{Duration, Instant};

use anyhow::Context;
use api_types::Role;
use api_types::assessments::{AnswerKind, AnswerValue, CreateSupportRequest, RequestStatus, ScoreResponse, Urgency};
use assessments::domain::recommend::{self, Fields};
use assessments::domain::request::NewSupportRequest;
use assessments::domain::{answers::Answers, scoring};
use assessments::store::{self, requests::Change};
use platform::settings::{
    DatabaseSettings, DemoSettings, HttpSettings, IdentitySettings, LogSettings, RedisSettings, ServiceSettings,
    ServiceUrls,
};
use platform::testing::{TEST_IDENTITY_SECRET, TestDatabase, test_identity_keys, user};
use secrecy::SecretString;
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

fn settings(url: &str) -> ServiceSettings {
    ServiceSettings {
        http: HttpSettings { host: "127.0.0.1".to_owned(), port: 0 },
        database: DatabaseSettings { url: SecretString::from(url.to_owned()), max_connections: 8, migrate: true },
        redis: RedisSettings { url: None, namespace: "trellis-bench".to_owned() },
        identity: IdentitySettings { secret: SecretString::from(TEST_IDENTITY_SECRET), ttl_secs: 60 },
        log: LogSettings { filter: "error".to_owned(), json: false },
        demo: DemoSettings { seed: false },
        // Nothing listens on port 1.
        services: ServiceUrls {
            membership: "http://127.0.0.1:1".to_owned(),
            projects: "http://127.0.0.1:1".to_owned(),
            funding: "http://127.0.0.1:1".to_owned(),
            assessments: "http://127.0.0.1:1".to_owned(),
        },
    }
}

async fn run(engine: &str, url: &str) -> anyhow::Result<()> {
    let server = assessments::build(settings(url), None).await?;
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
    let keys = test_identity_keys();
    let staff = user(Role::Staff, None, None);
    println!("{:<24} {:>10} {:>10} {:>10} {:>10}", "case", "median", "p90", "fastest", "bytes");
    for (name, path) in cases {
        let mut times = Vec::with_capacity(RUNS);
        let mut bytes = 0;
        for i in 0..WARM_UP + RUNS {
            let identity = keys.sign(&staff).map_err(|e| anyhow::anyhow!("{e}"))?;
            let started = Instant::now();
            let res = http.get(format!("{base}{path}")).header("x-trellis-identity", identity).send().await?;
            anyhow::ensure!(res.status().is_success(), "{path}: {}", res.status());
            let body = res.bytes().await?;
            if i >= WARM_UP {
                times.push(started.elapsed());
            }
            bytes = body.len();
        }
        times.sort();
        println!(
            "{name:<24} {:>10} {:>10} {:>10} {bytes:>10}",
            ms(percentile(&times, 50)),
            ms(percentile(&times, 90)),
            ms(times.first().copied().unwrap_or_default()),
        );
    }
    db.close().await?;
    shutdown.cancel();
    serving.await??;
    Ok(())
}

fn percentile(sorted: &[Duration], p: usize) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    sorted[((sorted.len() - 1) * p).div_ceil(100).min(sorted.len() - 1)]
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
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
