//! Assembling and running a service: connect and migrate, wrap the routes in the shared
//! layers, serve on a bound port, relay the outbox, and stop gracefully.

use std::net::SocketAddr;
use std::time::Duration;

use anyhow::Context;
use axum::extract::DefaultBodyLimit;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router, middleware};
use sea_orm::DatabaseConnection;
use sea_orm_migration::MigratorTrait;
use tokio::net::TcpListener;
use tokio_util::sync::CancellationToken;
use tower_http::catch_panic::CatchPanicLayer;

use crate::backplane::Backplane;
use crate::error::{ApiError, method_not_allowed_fallback, not_found_fallback};
use crate::health::{self, HealthState};
use crate::identity::{IdentityKeys, require_signed_identity};
use crate::outbox::Relay;
use crate::settings::ServiceSettings;
use crate::{db, telemetry};

/// Largest request body a service accepts (CSV imports included).
pub const BODY_LIMIT: usize = 8 * 1024 * 1024;

/// What a service needs before it can build its routes: settings, a migrated database, the
/// backplane and the identity keys.
#[derive(Debug, Clone)]
pub struct Foundation {
    pub name: &'static str,
    pub settings: ServiceSettings,
    pub db: DatabaseConnection,
    pub backplane: Backplane,
    pub identity: IdentityKeys,
}

impl Foundation {
    /// Connects the database and applies `M`'s migrations. `backplane` is given by the launcher
    /// (one in-process backplane shared by every service); otherwise it comes from settings.
    pub async fn prepare<M: MigratorTrait>(
        name: &'static str,
        settings: ServiceSettings,
        backplane: Option<Backplane>,
    ) -> anyhow::Result<Foundation> {
        telemetry::init(&settings.log);
        settings.identity.check_for(&settings.http).with_context(|| format!("{name}: identity"))?;
        let db = db::connect(&settings.database).await.with_context(|| format!("{name}: database"))?;
        if settings.database.migrate {
            db::migrate::<M>(&db).await.with_context(|| format!("{name}: migrations"))?;
        }
        let backplane = match backplane {
            Some(b) => b,
            None => Backplane::from_settings(&settings.redis)?,
        };
        let identity = IdentityKeys::new(&settings.identity.secret, Duration::from_secs(settings.identity.ttl_secs));
        Ok(Foundation { name, settings, db, backplane, identity })
    }

    /// Binds the service's port and assembles its router: `api` behind signed-identity
    /// verification, and the health routes and `/openapi.json` open.
    pub async fn bind(self, api: Router, openapi: utoipa::openapi::OpenApi) -> anyhow::Result<Server> {
        let health = health::router(HealthState {
            service: self.name,
            db: self.db.clone(),
            backplane: self.backplane.clone(),
            backplane_required: false,
        });
        let api = api.layer(middleware::from_fn_with_state(self.identity.clone(), require_signed_identity));
        let router = with_json_fallbacks(
            Router::new().merge(health).route("/openapi.json", get(move || async move { Json(openapi) })).merge(api),
        );
        let relay = Relay::new(self.db.clone(), self.backplane.clone());
        Server::bind(self.name, &self.settings.http.host, self.settings.http.port, router, Some(relay), Some(self.db))
            .await
    }
}

/// JSON 404 for unknown paths and JSON 405 for unknown methods, instead of axum's empty
/// defaults.
pub fn with_json_fallbacks(router: Router) -> Router {
    router.fallback(not_found_fallback).method_not_allowed_fallback(method_not_allowed_fallback)
}

/// The layers every HTTP server of Trellis shares: a body limit, request ids and tracing, and
/// a JSON 500 instead of a dropped connection on panic.
pub fn with_common_layers(router: Router, name: &'static str) -> Router {
    let router = router.layer(DefaultBodyLimit::max(BODY_LIMIT)).layer(CatchPanicLayer::custom(panic_response));
    telemetry::layer(router, name)
}

fn panic_response(_: Box<dyn std::any::Any + Send + 'static>) -> Response {
    ApiError::Internal(anyhow::anyhow!("handler panicked")).into_response()
}

/// A bound, ready-to-run HTTP server with its background work.
pub struct Server {
    name: &'static str,
    listener: TcpListener,
    router: Router,
    relay: Option<Relay>,
    db: Option<DatabaseConnection>,
    workers: Vec<Worker>,
}

impl std::fmt::Debug for Server {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Server")
            .field("name", &self.name)
            .field("addr", &self.local_addr())
            .field("workers", &self.workers.len())
            .finish_non_exhaustive()
    }
}

