//! Drafting and listing proposals.

use api_types::Role;
use api_types::projects::{CreateProject, ListProjects, ProjectStatus, Theme};
use clients::ClientError;
use platform::testing::user;
use sea_orm::{Database, EntityTrait};
use uuid::Uuid;

use crate::helpers::{TestApp, spawn_app};

fn proposal(title: &str) -> CreateProject {
    CreateProject::new(title, "Connect the standards body to the national research network.", 3, Theme::IctSupport)
}

fn api_code(err: ClientError) -> (u16, String) {
    match err {
        ClientError::Api { status, body } => (status, body.code),
        other => panic!("expected an API error, got {other}"),
    }
}

#[tokio::test]
async fn a_member_drafts_a_proposal_and_the_event_is_published() {
    let app = spawn_app().await;
    let member_id = Uuid::new_v4();
    let member = TestApp::member_of(member_id);
    let created = app.client(&member).create(&proposal("Bandwidth upgrade")).await.unwrap();
    assert_eq!(created.status, ProjectStatus::Draft);
    assert_eq!(created.member_id, member_id);
    assert_eq!(created.title, "Bandwidth upgrade");

    let fetched = app.client(&member).get(created.id).await.unwrap();
    assert_eq!(fetched, created);

    // The event went through the outbox and the relay published it.
    let db = Database::connect(app.service.database().url()).await.unwrap();
    let mut pending = u64::MAX;
    for _ in 0..50 {
        pending = platform::outbox::pending(&db).await.unwrap();
        if pending == 0 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(pending, 0, "the outbox relay did not publish the proposal_drafted event");
    let rows = platform::outbox::entity::Entity::find().all(&db).await.unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].topic, "projects.proposal_drafted");
    let payload: serde_json::Value = serde_json::from_str(&rows[0].payload).unwrap();
    assert_eq!(payload["project_id"], created.id.to_string());
    assert!(rows[0].published_at.is_some());
}

#[tokio::test]
async fn members_see_their_own_proposals_only_and_donors_none_of_the_drafts() {
    let app = spawn_app().await;
    let (a, b) = (Uuid::new_v4(), Uuid::new_v4());
    app.client(&TestApp::member_of(a)).create(&proposal("From A")).await.unwrap();
    let from_b = app.client(&TestApp::member_of(b)).create(&proposal("From B")).await.unwrap();

    let seen_by_a = app.client(&TestApp::member_of(a)).list(&ListProjects::default()).await.unwrap();
    assert_eq!(seen_by_a.total, 1);
    assert_eq!(seen_by_a.items[0].title, "From A");
    // Asking for B's projects by filter does not widen what A may see.
    let filtered = app
        .client(&TestApp::member_of(a))
        .list(&ListProjects { member_id: Some(b), ..Default::default() })
        .await
        .unwrap();
    assert_eq!(filtered.total, 0);
    // Nor does fetching B's project by id: it is "not found".
    let (status, code) = api_code(app.client(&TestApp::member_of(a)).get(from_b.id).await.unwrap_err());
    assert_eq!((status, code.as_str()), (404, "not_found"));

    let donor = user(Role::Donor, None, Some(Uuid::new_v4()));
    assert_eq!(app.client(&donor).list(&ListProjects::default()).await.unwrap().total, 0);
    let staff = user(Role::Staff, None, None);
    assert_eq!(app.client(&staff).list(&ListProjects::default()).await.unwrap().total, 2);
}

#[tokio::test]
async fn only_members_draft_proposals() {
    let app = spawn_app().await;
    let (status, code) =
        api_code(app.client(&user(Role::Staff, None, None)).create(&proposal("Staff")).await.unwrap_err());
    assert_eq!((status, code.as_str()), (403, "forbidden"));
    let (status, _) = api_code(app.client(&platform::Caller::Anonymous).create(&proposal("Anon")).await.unwrap_err());
    assert_eq!(status, 401);
    // A member account not linked to a member body cannot either.
    let (status, _) =
        api_code(app.client(&user(Role::Member, None, None)).create(&proposal("Unlinked")).await.unwrap_err());
    assert_eq!(status, 403);
}

#[tokio::test]
async fn invalid_proposals_get_a_422_naming_each_field_and_store_nothing() {
    let app = spawn_app().await;
    let member = TestApp::member_of(Uuid::new_v4());
    let bad = CreateProject::new("x", " ", 7, Theme::Participation);
    let err = app.client(&member).create(&bad).await.unwrap_err();
    let ClientError::Api { status, body } = err else { panic!("expected API error") };
    assert_eq!(status, 422);
    assert_eq!(body.code, "validation_failed");
    for field in ["title", "summary", "objective"] {
        assert!(body.details["fields"][field].is_string(), "{field} missing in {}", body.details);
    }
    assert_eq!(app.client(&member).list(&ListProjects::default()).await.unwrap().total, 0);
}

#[tokio::test]
async fn malformed_bodies_get_the_json_error_shape() {
    let app = spawn_app().await;
    let member = TestApp::member_of(Uuid::new_v4());
    let res = app
        .request(reqwest::Method::POST, "/projects", &member)
        .header("content-type", "application/json")
        .body("{\"title\": \"Broken")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 400);
    let body: serde_json::Value = res.json().await.unwrap();
    assert_eq!(body["code"], "malformed_json");

    let res = app
        .request(reqwest::Method::POST, "/projects", &member)
        .json(&serde_json::json!({"title": "Fine title", "summary": "s", "objective": 1, "theme": "astrology"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    let body: serde_json::Value = res.json().await.unwrap();
    assert_eq!(body["code"], "validation_failed");
    assert!(body["message"].as_str().unwrap().contains("theme"), "{body}");

    let res = app.request(reqwest::Method::GET, "/projects/not-a-uuid", &member).send().await.unwrap();
    assert_eq!(res.status(), 400);
    assert_eq!(res.json::<serde_json::Value>().await.unwrap()["code"], "invalid_path");
}

#[tokio::test]
async fn lists_paginate_validate_and_export_csv() {
    let app = spawn_app().await;
    let member = TestApp::member_of(Uuid::new_v4());
    for n in 0..3 {
        app.client(&member).create(&proposal(&format!("Proposal {n}"))).await.unwrap();
    }
    let res = app.request(reqwest::Method::GET, "/projects?per_page=2&page=2", &member).send().await.unwrap();
    let page: api_types::Page<serde_json::Value> = res.json().await.unwrap();
    assert_eq!((page.total, page.items.len(), page.page, page.per_page), (3, 1, 2, 2));

    let res = app.request(reqwest::Method::GET, "/projects?per_page=500", &member).send().await.unwrap();
    assert_eq!(res.status(), 422);
    let body: serde_json::Value = res.json().await.unwrap();
    assert!(body["details"]["fields"]["per_page"].is_string());

    let res = app.request(reqwest::Method::GET, "/projects?format=csv&per_page=1", &member).send().await.unwrap();
    assert_eq!(res.status(), 200);
    assert!(res.headers()["content-type"].to_str().unwrap().starts_with("text/csv"));
    let csv = res.text().await.unwrap();
    assert!(csv.starts_with("id,title,summary,objective,theme,status,member_id"), "{csv}");
    assert_eq!(csv.lines().count(), 4, "CSV holds every matching row, not one page: {csv}");

    let res = app.request(reqwest::Method::GET, "/projects?status=flying", &member).send().await.unwrap();
    assert_eq!(res.status(), 400);
    assert_eq!(res.json::<serde_json::Value>().await.unwrap()["code"], "invalid_query");
}
