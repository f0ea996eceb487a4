//! Every route is in the service's OpenAPI document.

use crate::helpers::spawn_app;

#[tokio::test]
async fn every_route_is_documented() {
    let app = spawn_app().await;
    let doc: serde_json::Value =
        app.http.get(app.service.url("/openapi.json")).send().await.unwrap().json().await.unwrap();
    let routes = [
        ("/questionnaires/current", "get"),
        ("/questionnaires/{version}", "get"),
        ("/questionnaires", "post"),
        ("/requests", "get"),
        ("/requests", "post"),
        ("/requests/{id}", "get"),
        ("/requests/{id}/assessor", "put"),
        ("/requests/{id}/close", "post"),
        ("/requests/{id}/assessment", "get"),
        ("/requests/{id}/assessment/sections/{section}", "put"),
        ("/requests/{id}/assessment/submit", "post"),
        ("/requests/{id}/score", "get"),
        ("/requests/{id}/recommendations", "get"),
        ("/requests/{id}/recommendations", "post"),
        ("/requests/{id}/recommendations/{rec_id}", "patch"),
        ("/requests/{id}/recommendations/{rec_id}", "delete"),
        ("/requests/{id}/accept", "post"),
        ("/requests/{id}/proposal", "get"),
        ("/members/{id}/maturity", "get"),
        ("/kpis", "get"),
    ];
    for (path, method) in routes {
        let op = &doc["paths"][path][method];
        assert!(op.is_object(), "{method} {path} is not documented");
        assert!(op["responses"].as_object().is_some_and(|r| !r.is_empty()), "{method} {path} has no responses");
    }
    let documented: usize = doc["paths"].as_object().unwrap().values().map(|p| p.as_object().unwrap().len()).sum();
    assert_eq!(documented, routes.len(), "a documented route is missing from this test");
    for schema in ["AssessmentKpis", "ScoreResponse", "QuestionnaireResponse", "ProposalResponse", "MaturityHistory"] {
        assert!(doc["components"]["schemas"][schema].is_object(), "{schema} missing");
    }
}
