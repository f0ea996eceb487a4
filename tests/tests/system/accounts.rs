//! Accounts linked to member bodies and donors: the links are checked with the services that
//! own them, and a linked account sees what its member body or donor may see.

use serde_json::json;
use system_tests::{Session, TestSystem};

const PASSWORD: &str = "granite kettle orbit";

#[tokio::test]
async fn member_and_donor_accounts_link_to_records_that_exist() {
    let mut system = TestSystem::start().await;
    let admin = system.sign_in("admin@trellis.test").await;

    let unknown = uuid::Uuid::now_v7();
    let res = create(
        &system,
        &admin,
        json!({"email": "ghost@nsb.test", "password": PASSWORD, "role": "member", "member_id": unknown}),
    )
    .await;
    assert_eq!(res.status(), 422);
    let body: serde_json::Value = res.json().await.unwrap();
    assert!(body["details"]["fields"]["member_id"].is_string(), "{body}");
    let res = create(
        &system,
        &admin,
        json!({"email": "ghost@fund.test", "password": PASSWORD, "role": "donor", "donor_id": unknown}),
    )
    .await;
    assert_eq!(res.status(), 422);
    assert!(res.json::<serde_json::Value>().await.unwrap()["details"]["fields"]["donor_id"].is_string());

    // A second member body gets its own account, which sees its body and not the demo member's.
    let (_, members) = system.get_json("/api/membership/members?per_page=200", Some(&admin)).await;
    let other = members["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["id"] != json!(platform::demo::MEMBER_ID))
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let res = create(
        &system,
        &admin,
        json!({"email": "officer@nsb.test", "password": PASSWORD, "role": "member", "member_id": other}),
    )
    .await;
    assert_eq!(res.status(), 201);
    let res = system.login_response("officer@nsb.test", PASSWORD).await;
    assert_eq!(res.status(), 200);
    let me: serde_json::Value = res.json().await.unwrap();
    assert_eq!(me["member_id"], other.as_str());
    let officer = sign_in_with(&system, "officer@nsb.test").await;
    let (status, _) = system.get_json(&format!("/api/membership/members/{other}"), Some(&officer)).await;
    assert_eq!(status, 200);
    let (status, _) =
        system.get_json(&format!("/api/membership/members/{}", platform::demo::MEMBER_ID), Some(&officer)).await;
    assert_eq!(status, 404, "another body's record is not there for this account");

    let res = create(&system, &admin, json!({"email": "treasurer@fund.test", "password": PASSWORD, "role": "donor", "donor_id": platform::demo::DONOR_ID}))
        .await;
    assert_eq!(res.status(), 201);
    let treasurer = sign_in_with(&system, "treasurer@fund.test").await;
    let (_, donors) = system.get_json("/api/funding/donors", Some(&treasurer)).await;
    assert_eq!(donors["total"], 1);

    // While the owning service is down, a link cannot be checked: 503, nothing created.
    system.stop("funding").await;
    let res = create(&system, &admin, json!({"email": "later@fund.test", "password": PASSWORD, "role": "donor", "donor_id": platform::demo::DONOR_ID}))
        .await;
    assert_eq!(res.status(), 503);
    let body: serde_json::Value = res.json().await.unwrap();
    assert_eq!(
        (body["code"].as_str(), body["details"]["service"].as_str()),
        (Some("service_unavailable"), Some("funding"))
    );
    let (_, found) = system.get_json("/api/auth/accounts?q=later%40", Some(&admin)).await;
    assert_eq!(found["total"], 0);
}

async fn create(system: &TestSystem, admin: &Session, body: serde_json::Value) -> reqwest::Response {
    system.request(reqwest::Method::POST, "/api/auth/accounts", Some(admin)).json(&body).send().await.unwrap()
}

async fn sign_in_with(system: &TestSystem, email: &str) -> Session {
    let res = system.login_response(email, PASSWORD).await;
    assert_eq!(res.status(), 200, "sign-in of {email}");
    let cookie = res
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|c| c.split(';').next().filter(|kv| kv.starts_with("trellis_session=")).map(str::to_owned))
        .unwrap();
    let me: api_types::auth::Me = res.json().await.unwrap();
    Session { cookie, csrf: me.csrf_token.clone(), me }
}
