//! Drafting, reading and listing proposals.

use api_types::Role;
use api_types::projects::{CreateProject, ListProjects, ProjectStatus, Theme};
use clients::ClientError;
use platform::testing::user;
use reqwest::Method;
use serde_json::json;
use uuid::Uuid;

use crate::helpers::{chf, kebs, member_of, proposal, spawn_app, staff};

fn api_code(err: ClientError) -> (u16, String) {
    match err {
        ClientError::Api { status, body } => (status, body.code),
        other => panic!("expected an API error, got {other}"),
    }
}

#[tokio::test]
async fn a_member_drafts_a_full_proposal_and_reads_it_back() {
    let app = spawn_app().await;
    let mut input = proposal("  Bandwidth   upgrade ", "150000.00");
    input.beneficiary_members = vec![platform::demo::MEMBER_ID];
    input.budget_lines.push(api_types::projects::BudgetLine {
        category: api_types::projects::BudgetCategory::Travel,
        description: String::new(),
        amount: chf("2500.50"),
    });
    let created = app.client(&kebs()).create(&input).await.unwrap();
    assert_eq!(created.status, ProjectStatus::Draft);
    assert_eq!(created.member_id, platform::demo::MEMBER_ID);
    assert_eq!(created.title, "Bandwidth upgrade");
    assert_eq!(created.budget_totals, vec![chf("152500.50")]);
    assert_eq!(created.approvals_needed, 2, "above CHF 100 000 two staff approve");
    // Asia named explicitly, Africa (anglophone) through KEBS.
    assert_eq!(created.regions, ["africa-anglophone", "asia"]);
    assert_eq!(created.beneficiary_regions, ["asia"]);
    assert_eq!(app.client(&kebs()).get(created.id).await.unwrap(), created);
    // Drafting emits nothing: the first event is `project.submitted`.
    assert!(app.outbox_topics().await.is_empty());
}

#[tokio::test]
async fn staff_draft_on_a_members_behalf_and_members_only_for_their_own_body() {
    let app = spawn_app().await;
    let mut input = proposal("ICT support package", "20000");
    input.member_id = Some(platform::demo::MEMBER_ID);
    let created = app.client(&staff()).create(&input).await.unwrap();
    assert_eq!(created.member_id, platform::demo::MEMBER_ID);
    // The member it was drafted for sees it.
    assert_eq!(app.client(&kebs()).get(created.id).await.unwrap().id, created.id);
    // Staff must say for whom; a member may not draft for another body.
    let (status, _) = api_code(app.client(&staff()).create(&proposal("x y z", "1")).await.unwrap_err());
    assert_eq!(status, 422);
    input.member_id = Some(Uuid::new_v4());
    let (status, code) = api_code(app.client(&kebs()).create(&input).await.unwrap_err());
    assert_eq!((status, code.as_str()), (403, "forbidden"));
    for (role, caller) in [("donor", user(Role::Donor, None, None)), ("committee", user(Role::Committee, None, None))] {
        let (status, _) = api_code(app.client(&caller).create(&proposal("abc", "1")).await.unwrap_err());
        assert_eq!(status, 403, "{role}");
    }
    let (status, _) = api_code(app.client(&platform::Caller::Anonymous).create(&proposal("a", "1")).await.unwrap_err());
    assert_eq!(status, 401);
    let (status, _) =
        api_code(app.client(&user(Role::Member, None, None)).create(&proposal("abc", "1")).await.unwrap_err());
    assert_eq!(status, 403, "a member account without a member body");
}

