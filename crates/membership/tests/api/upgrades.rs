//! Upgrade requests: a member asks to move up one category; staff decide.

use api_types::Role;
use platform::Caller;
use platform::testing::user;
use serde_json::json;

use crate::helpers::{everyone, member_account, spawn_app, staff};

#[tokio::test]
async fn a_member_asks_staff_approve_and_the_category_history_keeps_it() {
    let app = spawn_app().await;
    let m = app.create_member("BT", "BSB", "subscriber", "2011-01-01").await;
    let me = member_account(m.id);
    let path = format!("/members/{}/upgrade-requests", m.id);
    let (status, request) = app
        .post(&path, &me, json!({"to_category": "correspondent", "justification": "We follow six committees now."}))
        .await;
    assert_eq!(status, 201, "{request}");
    assert_eq!((request["from_category"].as_str(), request["status"].as_str()), (Some("subscriber"), Some("open")));
    let id = request["id"].as_str().unwrap().to_owned();

    // Staff see it in the queue; the member sees its own.
    let (_, queue) = app.get_json("/upgrade-requests?status=open", &staff()).await;
    assert_eq!(queue["total"], 1);
    let (_, mine) = app.get_json("/upgrade-requests", &me).await;
    assert_eq!(mine["items"][0]["id"], id.as_str());
    let (status, one) = app.get_json(&format!("/upgrade-requests/{id}"), &me).await;
    assert_eq!((status, one["justification"].as_str()), (200, Some("We follow six committees now.")));

    let (status, decided) = app
        .post(
            &format!("/upgrade-requests/{id}/decision"),
            &staff(),
            json!({"decision": "approve", "reason": "Criteria met."}),
        )
        .await;
    assert_eq!(status, 200, "{decided}");
    assert_eq!(decided["status"], "approved");
    assert_eq!(decided["decision_reason"], "Criteria met.");
    assert!(decided["decided_by"].is_string() && decided["decided_at"].is_string());

    let member = app.client(&staff()).member(m.id).await.unwrap();
    assert_eq!(member.category.as_str(), "correspondent");
    let (_, history) = app.get_json(&format!("/members/{}/category-history", m.id), &me).await;
    let last = &history["items"][1];
    assert_eq!((last["previous"].as_str(), last["category"].as_str()), (Some("subscriber"), Some("correspondent")));
    assert_eq!(last["upgrade_request_id"], id.as_str());
    let events = app.events("member.category_changed").await;
    assert_eq!(events.len(), 1);
    assert_eq!(events[0]["upgrade_request_id"], id.as_str());
    assert_eq!(events[0]["to"], "correspondent");

    // Decided once only; the next step may be asked for now.
    let (status, body) = app
        .post(
            &format!("/upgrade-requests/{id}/decision"),
            &staff(),
            json!({"decision": "reject", "reason": "changed my mind"}),
        )
        .await;
    assert_eq!((status, body["code"].as_str()), (409, Some("upgrade_request_decided")));
    let (status, _) =
        app.post(&path, &me, json!({"to_category": "member_body", "justification": "Ready to vote."})).await;
    assert_eq!(status, 201);
}

#[tokio::test]
async fn illegal_requests_are_refused_with_clear_messages() {
    let app = spawn_app().await;
    let subscriber = app.create_member("BT", "BSB", "subscriber", "2011-01-01").await;
    let top = app.create_member("KE", "KEBS", "member_body", "1974-01-01").await;
    let correspondent = app.create_member("FJ", "DNTMS", "correspondent", "1998-01-01").await;
    let ask = |id: uuid::Uuid, to: &str| {
        let app = &app;
        let to = to.to_owned();
        async move {
            app.post(
                &format!("/members/{id}/upgrade-requests"),
                &member_account(id),
                json!({"to_category": to, "justification": "Because."}),
            )
            .await
        }
    };
    let (status, body) = ask(subscriber.id, "member_body").await;
    assert_eq!((status, body["code"].as_str()), (409, Some("illegal_upgrade")));
    assert!(body["message"].as_str().unwrap().contains("skips a category"), "{body}");
    let (status, body) = ask(correspondent.id, "subscriber").await;
    assert_eq!((status, body["code"].as_str()), (409, Some("illegal_upgrade")));
    assert!(body["message"].as_str().unwrap().contains("downgrade"), "{body}");
    let (status, body) = ask(correspondent.id, "correspondent").await;
    assert_eq!((status, body["code"].as_str()), (409, Some("illegal_upgrade")));
    let (status, body) = ask(top.id, "member_body").await;
    assert_eq!((status, body["code"].as_str()), (409, Some("no_higher_category")));
    let (status, body) = ask(subscriber.id, "platinum").await;
    assert_eq!((status, body["code"].as_str()), (422, Some("validation_failed")));
    let (status, body) = app
        .post(
            &format!("/members/{}/upgrade-requests", subscriber.id),
            &member_account(subscriber.id),
            json!({"to_category": "correspondent", "justification": "  "}),
        )
        .await;
    assert_eq!(status, 422);
    assert!(body["details"]["fields"]["justification"].is_string());

    // One open request at a time.
    let (status, _) = ask(subscriber.id, "correspondent").await;
    assert_eq!(status, 201);
    let (status, body) = ask(subscriber.id, "correspondent").await;
    assert_eq!((status, body["code"].as_str()), (409, Some("upgrade_request_open")));

    // A suspended member may not ask.
    let (status, _) = app
        .patch(&format!("/members/{}", correspondent.id), &staff(), json!({"status": "suspended", "reason": "fees"}))
        .await;
    assert_eq!(status, 200);
    let (status, body) = ask(correspondent.id, "member_body").await;
    assert_eq!((status, body["code"].as_str()), (409, Some("member_not_active")));
    // Nothing was written by the refusals.
    let (_, all) = app.get_json("/upgrade-requests", &staff()).await;
    assert_eq!(all["total"], 1);
}

