//! Resetting and changing passwords.

use serde_json::json;

use crate::helpers::{PASSWORD, TestGateway, browser};

const NEW: &str = "granite kettle orbit";

#[tokio::test]
async fn an_admin_reset_ends_the_accounts_sessions_and_replaces_the_password() {
    let gw = TestGateway::start().await;
    let admin = gw.sign_in("admin@trellis.test").await;
    let staff2 = gw.sign_in("staff2@trellis.test").await;
    let id = staff2.me["id"].as_str().unwrap();
    let path = format!("/api/auth/accounts/{id}/password");
    let (status, err) = gw.post(&path, Some(&admin), json!({"password": "staff2 staff2 staff2"})).await;
    assert_eq!((status, err["details"]["rule"].as_str()), (422, Some("contains_email")), "{err}");
    assert_eq!(gw.get("/api/auth/me", Some(&staff2)).await.0, 200, "a refused reset changes nothing");

    let res =
        gw.request(reqwest::Method::POST, &path, Some(&admin)).json(&json!({"password": NEW})).send().await.unwrap();
    assert_eq!(res.status(), 204);
    assert_eq!(gw.get("/api/auth/me", Some(&staff2)).await.0, 401, "the old session ended at once");
    assert_eq!(gw.login("staff2@trellis.test", PASSWORD).await.status(), 401);
    assert_eq!(gw.login("staff2@trellis.test", NEW).await.status(), 200);
    assert_eq!(gw.get("/api/auth/me", Some(&admin)).await.0, 200, "other accounts keep their sessions");
    let missing = format!("/api/auth/accounts/{}/password", uuid::Uuid::new_v4());
    assert_eq!(gw.post(&missing, Some(&admin), json!({"password": NEW})).await.0, 404);
}

#[tokio::test]
async fn users_change_their_own_password_with_the_current_one() {
    let gw = TestGateway::start().await;
    let here = gw.sign_in("member@trellis.test").await;
    let elsewhere = gw.sign_in("member@trellis.test").await;
    let change = |current: &str, new: &str| json!({"current_password": current, "new_password": new});

    let (status, err) = gw.post("/api/auth/password", None, change(PASSWORD, NEW)).await;
    assert_eq!(status, 401, "{err}");
    let (status, err) = gw.post("/api/auth/password", Some(&here), change("not it at all", NEW)).await;
    assert_eq!((status, err["code"].as_str()), (422, Some("validation_failed")));
    assert!(err["details"]["fields"]["current_password"].is_string());
    let (status, err) = gw.post("/api/auth/password", Some(&here), change(PASSWORD, PASSWORD)).await;
    assert_eq!((status, err["details"]["rule"].as_str()), (422, Some("unchanged")));
    let (status, err) = gw.post("/api/auth/password", Some(&here), change(PASSWORD, "aaaaaaaaaaaaaaaa")).await;
    assert_eq!((status, err["details"]["rule"].as_str()), (422, Some("too_few_distinct_characters")));
    assert_eq!(err["details"]["fields"]["new_password"].as_str().map(|s| s.contains("5")), Some(true));
    let no_csrf = gw
        .http
        .post(gw.url("/api/auth/password"))
        .header("cookie", &here.cookie)
        .json(&change(PASSWORD, NEW))
        .send()
        .await
        .unwrap();
    assert_eq!(no_csrf.status(), 403);

    let res = gw
        .request(reqwest::Method::POST, "/api/auth/password", Some(&here))
        .json(&change(PASSWORD, NEW))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let renewed = browser(res).await;
    assert_ne!(renewed.cookie, here.cookie);
    assert_ne!(renewed.csrf, here.csrf);
    assert_eq!(renewed.me["email"], "member@trellis.test");
    assert_eq!(gw.get("/api/auth/me", Some(&renewed)).await.0, 200, "this browser stays signed in");
    assert_eq!(gw.get("/api/auth/me", Some(&here)).await.0, 401, "its old cookie is void");
    assert_eq!(gw.get("/api/auth/me", Some(&elsewhere)).await.0, 401, "other sessions ended");
    assert_eq!(gw.login("member@trellis.test", PASSWORD).await.status(), 401);
    assert_eq!(gw.login("member@trellis.test", NEW).await.status(), 200);
}

#[tokio::test]
async fn guessing_the_current_password_is_limited_like_sign_in() {
    let gw = TestGateway::start_with(|s| s.login.max_attempts = 3).await;
    let me = gw.sign_in("committee@trellis.test").await;
    for _ in 0..3 {
        let (status, _) = gw
            .post("/api/auth/password", Some(&me), json!({"current_password": "guess guess 1", "new_password": NEW}))
            .await;
        assert_eq!(status, 422);
    }
    let res = gw
        .request(reqwest::Method::POST, "/api/auth/password", Some(&me))
        .json(&json!({"current_password": PASSWORD, "new_password": NEW}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 429);
    assert!(res.headers().contains_key("retry-after"));
}
