//! 32 tasks at once commit competing plans, record receipts and disbursements (SQLite, or
//! PostgreSQL when `TEST_DATABASE_URL` is set). Afterwards nothing is over-allocated, no
//! balance is negative, the ledger balances and verifies, and every plan is all-or-nothing.

use std::collections::HashMap;
use std::sync::Arc;

use api_types::Role;
use api_types::projects::{FundableProject, Theme};
use platform::Caller;
use platform::testing::user;
use sea_orm::{FromQueryResult, Statement};
use serde_json::{Value, json};
use tokio::sync::Barrier;
use uuid::Uuid;

use crate::helpers::{TestApp, spawn_app};
use crate::money::project;

async fn send(app: &TestApp, caller: &Caller, get: bool, path: &str, body: Value) -> (u16, Value) {
    let (http, identity) = app.http(caller);
    let url = app.service.url(path);
    let req = if get { http.get(url) } else { http.post(url).json(&body) };
    let res = req.header("x-trellis-identity", identity).send().await.unwrap();
    let status = res.status().as_u16();
    (status, res.json().await.unwrap_or(Value::Null))
}

async fn pledge(app: &TestApp, staff: &Caller, donor: &str, chf: &str, earmark: Value) -> String {
    let body = json!({"donor_id": donor, "amount": {"amount": chf, "currency": "CHF"}, "earmark": earmark});
    let (s, c) = send(app, staff, false, "/contributions", body).await;
    assert_eq!(s, 201, "{c}");
    c["id"].as_str().unwrap().to_owned()
}

fn receipt(chf: &str) -> Value {
    json!({"amount": {"amount": chf, "currency": "CHF"}, "value_date": "2026-11-01"})
}

#[derive(Debug, FromQueryResult)]
struct Balance {
    contribution_id: Uuid,
    project_id: Option<Uuid>,
    account: String,
    total: i64,
}

