//! The SPA, the merged OpenAPI document and the browsable reference.

use system_tests::TestSystem;

#[tokio::test]
async fn the_spa_is_served_with_history_fallback_and_cache_rules() {
    let system = TestSystem::start().await;
    for path in ["/", "/countries?region=asia", "/members/0197a000-0000-7000-8000-00000000b001"] {
        let res = system.http.get(system.url(path)).send().await.unwrap();
        assert_eq!(res.status(), 200, "{path}");
        assert_eq!(res.headers()["cache-control"], "no-cache", "{path}");
        assert!(res.headers()["content-security-policy"].to_str().unwrap().contains("script-src 'self'"));
        assert!(res.text().await.unwrap().contains("<div id=app>"), "{path} serves index.html");
    }
    let res = system.http.get(system.url("/assets/trellis-0123456789abcdef.js")).send().await.unwrap();
    assert_eq!(res.status(), 200);
    assert!(res.headers()["cache-control"].to_str().unwrap().contains("immutable"));
    // An unknown API path is a JSON 404, never the app.
    let res = system.http.get(system.url("/api/membership/nope/nope")).send().await.unwrap();
    assert_eq!(res.status(), 404);
    assert_eq!(res.headers()["content-type"], "application/json");
}

#[tokio::test]
async fn the_openapi_document_covers_every_service_and_renders_as_html() {
    let system = TestSystem::start().await;
    let (status, doc) = system.get_json("/api/openapi.json", None).await;
    assert_eq!(status, 200);
    for path in [
        "/api/auth/login",
        "/api/health",
        "/api/membership/countries",
        "/api/projects/projects",
        "/api/funding/donors",
        "/api/assessments/requests",
    ] {
        assert!(doc["paths"][path].is_object(), "{path} missing");
    }
    assert!(doc["components"]["schemas"]["ErrorBody"].is_object());
    let html = system.http.get(system.url("/api/docs")).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("<code>/api/funding/donors</code>"));
    assert!(html.contains("id=\"schema-countryresponse\""));
}
