//! The results framework over HTTP: indicators, actuals entered by the member and approved by
//! staff, the evaluation that closes a project, and the KPIs built from them.

use api_types::Role;
use api_types::events::ProjectFunding;
use platform::testing::user;
use reqwest::Method;
use serde_json::json;
use uuid::Uuid;

use crate::helpers::{TestApp, chf, kebs, member_of, spawn_app, staff};

/// A KEBS project in progress.
async fn in_progress(app: &TestApp) -> Uuid {
    let p = app.under_review("1000").await;
    app.step(p.id, "approved", &staff(), None).await;
    let db = app.db().await;
    let txn = platform::db::write_txn(&db).await.unwrap();
    let position = ProjectFunding {
        project_id: p.id,
        allocated: chf("1000"),
        budget: chf("1000"),
        fully_funded: true,
        ledger_seq: 1,
    };
    projects::ops::funding_position::apply(&txn, &position).await.unwrap();
    txn.commit().await.unwrap();
    app.step(p.id, "in_progress", &kebs(), None).await;
    p.id
}

#[tokio::test]
async fn indicators_actuals_and_the_evaluation_close_the_loop() {
    let app = spawn_app().await;
    let draft = app.draft("1000").await;
    let indicator = json!({"name": "Standards officers trained", "unit": "People", "baseline": 0, "target": 40});
    let (status, body) =
        app.call(Method::POST, &format!("/projects/{}/indicators", draft.id), &kebs(), Some(indicator.clone())).await;
    assert_eq!((status, body["code"].as_str()), (409, Some("wrong_status")));

    let id = in_progress(&app).await;
    let path = format!("/projects/{id}/indicators");
    let (status, _) = app.call(Method::POST, &path, &user(Role::Donor, None, None), Some(indicator.clone())).await;
    assert_eq!(status, 403);
    let (status, body) = app
        .call(Method::POST, &path, &kebs(), Some(json!({"name": "", "unit": "x", "baseline": 5, "target": 5})))
        .await;
    assert_eq!(status, 422);
    assert!(body["details"]["fields"]["name"].is_string() && body["details"]["fields"]["target"].is_string());
    let (status, created) = app.call(Method::POST, &path, &kebs(), Some(indicator)).await;
    assert_eq!((status, created["unit"].as_str()), (201, Some("people")));
    let indicator_id = created["id"].as_str().unwrap().to_owned();

    let actuals = format!("/projects/{id}/indicators/{indicator_id}/actuals");
    let report = json!({"period": "2027-Q1", "value": 45, "note": "Two workshops"});
    assert_eq!(app.call(Method::POST, &actuals, &staff(), Some(report.clone())).await.0, 403);
    assert_eq!(app.call(Method::POST, &actuals, &member_of(Uuid::new_v4()), Some(report.clone())).await.0, 403);
    let (status, body) =
        app.call(Method::POST, &actuals, &kebs(), Some(json!({"period": "2027-Q7", "value": 1}))).await;
    assert_eq!((status, body["details"]["fields"]["period"].is_string()), (422, true));
    let (status, actual) = app.call(Method::POST, &actuals, &kebs(), Some(report.clone())).await;
    assert_eq!((status, actual["status"].as_str()), (201, Some("pending")));
    let (status, body) = app.call(Method::POST, &actuals, &kebs(), Some(report)).await;
    assert_eq!((status, body["code"].as_str()), (409, Some("actual_exists")));

    let decision = format!("/projects/{id}/actuals/{}/decision", actual["id"].as_str().unwrap());
    assert_eq!(app.call(Method::POST, &decision, &kebs(), Some(json!({"approve": true}))).await.0, 403);
    let (status, _) = app.call(Method::POST, &decision, &staff(), Some(json!({"approve": false}))).await;
    assert_eq!(status, 422, "rejecting needs a reason");
    let (status, decided) = app.call(Method::POST, &decision, &staff(), Some(json!({"approve": true}))).await;
    assert_eq!((status, decided["status"].as_str()), (200, Some("approved")));
    let (status, body) = app.call(Method::POST, &decision, &staff(), Some(json!({"approve": true}))).await;
    assert_eq!((status, body["code"].as_str()), (409, Some("actual_decided")));

    let (_, list) = app.call(Method::GET, &path, &kebs(), None).await;
    assert_eq!((list[0]["current"].as_i64(), list[0]["target_met"].as_bool()), (Some(45), Some(true)));

    // The evaluation closes a completed project, staff only.
    let evaluation = format!("/projects/{id}/evaluation");
    let good = json!({"rating": 4, "narrative": "Delivered as planned."});
    let (status, body) = app.call(Method::POST, &evaluation, &staff(), Some(good.clone())).await;
    assert_eq!((status, body["code"].as_str()), (409, Some("illegal_transition")));
    app.step(id, "completed", &kebs(), None).await;
    assert_eq!(app.call(Method::POST, &evaluation, &kebs(), Some(good.clone())).await.0, 403);
    let (status, body) =
        app.call(Method::POST, &evaluation, &staff(), Some(json!({"rating": 6, "narrative": ""}))).await;
    assert_eq!(status, 422);
    assert_eq!(body["details"]["fields"].as_object().unwrap().len(), 2);
    assert_eq!(app.call(Method::GET, &evaluation, &kebs(), None).await.0, 404);
    let (status, _) = app.call(Method::POST, &evaluation, &staff(), Some(good.clone())).await;
    assert_eq!(status, 201);
    assert_eq!(app.client(&kebs()).get(id).await.unwrap().status, api_types::projects::ProjectStatus::Evaluated);
    let (status, body) = app.call(Method::GET, &evaluation, &kebs(), None).await;
    assert_eq!((status, body["rating"].as_u64()), (200, Some(4)));
    assert_eq!(app.call(Method::POST, &evaluation, &staff(), Some(good)).await.0, 409);

    // The KPIs see it all.
    let (status, kpis) = app.call(Method::GET, "/kpis", &user(Role::Committee, None, None), None).await;
    assert_eq!(status, 200);
    assert_eq!(kpis["people_trained"], 45);
    assert_eq!((kpis["indicators_reported"].as_u64(), kpis["targets_met"].as_u64()), (Some(1), Some(1)));
    assert_eq!(kpis["average_rating"], "4.00");
    let asia = kpis["by_region"].as_array().unwrap().iter().find(|c| c["key"] == "asia").unwrap().clone();
    assert_eq!((asia["projects"].as_u64(), asia["delivered"].as_u64()), (Some(1), Some(1)), "the draft does not count");
    let by_status = kpis["by_status"].as_array().unwrap();
    assert!(by_status.iter().any(|c| c["key"] == "draft" && c["projects"] == 1));
    assert_eq!(app.call(Method::GET, "/kpis", &kebs(), None).await.0, 403);
    assert_eq!(app.call(Method::GET, "/kpis", &platform::Caller::Anonymous, None).await.0, 401);
}

