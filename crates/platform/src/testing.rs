//! Test support shared by every service's integration tests and the whole-system tests:
//! a fresh database per test (a SQLite temp file, or a uniquely named PostgreSQL database when
//! `TEST_DATABASE_URL` is set), a Redis namespace per test when `TEST_REDIS_URL` is set, and
//! signed identities for test callers.
//!
//! When `TEST_DATABASE_URL` or `TEST_REDIS_URL` is set but unreachable the test fails with a
//! message: the suite never falls back silently to another backend.

use std::time::Duration;

use anyhow::Context;
use api_types::Role;
use sea_orm::{ConnectionTrait, Database, Statement};
use secrecy::SecretString;
use uuid::Uuid;

use crate::identity::{Caller, IdentityKeys, User};
use crate::server::Server;
use crate::settings::{
    DatabaseSettings, DemoSettings, HttpSettings, IdentitySettings, LogSettings, RedisSettings, ServiceSettings,
    ServiceUrls,
};

/// The identity secret of test deployments.
pub const TEST_IDENTITY_SECRET: &str = "trellis-test-identity-secret";

/// Prefix of the PostgreSQL databases tests create; `cargo xtask test` sweeps leftovers.
pub const TEST_DATABASE_PREFIX: &str = "trellis_test_";

/// A database that exists for one test and is removed when dropped.
#[derive(Debug)]
pub struct TestDatabase {
    url: String,
    /// PostgreSQL: the admin URL and the database name, to drop it afterwards.
    postgres: Option<(String, String)>,
    _dir: Option<tempfile::TempDir>,
}

impl TestDatabase {
    /// A new, empty database for `label` (e.g. the service name).
    pub async fn create(label: &str) -> anyhow::Result<TestDatabase> {
        match std::env::var("TEST_DATABASE_URL").ok().filter(|u| !u.is_empty()) {
            Some(admin_url) => {
                let name = format!(
                    "{TEST_DATABASE_PREFIX}{}_{}_{}",
                    chrono::Utc::now().timestamp(),
                    label.replace(|c: char| !c.is_ascii_alphanumeric(), "_"),
                    &Uuid::new_v4().simple().to_string()[..12]
                );
                let admin = Database::connect(&admin_url).await.with_context(|| {
                    format!("TEST_DATABASE_URL is set but PostgreSQL at {admin_url} cannot be reached")
                })?;
                admin
                    .execute_raw(Statement::from_string(
                        admin.get_database_backend(),
                        format!("CREATE DATABASE \"{name}\""),
                    ))
                    .await
                    .context("creating the test database")?;
                admin.close().await?;
                Ok(TestDatabase {
                    url: replace_database(&admin_url, &name),
                    postgres: Some((admin_url, name)),
                    _dir: None,
                })
            }
            None => {
                let dir = tempfile::tempdir()?;
                let url = format!("sqlite://{}/{label}.db?mode=rwc", dir.path().display());
                Ok(TestDatabase { url, postgres: None, _dir: Some(dir) })
            }
        }
    }

    pub fn url(&self) -> &str {
        &self.url
    }

    pub fn settings(&self) -> DatabaseSettings {
        DatabaseSettings { url: SecretString::from(self.url.clone()), max_connections: 5, migrate: true }
    }

    pub fn is_postgres(&self) -> bool {
        self.postgres.is_some()
    }
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        let Some((admin_url, name)) = self.postgres.take() else { return };
        // Drop runs inside the test's runtime, which cannot be blocked on; a helper thread with
        // its own runtime removes the database.
        let _ = std::thread::spawn(move || {
            let Ok(rt) = tokio::runtime::Builder::new_current_thread().enable_all().build() else { return };
            rt.block_on(async move {
                if let Ok(admin) = Database::connect(&admin_url).await {
                    let sql = format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
                    let _ = admin.execute_raw(Statement::from_string(admin.get_database_backend(), sql)).await;
                    let _ = admin.close().await;
                }
            });
        })
        .join();
    }
}

