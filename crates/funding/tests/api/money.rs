//! Contributions, receipts, plans, commits, disbursements, the ledger and statements, over HTTP.

use api_types::Role;
use api_types::funding::CreateDonor;
use api_types::funding::DonorType;
use api_types::projects::{FundableProject, Theme};
use platform::testing::user;
use serde_json::{Value, json};
use uuid::Uuid;

use crate::helpers::{TestApp, spawn_app};

async fn call(app: &TestApp, role: Role, method: &str, path: &str, body: Option<Value>) -> (u16, Value) {
    let (http, identity) = app.http(&user(role, None, None));
    let url = app.service.url(path);
    let req = match method {
        "GET" => http.get(url),
        _ => http.post(url),
    }
    .header("x-trellis-identity", identity);
    let req = match body {
        Some(b) => req.json(&b),
        None => req,
    };
    let res = req.send().await.unwrap();
    let status = res.status().as_u16();
    let text = res.text().await.unwrap();
    (status, serde_json::from_str(&text).unwrap_or(Value::String(text)))
}

pub fn project(n: u128, theme: Theme, regions: &[&str], chf: &str, score: u8) -> FundableProject {
    FundableProject {
        id: Uuid::from_u128(n),
        title: format!("Project {n}"),
        theme,
        member_id: Uuid::from_u128(999),
        regions: regions.iter().map(|r| (*r).to_owned()).collect(),
        budget: vec![api_types::Money::parse(chf, api_types::money::CHF).unwrap()],
        review_score: Some(score),
        approved_at: chrono::Utc::now(),
    }
}

async fn donor(app: &TestApp) -> Uuid {
    let staff = app.client(&user(Role::Staff, None, None));
    staff
        .create_donor(&CreateDonor {
            name: "Nordic Fund".into(),
            donor_type: DonorType::Government,
            country: None,
            publicly_named: false,
            contact: Default::default(),
        })
        .await
        .unwrap()
        .id
}

async fn received(app: &TestApp, donor: Uuid, amount: &str, currency: &str, earmark: Value) -> Uuid {
    let (s, c) = call(
        app,
        Role::Staff,
        "POST",
        "/contributions",
        Some(json!({"donor_id": donor, "amount": {"amount": amount, "currency": currency}, "earmark": earmark})),
    )
    .await;
    assert_eq!(s, 201, "{c}");
    let id = c["id"].as_str().unwrap().to_owned();
    let (s, r) = call(
        app,
        Role::Staff,
        "POST",
        &format!("/contributions/{id}/receipt"),
        Some(json!({"amount": {"amount": amount, "currency": currency}, "value_date": "2026-11-01"})),
    )
    .await;
    assert_eq!(s, 200, "{r}");
    id.parse().unwrap()
}

