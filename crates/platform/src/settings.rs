//! Typed settings, layered: built-in defaults, then an optional TOML file, then environment
//! variables named `SERVICE__SECTION__KEY` (for example `FUNDING__DATABASE__URL`).
//!
//! One file can configure the whole system: each service reads its own table of it
//! (`[membership.database]`, `[gateway.session]`, …). Settings are passed explicitly, never
//! read from a global, so a test can bind port 0 and point at a fresh database.

use std::path::Path;

use config::{Config, Environment, File, FileFormat};
use secrecy::{ExposeSecret, SecretString};
use serde::Deserialize;
use serde::de::DeserializeOwned;

/// Demo default for the key that signs caller identities between the gateway and services.
/// Clearly named so that nobody mistakes it for a production secret; production sets
/// `<SERVICE>__IDENTITY__SECRET` for every service and the gateway.
pub const DEMO_IDENTITY_SECRET: &str = "trellis-demo-identity-secret-not-for-production";

/// Where a service listens.
#[derive(Debug, Clone, Deserialize)]
pub struct HttpSettings {
    pub host: String,
    /// 0 picks a free port (tests).
    pub port: u16,
}

#[derive(Debug, Clone, Deserialize)]
pub struct DatabaseSettings {
    /// `sqlite://data/membership.db?mode=rwc` or `postgres://user:pass@host/db`.
    pub url: SecretString,
    pub max_connections: u32,
    /// Apply pending migrations at start-up.
    pub migrate: bool,
}

#[derive(Debug, Clone, Deserialize)]
pub struct RedisSettings {
    /// `redis://host:6379`; when absent (or empty) an in-process stand-in is used.
    pub url: Option<SecretString>,
    /// Prefix of every key, so that several deployments (or tests) can share one Redis.
    pub namespace: String,
}

impl RedisSettings {
    /// The configured URL, treating an empty string as "not configured".
    pub fn url(&self) -> Option<&str> {
        self.url.as_ref().map(|u| u.expose_secret()).filter(|u| !u.trim().is_empty())
    }
}

#[derive(Debug, Clone, Deserialize)]
pub struct IdentitySettings {
    /// Shared HMAC key: the gateway signs caller identities with it, services verify them.
    pub secret: SecretString,
    /// How long a signed identity stays valid; it only has to survive one internal hop.
    pub ttl_secs: u64,
}

#[derive(Debug, Clone, Deserialize)]
pub struct LogSettings {
    /// A `tracing` filter, e.g. `info,sqlx=warn`. `RUST_LOG` wins when set.
    pub filter: String,
    /// One JSON object per line instead of human-readable lines.
    pub json: bool,
}

#[derive(Debug, Clone, Deserialize)]
pub struct DemoSettings {
    /// Seed demo data on first start (never in production).
    pub seed: bool,
}

/// Base URL of each back-end service: where the gateway forwards to and where services call
/// each other (`<PART>__SERVICES__PROJECTS=http://projects:8082`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
pub struct ServiceUrls {
    pub membership: String,
    pub projects: String,
    pub funding: String,
    pub assessments: String,
}

impl ServiceUrls {
    pub fn get(&self, service: &str) -> Option<&str> {
        match service {
            "membership" => Some(&self.membership),
            "projects" => Some(&self.projects),
            "funding" => Some(&self.funding),
            "assessments" => Some(&self.assessments),
            _ => None,
        }
    }

    /// Sets the URL of `service`; unknown names are ignored.
    pub fn set(&mut self, service: &str, url: String) {
        match service {
            "membership" => self.membership = url,
            "projects" => self.projects = url,
            "funding" => self.funding = url,
            "assessments" => self.assessments = url,
            _ => {}
        }
    }
}

/// The four back-end services.
pub const SERVICES: [&str; 4] = ["membership", "projects", "funding", "assessments"];

