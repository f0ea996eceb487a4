//! Account administration: who may, what is checked, and what disabling does.

use reqwest::Method;
use serde_json::json;

use crate::helpers::{PASSWORD, TestGateway};

const GOOD: &str = "granite kettle orbit";

#[tokio::test]
async fn an_admin_creates_lists_finds_and_disables_accounts() {
    let gw = TestGateway::start().await;
    let admin = gw.sign_in("admin@trellis.test").await;
    let (status, created) = gw
        .post(
            "/api/auth/accounts",
            Some(&admin),
            json!({"email": " Officer@Trellis.TEST ", "password": GOOD, "role": "staff"}),
        )
        .await;
    assert_eq!(status, 201, "{created}");
    assert_eq!(created["email"], "officer@trellis.test", "emails are trimmed and lowercased");
    assert_eq!((created["role"].as_str(), created["disabled"].as_bool()), (Some("staff"), Some(false)));
    assert!(created.get("password_hash").is_none() && created.get("password").is_none());
    let id = created["id"].as_str().unwrap().to_owned();

    let (status, dup) = gw
        .post(
            "/api/auth/accounts",
            Some(&admin),
            json!({"email": "OFFICER@trellis.test", "password": GOOD, "role": "admin"}),
        )
        .await;
    assert_eq!((status, dup["code"].as_str()), (409, Some("email_taken")));

    let (status, page) = gw.get("/api/auth/accounts?role=staff", Some(&admin)).await;
    assert_eq!(status, 200);
    let emails: Vec<&str> = page["items"].as_array().unwrap().iter().map(|a| a["email"].as_str().unwrap()).collect();
    assert_eq!(emails, ["officer@trellis.test", "staff2@trellis.test", "staff@trellis.test"]);
    assert_eq!(page["total"], 3);
    let (_, page) = gw.get("/api/auth/accounts?q=OFFIC&per_page=1", Some(&admin)).await;
    assert_eq!((page["total"].as_u64(), page["items"][0]["id"].as_str()), (Some(1), Some(id.as_str())));
    let csv = gw.request(Method::GET, "/api/auth/accounts?format=csv", Some(&admin)).send().await.unwrap();
    assert_eq!(csv.headers()["content-type"], "text/csv; charset=utf-8");
    assert_eq!(csv.text().await.unwrap().lines().count(), 1 + 7, "a header and every account");
    let (status, _) = gw.get("/api/auth/accounts?per_page=500", Some(&admin)).await;
    assert_eq!(status, 422);
    let (status, one) = gw.get(&format!("/api/auth/accounts/{id}"), Some(&admin)).await;
    assert_eq!((status, one["email"].as_str()), (200, Some("officer@trellis.test")));
    let (status, _) = gw.get(&format!("/api/auth/accounts/{}", uuid::Uuid::new_v4()), Some(&admin)).await;
    assert_eq!(status, 404);

    // The new account signs in; disabling it ends that session at once and refuses sign-in.
    let officer = gw.sign_in_with("officer@trellis.test", GOOD).await;
    assert_eq!(gw.get("/api/auth/me", Some(&officer)).await.0, 200);
    let (status, off) = gw.patch(&format!("/api/auth/accounts/{id}"), Some(&admin), json!({"disabled": true})).await;
    assert_eq!((status, off["disabled"].as_bool()), (200, Some(true)));
    assert_eq!(gw.get("/api/auth/me", Some(&officer)).await.0, 401);
    let (_, echoed) = gw.get("/api/projects/projects", Some(&officer)).await;
    let identity = platform::testing::test_identity_keys().verify(echoed["identity"].as_str().unwrap()).unwrap();
    assert_eq!(identity, platform::Caller::Anonymous, "services see a signed-out caller");
    assert_eq!(gw.login("officer@trellis.test", GOOD).await.status(), 401);
    let (_, listed) = gw.get("/api/auth/accounts?disabled=true", Some(&admin)).await;
    assert_eq!(listed["total"], 1);
    // Re-enabled, it signs in again.
    assert_eq!(gw.patch(&format!("/api/auth/accounts/{id}"), Some(&admin), json!({"disabled": false})).await.0, 200);
    assert_eq!(gw.login("officer@trellis.test", GOOD).await.status(), 200);

    // An administrator cannot lock themselves out.
    let own = admin.me["id"].as_str().unwrap();
    let (status, body) = gw.patch(&format!("/api/auth/accounts/{own}"), Some(&admin), json!({"disabled": true})).await;
    assert_eq!((status, body["code"].as_str()), (409, Some("cannot_disable_self")));
}

