//! The funding service through the gateway: staff take a pledge earmarked to liaison regions
//! that the real membership service knows, record its receipt in EUR, and the donor account
//! sees its own money and statement, nobody else's. Repeats with one `Idempotency-Key` pay once.

use reqwest::Method;
use serde_json::{Value, json};
use system_tests::{Session, TestSystem};

async fn send(system: &TestSystem, path: &str, session: &Session, key: Option<&str>, body: Value) -> (u16, Value) {
    let mut req = system.request(Method::POST, path, Some(session)).json(&body);
    if let Some(k) = key {
        req = req.header("idempotency-key", k);
    }
    let res = req.send().await.unwrap();
    let status = res.status().as_u16();
    (status, res.json().await.unwrap_or(Value::Null))
}

#[tokio::test]
async fn a_pledge_is_received_once_and_the_donor_sees_its_statement() {
    let system = TestSystem::start().await;
    let staff = system.sign_in("staff@trellis.test").await;
    let admin = system.sign_in("admin@trellis.test").await;
    let donor = system.sign_in("donor@trellis.test").await;
    let member = system.sign_in("member@trellis.test").await;
    let own = donor.me.donor_id.expect("the demo donor account is linked to a donor");

    let rate = json!({"currency": "EUR", "valid_from": "2026-01-01", "rate": "0.9412"});
    let (s, e) = send(&system, "/api/funding/fx-rates", &admin, None, rate).await;
    assert_eq!(s, 201, "{e}");
    // Regions are the membership service's liaison regions.
    let pledge = |regions: Value| {
        json!({"donor_id": own, "amount": {"amount": "12500.00", "currency": "EUR"},
               "earmark": {"kind": "regions", "regions": regions}})
    };
    let (s, e) = send(&system, "/api/funding/contributions", &staff, None, pledge(json!(["nowhere"]))).await;
    assert_eq!((s, e["code"].as_str()), (422, Some("validation_failed")), "{e}");
    let (s, c) = send(&system, "/api/funding/contributions", &staff, Some("sys-pledge"), pledge(json!(["asia"]))).await;
    assert_eq!(s, 201, "{c}");
    let id = c["id"].as_str().unwrap();
    let receipt = json!({"amount": {"amount": "12500.00", "currency": "EUR"}, "value_date": "2026-03-01"});
    let path = format!("/api/funding/contributions/{id}/receipt");
    let (s, first) = send(&system, &path, &staff, Some("sys-receipt"), receipt.clone()).await;
    assert_eq!((s, first["balances"]["received"]["amount"].as_str()), (200, Some("11765.00")), "{first}");
    let (s, again) = send(&system, &path, &staff, Some("sys-receipt"), receipt).await;
    assert_eq!((s, &again), (200, &first));

    // The donor account sees this contribution; a member sees no money at all.
    let (s, mine) = system.get_json(&format!("/api/funding/contributions/{id}"), Some(&donor)).await;
    assert_eq!((s, mine["id"].as_str()), (200, Some(id)));
    let (s, _) = system.get_json("/api/funding/contributions", Some(&member)).await;
    assert_eq!(s, 403);
    let (s, statement) = system.get_json(&format!("/api/funding/donors/{own}/statement"), Some(&donor)).await;
    assert_eq!((s, statement["reconciles"].as_bool()), (200, Some(true)), "{statement}");
    let (s, v) = system.get_json("/api/funding/ledger/verify", Some(&staff)).await;
    assert_eq!((s, v["ok"].as_bool()), (200, Some(true)), "{v}");
    let (s, k) = system.get_json("/api/funding/kpis", Some(&staff)).await;
    assert_eq!(s, 200, "{k}");
}

#[tokio::test]
async fn staff_plan_over_the_real_fundable_projects_and_the_projects_service_sees_the_allocation() {
    let system = TestSystem::start().await;
    let staff = system.sign_in("staff@trellis.test").await;
    let donor = system.sign_in("donor@trellis.test").await;
    let own = donor.me.donor_id.expect("the demo donor account is linked to a donor");
    // Unrestricted money, enough for any demo project.
    let pledge = json!({"donor_id": own, "amount": {"amount": "5000000.00", "currency": "CHF"},
                        "earmark": {"kind": "unrestricted"}});
    let (s, c) = send(&system, "/api/funding/contributions", &staff, None, pledge).await;
    assert_eq!(s, 201, "{c}");
    let receipt = json!({"amount": {"amount": "5000000.00", "currency": "CHF"}, "value_date": "2026-06-01"});
    let path = format!("/api/funding/contributions/{}/receipt", c["id"].as_str().unwrap());
    assert_eq!(send(&system, &path, &staff, None, receipt).await.0, 200);

    // The plan is made over the projects service's approved demo projects.
    let (s, plan) = send(&system, "/api/funding/allocation-plans", &staff, None, json!({})).await;
    assert_eq!(s, 201, "{plan}");
    let projects = plan["projects"].as_array().unwrap();
    assert!(!projects.is_empty(), "the demo has approved projects: {plan}");
    let first = projects[0]["project_id"].as_str().unwrap().to_owned();
    let funded = projects[0]["funded"]["amount"].as_str().unwrap().to_owned();
    assert_eq!(projects[0]["unfunded"]["amount"], "0.00", "{plan}");
    let commit = format!("/api/funding/allocation-plans/{}/commit", plan["id"].as_str().unwrap());
    let (s, committed) = send(&system, &commit, &staff, Some("sys-commit"), json!(null)).await;
    assert_eq!((s, committed["status"].as_str()), (200, Some("committed")), "{committed}");

    // allocation.committed reaches the projects service, which shows the money on the project.
    let mut seen = Value::Null;
    for _ in 0..100 {
        let (_, p) = system.get_json(&format!("/api/projects/projects/{first}"), Some(&staff)).await;
        if p["allocated"]["amount"].as_str() == Some(funded.as_str()) {
            seen = p;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(seen["allocated"]["amount"].as_str(), Some(funded.as_str()), "the projects service never saw it");
    let (s, v) = system.get_json("/api/funding/ledger/verify", Some(&staff)).await;
    assert_eq!((s, v["ok"].as_bool()), (200, Some(true)), "{v}");
}