/// `postgres://u@h:5432/admin?x=y` with the database `name` instead of `admin`.
fn replace_database(url: &str, name: &str) -> String {
    let (base, query) = url.split_once('?').map_or((url, None), |(b, q)| (b, Some(q)));
    let scheme_end = base.find("://").map_or(0, |i| i + 3);
    let path_start = base[scheme_end..].find('/').map_or(base.len(), |i| scheme_end + i);
    let mut out = format!("{}/{name}", &base[..path_start]);
    if let Some(q) = query {
        out.push('?');
        out.push_str(q);
    }
    out
}

/// Redis for one test: a unique namespace on `TEST_REDIS_URL`, cleaned up when dropped; or the
/// in-process stand-in when the variable is not set.
#[derive(Debug)]
pub struct TestRedis {
    settings: RedisSettings,
}

impl TestRedis {
    pub fn new() -> TestRedis {
        let url = std::env::var("TEST_REDIS_URL").ok().filter(|u| !u.is_empty());
        TestRedis {
            settings: RedisSettings {
                url: url.map(SecretString::from),
                namespace: format!("trellis-test-{}", Uuid::new_v4().simple()),
            },
        }
    }

    pub fn settings(&self) -> RedisSettings {
        self.settings.clone()
    }

    pub fn url(&self) -> Option<&str> {
        self.settings.url()
    }

    pub fn namespace(&self) -> &str {
        &self.settings.namespace
    }
}

impl Default for TestRedis {
    fn default() -> Self {
        Self::new()
    }
}

impl Drop for TestRedis {
    fn drop(&mut self) {
        let Some(url) = self.settings.url() else { return };
        let Ok(client) = redis::Client::open(url) else { return };
        let Ok(mut conn) = client.get_connection_with_timeout(Duration::from_secs(1)) else { return };
        let pattern = format!("{}:*", self.settings.namespace);
        let keys: Vec<String> = redis::cmd("KEYS").arg(&pattern).query(&mut conn).unwrap_or_default();
        if !keys.is_empty() {
            let _: redis::RedisResult<i64> = redis::cmd("DEL").arg(&keys).query(&mut conn);
        }
    }
}

/// The Redis that tests of Redis behaviour use: `TEST_REDIS_URL`, or the local default. These
/// tests need a real Redis in every stage; `cargo xtask test` makes sure one is reachable.
pub fn redis_url() -> String {
    std::env::var("TEST_REDIS_URL")
        .ok()
        .filter(|u| !u.is_empty())
        .unwrap_or_else(|| "redis://127.0.0.1:6379".to_owned())
}

/// A TCP relay in front of a real server that a test can cut and restore, to see how the
/// system behaves while a dependency is down (connections refused, open ones dropped).
#[derive(Debug)]
pub struct FaultyLink {
    port: u16,
    up: std::sync::Arc<std::sync::atomic::AtomicBool>,
    cut: std::sync::Arc<tokio::sync::Notify>,
    task: tokio::task::JoinHandle<()>,
}

impl FaultyLink {
    /// Relays a free local port to `target` (`host:port`).
    pub async fn start(target: &str) -> std::io::Result<FaultyLink> {
        use std::sync::atomic::Ordering;
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
        let port = listener.local_addr()?.port();
        let up = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(true));
        let cut = std::sync::Arc::new(tokio::sync::Notify::new());
        let (target, up2, cut2) = (target.to_owned(), up.clone(), cut.clone());
        let task = tokio::spawn(async move {
            while let Ok((mut inbound, _)) = listener.accept().await {
                if !up2.load(Ordering::SeqCst) {
                    continue; // dropped: the client sees the connection closed
                }
                let (target, cut) = (target.clone(), cut2.clone());
                tokio::spawn(async move {
                    let Ok(mut outbound) = tokio::net::TcpStream::connect(&target).await else { return };
                    tokio::select! {
                        _ = tokio::io::copy_bidirectional(&mut inbound, &mut outbound) => {}
                        () = cut.notified() => {}
                    }
                });
            }
        });
        Ok(FaultyLink { port, up, cut, task })
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// Refuses new connections and drops the open ones.
    pub fn cut(&self) {
        self.up.store(false, std::sync::atomic::Ordering::SeqCst);
        self.cut.notify_waiters();
    }

