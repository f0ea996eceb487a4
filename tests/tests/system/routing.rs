//! Routing through the gateway: signed identities, error shapes, request ids.

use system_tests::TestSystem;

#[tokio::test]
async fn reference_data_is_public_and_private_data_needs_a_session() {
    let system = TestSystem::start().await;
    let (status, countries) = system.get_json("/api/membership/countries?q=kenya", None).await;
    assert_eq!(status, 200);
    assert_eq!(countries["items"][0]["liaison_region"], "africa-anglophone");
    let (status, body) = system.get_json("/api/membership/members", None).await;
    assert_eq!((status, body["code"].as_str()), (401, Some("unauthorized")));
}

#[tokio::test]
async fn a_caller_cannot_smuggle_an_identity_past_the_gateway() {
    let system = TestSystem::start().await;
    // Even a correctly signed staff identity sent by the browser is replaced by the gateway's
    // own (anonymous here).
    let forged = platform::testing::test_identity_keys()
        .sign(&platform::testing::user(api_types::Role::Staff, None, None))
        .unwrap();
    let res = system
        .http
        .get(system.url("/api/membership/members"))
        .header("x-trellis-identity", forged)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 401);
    // And a service reached directly refuses unsigned callers.
    let res = system.http.get(format!("{}/members", system.service_url("membership"))).send().await.unwrap();
    assert_eq!(res.status(), 401);
    assert_eq!(res.json::<serde_json::Value>().await.unwrap()["code"], "invalid_identity");
}

#[tokio::test]
async fn malformed_input_gets_the_json_error_shape_through_the_gateway() {
    let system = TestSystem::start().await;
    let member = system.sign_in("member@trellis.test").await;
    let res = system
        .request(reqwest::Method::POST, "/api/projects/projects", Some(&member))
        .header("content-type", "application/json")
        .body("{not json")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 400);
    let body: serde_json::Value = res.json().await.unwrap();
    assert_eq!(body["code"], "malformed_json");
    assert!(body["message"].as_str().is_some_and(|m| !m.is_empty()));

    for (path, code) in [
        ("/api/nowhere", "not_found"),
        ("/api/membership/nowhere", "not_found"),
        ("/api/projects/projects/42", "invalid_path"),
    ] {
        let (status, body) = system.get_json(path, Some(&member)).await;
        assert_eq!(body["code"], code, "{path}: {status} {body}");
    }
    let res = system.http.get(system.url("/api/auth/login")).send().await.unwrap();
    assert_eq!(res.status(), 405);
    assert_eq!(res.json::<serde_json::Value>().await.unwrap()["code"], "method_not_allowed");
}

#[tokio::test]
async fn the_request_id_crosses_from_the_gateway_to_the_service() {
    let system = TestSystem::start().await;
    let id = format!("trace-{}", uuid::Uuid::new_v4());
    let res = system
        .http
        .get(system.url("/api/membership/countries?per_page=1"))
        .header("x-request-id", &id)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["x-request-id"], id.as_str());
    let logs = system_tests::logs();
    let spans: Vec<&str> = logs.lines().filter(|l| l.contains(&id)).collect();
    assert!(spans.iter().any(|l| l.contains("service=\"gateway\"")), "gateway span missing: {spans:?}");
    assert!(
        spans.iter().any(|l| l.contains("service=\"membership\"") && l.contains("path=/countries")),
        "service span missing: {spans:?}"
    );
}

#[tokio::test]
async fn csv_exports_pass_through_with_their_headers() {
    let system = TestSystem::start().await;
    let res = system.http.get(system.url("/api/membership/countries?format=csv&region=pacific")).send().await.unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "text/csv; charset=utf-8");
    assert!(res.headers()["content-disposition"].to_str().unwrap().contains("countries.csv"));
    assert!(res.text().await.unwrap().contains("FJ,FJI,242,Fiji"));
}