#[tokio::test]
async fn an_idempotency_key_creates_the_proposal_once() {
    let app = spawn_app().await;
    let input = proposal("ICT support package", "20000");
    let client = app.client(&kebs());
    let first = client.create_idempotent(&input, "assessment-42").await.unwrap();
    let again = client.create_idempotent(&input, "assessment-42").await.unwrap();
    assert_eq!(first, again);
    assert_eq!(client.list(&ListProjects::default()).await.unwrap().total, 1);
    let other = proposal("Another body", "20000");
    let (status, code) = api_code(client.create_idempotent(&other, "assessment-42").await.unwrap_err());
    assert_eq!((status, code.as_str()), (409, "idempotency_key_reused"));
    assert_eq!(client.list(&ListProjects::default()).await.unwrap().total, 1);
}

#[tokio::test]
async fn members_see_their_own_and_published_work_donors_only_published() {
    let app = spawn_app().await;
    let draft = app.draft("1000").await;
    let approved = app.under_review("1000").await;
    app.step(approved.id, "approved", &staff(), None).await;

    let stranger = member_of(Uuid::new_v4());
    let seen = app.client(&stranger).list(&ListProjects::default()).await.unwrap();
    assert_eq!(seen.items.iter().map(|p| p.id).collect::<Vec<_>>(), [approved.id]);
    let (status, code) = api_code(app.client(&stranger).get(draft.id).await.unwrap_err());
    assert_eq!((status, code.as_str()), (404, "not_found"));
    // Filtering by another member does not widen what one sees.
    let filtered = app
        .client(&stranger)
        .list(&ListProjects { member_id: Some(platform::demo::MEMBER_ID), ..Default::default() })
        .await
        .unwrap();
    assert_eq!(filtered.total, 1);

    assert_eq!(app.client(&kebs()).list(&ListProjects::default()).await.unwrap().total, 2);
    let donor = user(Role::Donor, None, Some(Uuid::new_v4()));
    assert_eq!(app.client(&donor).list(&ListProjects::default()).await.unwrap().total, 1);
    for role in [Role::Staff, Role::Committee, Role::Admin] {
        assert_eq!(app.client(&user(role, None, None)).list(&ListProjects::default()).await.unwrap().total, 2);
    }
}

#[tokio::test]
async fn lists_filter_paginate_and_export_csv() {
    let app = spawn_app().await;
    let member = kebs();
    for n in 0..3 {
        app.client(&member).create(&proposal(&format!("Proposal {n}"), "1000")).await.unwrap();
    }
    let mut other = proposal("Café de normalisation", "1000");
    other.theme = Theme::Participation;
    other.beneficiary_regions = vec!["pacific".to_owned()];
    app.client(&member).create(&other).await.unwrap();

    let list = |q: ListProjects| {
        let client = app.client(&staff());
        async move { client.list(&q).await.unwrap().total }
    };
    assert_eq!(list(ListProjects { theme: Some(Theme::Participation), ..Default::default() }).await, 1);
    assert_eq!(list(ListProjects { region: Some("asia".into()), ..Default::default() }).await, 3);
    assert_eq!(list(ListProjects { region: Some("africa-anglophone".into()), ..Default::default() }).await, 0);
    assert_eq!(list(ListProjects { q: Some("CAFE".into()), ..Default::default() }).await, 1);
    assert_eq!(list(ListProjects { status: Some(ProjectStatus::Draft), ..Default::default() }).await, 4);
    assert_eq!(list(ListProjects { status: Some(ProjectStatus::Approved), ..Default::default() }).await, 0);

    let res = app.request(Method::GET, "/projects?per_page=2&page=2", &member).send().await.unwrap();
    let page: api_types::Page<serde_json::Value> = res.json().await.unwrap();
    assert_eq!((page.total, page.items.len(), page.page, page.per_page), (4, 2, 2, 2));

    let res = app.request(Method::GET, "/projects?per_page=500", &member).send().await.unwrap();
    assert_eq!(res.status(), 422);
    let body: serde_json::Value = res.json().await.unwrap();
    assert!(body["details"]["fields"]["per_page"].is_string());

    let res = app.request(Method::GET, "/projects?format=csv&per_page=1", &member).send().await.unwrap();
    assert_eq!(res.status(), 200);
    assert!(res.headers()["content-type"].to_str().unwrap().starts_with("text/csv"));
    let csv = res.text().await.unwrap();
    assert!(
        csv.starts_with("id,title,summary,objective,theme,status,member_id,delivery_methods,regions,budget"),
        "{csv}"
    );
    assert_eq!(csv.lines().count(), 5, "CSV holds every matching row, not one page: {csv}");
    assert!(csv.contains("workshop;e_learning") || csv.contains("e_learning;workshop") || csv.contains("workshop"));
    assert!(csv.contains("1000.00 CHF"), "{csv}");

    let res = app.request(Method::GET, "/projects?status=flying", &member).send().await.unwrap();
    assert_eq!(res.status(), 400);
    assert_eq!(res.json::<serde_json::Value>().await.unwrap()["code"], "invalid_query");
}

