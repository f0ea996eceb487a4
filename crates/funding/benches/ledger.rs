//! Benchmark of the ledger's read side with 1 000 000 entries (2 000 000 lines): a donor's
//! statement, the KPIs, the open balances the planner reads, and one full chain verification.
//! On SQLite, and — when `TEST_DATABASE_URL` is set — on PostgreSQL too. Prints the median and
//! the fastest run of each case.
//!
//! `cargo bench -p funding --bench ledger` (or `just bench`).
//!
//! The ledger is built through the service's own `store::money::append` (multi-row INSERTs of
//! 2 000 rows, 10 000 entries per transaction): 2 000 contributions of 200 donors are received,
//! then allocations to 2 000 projects alternate with disbursements of half of each, so every
//! balance stays positive and every statement has allocations and disbursements to show.

use std::time::{Duration, Instant};

use api_types::Role;
use api_types::funding::{CreateDonor, DonorType, EarmarkInput};
use funding::domain::donor::NewDonor;
use funding::domain::ledger::{Movement, MovementKind};
use funding::migrations::Migrator;
use funding::store::money::{self, contributions, project_facts};
use platform::settings::DatabaseSettings;
use platform::testing::{TestDatabase, user};
use sea_orm::{ActiveValue::Set, DatabaseConnection, EntityTrait};
use secrecy::SecretString;
use uuid::Uuid;

const ENTRIES: usize = 1_000_000;
const DONORS: usize = 200;
const CONTRIBUTIONS: usize = 2_000;
const PROJECTS: usize = 2_000;
const BATCH: usize = 10_000;
const RUNS: usize = 10;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    if std::env::var("TEST_DATABASE_URL").is_ok_and(|u| !u.is_empty()) {
        let database = TestDatabase::create("funding_bench").await?;
        run("PostgreSQL", database.url()).await?;
    }
    let dir = tempfile::tempdir()?;
    run("SQLite", &format!("sqlite://{}/bench.db?mode=rwc", dir.path().display())).await
}

fn id(kind: u128, n: usize) -> Uuid {
    Uuid::from_u128((kind << 64) | n as u128)
}

async fn run(backend: &str, url: &str) -> anyhow::Result<()> {
    let settings = DatabaseSettings { url: SecretString::from(url.to_owned()), max_connections: 8, migrate: true };
    let db = platform::db::connect(&settings).await?;
    platform::db::migrate::<Migrator>(&db).await?;
    let started = Instant::now();
    fill(&db).await?;
    println!("{backend}: {ENTRIES} entries written in {:.1} s", started.elapsed().as_secs_f64());

    let staff = user(Role::Staff, None, None);
    let donor = id(1, 7);
    let cases: Vec<(&str, usize)> =
        vec![("donor statement (10 contributions)", RUNS), ("KPIs", RUNS), ("open balances (planner input)", RUNS)];
    for (name, runs) in cases {
        let mut times = Vec::with_capacity(runs);
        for _ in 0..runs {
            let t = Instant::now();
            match name {
                "KPIs" => {
                    funding::ops::kpis::kpis(&db, &staff).await.map_err(|e| anyhow::anyhow!("{e:?}"))?;
                }
                "open balances (planner input)" => {
                    money::open_balances(&db).await?;
                }
                _ => {
                    let s = funding::ops::statement::statement(&db, &staff, donor)
                        .await
                        .map_err(|e| anyhow::anyhow!("{e:?}"))?;
                    assert!(s.reconciles, "the statement reconciles");
                }
            }
            times.push(t.elapsed());
        }
        report(backend, name, &mut times);
    }
    let t = Instant::now();
    let v = funding::ops::ledger::verify(&db, &staff).await.map_err(|e| anyhow::anyhow!("{e:?}"))?;
    assert!(v.ok && v.entries_checked == ENTRIES as u64, "{v:?}");
    println!("{backend}: verify the whole chain (1 run): {:.0} ms", t.elapsed().as_secs_f64() * 1000.0);
    Ok(())
}

fn report(backend: &str, name: &str, times: &mut [Duration]) {
    times.sort_unstable();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "{backend}: {name:<36} median {:>9.1} ms   fastest {:>9.1} ms   ({} runs)",
        ms(times[times.len() / 2]),
        ms(times[0]),
        times.len()
    );
}

