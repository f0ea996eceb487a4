//! The projects service and funding: `GET /projects/fundable` for the planner, the
//! `allocation.committed` consumer (once per event, latest ledger position wins) and the
//! geographic suggestion read from funding's KPIs.

use std::time::Duration;

use api_types::Role;
use api_types::events::{ALLOCATION_COMMITTED, AllocationCommitted, ProjectFunding};
use api_types::projects::{ListProjects, ProjectStatus};
use axum::routing::get;
use platform::backplane::Event;
use platform::testing::user;
use reqwest::Method;
use serde_json::json;
use uuid::Uuid;

use crate::helpers::{TestApp, chf, kebs, spawn_app, spawn_with, staff};

fn committed(project_id: Uuid, allocated: &str, budget: &str, seq: i64) -> Event {
    let payload = AllocationCommitted {
        plan_id: Uuid::now_v7(),
        projects: vec![ProjectFunding {
            project_id,
            allocated: chf(allocated),
            budget: chf(budget),
            fully_funded: allocated == budget,
            ledger_seq: seq,
        }],
    };
    Event {
        id: Uuid::now_v7(),
        topic: ALLOCATION_COMMITTED.to_owned(),
        source: "funding".to_owned(),
        occurred_at: chrono::Utc::now(),
        payload: serde_json::to_value(payload).unwrap(),
    }
}

/// Waits until the project shows `allocated` (the consumer runs in the background).
async fn wait_for(app: &TestApp, id: Uuid, allocated: &str) -> api_types::projects::ProjectResponse {
    for _ in 0..100 {
        let p = app.client(&staff()).get(id).await.unwrap();
        if p.allocated == Some(chf(allocated)) {
            return p;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("the allocation {allocated} never arrived");
}

#[tokio::test]
async fn allocations_show_on_the_project_and_full_funding_moves_it_to_funded() {
    let app = spawn_app().await;
    let p = app.under_review("1000").await;
    app.step(p.id, "approved", &staff(), None).await;
    let fundable = app.client(&user(Role::Donor, None, None)).fundable().await.unwrap();
    assert_eq!(fundable.len(), 1);
    assert_eq!(fundable[0].regions, ["asia"]);
    assert_eq!(fundable[0].budget, vec![chf("1000")]);
    assert_eq!(app.call(Method::GET, "/projects/fundable", &kebs(), None).await.0, 403);

    let partial = committed(p.id, "400", "1000", 10);
    app.backplane.publish(&partial).await.unwrap();
    let shown = wait_for(&app, p.id, "400").await;
    assert_eq!((shown.status, shown.budget_chf), (ProjectStatus::Approved, Some(chf("1000"))));
    // A redelivery of the same event and a late, older position change nothing.
    app.backplane.publish(&partial).await.unwrap();
    app.backplane.publish(&committed(p.id, "100", "1000", 5)).await.unwrap();
    app.backplane.publish(&committed(p.id, "1000", "1000", 11)).await.unwrap();
    let funded = wait_for(&app, p.id, "1000").await;
    assert_eq!(funded.status, ProjectStatus::Funded);
    assert!(app.client(&staff()).fundable().await.unwrap().is_empty());
    let (_, trail) = app.call(Method::GET, &format!("/projects/{}/transitions", p.id), &staff(), None).await;
    let last = trail.as_array().unwrap().last().unwrap().clone();
    assert_eq!((last["to"].as_str(), last["by_role"].as_str()), (Some("funded"), Some("funding")));
    assert!(last["by"].is_null());
    let query = ListProjects { status: Some(ProjectStatus::Funded), ..Default::default() };
    assert_eq!(app.client(&staff()).list(&query).await.unwrap().total, 1);
}

#[tokio::test]
async fn the_geographic_suggestion_comes_from_funding_by_region() {
    // The funding service's KPI answer, as its contract in api-types describes it.
    let kpis = json!({ "funding_by_region_rolling_3y": [
        {"region": "asia", "allocated": {"amount": "600000.00", "currency": "CHF"}},
        {"region": "pacific", "allocated": {"amount": "0.00", "currency": "CHF"}},
        {"region": "caribbean", "allocated": {"amount": "200000.00", "currency": "CHF"}},
        {"region": "arab", "allocated": {"amount": "200000.00", "currency": "CHF"}}
    ], "other": "fields are ignored" });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let funding_url = format!("http://{}", listener.local_addr().unwrap());
    let router = axum::Router::new().route("/kpis", get(move || async move { axum::Json(kpis) }));
    tokio::spawn(async move { axum::serve(listener, router).await });

    let membership = platform::testing::TestService::start("membership", |s| membership::build(s, None)).await;
    let db = sea_orm::Database::connect(membership.database().url()).await.unwrap();
    membership::ops::seed_demo::seed_demo(&db).await.unwrap();
    let membership_url = membership.base_url().to_owned();
    let app = spawn_with(
        move |s| {
            s.services.membership = membership_url;
            s.services.funding = funding_url;
        },
        None,
    )
    .await;
    let p = app.draft("1000").await; // benefits Asia and nothing else
    let (status, body) = app.call(Method::GET, &format!("/projects/{}/reviews", p.id), &staff(), None).await;
    assert_eq!(status, 200);
    let s = &body["geographic_suggestion"];
    assert_eq!(s["score"], 0, "Asia received 2.4 times its share: {body}");
    assert_eq!(s["region_count"], 4);
    assert_eq!(s["regions"][0]["allocated"]["amount"], "600000.00");
    assert_eq!(s["total"]["amount"], "1000000.00");
}
