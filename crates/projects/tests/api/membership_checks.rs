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
    let mut naming_another = proposal("While down", "1000");
    naming_another.beneficiary_members = vec![Uuid::new_v4()];
    let (status, body) = status_and_body(app.client(&kebs()).create(&naming_another).await.unwrap_err());
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

#[tokio::test]
async fn a_member_names_another_body_as_beneficiary_and_its_region_is_derived() {
    let app = spawn_app().await;
    let membership = app.membership.as_ref().unwrap();
    let registry = clients::MembershipClient(
        clients::ServiceClient::new(membership.base_url()).unwrap().as_caller(membership.sign(&staff())),
    );
    let members = registry.members(&Default::default()).await.unwrap().items;
    let by = |acronym: &str| members.iter().find(|m| m.acronym == acronym).unwrap().clone();
    let (stameq, snv) = (by("STAMEQ"), by("SNV"));
    // The KEBS account cannot read Viet Nam's record in full; the directory is enough.
    let kebs_registry = clients::MembershipClient(
        clients::ServiceClient::new(membership.base_url()).unwrap().as_caller(membership.sign(&kebs())),
    );
    assert!(matches!(kebs_registry.member(stameq.id).await, Err(ClientError::Api { status: 404, .. })));

    let mut input = proposal("South-south exchange", "1000");
    input.beneficiary_regions = Vec::new();
    input.beneficiary_members = vec![stameq.id, snv.id];
    let created = app.client(&kebs()).create(&input).await.unwrap();
    assert_eq!(created.beneficiary_members.len(), 2);
    assert!(created.beneficiary_regions.is_empty());
    // Derived from Viet Nam (Asia); the Netherlands is in no liaison region.
    assert_eq!(created.regions, vec![stameq.liaison_region.clone().unwrap()]);
    assert_eq!(created.regions, ["asia"]);

    let mut unknown = input.clone();
    unknown.beneficiary_members = vec![stameq.id, Uuid::new_v4()];
    let (status, body) = status_and_body(app.client(&kebs()).create(&unknown).await.unwrap_err());
    assert_eq!(status, 422);
    assert!(body.details["fields"]["beneficiary_members[1]"].is_string(), "{}", body.details);
    assert!(body.details["fields"]["beneficiary_members[0]"].is_null());
    assert_eq!(app.client(&staff()).list(&ListProjects::default()).await.unwrap().total, 1);
}