    pub fn restore(&self) {
        self.up.store(true, std::sync::atomic::Ordering::SeqCst);
    }
}

impl Drop for FaultyLink {
    fn drop(&mut self) {
        self.task.abort();
        self.cut.notify_waiters();
    }
}

/// Settings for a service under test: port 0, the given database and Redis, no demo data.
pub fn service_settings(db: &TestDatabase, redis: &TestRedis) -> ServiceSettings {
    ServiceSettings {
        http: HttpSettings { host: "127.0.0.1".to_owned(), port: 0 },
        database: db.settings(),
        redis: redis.settings(),
        identity: IdentitySettings { secret: SecretString::from(TEST_IDENTITY_SECRET), ttl_secs: 60 },
        log: LogSettings { filter: "warn".to_owned(), json: false },
        demo: DemoSettings { seed: false },
        // Nothing listens on port 1: a test that needs another service points at it itself.
        services: ServiceUrls {
            membership: "http://127.0.0.1:1".to_owned(),
            projects: "http://127.0.0.1:1".to_owned(),
            funding: "http://127.0.0.1:1".to_owned(),
            assessments: "http://127.0.0.1:1".to_owned(),
        },
    }
}

/// One service under test: its own database and Redis namespace, on a free port, stopped
/// (and its database removed) when dropped.
#[derive(Debug)]
pub struct TestService {
    base_url: String,
    shutdown: tokio_util::sync::CancellationToken,
    db: TestDatabase,
    _redis: TestRedis,
}

impl TestService {
    /// Starts the service that `build` makes from test settings.
    pub async fn start<F, Fut>(label: &str, build: F) -> TestService
    where
        F: FnOnce(ServiceSettings) -> Fut,
        Fut: Future<Output = anyhow::Result<Server>>,
    {
        let db = match TestDatabase::create(label).await {
            Ok(db) => db,
            Err(e) => panic!("cannot create a test database: {e:#}"),
        };
        let redis = TestRedis::new();
        let server = match build(service_settings(&db, &redis)).await {
            Ok(server) => server,
            Err(e) => panic!("cannot start {label}: {e:#}"),
        };
        let base_url = format!("http://{}", server.local_addr());
        let shutdown = tokio_util::sync::CancellationToken::new();
        tokio::spawn(server.run(shutdown.clone()));
        TestService { base_url, shutdown, db, _redis: redis }
    }

    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base_url)
    }

    /// The service's database, for assertions on what it stored.
    pub fn database(&self) -> &TestDatabase {
        &self.db
    }

    /// A signed identity header value for `caller`.
    pub fn sign(&self, caller: &Caller) -> String {
        match test_identity_keys().sign(caller) {
            Ok(token) => token,
            Err(e) => panic!("signing a test identity: {e}"),
        }
    }
}

impl Drop for TestService {
    fn drop(&mut self) {
        self.shutdown.cancel();
    }
}

/// Signs identities the way the gateway does, with the test secret.
pub fn test_identity_keys() -> IdentityKeys {
    IdentityKeys::new(&SecretString::from(TEST_IDENTITY_SECRET), Duration::from_secs(60))
}

/// A signed-in test caller with `role` and optional member/donor links.
pub fn user(role: Role, member_id: Option<Uuid>, donor_id: Option<Uuid>) -> Caller {
    Caller::User(User { id: Uuid::new_v4(), role, member_id, donor_id })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_database_name_is_replaced_and_options_kept() {
        assert_eq!(
            replace_database("postgres://postgres@127.0.0.1:5432/postgres", "t1"),
            "postgres://postgres@127.0.0.1:5432/t1"
        );
        assert_eq!(
            replace_database("postgres://u:p@h/db?sslmode=disable", "t2"),
            "postgres://u:p@h/t2?sslmode=disable"
        );
        assert_eq!(replace_database("postgres://u@h", "t3"), "postgres://u@h/t3");
    }
}