/// Settings of one back-end service (membership, projects, funding, assessments).
#[derive(Debug, Clone, Deserialize)]
pub struct ServiceSettings {
    pub http: HttpSettings,
    pub database: DatabaseSettings,
    pub redis: RedisSettings,
    pub identity: IdentitySettings,
    pub log: LogSettings,
    pub demo: DemoSettings,
    /// Where the other services are.
    pub services: ServiceUrls,
}

impl IdentitySettings {
    /// Refuses the public demo secret anywhere but on loopback: anyone who read this repository
    /// could otherwise forge identities for a reachable service.
    pub fn check_for(&self, http: &HttpSettings) -> anyhow::Result<()> {
        let loopback = matches!(http.host.as_str(), "127.0.0.1" | "::1" | "localhost");
        if !loopback && self.secret.expose_secret() == DEMO_IDENTITY_SECRET {
            anyhow::bail!(
                "refusing to listen on {} with the demo identity secret; set <PART>__IDENTITY__SECRET \
                 (the same random value for the gateway and every service)",
                http.host
            );
        }
        if self.secret.expose_secret().len() < 16 {
            anyhow::bail!("the identity secret must be at least 16 characters");
        }
        Ok(())
    }
}

/// The default port of each part of the system, used by the launcher and the standalone
/// binaries alike.
pub fn default_port(service: &str) -> u16 {
    match service {
        "gateway" => 8080,
        "membership" => 8081,
        "projects" => 8082,
        "funding" => 8083,
        "assessments" => 8084,
        _ => 0,
    }
}

/// Defaults common to every service and the gateway, under the service's own table.
pub fn common_defaults(
    builder: config::builder::ConfigBuilder<config::builder::DefaultState>,
    service: &str,
) -> Result<config::builder::ConfigBuilder<config::builder::DefaultState>, config::ConfigError> {
    let key = |k: &str| format!("{service}.{k}");
    let mut builder = builder;
    for other in SERVICES {
        builder = builder
            .set_default(key(&format!("services.{other}")), format!("http://127.0.0.1:{}", default_port(other)))?;
    }
    builder
        .set_default(key("http.host"), "127.0.0.1")?
        .set_default(key("http.port"), i64::from(default_port(service)))?
        .set_default(key("database.url"), format!("sqlite://data/{service}.db?mode=rwc"))?
        .set_default(key("database.max_connections"), 8_i64)?
        .set_default(key("database.migrate"), true)?
        .set_default(key("redis.namespace"), "trellis")?
        .set_default(key("identity.secret"), DEMO_IDENTITY_SECRET)?
        .set_default(key("identity.ttl_secs"), 60_i64)?
        .set_default(key("log.filter"), "info,sqlx=warn,sea_orm=warn")?
        .set_default(key("log.json"), false)?
        .set_default(key("demo.seed"), false)
}

/// Loads the settings of `service`: `defaults`, then `file` (if given), then the environment.
///
/// `defaults` receives a builder that already holds [`common_defaults`]; the gateway adds its
/// own keys there.
pub fn load<T: DeserializeOwned>(
    service: &str,
    file: Option<&Path>,
    defaults: impl FnOnce(
        config::builder::ConfigBuilder<config::builder::DefaultState>,
    ) -> Result<config::builder::ConfigBuilder<config::builder::DefaultState>, config::ConfigError>,
) -> Result<T, config::ConfigError> {
    load_with_env(service, file, defaults, None)
}

/// [`load`] with an explicit environment instead of the process's (for tests).
fn load_with_env<T: DeserializeOwned>(
    service: &str,
    file: Option<&Path>,
    defaults: impl FnOnce(
        config::builder::ConfigBuilder<config::builder::DefaultState>,
    ) -> Result<config::builder::ConfigBuilder<config::builder::DefaultState>, config::ConfigError>,
    env: Option<config::Map<String, String>>,
) -> Result<T, config::ConfigError> {
    let mut builder = defaults(common_defaults(Config::builder(), service)?)?;
    if let Some(path) = file {
        builder = builder.add_source(File::from(path).format(FileFormat::Toml).required(true));
    }
    let config = builder
        .add_source(
            Environment::with_prefix(&service.to_uppercase())
                .prefix_separator("__")
                .separator("__")
                .keep_prefix(true)
                .try_parsing(true)
                .source(env),
        )
        .build()?;
    config.get::<T>(service)
}