#[tokio::test]
async fn only_admins_manage_accounts_and_writes_need_the_csrf_token() {
    let gw = TestGateway::start().await;
    let body = json!({"email": "new@trellis.test", "password": GOOD, "role": "committee"});
    let (status, err) = gw.get("/api/auth/accounts", None).await;
    assert_eq!((status, err["code"].as_str()), (401, Some("unauthorized")));
    assert_eq!(gw.post("/api/auth/accounts", None, body.clone()).await.0, 401);
    for email in ["staff@trellis.test", "committee@trellis.test", "member@trellis.test", "donor@trellis.test"] {
        let who = gw.sign_in(email).await;
        assert_eq!(gw.get("/api/auth/accounts", Some(&who)).await.0, 403, "{email}");
        assert_eq!(gw.post("/api/auth/accounts", Some(&who), body.clone()).await.0, 403, "{email}");
        let admin_id = uuid::Uuid::new_v4();
        let path = format!("/api/auth/accounts/{admin_id}/password");
        assert_eq!(gw.post(&path, Some(&who), json!({"password": GOOD})).await.0, 403, "{email}");
        assert_eq!(
            gw.patch(&format!("/api/auth/accounts/{admin_id}"), Some(&who), json!({"disabled": true})).await.0,
            403
        );
    }
    let admin = gw.sign_in("admin@trellis.test").await;
    let no_token =
        gw.http.post(gw.url("/api/auth/accounts")).header("cookie", &admin.cookie).json(&body).send().await.unwrap();
    assert_eq!(no_token.status(), 403);
    assert_eq!(no_token.json::<serde_json::Value>().await.unwrap()["code"], "csrf_token_invalid");
    let wrong = gw
        .http
        .post(gw.url("/api/auth/accounts"))
        .header("cookie", &admin.cookie)
        .header("x-csrf-token", "forged")
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(wrong.status(), 403);
    // Nothing was created.
    assert_eq!(gw.get("/api/auth/accounts?q=new%40", Some(&admin)).await.1["total"], 0);
}

#[tokio::test]
async fn bad_account_input_gets_422_naming_the_field_or_rule() {
    let gw = TestGateway::start().await;
    let admin = gw.sign_in("admin@trellis.test").await;
    let member = platform::demo::MEMBER_ID;
    let cases = [
        (json!({"email": "not-an-email", "password": GOOD, "role": "staff"}), "validation_failed", "email"),
        (json!({"email": "m@trellis.test", "password": GOOD, "role": "member"}), "validation_failed", "member_id"),
        (json!({"email": "d@trellis.test", "password": GOOD, "role": "donor"}), "validation_failed", "donor_id"),
        (
            json!({"email": "s@trellis.test", "password": GOOD, "role": "staff", "member_id": member}),
            "validation_failed",
            "member_id",
        ),
        (json!({"email": "s@trellis.test", "password": "short", "role": "staff"}), "password_policy", "password"),
        (json!({"email": "s@trellis.test", "password": PASSWORD, "role": "staff"}), "password_policy", "password"),
    ];
    for (body, code, field) in cases {
        let (status, err) = gw.post("/api/auth/accounts", Some(&admin), body.clone()).await;
        assert_eq!((status, err["code"].as_str()), (422, Some(code)), "{body} → {err}");
        assert!(err["details"]["fields"][field].is_string(), "{body} → {err}");
    }
    let (_, err) = gw
        .post("/api/auth/accounts", Some(&admin), json!({"email": "s@t.org", "password": "short", "role": "staff"}))
        .await;
    assert_eq!(err["details"]["rule"], "min_length");
    let (_, err) = gw
        .post("/api/auth/accounts", Some(&admin), json!({"email": "s@t.org", "password": PASSWORD, "role": "staff"}))
        .await;
    assert_eq!(err["details"]["rule"], "known_password");
    let (status, err) = gw
        .post("/api/auth/accounts", Some(&admin), json!({"email": "s@t.org", "password": GOOD, "role": "root"}))
        .await;
    assert_eq!((status, err["code"].as_str()), (422, Some("validation_failed")), "{err}");
    assert!(err["details"]["fields"]["body"].as_str().unwrap().contains("role"));
    let (status, _) = gw.post("/api/auth/accounts", Some(&admin), json!("[")).await;
    assert!(status == 422 || status == 400, "{status}");
    assert_eq!(
        gw.get("/api/auth/accounts?q=trellis.test&per_page=200", Some(&admin)).await.1["total"],
        6,
        "nothing created"
    );
}