#[tokio::test]
async fn demo_data_covers_every_status_with_complete_trails() {
    let app = spawn_app().await;
    projects::ops::seed_demo::seed_demo(&app.db().await).await.unwrap();
    // Seeding twice adds nothing.
    projects::ops::seed_demo::seed_demo(&app.db().await).await.unwrap();
    let all = app.client(&staff()).list(&Default::default()).await.unwrap();
    assert_eq!(all.total, 13, "one per status and two more approved");
    let statuses: std::collections::BTreeSet<_> = all.items.iter().map(|p| p.status.as_str()).collect();
    assert_eq!(statuses.len(), 11, "{statuses:?}");
    assert!(all.items.iter().all(|p| p.title.starts_with("Demo:")));
    for p in &all.items {
        let (_, trail) = app.call(Method::GET, &format!("/projects/{}/transitions", p.id), &staff(), None).await;
        let last = trail.as_array().unwrap().last().map(|t| t["to"].as_str().unwrap().to_owned());
        assert_eq!(last.as_deref().unwrap_or("draft"), p.status.as_str());
    }
    let (_, kpis) = app.call(Method::GET, "/kpis", &staff(), None).await;
    assert!(kpis["people_trained"].as_i64().unwrap() > 0);
    assert_eq!(kpis["by_region"].as_array().unwrap().len(), 8, "{kpis}");
}
