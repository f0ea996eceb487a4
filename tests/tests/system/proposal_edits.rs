//! Return → fix → resubmit through the gateway: the member edits its returned proposal (`PUT`),
//! names another member body as beneficiary (checked through membership's directory, which a
//! member account may read for any body), resubmits, and the trail keeps the return reason.

use reqwest::Method;
use serde_json::{Value, json};
use system_tests::{Session, TestSystem};

async fn send(system: &TestSystem, method: Method, path: &str, session: Option<&Session>, body: Value) -> (u16, Value) {
    let res = system.request(method, path, session).json(&body).send().await.unwrap();
    let status = res.status().as_u16();
    (status, res.json().await.unwrap_or(Value::Null))
}

#[tokio::test]
async fn a_member_fixes_a_returned_proposal_naming_another_body_and_resubmits_it() {
    let system = TestSystem::start().await;
    let staff = system.sign_in("staff@trellis.test").await;
    let member = system.sign_in("member@trellis.test").await;

    // Another body: the member account cannot read its record, but can read its directory entry.
    let (_, page) = system.get_json("/api/membership/members?q=STAMEQ", Some(&staff)).await;
    let stameq = page["items"][0]["id"].as_str().unwrap_or_else(|| panic!("no STAMEQ: {page}")).to_owned();
    let (status, _) = system.get_json(&format!("/api/membership/members/{stameq}"), Some(&member)).await;
    assert_eq!(status, 404);
    let (status, entry) = system.get_json(&format!("/api/membership/members/{stameq}/summary"), Some(&member)).await;
    assert_eq!((status, entry["liaison_region"].as_str()), (200, Some("asia")), "{entry}");
    assert!(entry.get("email").is_none(), "no contacts in the directory: {entry}");

    let (_, page) = system.get_json("/api/projects/projects?status=returned", Some(&member)).await;
    let id = page["items"][0]["id"].as_str().unwrap_or_else(|| panic!("no returned demo project: {page}")).to_owned();
    let fixed = json!({
        "title": "Demo: e-learning for Asia and East Africa", "summary": "Now with a plan per country.",
        "objective": 2, "theme": "ict_support", "delivery_methods": ["e_learning"],
        "beneficiary_members": [platform::demo::MEMBER_ID, stameq],
        "budget_lines": [{"category": "experts", "description": "Tutors",
                          "amount": {"amount": "30000.00", "currency": "CHF"}}],
        "planned_start": "2027-03-01", "planned_end": "2027-12-31"
    });
    let project = format!("/api/projects/projects/{id}");
    let (status, body) = send(&system, Method::PUT, &project, Some(&member), fixed.clone()).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["regions"], json!(["africa-anglophone", "asia"]));
    assert_eq!(body["status"], "returned");

    let transitions = format!("{project}/transitions");
    let (status, body) = send(&system, Method::POST, &transitions, Some(&member), json!({"to": "submitted"})).await;
    assert_eq!((status, body["status"].as_str()), (200, Some("submitted")), "{body}");
    let (status, body) = send(&system, Method::PUT, &project, Some(&member), fixed).await;
    assert_eq!((status, body["code"].as_str()), (409, Some("not_editable")), "{body}");
    assert_eq!(body["details"]["allowed"], json!(["draft", "returned"]));

    let (_, trail) = system.get_json(&transitions, Some(&member)).await;
    let steps: Vec<(&str, &str, Option<&str>)> = trail
        .as_array()
        .unwrap()
        .iter()
        .map(|t| (t["from"].as_str().unwrap(), t["to"].as_str().unwrap(), t["reason"].as_str()))
        .collect();
    let n = steps.len();
    assert!(n >= 4, "{trail}");
    assert_eq!(steps[n - 3].1, "returned", "the return stays, with its reason: {trail}");
    assert!(steps[n - 3].2.is_some_and(|r| !r.is_empty()), "{trail}");
    assert_eq!((steps[n - 2].0, steps[n - 2].1), ("returned", "returned"));
    assert!(steps[n - 2].2.is_some_and(|r| r.starts_with("edited: ")), "{trail}");
    assert_eq!((steps[n - 1].0, steps[n - 1].1), ("returned", "submitted"));
}
