//! The gateway while its Redis is down: signed-in requests get 503
//! `session_store_unavailable`, public and health routes keep working, and sessions work again
//! when Redis is back (nothing was lost: the sessions stayed in Redis).

use std::time::{Duration, Instant};

use platform::settings::RedisSettings;
use platform::testing::{FaultyLink, TestRedis, redis_url};
use secrecy::SecretString;

use crate::helpers::{PASSWORD, TestGateway};

#[tokio::test]
async fn signed_in_requests_get_503_while_public_ones_work_and_all_recovers() {
    let target = redis_url().trim_start_matches("redis://").trim_end_matches('/').to_owned();
    let link = FaultyLink::start(&target).await.unwrap();
    let namespace = TestRedis::new();
    let settings = RedisSettings {
        url: Some(SecretString::from(format!("redis://127.0.0.1:{}", link.port()))),
        namespace: format!("trellis-test-{}", uuid::Uuid::new_v4().simple()),
    };
    let gw = TestGateway::start_on(settings, namespace, |_| {}).await;
    let staff = gw.sign_in("staff@trellis.test").await;
    assert_eq!(gw.get("/api/auth/me", Some(&staff)).await.0, 200);

    link.cut();
    let started = Instant::now();
    for (status, body) in [
        gw.get("/api/auth/me", Some(&staff)).await,
        gw.get("/api/membership/members", Some(&staff)).await,
        gw.post("/api/projects/projects", Some(&staff), serde_json::json!({"title": "x"})).await,
    ] {
        assert_eq!((status, body["code"].as_str()), (503, Some("session_store_unavailable")), "{body}");
    }
    let res = gw.login("committee@trellis.test", PASSWORD).await;
    assert_eq!(res.status(), 503, "no sign-in without the limits' counters");
    assert_eq!(res.json::<serde_json::Value>().await.unwrap()["code"], "session_store_unavailable");
    assert!(started.elapsed() < Duration::from_secs(20), "fails fast: {:?}", started.elapsed());

    // Signed out, everything that needs no session still answers.
    let (status, body) = gw.get("/api/membership/countries", None).await;
    assert_eq!((status, body["path"].as_str()), (200, Some("/countries")));
    assert_eq!(gw.get("/api/openapi.json", None).await.0, 200);
    assert_eq!(gw.get("/health/live", None).await.0, 200);
    let (status, health) = gw.get("/api/health", None).await;
    assert_eq!(status, 200, "{health}");
    assert_eq!(gw.get("/api/auth/me", None).await.0, 401);

    link.restore();
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        let (status, body) = gw.get("/api/auth/me", Some(&staff)).await;
        if status == 200 {
            assert_eq!(body["email"], "staff@trellis.test", "the session survived the outage");
            break;
        }
        assert!(Instant::now() < deadline, "no recovery: {status} {body}");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    assert_eq!(gw.login("committee@trellis.test", PASSWORD).await.status(), 200);
}
