//! The whole-system test harness: every service and the gateway, each with its own fresh
//! database (SQLite files, or PostgreSQL databases when `TEST_DATABASE_URL` is set) and one
//! Redis namespace (when `TEST_REDIS_URL` is set; otherwise a shared in-process backplane),
//! on free ports, driven through the gateway's HTTP API as a browser would.

use std::collections::BTreeMap;
use std::io::Write;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use platform::Backplane;
use platform::settings::ServiceSettings;
use platform::testing::{TestDatabase, TestRedis, service_settings};
use secrecy::SecretString;
use tokio::task::JoinHandle;
use tokio_util::sync::CancellationToken;

/// A running part of the system.
struct Part {
    shutdown: CancellationToken,
    task: Option<JoinHandle<anyhow::Result<()>>>,
    url: String,
}

/// Every service and the gateway, stopped when dropped.
pub struct TestSystem {
    pub gateway_url: String,
    pub http: reqwest::Client,
    parts: BTreeMap<&'static str, Part>,
    _databases: Vec<TestDatabase>,
    _redis: TestRedis,
    _spa: tempfile::TempDir,
}

/// A signed-in browser: its session cookie and CSRF token.
#[derive(Debug, Clone)]
pub struct Session {
    pub cookie: String,
    pub csrf: String,
    pub me: api_types::auth::Me,
}

impl TestSystem {
    /// Starts the four services and the gateway with demo data, as the launcher does.
    pub async fn start() -> TestSystem {
        capture_logs();
        let redis = TestRedis::new();
        let shared = redis.url().is_none().then(Backplane::in_process);
        let mut databases = Vec::new();
        let mut parts = BTreeMap::new();
        // Ports first, so that every service knows where the others are before any starts
        // (projects calls membership and funding), as the launcher does.
        let mut directory = platform::settings::ServiceUrls::default();
        let mut ports = BTreeMap::new();
        for name in gateway::SERVICES {
            let port = platform::server::reserve_loopback_port().unwrap_or_else(|e| panic!("{name}: a free port: {e}"));
            directory.set(name, format!("http://127.0.0.1:{port}"));
            ports.insert(name, port);
        }
        for name in gateway::SERVICES {
            let db = TestDatabase::create(name).await.unwrap_or_else(|e| panic!("{name}: test database: {e:#}"));
            let mut settings: ServiceSettings = service_settings(&db, &redis);
            settings.demo.seed = true;
            settings.http.port = ports[name];
            settings.services = directory.clone();
            let backplane = shared.clone();
            let server = match name {
                "membership" => membership::build(settings, backplane).await,
                "projects" => projects::build(settings, backplane).await,
                "funding" => funding::build(settings, backplane).await,
                _ => assessments::build(settings, backplane).await,
            }
            .unwrap_or_else(|e| panic!("{name}: {e:#}"));
            parts.insert(name, Part::spawn(server));
            databases.push(db);
        }

        let db = TestDatabase::create("gateway").await.unwrap_or_else(|e| panic!("gateway: test database: {e:#}"));
        let spa = spa_fixture();
        let mut settings = gateway::settings::load(None).unwrap_or_else(|e| panic!("gateway settings: {e}"));
        settings.http.port = 0;
        settings.database = db.settings();
        settings.redis = redis.settings();
        settings.identity.secret = SecretString::from(platform::testing::TEST_IDENTITY_SECRET);
        settings.demo.seed = true;
        settings.spa.dir = spa.path().to_owned();
        settings.services.membership.clone_from(&parts["membership"].url);
        settings.services.projects.clone_from(&parts["projects"].url);
        settings.services.funding.clone_from(&parts["funding"].url);
        settings.services.assessments.clone_from(&parts["assessments"].url);
        let server = gateway::build(settings, shared).await.unwrap_or_else(|e| panic!("gateway: {e:#}"));
        let gateway = Part::spawn(server);
        let gateway_url = gateway.url.clone();
        parts.insert("gateway", gateway);
        databases.push(db);
        TestSystem { gateway_url, http: reqwest::Client::new(), parts, _databases: databases, _redis: redis, _spa: spa }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.gateway_url)
    }

    /// The internal address of a service (to show it refuses unsigned callers).
    pub fn service_url(&self, name: &str) -> &str {
        &self.parts[name].url
    }

    /// Stops one service and waits until it no longer listens.
    pub async fn stop(&mut self, name: &str) {
        let Some(part) = self.parts.get_mut(name) else { panic!("no part {name}") };
        part.shutdown.cancel();
        if let Some(task) = part.task.take() {
            let _ = tokio::time::timeout(Duration::from_secs(10), task).await;
        }
    }

    /// `POST /api/auth/login`, as the sign-in form does.
    pub async fn login_response(&self, email: &str, password: &str) -> reqwest::Response {
        self.http
            .post(self.url("/api/auth/login"))
            .json(&serde_json::json!({ "email": email, "password": password }))
            .send()
            .await
            .unwrap_or_else(|e| panic!("login request: {e}"))
    }

    /// Signs in and keeps the session cookie and CSRF token.
    pub async fn sign_in(&self, email: &str) -> Session {
        let res = self.login_response(email, platform::demo::PASSWORD).await;
        assert_eq!(res.status(), 200, "sign-in of {email} failed");
        let cookie = res
            .headers()
            .get_all("set-cookie")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find_map(|c| c.split(';').next().filter(|kv| kv.starts_with("trellis_session=")).map(str::to_owned))
            .unwrap_or_else(|| panic!("no session cookie for {email}"));
        let me: api_types::auth::Me = res.json().await.unwrap_or_else(|e| panic!("login body: {e}"));
        Session { cookie, csrf: me.csrf_token.clone(), me }
    }

    /// A request through the gateway with `session`'s cookie and CSRF token.
    pub fn request(&self, method: reqwest::Method, path: &str, session: Option<&Session>) -> reqwest::RequestBuilder {
        let mut req = self.http.request(method, self.url(path));
        if let Some(s) = session {
            req = req.header("cookie", &s.cookie).header("x-csrf-token", &s.csrf);
        }
        req
    }

    pub async fn get_json(&self, path: &str, session: Option<&Session>) -> (u16, serde_json::Value) {
        let res = self
            .request(reqwest::Method::GET, path, session)
            .send()
            .await
            .unwrap_or_else(|e| panic!("GET {path}: {e}"));
        let status = res.status().as_u16();
        (status, res.json().await.unwrap_or(serde_json::Value::Null))
    }
}

