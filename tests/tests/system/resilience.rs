//! What the gateway does when a service is down.

use std::time::{Duration, Instant};

use system_tests::TestSystem;

#[tokio::test]
async fn a_stopped_service_answers_503_json_within_two_seconds() {
    let mut system = TestSystem::start().await;
    let staff = system.sign_in("staff@trellis.test").await;
    let (status, health) = system.get_json("/api/health", None).await;
    assert_eq!((status, health["status"].as_str()), (200, Some("up")), "{health}");

    system.stop("projects").await;
    let started = Instant::now();
    let (status, body) = system.get_json("/api/projects/projects", Some(&staff)).await;
    let took = started.elapsed();
    assert_eq!(status, 503, "{body}");
    assert_eq!(body["code"], "service_unavailable");
    assert_eq!(body["details"]["service"], "projects");
    assert!(took < Duration::from_secs(2), "took {took:?}");

    let started = Instant::now();
    let (status, health) = system.get_json("/api/health", None).await;
    assert!(started.elapsed() < Duration::from_secs(2));
    assert_eq!(status, 503);
    assert_eq!(health["services"]["projects"]["status"], "down");
    assert_eq!(health["services"]["membership"]["status"], "up");
    // The rest of the system keeps working.
    let (status, _) = system.get_json("/api/membership/members", Some(&staff)).await;
    assert_eq!(status, 200);
    // The API reference still renders, naming what is missing.
    let (_, doc) = system.get_json("/api/openapi.json", None).await;
    assert!(doc["info"]["description"].as_str().unwrap().contains("projects"));
    assert!(doc["paths"]["/api/membership/countries"].is_object());
}
