//! The gateway's settings: the common ones plus where the services are, sessions, the SPA,
//! upstream timeouts and login limits. Layered like every service's (see `platform::settings`),
//! under the `gateway` table and `GATEWAY__…` variables.

use std::path::{Path, PathBuf};

use platform::settings::{DatabaseSettings, DemoSettings, HttpSettings, IdentitySettings, LogSettings, RedisSettings};
use serde::Deserialize;

#[derive(Debug, Clone, Deserialize)]
pub struct GatewaySettings {
    pub http: HttpSettings,
    pub database: DatabaseSettings,
    pub redis: RedisSettings,
    pub identity: IdentitySettings,
    pub log: LogSettings,
    pub demo: DemoSettings,
    pub services: ServiceUrls,
    pub session: SessionSettings,
    pub spa: SpaSettings,
    pub upstream: UpstreamSettings,
    pub login: LoginSettings,
    pub proxy: ProxySettings,
    pub compose: crate::compose::ComposeSettings,
}

pub use platform::settings::ServiceUrls;

#[derive(Debug, Clone, Deserialize)]
pub struct SessionSettings {
    /// How long a session lasts after sign-in.
    pub ttl_secs: u64,
    /// Always mark the session cookie `Secure` (browsers treat http://localhost as secure).
    /// When false, it is `Secure` only for requests that came over TLS, as a trusted proxy
    /// says in `X-Forwarded-Proto` (see [`ProxySettings`]).
    pub secure_cookie: bool,
}

#[derive(Debug, Clone, Deserialize)]
pub struct ProxySettings {
    /// Comma-separated addresses or CIDR networks of the proxies in front of the gateway whose
    /// `X-Forwarded-For` / `X-Forwarded-Proto` are believed (empty: none; the peer address is
    /// the client and no request counts as TLS).
    pub trusted: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct SpaSettings {
    /// The built SPA (`cargo xtask web` writes `frontend/dist`).
    pub dir: PathBuf,
}

#[derive(Debug, Clone, Deserialize)]
pub struct UpstreamSettings {
    /// Longest wait for a service's answer before a 503.
    pub timeout_secs: u64,
    /// Longest wait to connect to a service; a stopped service fails at once.
    pub connect_timeout_ms: u64,
}

#[derive(Debug, Clone, Deserialize)]
pub struct LoginSettings {
    /// Failed sign-ins allowed per email address (and ten times that per client address) in
    /// each window; then sign-in is refused until the window ends.
    pub max_attempts: u64,
    pub window_secs: u64,
}

/// Adds the gateway's own defaults to the common ones.
pub fn defaults(
    builder: config::builder::ConfigBuilder<config::builder::DefaultState>,
) -> Result<config::builder::ConfigBuilder<config::builder::DefaultState>, config::ConfigError> {
    builder
        .set_default("gateway.session.ttl_secs", 12 * 3600_i64)?
        .set_default("gateway.session.secure_cookie", true)?
        .set_default("gateway.spa.dir", "frontend/dist")?
        .set_default("gateway.upstream.timeout_secs", 30_i64)?
        .set_default("gateway.upstream.connect_timeout_ms", 1000_i64)?
        .set_default("gateway.login.max_attempts", 10_i64)?
        .set_default("gateway.login.window_secs", 900_i64)?
        .set_default("gateway.proxy.trusted", "")
        .and_then(crate::compose::defaults)
}

/// Loads the gateway's settings: defaults, then `file`, then `GATEWAY__…` variables.
pub fn load(file: Option<&Path>) -> Result<GatewaySettings, config::ConfigError> {
    platform::settings::load(crate::SERVICE, file, defaults)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_point_at_the_services_default_ports() {
        let s = load(None).unwrap();
        assert_eq!(s.http.port, 8080);
        assert_eq!(s.services.get("funding"), Some("http://127.0.0.1:8083"));
        assert_eq!(s.services.get("payroll"), None);
        assert!(s.session.secure_cookie);
        assert_eq!(s.proxy.trusted, "", "no proxy is trusted unless configured");
    }

    /// The example in infra/ stays loadable by every part as the settings evolve.
    #[test]
    fn the_production_example_configures_every_part() {
        let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../infra/config/production.example.toml");
        let gateway = load(Some(&file)).unwrap();
        assert_eq!(gateway.services.get("funding"), Some("http://funding:8083"));
        assert_eq!(gateway.redis.url(), Some("redis://redis:6379"));
        let proxies = crate::forwarded::TrustedProxies::parse(&gateway.proxy.trusted).unwrap();
        assert!(proxies.contains("10.2.3.4".parse().unwrap()));
        for service in crate::SERVICES {
            let s = platform::settings::load_service(service, Some(&file)).unwrap();
            assert_eq!(s.http.host, "0.0.0.0");
            assert!(secrecy::ExposeSecret::expose_secret(&s.database.url).ends_with(&format!("/{service}")));
            assert!(s.log.json);
            assert!(!s.demo.seed, "production never seeds demo data");
        }
    }
}