#[tokio::test]
async fn money_flows_from_pledge_to_disbursement_and_the_ledger_verifies() {
    let app = spawn_app().await;
    let d = donor(&app).await;
    // A EUR receipt needs a rate for its value date.
    let (s, _) = call(
        &app,
        Role::Admin,
        "POST",
        "/fx-rates",
        Some(json!({"currency": "EUR", "valid_from": "2026-10-01", "rate": "0.95"})),
    )
    .await;
    assert_eq!(s, 201);
    let unrestricted = received(&app, d, "1000.00", "EUR", json!({"kind": "unrestricted"})).await;
    let asia = received(&app, d, "500.00", "CHF", json!({"kind": "regions", "regions": ["asia"]})).await;
    let (s, c) = call(&app, Role::Staff, "GET", &format!("/contributions/{unrestricted}"), None).await;
    assert_eq!((s, c["balances"]["received"]["amount"].as_str()), (200, Some("950.00")));

    // Project 1 (Asia) ranks first; project 2 (Africa) second. A greedy pass would give the
    // unrestricted money to project 1; the planner keeps it for project 2.
    *app.fundable.lock().unwrap() = vec![
        project(1, Theme::IctSupport, &["asia"], "500.00", 18),
        project(2, Theme::Participation, &["africa-anglophone"], "1000.00", 10),
    ];
    let (s, plan) = call(&app, Role::Staff, "POST", "/allocation-plans", Some(json!({}))).await;
    assert_eq!(s, 201, "{plan}");
    assert_eq!(plan["projects"][0]["funded"]["amount"], "500.00");
    assert_eq!(plan["projects"][1]["funded"]["amount"], "950.00");
    assert_eq!(plan["projects"][1]["reason"], "eligible_funds_exhausted");
    assert_eq!(plan["by_restriction"]["regions_or_themes"]["amount"], "500.00");
    let plan_id = plan["id"].as_str().unwrap().to_owned();

    // A member may not plan; a second plan made now goes stale when the first commits.
    assert_eq!(call(&app, Role::Member, "POST", "/allocation-plans", Some(json!({}))).await.0, 403);
    let (_, other) = call(&app, Role::Staff, "POST", "/allocation-plans", Some(json!({}))).await;
    let (s, committed) = call(&app, Role::Staff, "POST", &format!("/allocation-plans/{plan_id}/commit"), None).await;
    assert_eq!((s, committed["status"].as_str()), (200, Some("committed")), "{committed}");
    let (s, stale) =
        call(&app, Role::Staff, "POST", &format!("/allocation-plans/{}/commit", other["id"].as_str().unwrap()), None)
            .await;
    assert_eq!((s, stale["code"].as_str()), (409, Some("plan_stale")));
    assert_eq!(call(&app, Role::Staff, "POST", &format!("/allocation-plans/{plan_id}/commit"), None).await.0, 409);

    // Disbursements never exceed what is allocated.
    let p1 = Uuid::from_u128(1);
    let (s, _) = call(
        &app,
        Role::Staff,
        "POST",
        "/disbursements",
        Some(json!({"project_id": p1, "amount": {"amount": "200.00", "currency": "CHF"}})),
    )
    .await;
    assert_eq!(s, 201);
    let (s, e) = call(
        &app,
        Role::Staff,
        "POST",
        "/disbursements",
        Some(json!({"project_id": p1, "amount": {"amount": "300.01", "currency": "CHF"}})),
    )
    .await;
    assert_eq!((s, e["code"].as_str()), (409, Some("insufficient_allocation")));

    // Each allocation is dated on the day its plan was committed, each receipt on its value date;
    // a disbursement drawn on an allocation leaves that date alone.
    let commit_day = &committed["committed_at"].as_str().unwrap()[..10];
    let (s, allocations) = call(&app, Role::Staff, "GET", "/allocations", None).await;
    assert_eq!(s, 200, "{allocations}");
    let rows = allocations["items"].as_array().unwrap();
    assert_eq!(rows.len(), 2, "{allocations}");
    assert!(rows.iter().all(|a| a["committed_on"] == commit_day), "{allocations}");
    let (_, c) = call(&app, Role::Staff, "GET", &format!("/contributions/{asia}"), None).await;
    assert_eq!(c["value_date"], "2026-11-01");

    let (s, statement) = call(&app, Role::Staff, "GET", &format!("/donors/{d}/statement"), None).await;
    assert_eq!(s, 200);
    assert_eq!(statement["reconciles"], true);
    assert_eq!(statement["totals"]["received"]["amount"], "1450.00");
    assert_eq!(statement["totals"]["allocated"]["amount"], "1450.00");
    assert_eq!(statement["totals"]["disbursed"]["amount"], "200.00");
    let (s, html) = call(&app, Role::Staff, "GET", &format!("/donors/{d}/statement?format=html"), None).await;
    assert!(s == 200 && html.as_str().unwrap().contains("Nordic Fund"));

    let (s, kpis) = call(&app, Role::Committee, "GET", "/kpis", None).await;
    assert_eq!(s, 200);
    assert_eq!(kpis["totals"]["allocated"]["amount"], "1450.00");
    assert_eq!(kpis["funding_by_region_rolling_3y"][0]["region"], "africa-anglophone");

    let (s, v) = call(&app, Role::Staff, "GET", "/ledger/verify", None).await;
    assert_eq!((s, v["ok"].as_bool()), (200, Some(true)), "{v}");
    assert_eq!(v["entries_checked"], 5);

    // Tampering with one stored line is named at its entry.
    let db = sea_orm::Database::connect(app.service.database().url()).await.unwrap();
    use sea_orm::ConnectionTrait;
    db.execute_unprepared("UPDATE ledger_lines SET amount = amount + 1 WHERE seq = 3 AND line_no = 0").await.unwrap();
    let (_, v) = call(&app, Role::Staff, "GET", "/ledger/verify", None).await;
    assert_eq!(v["first_broken"]["seq"], 3, "{v}");
    assert_eq!(v["first_broken"]["reason"], "content_altered");
}

