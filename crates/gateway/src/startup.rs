//! Building the gateway: connect and migrate its account database, seed the demo accounts,
//! assemble the routes, bind.

use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use axum::Router;
use axum::routing::{any, get};
use platform::Backplane;
use platform::health::{self, HealthState};
use platform::identity::IdentityKeys;
use platform::server::Server;
use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;

use crate::forwarded::TrustedProxies;
use crate::migrations::Migrator;
use crate::settings::GatewaySettings;
use crate::state::GatewayState;
use crate::system::OpenApiCache;
use crate::{auth, compose, proxy, spa, system};

#[derive(OpenApi)]
#[openapi(
    info(title = "Trellis API"),
    tags((name = "auth", description = "Sign-in, sessions and passwords"), (name = "accounts", description = "Accounts, managed by administrators"), (name = "system", description = "Health of the whole system"))
)]
struct GatewayDoc;

/// A bound gateway, ready to `run`. `backplane` is shared by the launcher; `None` builds one
/// from settings.
pub async fn build(settings: GatewaySettings, backplane: Option<Backplane>) -> anyhow::Result<Server> {
    platform::telemetry::init(&settings.log);
    settings.identity.check_for(&settings.http).context("gateway: identity")?;
    let db = platform::db::connect(&settings.database).await.context("gateway: database")?;
    if settings.database.migrate {
        platform::db::migrate::<Migrator>(&db).await.context("gateway: migrations")?;
    }
    if settings.demo.seed {
        auth::seed::seed_demo(&db).await.context("gateway: demo accounts")?;
    }
    let backplane = match backplane {
        Some(b) => b,
        None => Backplane::from_settings(&settings.redis)?,
    };
    let http = reqwest::Client::builder()
        .connect_timeout(Duration::from_millis(settings.upstream.connect_timeout_ms))
        .pool_idle_timeout(Duration::from_secs(30))
        .build()
        .context("gateway: HTTP client")?;
    let (api, own_doc) = OpenApiRouter::with_openapi(GatewayDoc::openapi())
        .merge(auth::router())
        .merge(system::router())
        .merge(compose::router())
        .split_for_parts();
    let state = GatewayState {
        db: db.clone(),
        backplane: backplane.clone(),
        identity: IdentityKeys::new(&settings.identity.secret, Duration::from_secs(settings.identity.ttl_secs)),
        openapi: OpenApiCache::new(&own_doc),
        trusted_proxies: TrustedProxies::parse(&settings.proxy.trusted)
            .map_err(|e| anyhow::anyhow!("gateway: proxy.trusted: {e}"))?,
        http,
        settings: Arc::new(settings.clone()),
    };
    let routes = Router::new()
        .merge(api)
        .route("/api/openapi.json", get(system::openapi_json))
        .route("/api/docs", get(system::docs_page))
        .route("/api/docs/style.css", get(system::docs_style))
        .route("/api/{service}", any(proxy::service_root))
        .route("/api/{service}/{*rest}", any(proxy::forward))
        .with_state(state)
        .merge(health::router(HealthState {
            service: crate::SERVICE,
            db: db.clone(),
            backplane,
            backplane_required: true,
        }))
        .method_not_allowed_fallback(platform::error::method_not_allowed_fallback)
        .merge(spa::router(&settings.spa.dir));
    Server::bind(crate::SERVICE, &settings.http.host, settings.http.port, spa::security_headers(routes), None, Some(db))
        .await
}