#[tokio::test]
async fn invalid_proposals_get_a_422_naming_each_field_and_store_nothing() {
    let app = spawn_app().await;
    let member = kebs();
    let bad = CreateProject::new("x", " ", 7, Theme::Participation);
    let err = app.client(&member).create(&bad).await.unwrap_err();
    let ClientError::Api { status, body } = err else { panic!("expected API error") };
    assert_eq!((status, body.code.as_str()), (422, "validation_failed"));
    for field in ["title", "summary", "objective"] {
        assert!(body.details["fields"][field].is_string(), "{field} missing in {}", body.details);
    }
    let (status, body) = app
        .call(
            Method::POST,
            "/projects",
            &member,
            Some(json!({"title": "Fine title", "summary": "s", "objective": 1, "theme": "ict_support",
                "budget_lines": [{"category": "experts", "amount": {"amount": "1.001", "currency": "CHF"}}]})),
        )
        .await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(app.client(&member).list(&ListProjects::default()).await.unwrap().total, 0);
}

#[tokio::test]
async fn malformed_bodies_get_the_json_error_shape() {
    let app = spawn_app().await;
    let member = kebs();
    let res = app
        .request(Method::POST, "/projects", &member)
        .header("content-type", "application/json")
        .body("{\"title\": \"Broken")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 400);
    assert_eq!(res.json::<serde_json::Value>().await.unwrap()["code"], "malformed_json");

    let (status, body) = app
        .call(
            Method::POST,
            "/projects",
            &member,
            Some(json!({"title": "Fine title", "summary": "s", "objective": 1, "theme": "astrology"})),
        )
        .await;
    assert_eq!(status, 422);
    assert!(body["message"].as_str().unwrap().contains("theme"), "{body}");

    let res = app.request(Method::GET, "/projects/not-a-uuid", &member).send().await.unwrap();
    assert_eq!(res.status(), 400);
    assert_eq!(res.json::<serde_json::Value>().await.unwrap()["code"], "invalid_path");
    let res = app
        .request(Method::POST, "/projects", &member)
        .header("idempotency-key", "")
        .json(&proposal("abc", "1"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 400);
}

#[tokio::test]
async fn a_draft_may_be_incomplete_but_is_submitted_only_complete() {
    let app = spawn_app().await;
    let minimal = CreateProject::new("Bandwidth upgrade", "A 20 Mbit/s line.", 3, Theme::IctSupport);
    let draft = app.client(&kebs()).create(&minimal).await.unwrap();
    assert_eq!((draft.status, draft.budget_lines.len()), (ProjectStatus::Draft, 0));
    let (status, body) = app.move_to(draft.id, "submitted", &kebs(), None).await;
    assert_eq!(status, 422, "{body}");
    for field in ["delivery_methods", "beneficiaries", "budget_lines", "planned_start", "planned_end"] {
        assert!(body["details"]["fields"][field].is_string(), "{field} missing in {body}");
    }
    assert_eq!(app.client(&kebs()).get(draft.id).await.unwrap().status, ProjectStatus::Draft);
    assert!(app.outbox_topics().await.is_empty());
}
