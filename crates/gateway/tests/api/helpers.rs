//! `TestGateway`: the gateway alone on a free port with a fresh account database and the demo
//! accounts, its services replaced by a stub that answers every request with the identity it
//! received (enough to see what the gateway lets through); plus sign-in helpers.

use std::net::SocketAddr;

use axum::Router;
use axum::http::HeaderMap;
use gateway::GatewaySettings;
use platform::settings::RedisSettings;
use platform::testing::{TestDatabase, TestRedis};
use secrecy::SecretString;
use serde_json::{Value, json};
use tokio_util::sync::CancellationToken;

pub const PASSWORD: &str = platform::demo::PASSWORD;

pub struct TestGateway {
    pub url: String,
    pub http: reqwest::Client,
    shutdown: CancellationToken,
    _db: TestDatabase,
    _redis: TestRedis,
}

/// A signed-in browser.
#[derive(Debug, Clone)]
pub struct Browser {
    pub cookie: String,
    pub csrf: String,
    pub me: Value,
}

impl TestGateway {
    pub async fn start() -> TestGateway {
        Self::start_with(|_| {}).await
    }

    /// Starts a gateway after `adjust` has changed its test settings.
    pub async fn start_with(adjust: impl FnOnce(&mut GatewaySettings)) -> TestGateway {
        let redis = TestRedis::new();
        Self::start_on(redis.settings(), redis, adjust).await
    }

    /// Starts a gateway whose backplane is Redis at `settings` (e.g. behind a `FaultyLink`).
    pub async fn start_on(
        settings: RedisSettings,
        redis: TestRedis,
        adjust: impl FnOnce(&mut GatewaySettings),
    ) -> TestGateway {
        let db = TestDatabase::create("gateway").await.unwrap();
        let stub = stub_service().await;
        let mut s = gateway::settings::load(None).unwrap();
        s.http.port = 0;
        s.database = db.settings();
        s.redis = settings;
        s.identity.secret = SecretString::from(platform::testing::TEST_IDENTITY_SECRET);
        s.log.filter = "warn".to_owned();
        s.demo.seed = true;
        s.spa.dir = std::path::PathBuf::from("/nonexistent");
        for service in gateway::SERVICES {
            s.services.set(service, stub.clone());
        }
        // The tests play the proxy: their X-Forwarded-For names the client.
        s.proxy.trusted = "127.0.0.1, ::1".to_owned();
        adjust(&mut s);
        let server = gateway::build(s, None).await.unwrap();
        let url = format!("http://{}", server.local_addr());
        let shutdown = CancellationToken::new();
        tokio::spawn(server.run(shutdown.clone()));
        TestGateway { url, http: reqwest::Client::new(), shutdown, _db: db, _redis: redis }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.url)
    }

    pub async fn login_from(&self, client: &str, email: &str, password: &str) -> reqwest::Response {
        self.http
            .post(self.url("/api/auth/login"))
            .header("x-forwarded-for", client)
            .json(&json!({ "email": email, "password": password }))
            .send()
            .await
            .unwrap()
    }

    pub async fn login(&self, email: &str, password: &str) -> reqwest::Response {
        self.login_from("192.0.2.1", email, password).await
    }

    pub async fn sign_in_with(&self, email: &str, password: &str) -> Browser {
        let res = self.login(email, password).await;
        assert_eq!(res.status(), 200, "sign-in of {email}");
        browser(res).await
    }

    pub async fn sign_in(&self, email: &str) -> Browser {
        self.sign_in_with(email, PASSWORD).await
    }

    /// A request with `browser`'s cookie and CSRF token.
    pub fn request(&self, method: reqwest::Method, path: &str, browser: Option<&Browser>) -> reqwest::RequestBuilder {
        let mut req = self.http.request(method, self.url(path));
        if let Some(b) = browser {
            req = req.header("cookie", &b.cookie).header("x-csrf-token", &b.csrf);
        }
        req
    }

    pub async fn get(&self, path: &str, browser: Option<&Browser>) -> (u16, Value) {
        read(self.request(reqwest::Method::GET, path, browser).send().await.unwrap()).await
    }

    pub async fn post(&self, path: &str, browser: Option<&Browser>, body: Value) -> (u16, Value) {
        read(self.request(reqwest::Method::POST, path, browser).json(&body).send().await.unwrap()).await
    }

    pub async fn patch(&self, path: &str, browser: Option<&Browser>, body: Value) -> (u16, Value) {
        read(self.request(reqwest::Method::PATCH, path, browser).json(&body).send().await.unwrap()).await
    }
}

impl Drop for TestGateway {
    fn drop(&mut self) {
        self.shutdown.cancel();
    }
}

pub async fn read(res: reqwest::Response) -> (u16, Value) {
    let status = res.status().as_u16();
    (status, res.json().await.unwrap_or(Value::Null))
}

/// The session of a successful sign-in (or password change) response.
pub async fn browser(res: reqwest::Response) -> Browser {
    let cookie = session_cookie(res.headers()).expect("a session cookie");
    let cookie = cookie.split(';').next().unwrap().to_owned();
    let me: Value = res.json().await.unwrap();
    Browser { cookie, csrf: me["csrf_token"].as_str().unwrap().to_owned(), me }
}

/// The full `Set-Cookie` line of the session cookie.
pub fn session_cookie(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.starts_with("trellis_session="))
        .map(str::to_owned)
}

/// Every service at once: ready, and answering anything else with 200, the path and the
/// identity header it got.
async fn stub_service() -> String {
    let ready = json!({"service": "stub", "status": "up", "version": "0", "checks": {}});
    let app = Router::new()
        .route("/health/ready", axum::routing::get(move || async move { axum::Json(ready) }))
        .fallback(|uri: axum::http::Uri, headers: HeaderMap| async move {
            let identity =
                headers.get(platform::identity::IDENTITY_HEADER).and_then(|v| v.to_str().ok()).map(str::to_owned);
            axum::Json(json!({ "path": uri.path(), "identity": identity }))
        });
    let listener = tokio::net::TcpListener::bind(SocketAddr::from(([127, 0, 0, 1], 0))).await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await });
    url
}
