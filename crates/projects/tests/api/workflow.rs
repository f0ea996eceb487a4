//! The workflow over HTTP: every transition, legal and illegal, by each role; the two-approver
//! rule; self-approval refused; reasons; the audit trail; reviews; and the milestone events.

use api_types::Role;
use platform::testing::user;
use reqwest::Method;
use serde_json::{Value, json};

use crate::helpers::{everyone, kebs, member_of, spawn_app, staff};

fn statuses(body: &Value) -> Vec<String> {
    body["details"]["allowed"].as_array().unwrap().iter().map(|v| v.as_str().unwrap().to_owned()).collect()
}

#[tokio::test]
async fn a_proposal_goes_all_the_way_and_the_trail_records_every_step() {
    let app = spawn_app().await;
    let p = app.draft("50000").await;
    let (owner, officer) = (kebs(), staff());
    app.step(p.id, "submitted", &owner, None).await;
    app.step(p.id, "under_review", &officer, None).await;
    let approved = app.step(p.id, "approved", &officer, Some("Fits objective 3")).await;
    assert_eq!(approved["status"], "approved");
    // `funded` follows the funding service; nobody else sets it.
    let (status, _) = app.move_to(p.id, "funded", &officer, None).await;
    assert_eq!(status, 403);

    let (status, trail) = app.call(Method::GET, &format!("/projects/{}/transitions", p.id), &owner, None).await;
    assert_eq!(status, 200);
    let steps: Vec<(String, String)> = trail
        .as_array()
        .unwrap()
        .iter()
        .map(|t| (t["from"].as_str().unwrap().to_owned(), t["to"].as_str().unwrap().to_owned()))
        .collect();
    assert_eq!(
        steps,
        [("draft", "submitted"), ("submitted", "under_review"), ("under_review", "approved")]
            .map(|(a, b)| (a.to_owned(), b.to_owned()))
    );
    assert_eq!(trail[2]["reason"], "Fits objective 3");
    assert_eq!(trail[2]["by_role"], "staff");
    assert!(trail[0]["by"].is_string() && trail[0]["at"].is_string());
    assert_eq!(app.outbox_topics().await, ["project.submitted", "project.approved"]);
}

#[tokio::test]
async fn illegal_transitions_are_409_with_the_allowed_next_states() {
    let app = spawn_app().await;
    let p = app.draft("1000").await;
    let (status, body) = app.move_to(p.id, "approved", &staff(), None).await;
    assert_eq!(status, 409);
    assert_eq!(body["code"], "illegal_transition");
    assert_eq!(statuses(&body), ["submitted", "cancelled"]);
    assert_eq!((body["details"]["from"].as_str(), body["details"]["to"].as_str()), (Some("draft"), Some("approved")));
    for to in ["draft", "under_review", "rejected", "returned", "funded", "in_progress", "completed", "evaluated"] {
        let (status, body) = app.move_to(p.id, to, &staff(), Some("why")).await;
        assert_eq!(status, 409, "draft → {to}: {body}");
    }
    // A closed project allows nothing.
    app.step(p.id, "cancelled", &kebs(), Some("Withdrawn")).await;
    let (status, body) = app.move_to(p.id, "submitted", &kebs(), None).await;
    assert_eq!(status, 409);
    assert!(statuses(&body).is_empty());
    let (status, body) = app.move_to(p.id, "flying", &kebs(), None).await;
    assert_eq!(status, 422, "{body}");
}

