//! The member registry and who may read it.

use api_types::Role;
use api_types::membership::{ListMembers, MemberCategory};
use clients::ClientError;
use platform::Caller;
use platform::testing::user;

use crate::helpers::spawn_app;

#[tokio::test]
async fn staff_donors_and_the_committee_read_the_whole_registry() {
    let app = spawn_app().await;
    app.seed_demo().await;
    for role in [Role::Staff, Role::Committee, Role::Admin, Role::Donor] {
        let page = app.client(&user(role, None, None)).members(&ListMembers::default()).await.unwrap();
        assert_eq!(page.total, 10, "{role}");
        assert!(page.items.iter().all(|m| m.demo));
    }
}

#[tokio::test]
async fn a_member_account_sees_only_its_own_body() {
    let app = spawn_app().await;
    app.seed_demo().await;
    let me = user(Role::Member, Some(platform::demo::MEMBER_ID), None);
    let page = app.client(&me).members(&ListMembers::default()).await.unwrap();
    assert_eq!(page.total, 1);
    let kebs = &page.items[0];
    assert_eq!((kebs.acronym.as_str(), kebs.country.as_str()), ("KEBS", "KE"));
    assert!(kebs.developing);
    assert_eq!(kebs.liaison_region.as_deref(), Some("africa-anglophone"));

    let others = app
        .client(&user(Role::Staff, None, None))
        .members(&ListMembers { q: Some("SNV".into()), ..Default::default() })
        .await
        .unwrap();
    let snv = others.items[0].id;
    match app.client(&me).member(snv).await {
        Err(ClientError::Api { status: 404, .. }) => {}
        other => panic!("a member must not read another member: {other:?}"),
    }
    assert_eq!(app.client(&me).member(platform::demo::MEMBER_ID).await.unwrap().acronym, "KEBS");
}

#[tokio::test]
async fn filters_combine_member_and_country_facts() {
    let app = spawn_app().await;
    app.seed_demo().await;
    let staff = app.client(&user(Role::Staff, None, None));
    let developed = staff.members(&ListMembers { developing: Some(false), ..Default::default() }).await.unwrap();
    assert_eq!(developed.items.iter().map(|m| m.acronym.as_str()).collect::<Vec<_>>(), ["SNV"]);
    let caribbean =
        staff.members(&ListMembers { region: Some("caribbean".into()), ..Default::default() }).await.unwrap();
    assert_eq!(caribbean.items.iter().map(|m| m.acronym.as_str()).collect::<Vec<_>>(), ["BSJ"]);
    let correspondents = staff
        .members(&ListMembers { category: Some(MemberCategory::Correspondent), ..Default::default() })
        .await
        .unwrap();
    assert_eq!(correspondents.total, 1);
    // Search by the country's French name.
    let egypt = staff.members(&ListMembers { q: Some("Égypte".into()), ..Default::default() }).await.unwrap();
    assert_eq!(egypt.items.iter().map(|m| m.acronym.as_str()).collect::<Vec<_>>(), ["EOS"]);
}

#[tokio::test]
async fn signed_out_visitors_cannot_read_the_registry() {
    let app = spawn_app().await;
    match app.client(&Caller::Anonymous).members(&ListMembers::default()).await {
        Err(ClientError::Api { status: 401, body }) => assert_eq!(body.code, "unauthorized"),
        other => panic!("expected 401, got {other:?}"),
    }
}