/// Donors, contributions, project facts, then the entries in batches.
async fn fill(db: &DatabaseConnection) -> anyhow::Result<()> {
    let types = DonorType::ALL;
    let txn = platform::db::write_txn(db).await?;
    for d in 0..DONORS {
        let donor = NewDonor::parse(CreateDonor {
            name: format!("Bench donor {d}"),
            donor_type: types[d % types.len()],
            country: None,
            publicly_named: false,
            contact: Default::default(),
        })
        .map_err(|e| anyhow::anyhow!("{e:?}"))?;
        funding::store::donors::insert(&txn, id(1, d), &donor, true).await?;
    }
    let now = chrono::Utc::now();
    let regions = ["asia", "pacific", "arab", "caribbean", "africa-anglophone"];
    let themes = api_types::projects::Theme::ALL;
    let rows: Vec<contributions::ActiveModel> = (0..CONTRIBUTIONS)
        .map(|c| {
            let earmark = match c % 3 {
                0 => EarmarkInput::Unrestricted,
                1 => EarmarkInput::Regions { regions: vec![regions[c % regions.len()].to_owned()] },
                _ => EarmarkInput::Themes { themes: vec![themes[c % themes.len()]] },
            };
            let kind = match c % 3 {
                0 => "unrestricted",
                1 => "regions",
                _ => "themes",
            };
            contributions::ActiveModel {
                id: Set(id(2, c)),
                donor_id: Set(id(1, c % DONORS)),
                status: Set("received".to_owned()),
                currency: Set("CHF".to_owned()),
                pledged_minor: Set(100_000_000),
                earmark_kind: Set(kind.to_owned()),
                earmark: Set(serde_json::to_string(&earmark).unwrap_or_default()),
                received_minor: Set(Some(100_000_000)),
                fx_rate: Set(Some("1".to_owned())),
                value_date: Set(Some(now.date_naive())),
                received_chf: Set(Some(100_000_000)),
                demo: Set(true),
                created_by: Set(Uuid::nil()),
                created_at: Set(now),
                updated_at: Set(now),
            }
        })
        .collect();
    for chunk in rows.chunks(1_000) {
        contributions::Entity::insert_many(chunk.to_vec()).exec(&txn).await?;
    }
    let facts: Vec<project_facts::ActiveModel> = (0..PROJECTS)
        .map(|p| project_facts::ActiveModel {
            project_id: Set(id(3, p)),
            title: Set(format!("Bench project {p}")),
            theme: Set(themes[p % themes.len()].as_str().to_owned()),
            regions: Set(serde_json::to_string(&[regions[p % regions.len()]]).unwrap_or_default()),
            budget_chf: Set(1_000_000_000),
            updated_at: Set(now),
        })
        .collect();
    for chunk in facts.chunks(1_000) {
        project_facts::Entity::insert_many(chunk.to_vec()).exec(&txn).await?;
    }
    txn.commit().await?;

    // Entry i: receipts first, then an allocation of 1.00 CHF and a disbursement of its half.
    let movement = |i: usize| -> (MovementKind, Uuid, Vec<funding::domain::ledger::Line>) {
        if i < CONTRIBUTIONS {
            let m = Movement::receipt(id(2, i), 100_000_000);
            return (m.kind, id(2, i), m.lines);
        }
        let k = (i - CONTRIBUTIONS) / 2;
        let (c, p) = (id(2, k % CONTRIBUTIONS), id(3, (k * 7) % PROJECTS));
        let m = if (i - CONTRIBUTIONS).is_multiple_of(2) {
            Movement::allocation(c, p, 100)
        } else {
            Movement::disbursement(p, &[(c, 50)])
        };
        (m.kind, id(4, i), m.lines)
    };
    let mut i = 0;
    while i < ENTRIES {
        let txn = platform::db::write_txn(db).await?;
        let mut head = money::lock_head(&txn).await?;
        let end = (i + BATCH).min(ENTRIES);
        money::append(&txn, &mut head, (i..end).map(movement).collect()).await?;
        txn.commit().await?;
        i = end;
    }
    Ok(())
}