#[tokio::test]
async fn each_role_may_take_only_its_own_steps() {
    let app = spawn_app().await;
    let p = app.draft("1000").await;
    // Submitting: only the proposing member (another member does not even see the draft).
    for (role, caller) in everyone() {
        if role == "member" {
            continue;
        }
        let (status, _) = app.move_to(p.id, "submitted", &caller, None).await;
        let expected = match role {
            "anonymous" => 401,
            "other member" | "donor" => 404,
            _ => 403,
        };
        assert_eq!(status, expected, "{role} submitting");
    }
    app.step(p.id, "submitted", &kebs(), None).await;
    // Starting the review: staff only.
    for (role, caller) in everyone() {
        if role == "staff" {
            continue;
        }
        let (status, _) = app.move_to(p.id, "under_review", &caller, None).await;
        assert!(matches!(status, 401 | 403 | 404), "{role} reviewing: {status}");
    }
    app.step(p.id, "under_review", &staff(), None).await;
    // The member cannot approve, return or reject its own proposal.
    for to in ["approved", "returned", "rejected"] {
        let (status, _) = app.move_to(p.id, to, &kebs(), Some("self")).await;
        assert_eq!(status, 403, "member → {to}");
    }
    // Returned needs a reason; then the member resubmits.
    let (status, body) = app.move_to(p.id, "returned", &staff(), Some("  ")).await;
    assert_eq!(status, 422);
    assert!(body["details"]["fields"]["reason"].is_string());
    app.step(p.id, "returned", &staff(), Some("Detail the travel budget")).await;
    app.step(p.id, "submitted", &kebs(), None).await;
    app.step(p.id, "under_review", &staff(), None).await;
    let (status, _) = app.move_to(p.id, "rejected", &staff(), None).await;
    assert_eq!(status, 422, "rejecting needs a reason");
    let rejected = app.step(p.id, "rejected", &staff(), Some("Outside the objectives")).await;
    assert_eq!(rejected["status"], "rejected");
    assert_eq!(app.outbox_topics().await, ["project.submitted", "project.submitted"]);
}

#[tokio::test]
async fn delivery_steps_belong_to_staff_or_the_owner_and_funding_comes_from_the_event() {
    let app = spawn_app().await;
    let p = app.under_review("1000").await;
    app.step(p.id, "approved", &staff(), None).await;
    let db = app.db().await;
    // The funding service reports the project fully allocated (as its event handler would).
    let position = api_types::events::ProjectFunding {
        project_id: p.id,
        allocated: crate::helpers::chf("1000"),
        budget: crate::helpers::chf("1000"),
        fully_funded: true,
        ledger_seq: 7,
    };
    let txn = platform::db::write_txn(&db).await.unwrap();
    projects::ops::funding_position::apply(&txn, &position).await.unwrap();
    txn.commit().await.unwrap();
    // Donors and other members see published work but cannot move it.
    for caller in [user(Role::Donor, None, None), member_of(uuid::Uuid::new_v4()), user(Role::Committee, None, None)] {
        let (status, _) = app.move_to(p.id, "in_progress", &caller, None).await;
        assert_eq!(status, 403);
    }
    app.step(p.id, "in_progress", &kebs(), None).await;
    app.step(p.id, "completed", &staff(), None).await;
    // `evaluated` comes with the evaluation.
    let (status, body) = app.move_to(p.id, "evaluated", &staff(), None).await;
    assert_eq!((status, body["code"].as_str()), (409, Some("evaluation_required")));
    let (status, _) = app.move_to(p.id, "cancelled", &staff(), Some("late")).await;
    assert_eq!(status, 409, "a completed project is no longer open");
    assert_eq!(app.outbox_topics().await, ["project.submitted", "project.approved", "project.completed"]);
}

#[tokio::test]
async fn above_the_threshold_two_distinct_staff_must_approve() {
    let app = spawn_app().await;
    let p = app.under_review("100000.01").await;
    let (first, second) = (staff(), staff());
    let after_one = app.step(p.id, "approved", &first, Some("Good")).await;
    assert_eq!(after_one["status"], "under_review");
    assert_eq!(after_one["approved_by"].as_array().unwrap().len(), 1);
    let (status, body) = app.move_to(p.id, "approved", &first, None).await;
    assert_eq!((status, body["code"].as_str()), (409, Some("already_approved_by_you")));
    // The approvals endpoint is the same step.
    let (status, body) =
        app.call(Method::POST, &format!("/projects/{}/approvals", p.id), &second, Some(json!({}))).await;
    assert_eq!((status, body["status"].as_str()), (200, Some("approved")), "{body}");
    let (_, approvals) = app.call(Method::GET, &format!("/projects/{}/approvals", p.id), &staff(), None).await;
    assert_eq!(approvals.as_array().unwrap().len(), 2);

    // At exactly the threshold one approval is enough.
    let q = app.under_review("100000.00").await;
    assert_eq!(app.step(q.id, "approved", &staff(), None).await["status"], "approved");
}

