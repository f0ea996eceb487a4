//! Health routes: `/health/live` (the process answers) and `/health/ready` (its dependencies
//! answer too), with a JSON report of each check.

use std::collections::BTreeMap;
use std::time::Duration;

use api_types::health::{Check, Readiness, Status};
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::get;
use axum::{Json, Router};
use sea_orm::DatabaseConnection;

use crate::backplane::Backplane;

const CHECK_TIMEOUT: Duration = Duration::from_secs(2);

#[derive(Clone, Debug)]
pub struct HealthState {
    pub service: &'static str,
    pub db: DatabaseConnection,
    pub backplane: Backplane,
    /// Whether the service can serve requests without the backplane. Services can (the outbox
    /// holds their events); the gateway cannot (sessions live there).
    pub backplane_required: bool,
}

pub fn router(state: HealthState) -> Router {
    Router::new().route("/health/live", get(live)).route("/health/ready", get(ready)).with_state(state)
}

async fn live() -> Json<serde_json::Value> {
    Json(serde_json::json!({ "status": "up" }))
}

async fn probe<E: std::fmt::Display>(fut: impl Future<Output = Result<(), E>>) -> Check {
    match tokio::time::timeout(CHECK_TIMEOUT, fut).await {
        Ok(Ok(())) => Check { status: Status::Up, error: None },
        Ok(Err(e)) => Check { status: Status::Down, error: Some(e.to_string()) },
        Err(_) => Check { status: Status::Down, error: Some("timed out".to_owned()) },
    }
}

/// The readiness report; 200 when ready, 503 otherwise.
pub async fn readiness(state: &HealthState) -> (StatusCode, Readiness) {
    let (db, redis) = tokio::join!(probe(state.db.ping()), probe(state.backplane.ping()));
    let ready = db.status == Status::Up && (!state.backplane_required || redis.status == Status::Up);
    let mut checks = BTreeMap::from([("database".to_owned(), db)]);
    checks.insert(format!("backplane ({})", state.backplane.kind()), redis);
    let status = if ready { Status::Up } else { Status::Down };
    let code = if ready { StatusCode::OK } else { StatusCode::SERVICE_UNAVAILABLE };
    (code, Readiness { service: state.service.to_owned(), status, version: crate::VERSION.to_owned(), checks })
}

async fn ready(State(state): State<HealthState>) -> (StatusCode, Json<Readiness>) {
    let (code, report) = readiness(&state).await;
    (code, Json(report))
}
