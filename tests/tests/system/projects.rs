//! The projects service through the gateway: demo projects by role, a review and approval by
//! staff, an illegal step with its allowed next states, results and the KPIs.

use reqwest::Method;
use serde_json::{Value, json};
use system_tests::{Session, TestSystem};

async fn send(system: &TestSystem, method: Method, path: &str, session: Option<&Session>, body: Value) -> (u16, Value) {
    let res = system.request(method, path, session).json(&body).send().await.unwrap();
    let status = res.status().as_u16();
    (status, res.json().await.unwrap_or(Value::Null))
}

/// The id of the demo project in `status`.
async fn demo_project(system: &TestSystem, staff: &Session, status: &str) -> String {
    let (code, page) = system.get_json(&format!("/api/projects/projects?status={status}"), Some(staff)).await;
    assert_eq!(code, 200, "{page}");
    page["items"][0]["id"].as_str().unwrap_or_else(|| panic!("no demo project {status}: {page}")).to_owned()
}

#[tokio::test]
async fn each_role_sees_and_moves_projects_as_it_may() {
    let system = TestSystem::start().await;
    let staff = system.sign_in("staff@trellis.test").await;
    let member = system.sign_in("member@trellis.test").await;
    let donor = system.sign_in("donor@trellis.test").await;
    let committee = system.sign_in("committee@trellis.test").await;

    // Demo data: one project per status and two more approved. Staff and the proposing member see
    // all thirteen; donors only published work (approved and after).
    for (session, expected) in [(&staff, 13), (&member, 13), (&committee, 13), (&donor, 7)] {
        let (status, page) = system.get_json("/api/projects/projects", Some(session)).await;
        assert_eq!((status, page["total"].as_u64()), (200, Some(expected)), "{page}");
    }
    let (status, _) = system.get_json("/api/projects/projects", None).await;
    assert_eq!(status, 401);

    // Staff review the submitted demo proposal and approve it.
    let id = demo_project(&system, &staff, "submitted").await;
    let path = format!("/api/projects/projects/{id}/transitions");
    let (status, body) = send(&system, Method::POST, &path, Some(&member), json!({"to": "under_review"})).await;
    assert_eq!(status, 403, "{body}");
    let (status, body) = send(&system, Method::POST, &path, Some(&staff), json!({"to": "under_review"})).await;
    assert_eq!((status, body["status"].as_str()), (200, Some("under_review")), "{body}");
    let (status, body) = send(&system, Method::POST, &path, Some(&staff), json!({"to": "funded"})).await;
    assert_eq!(status, 409, "{body}");
    assert_eq!(body["code"], "illegal_transition");
    assert_eq!(body["details"]["allowed"], json!(["approved", "rejected", "returned", "cancelled"]));
    let review = json!({
        "objective_oriented": {"score": 4, "comment": "Objective 3"},
        "topic_oriented": {"score": 4, "comment": "On topic"},
        "delivery_oriented": {"score": 3, "comment": "Workshops"},
        "geographic": {"score": 5, "comment": "Region underserved"}
    });
    let reviews = format!("/api/projects/projects/{id}/reviews");
    let (status, body) = send(&system, Method::POST, &reviews, Some(&staff), review).await;
    assert_eq!((status, body["total"].as_u64()), (201, Some(16)), "{body}");
    let (status, _) = system.get_json(&reviews, Some(&member)).await;
    assert_eq!(status, 403);
    let needed = {
        let (_, p) = system.get_json(&format!("/api/projects/projects/{id}"), Some(&staff)).await;
        p["approvals_needed"].as_u64().unwrap()
    };
    let (status, body) = send(&system, Method::POST, &path, Some(&staff), json!({"to": "approved"})).await;
    assert_eq!(status, 200, "{body}");
    let expected = if needed == 1 { "approved" } else { "under_review" };
    assert_eq!(body["status"], expected);

    // The audit trail shows who did what.
    let (status, trail) = system.get_json(&format!("/api/projects/projects/{id}/transitions"), Some(&member)).await;
    assert_eq!(status, 200);
    assert_eq!(trail.as_array().unwrap().last().unwrap()["by"], json!(staff.me.id));

    // The KPIs for the committee; the planner's list for donors.
    let (status, kpis) = system.get_json("/api/projects/kpis", Some(&committee)).await;
    assert_eq!(status, 200, "{kpis}");
    assert!(kpis["people_trained"].as_i64().unwrap() > 0, "{kpis}");
    let (status, fundable) = system.get_json("/api/projects/projects/fundable", Some(&donor)).await;
    assert_eq!(status, 200, "{fundable}");
    assert!(!fundable.as_array().unwrap().is_empty());
    let (status, _) = system.get_json("/api/projects/kpis", Some(&member)).await;
    assert_eq!(status, 403);
}

#[tokio::test]
async fn a_member_drafts_and_submits_a_proposal_checked_with_membership() {
    let system = TestSystem::start().await;
    let member = system.sign_in("member@trellis.test").await;
    let proposal = json!({
        "title": "Bandwidth upgrade", "summary": "A 20 Mbit/s line.", "objective": 3, "theme": "ict_support",
        "delivery_methods": ["ict_support"], "beneficiary_members": [platform::demo::MEMBER_ID],
        "budget_lines": [{"category": "connectivity", "amount": {"amount": "24000.00", "currency": "CHF"}}],
        "planned_start": "2027-01-01", "planned_end": "2027-12-31"
    });
    let create = || {
        system
            .request(Method::POST, "/api/projects/projects", Some(&member))
            .header("idempotency-key", "kebs-bandwidth-1")
            .json(&proposal)
    };
    let first: Value = create().send().await.unwrap().json().await.unwrap();
    assert_eq!(first["status"], "draft", "{first}");
    // The region comes from the membership service, across the services' own network.
    assert_eq!(first["regions"], json!(["africa-anglophone"]));
    let again: Value = create().send().await.unwrap().json().await.unwrap();
    assert_eq!(again["id"], first["id"], "the same key creates the proposal once");
    let path = format!("/api/projects/projects/{}/transitions", first["id"].as_str().unwrap());
    let (status, body) = send(&system, Method::POST, &path, Some(&member), json!({"to": "submitted"})).await;
    assert_eq!((status, body["status"].as_str()), (200, Some("submitted")), "{body}");
}