#[tokio::test]
async fn bad_input_is_a_clear_error() {
    let app = spawn_app().await;
    let d = donor(&app).await;
    let pledge = |earmark: Value, amount: &str| json!({"donor_id": d, "amount": {"amount": amount, "currency": "CHF"}, "earmark": earmark});
    let (s, e) = call(
        &app,
        Role::Staff,
        "POST",
        "/contributions",
        Some(pledge(json!({"kind": "regions", "regions": ["atlantis"]}), "10")),
    )
    .await;
    assert_eq!((s, e["code"].as_str()), (422, Some("validation_failed")));
    let (s, _) = call(&app, Role::Staff, "POST", "/contributions", Some(pledge(json!({"kind": "galaxy"}), "10"))).await;
    assert!(s == 400 || s == 422, "{s}");
    let (s, _) =
        call(&app, Role::Staff, "POST", "/contributions", Some(pledge(json!({"kind": "unrestricted"}), "-5"))).await;
    assert_eq!(s, 422);
    // A receipt in a currency without a rate names the value date.
    let (_, c) = call(
        &app,
        Role::Staff,
        "POST",
        "/contributions",
        Some(
            json!({"donor_id": d, "amount": {"amount": "10", "currency": "USD"}, "earmark": {"kind": "unrestricted"}}),
        ),
    )
    .await;
    let (s, e) = call(
        &app,
        Role::Staff,
        "POST",
        &format!("/contributions/{}/receipt", c["id"].as_str().unwrap()),
        Some(json!({"amount": {"amount": "10", "currency": "USD"}, "value_date": "2026-01-01"})),
    )
    .await;
    assert_eq!((s, e["details"]["fields"]["value_date"].is_string()), (422, true), "{e}");
    // A pledge is cancelled; a donor account sees only its own donor's contributions.
    let (s, c2) =
        call(&app, Role::Staff, "POST", &format!("/contributions/{}/cancel", c["id"].as_str().unwrap()), None).await;
    assert_eq!((s, c2["status"].as_str()), (200, Some("cancelled")));
    let other = app.client(&user(Role::Donor, None, Some(Uuid::now_v7())));
    let _ = other;
}

#[tokio::test]
async fn the_demo_covers_every_donor_type_earmark_and_status_and_reconciles() {
    let app = spawn_app().await;
    app.seed_demo().await;
    app.seed_demo().await; // a second start adds nothing
    let (s, donors) = call(&app, Role::Staff, "GET", "/donors?per_page=100", None).await;
    assert_eq!(s, 200);
    let mut types: Vec<&str> =
        donors["items"].as_array().unwrap().iter().map(|d| d["donor_type"].as_str().unwrap()).collect();
    types.sort_unstable();
    assert_eq!(types, ["development_agency", "foundation", "government", "member_body", "multilateral", "other"]);

    let (_, list) = call(&app, Role::Staff, "GET", "/contributions?per_page=100", None).await;
    let items = list["items"].as_array().unwrap();
    assert_eq!(list["total"], 8);
    let mut kinds: Vec<&str> = items.iter().map(|c| c["earmark"]["kind"].as_str().unwrap()).collect();
    kinds.sort_unstable();
    kinds.dedup();
    assert_eq!(kinds, ["regions", "regions_and_themes", "themes", "unrestricted"]);
    let mut statuses: Vec<&str> = items.iter().map(|c| c["status"].as_str().unwrap()).collect();
    statuses.sort_unstable();
    statuses.dedup();
    assert_eq!(statuses, ["cancelled", "pledged", "received"]);
    let mut currencies: Vec<&str> = items.iter().map(|c| c["pledged"]["currency"].as_str().unwrap()).collect();
    currencies.sort_unstable();
    currencies.dedup();
    assert!(currencies.len() >= 5, "{currencies:?}");
    assert!(items.iter().all(|c| c["demo"] == true));
    // 2 500 000 SEK received on 2025-03-14 at 0.0823 CHF.
    let sek = items.iter().find(|c| c["pledged"]["currency"] == "SEK").unwrap();
    assert_eq!(sek["balances"]["received"]["amount"], "205750.00");

    let (_, v) = call(&app, Role::Staff, "GET", "/ledger/verify", None).await;
    assert_eq!((v["ok"].as_bool(), v["entries_checked"].as_u64()), (Some(true), Some(6)), "{v}");
    let (_, statement) =
        call(&app, Role::Staff, "GET", &format!("/donors/{}/statement", platform::demo::DONOR_ID), None).await;
    assert_eq!(statement["reconciles"], true, "{statement}");
    let (_, rates) = call(&app, Role::Staff, "GET", "/fx-rates", None).await;
    assert_eq!(rates["total"], 7);
}