/// Background work a service runs beside its HTTP server (event consumers, retry loops): given
/// the shutdown token, it returns when that is cancelled.
pub type Worker = Box<dyn FnOnce(CancellationToken) -> futures::future::BoxFuture<'static, ()> + Send>;

impl Server {
    /// Binds `host:port` (port 0 picks a free one) and wraps `router` in the common layers.
    pub async fn bind(
        name: &'static str,
        host: &str,
        port: u16,
        router: Router,
        relay: Option<Relay>,
        db: Option<DatabaseConnection>,
    ) -> anyhow::Result<Server> {
        let listener = match take_reserved(host, port)? {
            Some(listener) => listener,
            None => TcpListener::bind((host, port)).await.with_context(|| format!("{name}: binding {host}:{port}"))?,
        };
        Ok(Server { name, listener, router: with_common_layers(router, name), relay, db, workers: Vec::new() })
    }

    /// Adds background work that starts with [`Server::run`] and is awaited on shutdown.
    pub fn with_worker<F, Fut>(mut self, worker: F) -> Server
    where
        F: FnOnce(CancellationToken) -> Fut + Send + 'static,
        Fut: Future<Output = ()> + Send + 'static,
    {
        self.workers.push(Box::new(move |shutdown| Box::pin(worker(shutdown))));
        self
    }

    pub fn local_addr(&self) -> SocketAddr {
        self.listener.local_addr().unwrap_or_else(|_| SocketAddr::from(([127, 0, 0, 1], 0)))
    }

    pub fn port(&self) -> u16 {
        self.local_addr().port()
    }

    /// Serves until `shutdown` is cancelled, then lets in-flight requests finish, stops the
    /// outbox relay and the workers, and closes the database pool.
    pub async fn run(self, shutdown: CancellationToken) -> anyhow::Result<()> {
        tracing::info!(service = self.name, addr = %self.local_addr(), "listening");
        let relay = self.relay.map(|r| tokio::spawn(r.run(shutdown.clone())));
        let workers: Vec<_> = self.workers.into_iter().map(|w| tokio::spawn(w(shutdown.clone()))).collect();
        // Client addresses are recorded for rate limiting (see `client_ip`).
        axum::serve(self.listener, self.router.into_make_service_with_connect_info::<SocketAddr>())
            .with_graceful_shutdown(shutdown.clone().cancelled_owned())
            .await
            .with_context(|| format!("{}: serving", self.name))?;
        if let Some(task) = relay {
            let _ = task.await;
        }
        for task in workers {
            let _ = task.await;
        }
        if let Some(db) = self.db {
            db.close().await.with_context(|| format!("{}: closing the database", self.name))?;
        }
        tracing::info!(service = self.name, "stopped");
        Ok(())
    }
}

/// Loopback ports reserved by [`reserve_loopback_port`], held open until a server binds them.
static RESERVED: std::sync::Mutex<std::collections::BTreeMap<u16, std::net::TcpListener>> =
    std::sync::Mutex::new(std::collections::BTreeMap::new());

/// Binds a free loopback port now and holds it until a [`Server`] of this process binds that
/// port on `127.0.0.1`. Parts that run in one process (the launcher, whole-system tests) must know
/// each other's addresses before any starts; picking a port and releasing it would let another
/// program take it in between.
pub fn reserve_loopback_port() -> std::io::Result<u16> {
    let listener = std::net::TcpListener::bind(("127.0.0.1", 0))?;
    let port = listener.local_addr()?.port();
    RESERVED.lock().unwrap_or_else(std::sync::PoisonError::into_inner).insert(port, listener);
    Ok(port)
}

fn take_reserved(host: &str, port: u16) -> anyhow::Result<Option<TcpListener>> {
    if host != "127.0.0.1" || port == 0 {
        return Ok(None);
    }
    let reserved = RESERVED.lock().unwrap_or_else(std::sync::PoisonError::into_inner).remove(&port);
    let Some(listener) = reserved else { return Ok(None) };
    listener.set_nonblocking(true).context("reserved port")?;
    Ok(Some(TcpListener::from_std(listener).context("reserved port")?))
}

/// The address of the peer that sent `request`, when the server recorded it.
pub fn client_ip(extensions: &http::Extensions) -> Option<std::net::IpAddr> {
    extensions.get::<axum::extract::ConnectInfo<SocketAddr>>().map(|c| c.0.ip())
}

/// Resolves on Ctrl-C or SIGTERM.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
}

/// A token cancelled by Ctrl-C or SIGTERM, for `run`.
pub fn shutdown_on_signal() -> CancellationToken {
    let token = CancellationToken::new();
    let trigger = token.clone();
    tokio::spawn(async move {
        shutdown_signal().await;
        tracing::info!("shutdown requested");
        trigger.cancel();
    });
    token
}
