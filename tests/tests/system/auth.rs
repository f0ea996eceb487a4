//! Signing in, sessions, CSRF and rate limits, through the gateway.

use api_types::Role;
use system_tests::TestSystem;

#[tokio::test]
async fn every_demo_account_signs_in_with_its_role_and_links() {
    let system = TestSystem::start().await;
    for (email, role, member_id, donor_id) in gateway::auth::seed::DEMO_ACCOUNTS {
        let session = system.sign_in(email).await;
        assert_eq!((session.me.email.as_str(), session.me.role), (email, role));
        assert_eq!((session.me.member_id, session.me.donor_id), (member_id, donor_id));
        let (status, me) = system.get_json("/api/auth/me", Some(&session)).await;
        assert_eq!(status, 200);
        assert_eq!(me["role"], role.as_str());
        assert_eq!(me["csrf_token"], session.csrf.as_str());
    }
}

#[tokio::test]
async fn a_wrong_password_or_unknown_email_is_refused_alike() {
    let system = TestSystem::start().await;
    for (email, password) in [("staff@trellis.test", "wrong"), ("nobody@trellis.test", "trellis-demo")] {
        let res = system.login_response(email, password).await;
        assert_eq!(res.status(), 401);
        assert!(res.headers().get("set-cookie").is_none(), "no session on failure");
        let body: serde_json::Value = res.json().await.unwrap();
        assert_eq!(body["code"], "invalid_credentials");
    }
    let (status, body) = system.get_json("/api/auth/me", None).await;
    assert_eq!((status, body["code"].as_str()), (401, Some("unauthorized")));
    let res = system
        .http
        .post(system.url("/api/auth/login"))
        .json(&serde_json::json!({"email": "", "password": ""}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    let body: serde_json::Value = res.json().await.unwrap();
    assert!(body["details"]["fields"]["email"].is_string() && body["details"]["fields"]["password"].is_string());
}

#[tokio::test]
async fn repeated_failures_for_one_email_are_rate_limited() {
    let system = TestSystem::start().await;
    for _ in 0..10 {
        assert_eq!(system.login_response("committee@trellis.test", "guess").await.status(), 401);
    }
    let res = system.login_response("committee@trellis.test", "guess").await;
    assert_eq!(res.status(), 429);
    assert!(res.headers().get("retry-after").is_some());
    let body: serde_json::Value = res.json().await.unwrap();
    assert_eq!(body["code"], "rate_limited");
    // Even the right password waits out the window: guessing stays capped.
    assert_eq!(system.login_response("committee@trellis.test", platform::demo::PASSWORD).await.status(), 429);
    // Other accounts are not affected.
    assert_eq!(system.login_response("staff@trellis.test", platform::demo::PASSWORD).await.status(), 200);
}

#[tokio::test]
async fn successful_sign_ins_are_not_limited() {
    let system = TestSystem::start().await;
    for _ in 0..15 {
        assert_eq!(system.login_response("admin@trellis.test", platform::demo::PASSWORD).await.status(), 200);
    }
}

#[tokio::test]
async fn writes_need_the_csrf_token_and_sign_out_ends_the_session() {
    let system = TestSystem::start().await;
    let member = system.sign_in("member@trellis.test").await;
    let proposal = serde_json::json!({"title": "Bandwidth upgrade", "summary": "A 20 Mbit/s line.", "objective": 3, "theme": "ict_support"});
    let no_token = system
        .http
        .post(system.url("/api/projects/projects"))
        .header("cookie", &member.cookie)
        .json(&proposal)
        .send()
        .await
        .unwrap();
    assert_eq!(no_token.status(), 403);
    assert_eq!(no_token.json::<serde_json::Value>().await.unwrap()["code"], "csrf_token_invalid");

    let created = system
        .request(reqwest::Method::POST, "/api/projects/projects", Some(&member))
        .json(&proposal)
        .send()
        .await
        .unwrap();
    assert_eq!(created.status(), 201);
    let created: serde_json::Value = created.json().await.unwrap();
    assert_eq!(created["member_id"], platform::demo::MEMBER_ID.to_string(), "the member is taken from the session");

    let out = system.request(reqwest::Method::POST, "/api/auth/logout", Some(&member)).send().await.unwrap();
    assert_eq!(out.status(), 204);
    assert!(out.headers()["set-cookie"].to_str().unwrap().contains("Max-Age=0"));
    let (status, _) = system.get_json("/api/auth/me", Some(&member)).await;
    assert_eq!(status, 401, "the old cookie no longer works");
    let (status, _) = system.get_json("/api/projects/projects", Some(&member)).await;
    assert_eq!(status, 401);
}

#[tokio::test]
async fn each_role_reaches_only_what_it_may() {
    let system = TestSystem::start().await;
    let donor = system.sign_in("donor@trellis.test").await;
    let (status, donors) = system.get_json("/api/funding/donors", Some(&donor)).await;
    assert_eq!(status, 200);
    assert_eq!(donors["total"], 1, "a donor sees itself only");
    let (status, _) = system.get_json("/api/assessments/requests", Some(&donor)).await;
    assert_eq!(status, 403);

    let staff = system.sign_in("staff@trellis.test").await;
    let (_, donors) = system.get_json("/api/funding/donors", Some(&staff)).await;
    assert_eq!(donors["total"], 6, "one demo donor of each type");
    let (_, members) = system.get_json("/api/membership/members", Some(&staff)).await;
    assert_eq!(members["total"], 10);

    let committee = system.sign_in("committee@trellis.test").await;
    let res = system
        .request(reqwest::Method::POST, "/api/funding/donors", Some(&committee))
        .json(&serde_json::json!({"name": "New Fund", "donor_type": "foundation", "country": null}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403, "the committee changes nothing");
    assert_eq!(committee.me.role, Role::Committee);
}
