//! The service answers only requests whose caller identity the gateway signed.

use api_types::Role;
use platform::testing::user;

use crate::helpers::spawn_app;

#[tokio::test]
async fn a_request_without_a_signed_identity_is_rejected() {
    let app = spawn_app().await;
    let res = app.http.get(app.service.url("/projects")).send().await.unwrap();
    assert_eq!(res.status(), 401);
    let body: serde_json::Value = res.json().await.unwrap();
    assert_eq!(body["code"], "invalid_identity");
}

#[tokio::test]
async fn a_tampered_identity_is_rejected() {
    let app = spawn_app().await;
    let token = app.service.sign(&user(Role::Member, None, None));
    // Flip one character of the signature.
    let mut forged = token.clone();
    let last = forged.pop().unwrap();
    forged.push(if last == 'A' { 'B' } else { 'A' });
    let res = app.http.get(app.service.url("/projects")).header("x-trellis-identity", forged).send().await.unwrap();
    assert_eq!(res.status(), 401);
    // And an identity signed with another key.
    let other =
        platform::identity::IdentityKeys::new(&"another-key".to_owned().into(), std::time::Duration::from_secs(60));
    let token = other.sign(&user(Role::Staff, None, None)).unwrap();
    let res = app.http.get(app.service.url("/projects")).header("x-trellis-identity", token).send().await.unwrap();
    assert_eq!(res.status(), 401);
}

#[tokio::test]
async fn a_valid_identity_is_accepted() {
    let app = spawn_app().await;
    let res = app.request(reqwest::Method::GET, "/projects", &user(Role::Staff, None, None)).send().await.unwrap();
    assert_eq!(res.status(), 200);
}

#[tokio::test]
async fn health_and_openapi_need_no_identity() {
    let app = spawn_app().await;
    let ready: serde_json::Value =
        app.http.get(app.service.url("/health/ready")).send().await.unwrap().json().await.unwrap();
    assert_eq!(ready["status"], "up");
    assert_eq!(ready["service"], "projects");
    let doc: serde_json::Value =
        app.http.get(app.service.url("/openapi.json")).send().await.unwrap().json().await.unwrap();
    assert!(doc["paths"]["/projects"].is_object(), "{doc}");
    assert!(doc["paths"]["/projects/{id}"]["put"]["responses"]["409"].is_object(), "the edit route: {doc}");
}