#[tokio::test]
async fn who_may_ask_and_who_may_decide() {
    let app = spawn_app().await;
    let m = app.create_member("BT", "BSB", "subscriber", "2011-01-01").await;
    let other = app.create_member("NP", "NBSM", "correspondent", "1993-01-01").await;
    let path = format!("/members/{}/upgrade-requests", m.id);
    let body = json!({"to_category": "correspondent", "justification": "Ready."});
    // Another member's account, donors and the committee may not ask for this member.
    for caller in [member_account(other.id), user(Role::Donor, None, None), user(Role::Committee, None, None)] {
        let (status, _) = app.post(&path, &caller, body.clone()).await;
        assert_eq!(status, 403);
    }
    let (status, _) = app.post(&path, &Caller::Anonymous, body.clone()).await;
    assert_eq!(status, 401);
    // Staff may file it on the member's behalf.
    let (status, request) = app.post(&path, &staff(), body).await;
    assert_eq!(status, 201);
    let decision = format!("/upgrade-requests/{}/decision", request["id"].as_str().unwrap());
    for (role, caller) in everyone() {
        if role == "staff" {
            continue;
        }
        let (status, _) = app.post(&decision, &caller, json!({"decision": "approve", "reason": "ok"})).await;
        assert_eq!(status, if role == "anonymous" { 401 } else { 403 }, "{role} may not decide");
    }
    // Another member's account neither sees the request nor lists it.
    let (status, _) = app
        .get_json(&format!("/upgrade-requests/{}", request["id"].as_str().unwrap()), &member_account(other.id))
        .await;
    assert_eq!(status, 404);
    let (_, listed) = app.get_json(&format!("/upgrade-requests?member_id={}", m.id), &member_account(other.id)).await;
    assert_eq!(listed["total"], 0);
    let (status, _) = app.get_json(&path, &member_account(other.id)).await;
    assert_eq!(status, 404);
    for caller in [user(Role::Donor, None, None), user(Role::Committee, None, None)] {
        let (status, listed) = app.get_json(&path, &caller).await;
        assert_eq!((status, listed["total"].as_u64()), (200, Some(1)));
    }
    let (status, _) = app.get_json("/upgrade-requests", &Caller::Anonymous).await;
    assert_eq!(status, 401);
}

#[tokio::test]
async fn rejections_need_a_reason_and_stale_requests_cannot_be_approved() {
    let app = spawn_app().await;
    let m = app.create_member("BT", "BSB", "subscriber", "2011-01-01").await;
    let (_, request) = app
        .post(
            &format!("/members/{}/upgrade-requests", m.id),
            &member_account(m.id),
            json!({"to_category": "correspondent", "justification": "Ready."}),
        )
        .await;
    let decision = format!("/upgrade-requests/{}/decision", request["id"].as_str().unwrap());
    let (status, body) = app.post(&decision, &staff(), json!({"decision": "reject", "reason": ""})).await;
    assert_eq!(status, 422);
    assert!(body["details"]["fields"]["reason"].is_string());
    let (status, _) = app.post(&decision, &staff(), json!({"decision": "maybe", "reason": "x"})).await;
    assert_eq!(status, 422);

    // Staff change the category directly meanwhile: the request is stale.
    let (status, _) = app
        .patch(
            &format!("/members/{}", m.id),
            &staff(),
            json!({"category": "correspondent", "reason": "correction of the register"}),
        )
        .await;
    assert_eq!(status, 200);
    let (status, body) = app.post(&decision, &staff(), json!({"decision": "approve", "reason": "ok"})).await;
    assert_eq!((status, body["code"].as_str()), (409, Some("upgrade_request_stale")), "{body}");
    let (status, body) =
        app.post(&decision, &staff(), json!({"decision": "reject", "reason": "overtaken by the correction"})).await;
    assert_eq!((status, body["status"].as_str()), (200, Some("rejected")));
    let (status, _) = app
        .post(
            "/upgrade-requests/00000000-0000-0000-0000-000000000000/decision",
            &staff(),
            json!({"decision": "reject", "reason": "x"}),
        )
        .await;
    assert_eq!(status, 404);

    // The member's requests, as CSV.
    let (status, _, csv) = app.get_text(&format!("/members/{}/upgrade-requests?format=csv", m.id), &staff()).await;
    assert_eq!(status, 200);
    assert!(csv.starts_with("id,member_id,from_category,to_category,justification,status"), "{csv}");
    assert_eq!(csv.lines().count(), 2);
}

#[tokio::test]
async fn the_demo_has_a_request_waiting_and_decided_ones() {
    let app = spawn_app().await;
    app.seed_demo().await;
    let (_, open) = app.get_json("/upgrade-requests?status=open", &staff()).await;
    assert_eq!(open["total"], 1);
    let bsb = app.demo_member("BSB").await;
    assert_eq!(open["items"][0]["member_id"], bsb.id.to_string().as_str());
    let (_, approved) = app.get_json("/upgrade-requests?status=approved", &staff()).await;
    assert_eq!(approved["total"], 5);
    let (_, rejected) = app.get_json("/upgrade-requests?status=rejected", &staff()).await;
    assert_eq!(rejected["total"], 1);
    // Every approved request is in its member's category history.
    for request in approved["items"].as_array().unwrap() {
        let (_, history) = app
            .get_json(&format!("/members/{}/category-history", request["member_id"].as_str().unwrap()), &staff())
            .await;
        assert!(
            history["items"].as_array().unwrap().iter().any(|h| h["upgrade_request_id"] == request["id"]),
            "{request}"
        );
    }
}
