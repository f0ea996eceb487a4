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
    // Parameters are documented where they really are: `in: path` exactly for the `{name}`s of
    // the path template, everything else in the query.
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            let params = op["parameters"].as_array().cloned().unwrap_or_default();
            let in_path: Vec<&str> =
                params.iter().filter(|p| p["in"] == "path").map(|p| p["name"].as_str().unwrap()).collect();
            let templated: Vec<&str> =
                path.split('/').filter_map(|seg| seg.strip_prefix('{')?.strip_suffix('}')).collect();
            assert_eq!(in_path, templated, "{method} {path}");
        }
    }
    let list = &doc["paths"]["/api/membership/countries"]["get"]["parameters"];
    let region = list.as_array().unwrap().iter().find(|p| p["name"] == "region").unwrap();
    assert_eq!((region["in"].as_str(), region["required"].as_bool()), (Some("query"), Some(false)));
    let html = system.http.get(system.url("/api/docs")).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("<code>/api/funding/donors</code>"));
    assert!(html.contains("id=\"schema-countryresponse\""));
    let css = system.http.get(system.url("/api/docs/style.css")).send().await.unwrap();
    assert_eq!(css.headers()["content-type"], "text/css; charset=utf-8");
}