#[tokio::test]
async fn concurrent_commits_receipts_and_disbursements_never_over_allocate() {
    let app = Arc::new(spawn_app().await);
    let staff = user(Role::Staff, None, None);
    let (_, donor) =
        send(&app, &staff, false, "/donors", json!({"name": "Race Fund", "donor_type": "foundation"})).await;
    let donor = donor["id"].as_str().unwrap().to_owned();
    let projects: Vec<FundableProject> = vec![
        project(1, Theme::IctSupport, &["asia"], "1500.00", 19),
        project(2, Theme::Participation, &["africa-anglophone"], "1200.00", 17),
        project(3, Theme::ConformityAssessment, &["pacific"], "900.00", 15),
        project(4, Theme::IctSupport, &["africa-anglophone"], "2000.00", 12),
        project(5, Theme::SocialResponsibility, &["asia", "pacific"], "800.00", 9),
    ];
    *app.fundable.lock().unwrap() = projects.clone();
    let earmarks = [
        json!({"kind": "unrestricted"}),
        json!({"kind": "regions", "regions": ["asia"]}),
        json!({"kind": "themes", "themes": ["ict_support"]}),
        json!({"kind": "regions_and_themes", "regions": ["africa-anglophone"], "themes": ["participation"]}),
    ];
    // Money before the race, one committed plan so disbursements have something to draw on.
    for (i, e) in earmarks.iter().enumerate() {
        let id = pledge(&app, &staff, &donor, "600.00", e.clone()).await;
        let (s, r) = send(&app, &staff, false, &format!("/contributions/{id}/receipt"), receipt("600.00")).await;
        assert_eq!(s, 200, "{i}: {r}");
    }
    let (_, plan) = send(&app, &staff, false, "/allocation-plans", json!({})).await;
    let (s, _) =
        send(&app, &staff, false, &format!("/allocation-plans/{}/commit", plan["id"].as_str().unwrap()), json!({}))
            .await;
    assert_eq!(s, 200);
    // Pledges the race receives.
    let mut pledged = Vec::new();
    for i in 0..8 {
        pledged.push(pledge(&app, &staff, &donor, "400.00", earmarks[i % earmarks.len()].clone()).await);
    }

    let barrier = Arc::new(Barrier::new(32));
    let tasks: Vec<_> = (0..32usize)
        .map(|i| {
            let (app, staff, barrier) = (app.clone(), staff.clone(), barrier.clone());
            let pledge = pledged[i / 4].clone();
            tokio::spawn(async move {
                match i % 4 {
                    0 => {
                        barrier.wait().await;
                        let path = format!("/contributions/{pledge}/receipt");
                        vec![send(&app, &staff, false, &path, receipt("400.00")).await]
                    }
                    1 | 2 => {
                        // Propose, then commit when all are ready: the commits compete.
                        let (s, plan) = send(&app, &staff, false, "/allocation-plans", json!({})).await;
                        barrier.wait().await;
                        let path = format!("/allocation-plans/{}/commit", plan["id"].as_str().unwrap_or_default());
                        let first = send(&app, &staff, false, &path, json!({})).await;
                        // And once more after the race, from fresh balances.
                        let (_, again) = send(&app, &staff, false, "/allocation-plans", json!({})).await;
                        let path = format!("/allocation-plans/{}/commit", again["id"].as_str().unwrap_or_default());
                        vec![(s, plan), first, send(&app, &staff, false, &path, json!({})).await]
                    }
                    _ => {
                        barrier.wait().await;
                        let p = Uuid::from_u128(1 + (i as u128 / 4) % 5);
                        let body = json!({"project_id": p, "amount": {"amount": "150.00", "currency": "CHF"}});
                        vec![send(&app, &staff, false, "/disbursements", body).await]
                    }
                }
            })
        })
        .collect();
    let mut by_status: HashMap<u16, usize> = HashMap::new();
    for t in tasks {
        for (s, body) in t.await.unwrap() {
            assert!(matches!(s, 200 | 201 | 409), "only successes and honest conflicts: {s} {body}");
            if s == 409 {
                let code = body["code"].as_str().unwrap_or_default();
                assert!(matches!(code, "plan_stale" | "insufficient_allocation"), "{body}");
            }
            *by_status.entry(s).or_default() += 1;
        }
    }
    assert!(by_status.get(&200).copied().unwrap_or(0) > 8, "receipts and some commits went through: {by_status:?}");

    // Balances straight from the ledger: none negative, all balanced.
    let db = sea_orm::Database::connect(app.service.database().url()).await.unwrap();
    let backend = db.get_database_backend();
    let rows = Balance::find_by_statement(Statement::from_string(
        backend,
        "SELECT contribution_id, project_id, account, CAST(SUM(amount) AS BIGINT) AS total FROM ledger_lines \
         GROUP BY contribution_id, project_id, account",
    ))
    .all(&db)
    .await
    .unwrap();
    let mut cash: HashMap<Uuid, i64> = HashMap::new();
    let mut held: HashMap<Uuid, i64> = HashMap::new();
    for r in &rows {
        match r.account.as_str() {
            "cash" => assert!(r.total >= 0, "cash of {} is {}", r.contribution_id, r.total),
            _ => assert!(r.total <= 0, "{} of {} / {:?} is {}", r.account, r.contribution_id, r.project_id, r.total),
        }
        match r.account.as_str() {
            "cash" => *cash.entry(r.contribution_id).or_default() += r.total,
            _ => *held.entry(r.contribution_id).or_default() -= r.total,
        }
    }
    assert_eq!(cash, held, "cash = open + committed for every contribution");
    assert_eq!(rows.iter().map(|r| r.total).sum::<i64>(), 0, "the ledger balances");

    // No contribution gave more than it received; no project got more than its budget.
    #[derive(Debug, FromQueryResult)]
    struct Given {
        contribution_id: Uuid,
        project_id: Uuid,
        allocated: i64,
    }
    let given = Given::find_by_statement(Statement::from_string(
        backend,
        "SELECT l.contribution_id, l.project_id, CAST(-SUM(l.amount) AS BIGINT) AS allocated FROM ledger_lines l \
         JOIN ledger_entries e ON e.seq = l.seq WHERE l.account = 'committed' AND e.kind IN ('allocation', 'release') \
         GROUP BY l.contribution_id, l.project_id",
    ))
    .all(&db)
    .await
    .unwrap();
    let (_, list) = send(&app, &staff, true, "/contributions?per_page=100", Value::Null).await;
    let received: HashMap<Uuid, i64> = list["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            let r = c["balances"]["received"]["amount"].as_str().unwrap().replace('.', "");
            (c["id"].as_str().unwrap().parse().unwrap(), r.parse::<i64>().unwrap())
        })
        .collect();
    let mut per_contribution: HashMap<Uuid, i64> = HashMap::new();
    let mut per_project: HashMap<Uuid, i64> = HashMap::new();
    for g in &given {
        *per_contribution.entry(g.contribution_id).or_default() += g.allocated;
        *per_project.entry(g.project_id).or_default() += g.allocated;
    }
    for (c, x) in &per_contribution {
        assert!(*x <= received[c], "contribution {c} gave {x} of {}", received[c]);
    }
    for p in &projects {
        let budget = p.budget[0].minor;
        assert!(per_project.get(&p.id).copied().unwrap_or(0) <= budget, "project {} over budget", p.id);
    }

    // Every plan is all-or-nothing: committed plans have each allocation in the ledger, others none.
    #[derive(Debug, FromQueryResult)]
    struct Plan {
        id: Uuid,
        status: String,
        body: String,
    }
    let plans =
        Plan::find_by_statement(Statement::from_string(backend, "SELECT id, status, body FROM allocation_plans"))
            .all(&db)
            .await
            .unwrap();
    #[derive(Debug, FromQueryResult)]
    struct Written {
        reference: Uuid,
        n: i64,
    }
    let written: HashMap<Uuid, i64> = Written::find_by_statement(Statement::from_string(
        backend,
        "SELECT reference, CAST(COUNT(*) AS BIGINT) AS n FROM ledger_entries WHERE kind = 'allocation' GROUP BY reference",
    ))
    .all(&db)
    .await
    .unwrap()
    .into_iter()
    .map(|w| (w.reference, w.n))
    .collect();
    assert!(plans.len() > 16 * 2, "every proposal was stored");
    let mut committed = 0;
    for p in &plans {
        let body: Value = serde_json::from_str(&p.body).unwrap();
        let planned = body["allocations"].as_array().unwrap().len() as i64;
        let n = written.get(&p.id).copied().unwrap_or(0);
        match p.status.as_str() {
            "committed" => {
                committed += 1;
                assert_eq!(n, planned, "plan {} wrote {n} of {planned} allocations", p.id);
            }
            _ => assert_eq!(n, 0, "uncommitted plan {} wrote allocations", p.id),
        }
    }
    assert!(committed >= 2, "{committed} plans committed");
    let (_, v) = send(&app, &staff, true, "/ledger/verify", Value::Null).await;
    assert_eq!(v["ok"], true, "{v}");
    // Nothing is left wedged: a plan made now commits.
    let (_, plan) = send(&app, &staff, false, "/allocation-plans", json!({})).await;
    let path = format!("/allocation-plans/{}/commit", plan["id"].as_str().unwrap());
    assert_eq!(send(&app, &staff, false, &path, json!({})).await.0, 200);
}