#[tokio::test]
async fn the_drafter_and_the_proposing_member_never_approve() {
    let app = spawn_app().await;
    // A staff member drafts on KEBS's behalf and may not approve it.
    let drafter = staff();
    let mut input = crate::helpers::proposal("ICT support", "1000");
    input.member_id = Some(platform::demo::MEMBER_ID);
    let p = app.client(&drafter).create(&input).await.unwrap();
    app.step(p.id, "submitted", &drafter, None).await;
    app.step(p.id, "under_review", &staff(), None).await;
    let (status, body) = app.move_to(p.id, "approved", &drafter, None).await;
    assert_eq!(status, 403, "{body}");
    // Nor may a staff account linked to the proposing member.
    let linked = user(Role::Staff, Some(platform::demo::MEMBER_ID), None);
    assert_eq!(app.move_to(p.id, "approved", &linked, None).await.0, 403);
    assert_eq!(app.step(p.id, "approved", &staff(), None).await["status"], "approved");
}

#[tokio::test]
async fn reviews_score_four_principles_and_show_no_suggestion_without_funding() {
    let app = spawn_app().await;
    let p = app.draft("1000").await;
    let review = json!({
        "objective_oriented": {"score": 4, "comment": "Objective 3"},
        "topic_oriented": {"score": 5, "comment": "ICT"},
        "delivery_oriented": {"score": 3, "comment": "Workshops"},
        "geographic": {"score": 2, "comment": "Asia is well served"}
    });
    let path = format!("/projects/{}/reviews", p.id);
    let (status, body) = app.call(Method::POST, &path, &staff(), Some(review.clone())).await;
    assert_eq!((status, body["code"].as_str()), (409, Some("wrong_status")));
    app.step(p.id, "submitted", &kebs(), None).await;
    app.step(p.id, "under_review", &staff(), None).await;
    let (status, _) = app.call(Method::POST, &path, &kebs(), Some(review.clone())).await;
    assert_eq!(status, 403);
    let mut bad = review.clone();
    bad["geographic"]["score"] = json!(6);
    bad["topic_oriented"]["comment"] = json!(" ");
    let (status, body) = app.call(Method::POST, &path, &staff(), Some(bad)).await;
    assert_eq!(status, 422);
    assert!(body["details"]["fields"]["geographic.score"].is_string(), "{body}");
    assert!(body["details"]["fields"]["topic_oriented.comment"].is_string(), "{body}");
    let reviewer = staff();
    let (status, body) = app.call(Method::POST, &path, &reviewer, Some(review.clone())).await;
    assert_eq!((status, body["total"].as_u64()), (201, Some(14)));
    // A second review by the same person replaces the first.
    let mut again = review;
    again["geographic"]["score"] = json!(5);
    app.call(Method::POST, &path, &reviewer, Some(again)).await;
    let (status, list) = app.call(Method::GET, &path, &staff(), None).await;
    assert_eq!(status, 200);
    assert_eq!(list["items"].as_array().unwrap().len(), 1);
    assert_eq!(list["items"][0]["total"], 17);
    // The funding service is not running here: the suggestion is absent, not wrong.
    assert!(list["geographic_suggestion"].is_null(), "{list}");
    assert_eq!(app.call(Method::GET, &path, &kebs(), None).await.0, 403);
}
