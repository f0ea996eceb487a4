//! Every route is in the service's OpenAPI document.

use crate::helpers::spawn_app;

#[tokio::test]
async fn every_route_is_documented() {
    let app = spawn_app().await;
    let doc: serde_json::Value =
        app.http.get(app.service.url("/openapi.json")).send().await.unwrap().json().await.unwrap();
    let routes = [
        ("/countries", "get"),
        ("/countries/{code}", "get"),
        ("/countries/{code}/developing", "put"),
        ("/countries/{code}/region", "put"),
        ("/regions", "get"),
        ("/regions/{code}", "patch"),
        ("/region-mapping", "get"),
        ("/reference-changes", "get"),
        ("/members", "get"),
        ("/members", "post"),
        ("/members/{id}", "get"),
        ("/members/{id}", "patch"),
        ("/members/{id}/summary", "get"),
        ("/members/{id}/contact", "put"),
        ("/members/{id}/category-history", "get"),
        ("/members/{id}/upgrade-requests", "get"),
        ("/members/{id}/upgrade-requests", "post"),
        ("/upgrade-requests", "get"),
        ("/upgrade-requests/{id}", "get"),
        ("/upgrade-requests/{id}/decision", "post"),
        ("/members/{id}/participations", "get"),
        ("/members/{id}/participations", "post"),
        ("/participations", "get"),
        ("/participations/{id}", "get"),
        ("/participations/{id}", "put"),
        ("/participations/{id}", "delete"),
        ("/import", "post"),
        ("/kpis", "get"),
    ];
    for (path, method) in routes {
        let op = &doc["paths"][path][method];
        assert!(op.is_object(), "{method} {path} is not documented");
        assert!(op["responses"].as_object().is_some_and(|r| !r.is_empty()), "{method} {path} has no responses");
    }
    let documented: usize = doc["paths"].as_object().unwrap().values().map(|p| p.as_object().unwrap().len()).sum();
    assert_eq!(documented, routes.len(), "a documented route is missing from this test");
    assert!(doc["paths"]["/import"]["post"]["requestBody"]["content"]["text/csv"].is_object());
    for schema in [
        "MembershipKpis",
        "MemberResponse",
        "MemberSummary",
        "ImportReport",
        "ParticipationResponse",
        "RegionPeriodResponse",
    ] {
        assert!(doc["components"]["schemas"][schema].is_object(), "{schema} missing");
    }
}
