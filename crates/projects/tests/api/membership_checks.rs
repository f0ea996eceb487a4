//! Proposals are checked against the real membership service: unknown members and regions are
//! 422 naming the field; while membership is down the answer is 503 and nothing is written.

use api_types::projects::ListProjects;
use clients::ClientError;
use platform::testing::FaultyLink;
use uuid::Uuid;

use crate::helpers::{kebs, proposal, spawn_app, spawn_with, staff};

fn status_and_body(err: ClientError) -> (u16, api_types::ErrorBody) {
    match err {
        ClientError::Api { status, body } => (status, body),
        other => panic!("expected an API error, got {other}"),
    }
}

#[tokio::test]
async fn unknown_members_and_regions_are_named() {
    let app = spawn_app().await;
    let mut input = proposal("Regional workshop", "1000");
    input.member_id = Some(Uuid::new_v4());
    input.beneficiary_members = vec![platform::demo::MEMBER_ID, Uuid::new_v4()];
    input.beneficiary_regions = vec!["atlantis".to_owned()];
    let (status, body) = status_and_body(app.client(&staff()).create(&input).await.unwrap_err());
    assert_eq!(status, 422);
    for field in ["member_id", "beneficiary_members[1]", "beneficiary_regions"] {
        assert!(body.details["fields"][field].is_string(), "{field}: {}", body.details);
    }
    assert!(body.details["fields"]["beneficiary_members[0]"].is_null());
    assert_eq!(app.client(&staff()).list(&ListProjects::default()).await.unwrap().total, 0);
}

#[tokio::test]
async fn while_membership_is_down_nothing_is_written_and_the_answer_is_503() {
    let membership = membership::build;
    let upstream = platform::testing::TestService::start("membership", |s| membership(s, None)).await;
    let link = FaultyLink::start(upstream.base_url().trim_start_matches("http://")).await.unwrap();
    let url = format!("http://127.0.0.1:{}", link.port());
    let app = spawn_with(move |s| s.services.membership = url, None).await;
    link.cut();
    let (status, body) =
        status_and_body(app.client(&kebs()).create(&proposal("While down", "1000")).await.unwrap_err());
    assert_eq!(status, 503, "{body:?}");
    assert_eq!(body.details["service"], "membership");
    assert_eq!(app.client(&staff()).list(&ListProjects::default()).await.unwrap().total, 0);
    assert!(app.outbox_topics().await.is_empty());
    // Nothing listening at all is the same.
    let app = spawn_with(|_| {}, None).await;
    let (status, _) = status_and_body(app.client(&kebs()).create(&proposal("Nowhere", "1000")).await.unwrap_err());
    assert_eq!(status, 503);
    // Back up: the same request works (the demo member exists once seeded).
    link.restore();
    let db = sea_orm::Database::connect(upstream.database().url()).await.unwrap();
    membership::ops::seed_demo::seed_demo(&db).await.unwrap();
    let url = format!("http://127.0.0.1:{}", link.port());
    let app = spawn_with(move |s| s.services.membership = url, None).await;
    assert!(app.client(&kebs()).create(&proposal("Back up", "1000")).await.is_ok());
}
