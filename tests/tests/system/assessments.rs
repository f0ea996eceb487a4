//! ICT support through the gateway: a member asks, answers section by section and submits;
//! staff adjust and accept the package; the proposal shows in the projects service; the
//! committee reads the KPIs.

use std::time::Duration;

use reqwest::Method;
use serde_json::{Value, json};
use system_tests::{Session, TestSystem};

async fn send(system: &TestSystem, method: Method, path: &str, session: Option<&Session>, body: Value) -> (u16, Value) {
    let res = system.request(method, path, session).json(&body).send().await.unwrap();
    let status = res.status().as_u16();
    (status, res.json().await.unwrap_or(Value::Null))
}

/// The lowest answer to a question of the questionnaire.
fn lowest(question: &Value) -> Value {
    match question["kind"].as_str() {
        Some("yes_no") => json!(false),
        _ => json!(0),
    }
}

#[tokio::test]
async fn a_member_is_assessed_and_the_accepted_package_becomes_a_project_proposal() {
    let system = TestSystem::start().await;
    let member = system.sign_in("member@trellis.test").await;
    let staff = system.sign_in("staff@trellis.test").await;
    let committee = system.sign_in("committee@trellis.test").await;
    let donor = system.sign_in("donor@trellis.test").await;

    let (status, questionnaire) = system.get_json("/api/assessments/questionnaires/current", Some(&member)).await;
    assert_eq!((status, questionnaire["sections"].as_array().map(Vec::len)), (200, Some(7)));

    let request = json!({"needs": "A reliable line and a document-management tool", "context": "Drafts live on one laptop.",
                         "urgency": "high"});
    let (status, created) = send(&system, Method::POST, "/api/assessments/requests", Some(&member), request).await;
    assert_eq!(status, 201, "{created}");
    let base = format!("/api/assessments/requests/{}", created["id"].as_str().unwrap());

    for section in questionnaire["sections"].as_array().unwrap() {
        let answers: serde_json::Map<String, Value> = section["questions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|q| (q["code"].as_str().unwrap().to_owned(), lowest(q)))
            .collect();
        let path = format!("{base}/assessment/sections/{}", section["code"].as_str().unwrap());
        let (status, body) = send(&system, Method::PUT, &path, Some(&member), json!({ "answers": answers })).await;
        assert_eq!(status, 200, "{body}");
    }
    let (status, score) =
        send(&system, Method::POST, &format!("{base}/assessment/submit"), Some(&member), json!({})).await;
    assert_eq!((status, score["level"].as_u64()), (200, Some(1)), "{score}");

    let (status, recs) = system.get_json(&format!("{base}/recommendations"), Some(&member)).await;
    assert_eq!(status, 200);
    let first = recs[0]["id"].as_str().unwrap();
    let (status, _) = send(&system, Method::POST, &format!("{base}/accept"), Some(&member), json!({})).await;
    assert_eq!(status, 403, "staff accept");
    let change = json!({"cost": {"amount": "15000.00", "currency": "CHF"}});
    let (status, edited) =
        send(&system, Method::PATCH, &format!("{base}/recommendations/{first}"), Some(&staff), change).await;
    assert_eq!((status, edited["cost"]["amount"].as_str()), (200, Some("15000.00")), "{edited}");

    let (status, proposal) = send(&system, Method::POST, &format!("{base}/accept"), Some(&staff), json!({})).await;
    assert_eq!(status, 200, "{proposal}");
    let mut project_id = proposal["project_id"].as_str().map(str::to_owned);
    for _ in 0..100 {
        if project_id.is_some() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
        let (_, p) = system.get_json(&format!("{base}/proposal"), Some(&staff)).await;
        project_id = p["project_id"].as_str().map(str::to_owned);
    }
    let project_id = project_id.expect("the proposal reaches the projects service");
    let (status, project) = system.get_json(&format!("/api/projects/projects/{project_id}"), Some(&staff)).await;
    assert_eq!(status, 200, "{project}");
    assert_eq!(project["theme"], "ict_support");
    assert_eq!(project["member_id"].as_str(), Some(platform::demo::MEMBER_ID.to_string().as_str()));

    // The member's history holds the demo assessments and this one; the committee and donors
    // read the KPIs, donors nothing else.
    let (status, history) = system
        .get_json(&format!("/api/assessments/members/{}/maturity", platform::demo::MEMBER_ID), Some(&member))
        .await;
    assert_eq!((status, history["assessments"].as_array().map(Vec::len)), (200, Some(3)), "{history}");
    for reader in [&committee, &donor] {
        let (status, kpis) = system.get_json("/api/assessments/kpis", Some(reader)).await;
        assert_eq!(status, 200, "{kpis}");
        let accepted =
            kpis["requests_by_status"].as_array().unwrap().iter().find(|s| s["status"] == "accepted").unwrap();
        assert_eq!(accepted["requests"].as_u64(), Some(2), "the demo's and this one");
    }
    let (status, _) = system.get_json("/api/assessments/requests", Some(&donor)).await;
    assert_eq!(status, 403);
}
