//! Session cookies, expiry, sign-out, and the sign-in limits per account and client address.

use std::time::Duration;

use serde_json::json;

use crate::helpers::{PASSWORD, TestGateway, session_cookie};

#[tokio::test]
async fn the_cookie_is_http_only_lax_and_secure_by_default() {
    let gw = TestGateway::start().await;
    let res = gw.login("staff@trellis.test", PASSWORD).await;
    let cookie = session_cookie(res.headers()).unwrap();
    for part in ["HttpOnly", "SameSite=Lax", "Secure", "Path=/", "Max-Age=43200"] {
        assert!(cookie.contains(part), "{cookie} lacks {part}");
    }
}

#[tokio::test]
async fn without_forced_secure_the_cookie_is_secure_only_over_tls_from_a_trusted_proxy() {
    let gw = TestGateway::start_with(|s| s.session.secure_cookie = false).await;
    let plain = session_cookie(gw.login("staff@trellis.test", PASSWORD).await.headers()).unwrap();
    assert!(!plain.contains("Secure"), "{plain}");
    let tls = gw
        .http
        .post(gw.url("/api/auth/login"))
        .header("x-forwarded-proto", "https")
        .json(&json!({"email": "staff@trellis.test", "password": PASSWORD}))
        .send()
        .await
        .unwrap();
    assert!(session_cookie(tls.headers()).unwrap().contains("; Secure"));

    // The same header from a peer that is not a trusted proxy proves nothing.
    let untrusting = TestGateway::start_with(|s| {
        s.session.secure_cookie = false;
        s.proxy.trusted = String::new();
    })
    .await;
    let forged = untrusting
        .http
        .post(untrusting.url("/api/auth/login"))
        .header("x-forwarded-proto", "https")
        .json(&json!({"email": "staff@trellis.test", "password": PASSWORD}))
        .send()
        .await
        .unwrap();
    assert!(!session_cookie(forged.headers()).unwrap().contains("Secure"));
}

#[tokio::test]
async fn sessions_expire_and_sign_out_ends_them_at_once() {
    let gw = TestGateway::start_with(|s| s.session.ttl_secs = 1).await;
    let short = gw.sign_in("staff@trellis.test").await;
    let other = gw.sign_in("staff@trellis.test").await;
    assert_eq!(gw.get("/api/auth/me", Some(&short)).await.0, 200);
    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert_eq!(gw.get("/api/auth/me", Some(&short)).await.0, 401, "expired");
    assert_eq!(gw.get("/api/auth/me", Some(&other)).await.0, 401);

    let gw = TestGateway::start().await;
    let a = gw.sign_in("donor@trellis.test").await;
    let b = gw.sign_in("donor@trellis.test").await;
    let forged = gw.http.post(gw.url("/api/auth/logout")).header("cookie", &a.cookie).send().await.unwrap();
    assert_eq!(forged.status(), 403, "a cross-site sign-out without the token is refused");
    assert_eq!(gw.get("/api/auth/me", Some(&a)).await.0, 200);
    let out = gw.request(reqwest::Method::POST, "/api/auth/logout", Some(&a)).send().await.unwrap();
    assert_eq!(out.status(), 204);
    assert!(session_cookie(out.headers()).unwrap().contains("Max-Age=0"));
    assert_eq!(gw.get("/api/auth/me", Some(&a)).await.0, 401);
    assert_eq!(gw.get("/api/auth/me", Some(&b)).await.0, 200, "sign-out ends this session only");
}

#[tokio::test]
async fn failures_lock_the_account_and_the_client_address_separately() {
    // Two failures per account, twenty per client address.
    let gw = TestGateway::start_with(|s| s.login.max_attempts = 2).await;
    let (attacker, office, third) = ("203.0.113.66", "198.51.100.10", "198.51.100.99");

    // Spraying one guess over many accounts from one address: the address is locked.
    for n in 0..20 {
        let res = gw.login_from(attacker, &format!("user{n}@trellis.test"), "guess guess").await;
        assert_eq!(res.status(), 401, "attempt {n}");
    }
    let locked = gw.login_from(attacker, "admin@trellis.test", PASSWORD).await;
    assert_eq!(locked.status(), 429, "even the right password waits");
    let retry: u64 = locked.headers()["retry-after"].to_str().unwrap().parse().unwrap();
    assert!((1..=900).contains(&retry), "{retry}");
    let body: serde_json::Value = locked.json().await.unwrap();
    assert_eq!(body["code"], "rate_limited");

    // Another client signs in to that account; that does not lift the attacker's lock.
    assert_eq!(gw.login_from(office, "admin@trellis.test", PASSWORD).await.status(), 200);
    assert_eq!(gw.login_from(attacker, "admin@trellis.test", PASSWORD).await.status(), 429);

    // Guessing one account's password: the account is locked, from every address.
    for _ in 0..2 {
        assert_eq!(gw.login_from(third, "committee@trellis.test", "wrong wrong").await.status(), 401);
    }
    assert_eq!(gw.login_from(third, "committee@trellis.test", PASSWORD).await.status(), 429);
    assert_eq!(gw.login_from(office, "committee@trellis.test", PASSWORD).await.status(), 429);
    // The office's own successes never counted: it still signs in to other accounts.
    for _ in 0..5 {
        assert_eq!(gw.login_from(office, "staff@trellis.test", PASSWORD).await.status(), 200);
    }
}

#[tokio::test]
async fn security_headers_are_on_every_kind_of_response() {
    let gw = TestGateway::start().await;
    let staff = gw.sign_in("staff@trellis.test").await;
    let responses = [
        gw.http.get(gw.url("/api/auth/me")).send().await.unwrap(),
        gw.request(reqwest::Method::GET, "/api/membership/members", Some(&staff)).send().await.unwrap(),
        gw.http.get(gw.url("/health/live")).send().await.unwrap(),
        gw.http.get(gw.url("/some/spa/route")).send().await.unwrap(),
        gw.http.delete(gw.url("/api/auth/me")).send().await.unwrap(),
    ];
    for res in responses {
        let h = res.headers();
        let csp = h["content-security-policy"].to_str().unwrap();
        assert!(csp.contains("default-src 'self'") && csp.contains("'wasm-unsafe-eval'"), "{csp}");
        assert!(csp.contains("frame-ancestors 'none'"));
        assert_eq!(h["x-content-type-options"], "nosniff");
        assert_eq!(h["x-frame-options"], "DENY");
        assert_eq!(h["referrer-policy"], "same-origin");
        assert!(h.contains_key("strict-transport-security"), "{}", res.url());
    }
}