/// Timing a service's read routes, for the services' `benches/` (performance is measured there,
/// never in tests): settings for a service under benchmark and a timed, repeated GET.
pub mod bench {
    use std::time::{Duration, Instant};

    use secrecy::SecretString;

    use super::{TEST_IDENTITY_SECRET, test_identity_keys};
    use crate::identity::Caller;
    use crate::settings::{
        DatabaseSettings, DemoSettings, HttpSettings, IdentitySettings, LogSettings, RedisSettings, ServiceSettings,
        ServiceUrls,
    };

    /// A service on `url` with the production pool size, on a free port, without Redis or peers
    /// (nothing listens on port 1).
    pub fn settings(url: &str) -> ServiceSettings {
        let nowhere = || "http://127.0.0.1:1".to_owned();
        ServiceSettings {
            http: HttpSettings { host: "127.0.0.1".to_owned(), port: 0 },
            database: DatabaseSettings { url: SecretString::from(url.to_owned()), max_connections: 8, migrate: true },
            redis: RedisSettings { url: None, namespace: "trellis-bench".to_owned() },
            identity: IdentitySettings { secret: SecretString::from(TEST_IDENTITY_SECRET), ttl_secs: 60 },
            log: LogSettings { filter: "error".to_owned(), json: false },
            demo: DemoSettings { seed: false },
            services: ServiceUrls {
                membership: nowhere(),
                projects: nowhere(),
                funding: nowhere(),
                assessments: nowhere(),
            },
        }
    }

    /// What repeating one GET measured.
    #[derive(Debug, Clone)]
    pub struct Timed {
        pub median: Duration,
        pub p90: Duration,
        pub fastest: Duration,
        /// `items/total` of a page, or the number of CSV records.
        pub rows: String,
        pub bytes: usize,
    }

    /// GETs `base` + `path` as `caller` `warm_up + runs` times and times the last `runs`; any
    /// answer but a success is an error.
    pub async fn time_get(
        http: &reqwest::Client,
        base: &str,
        path: &str,
        caller: &Caller,
        warm_up: usize,
        runs: usize,
    ) -> anyhow::Result<Timed> {
        let keys = test_identity_keys();
        let mut times = Vec::with_capacity(runs);
        let (mut rows, mut bytes) = (String::new(), 0);
        for i in 0..warm_up + runs {
            let identity = keys.sign(caller).map_err(|e| anyhow::anyhow!("{e}"))?;
            let started = Instant::now();
            let res =
                http.get(format!("{base}{path}")).header(crate::identity::IDENTITY_HEADER, identity).send().await?;
            anyhow::ensure!(res.status().is_success(), "{path}: {}", res.status());
            let csv = res.headers().get("content-type").is_some_and(|v| v.as_bytes().starts_with(b"text/csv"));
            let body = res.bytes().await?;
            let took = started.elapsed();
            if i >= warm_up {
                times.push(took);
            }
            bytes = body.len();
            rows = if csv {
                csv::Reader::from_reader(body.as_ref()).records().count().to_string()
            } else {
                let page: serde_json::Value = serde_json::from_slice(&body).unwrap_or_default();
                format!("{}/{}", page["items"].as_array().map_or(0, Vec::len), page["total"])
            };
        }
        times.sort();
        Ok(Timed {
            median: percentile(&times, 50),
            p90: percentile(&times, 90),
            fastest: times.first().copied().unwrap_or_default(),
            rows,
            bytes,
        })
    }

    fn percentile(sorted: &[Duration], p: usize) -> Duration {
        if sorted.is_empty() {
            return Duration::ZERO;
        }
        sorted[((sorted.len() - 1) * p).div_ceil(100).min(sorted.len() - 1)]
    }

    /// `12.34 ms`.
    pub fn ms(d: Duration) -> String {
        format!("{:.2} ms", d.as_secs_f64() * 1000.0)
    }
}