/// The settings file named by `--config <file>` on the command line, or by `TRELLIS_CONFIG`.
pub fn config_path_from_args() -> Option<std::path::PathBuf> {
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        if arg == "--config" {
            return args.next().map(Into::into);
        }
        if let Some(path) = arg.strip_prefix("--config=") {
            return Some(path.into());
        }
    }
    std::env::var_os("TRELLIS_CONFIG").map(Into::into)
}

/// Loads [`ServiceSettings`] for one of the four back-end services.
pub fn load_service(service: &str, file: Option<&Path>) -> Result<ServiceSettings, config::ConfigError> {
    load(service, file, Ok)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn defaults_give_each_service_its_own_port_and_sqlite_file() {
        let s = load_service("funding", None).unwrap();
        assert_eq!(s.http.port, 8083);
        assert_eq!(s.database.url.expose_secret(), "sqlite://data/funding.db?mode=rwc");
        assert!(s.redis.url().is_none());
        assert!(!s.demo.seed);
    }

    #[test]
    fn a_file_overrides_defaults_and_only_its_own_table_applies() {
        let mut file = tempfile::NamedTempFile::new().unwrap();
        writeln!(
            file,
            "[projects.http]\nport = 9999\n[projects.redis]\nurl = \"redis://example:6379\"\n[funding.http]\nport = 1"
        )
        .unwrap();
        let s = load_service("projects", Some(file.path())).unwrap();
        assert_eq!(s.http.port, 9999);
        assert_eq!(s.redis.url(), Some("redis://example:6379"));
    }

    #[test]
    fn environment_wins_over_file_and_defaults() {
        let mut file = tempfile::NamedTempFile::new().unwrap();
        writeln!(file, "[membership.http]\nport = 9000").unwrap();
        let env = config::Map::from([
            ("MEMBERSHIP__HTTP__PORT".to_owned(), "9100".to_owned()),
            ("MEMBERSHIP__DEMO__SEED".to_owned(), "true".to_owned()),
            ("FUNDING__HTTP__PORT".to_owned(), "1".to_owned()),
        ]);
        let s: ServiceSettings = load_with_env("membership", Some(file.path()), Ok, Some(env)).unwrap();
        assert_eq!(s.http.port, 9100);
        assert!(s.demo.seed);
    }

    #[test]
    fn a_missing_file_is_an_error_not_silence() {
        let err = load_service("projects", Some(Path::new("/nonexistent/trellis.toml")));
        assert!(err.is_err());
    }

    #[test]
    fn the_demo_identity_secret_is_refused_beyond_loopback() {
        let demo = IdentitySettings { secret: SecretString::from(DEMO_IDENTITY_SECRET), ttl_secs: 60 };
        let http = |host: &str| HttpSettings { host: host.to_owned(), port: 1 };
        assert!(demo.check_for(&http("127.0.0.1")).is_ok());
        assert!(demo.check_for(&http("0.0.0.0")).is_err());
        let real = IdentitySettings { secret: SecretString::from("k8s-secret-0123456789abcdef"), ttl_secs: 60 };
        assert!(real.check_for(&http("0.0.0.0")).is_ok());
        let short = IdentitySettings { secret: SecretString::from("short"), ttl_secs: 60 };
        assert!(short.check_for(&http("127.0.0.1")).is_err());
    }

    #[test]
    fn an_empty_redis_url_means_in_process() {
        let r = RedisSettings { url: Some(SecretString::from("  ")), namespace: "t".into() };
        assert!(r.url().is_none());
    }
}