impl Part {
    fn spawn(server: platform::server::Server) -> Part {
        let url = format!("http://{}", server.local_addr());
        let shutdown = CancellationToken::new();
        let task = tokio::spawn(server.run(shutdown.clone()));
        Part { shutdown, task: Some(task), url }
    }
}

impl Drop for TestSystem {
    fn drop(&mut self) {
        for part in self.parts.values() {
            part.shutdown.cancel();
        }
    }
}

/// A built SPA stand-in: an index page and one hashed asset, enough to check how the gateway
/// serves the app (the real SPA is tested in Chromium by `cargo xtask test`).
fn spa_fixture() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("temp dir: {e}"));
    let write = |path: &str, body: &str| {
        let path = dir.path().join(path);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).unwrap_or_else(|e| panic!("{e}"));
        }
        std::fs::write(path, body).unwrap_or_else(|e| panic!("{e}"));
    };
    write("index.html", "<!doctype html><title>Trellis</title><div id=app></div>");
    write("assets/trellis-0123456789abcdef.js", "export default 1;");
    dir
}

/// Every log line of this test process, to check what the services saw (request ids).
pub fn logs() -> String {
    String::from_utf8_lossy(
        &LOGS.get_or_init(Default::default).lock().unwrap_or_else(std::sync::PoisonError::into_inner),
    )
    .into_owned()
}

static LOGS: OnceLock<Arc<Mutex<Vec<u8>>>> = OnceLock::new();

#[derive(Clone)]
struct Capture(Arc<Mutex<Vec<u8>>>);

impl Write for Capture {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner).extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Installs a subscriber that keeps the request spans in memory, before any part starts (the
/// parts keep an existing subscriber).
fn capture_logs() {
    let buffer = LOGS.get_or_init(Default::default).clone();
    let _ = tracing_subscriber::fmt()
        .with_env_filter("info,sqlx=warn,sea_orm=warn")
        .with_ansi(false)
        .with_writer(move || Capture(buffer.clone()))
        .try_init();
}
