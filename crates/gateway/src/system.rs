//! `/api/health`, `/api/openapi.json` and `/api/docs`: the system as a whole.

use std::sync::Arc;
use std::time::{Duration, Instant};

use api_types::health::{ServiceHealth, Status, SystemHealth};
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use clients::ServiceClient;
use serde_json::{Value, json};
use tokio::sync::Mutex;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::state::GatewayState;

/// How long each service gets to answer a health probe.
const PROBE_TIMEOUT: Duration = Duration::from_millis(1500);
/// How long a complete merged OpenAPI document is reused.
const OPENAPI_TTL: Duration = Duration::from_secs(60);

pub fn router() -> OpenApiRouter<GatewayState> {
    OpenApiRouter::new().routes(routes!(health))
}

/// Every service's readiness, probed concurrently. 200 when all are up, 503 otherwise; the
/// body says which.
#[utoipa::path(get, path = "/api/health", tag = "system", responses(
    (status = 200, body = SystemHealth), (status = 503, body = SystemHealth, description = "At least one service is down")))]
async fn health(State(state): State<GatewayState>) -> (StatusCode, axum::Json<SystemHealth>) {
    let probes = crate::SERVICES.iter().filter_map(|&name| {
        let base = state.settings.services.get(name)?;
        let client = ServiceClient::with_http(base, state.http.clone());
        Some(async move {
            let started = Instant::now();
            let result = client.readiness(PROBE_TIMEOUT).await;
            let latency_ms = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX);
            let health = match result {
                Ok(r) => ServiceHealth { status: r.status, latency_ms, error: None, readiness: Some(r) },
                Err(e) => {
                    ServiceHealth { status: Status::Down, latency_ms, error: Some(e.to_string()), readiness: None }
                }
            };
            (name.to_owned(), health)
        })
    });
    let services: std::collections::BTreeMap<_, _> = futures::future::join_all(probes).await.into_iter().collect();
    let all_up = services.values().all(|s| s.status == Status::Up);
    let code = if all_up { StatusCode::OK } else { StatusCode::SERVICE_UNAVAILABLE };
    (code, axum::Json(SystemHealth { status: if all_up { Status::Up } else { Status::Down }, services }))
}

/// The merged OpenAPI document, rebuilt at most once a minute while every service answers.
#[derive(Clone, Debug)]
pub struct OpenApiCache {
    own: Arc<Value>,
    merged: Arc<Mutex<Option<(Instant, Value)>>>,
}

impl OpenApiCache {
    pub fn new(own: &utoipa::openapi::OpenApi) -> OpenApiCache {
        OpenApiCache { own: Arc::new(serde_json::to_value(own).unwrap_or(Value::Null)), merged: Arc::default() }
    }

    /// The gateway's own routes plus each service's, under `/api/<service>`. A service that
    /// does not answer is left out and named in the description (and the result not cached).
    pub async fn document(&self, state: &GatewayState) -> Value {
        let mut cached = self.merged.lock().await;
        if let Some((at, doc)) = cached.as_ref()
            && at.elapsed() < OPENAPI_TTL
        {
            return doc.clone();
        }
        let fetches = crate::SERVICES.iter().filter_map(|&name| {
            let base = state.settings.services.get(name)?;
            let client = ServiceClient::with_http(base, state.http.clone());
            Some(async move { (name, client.openapi(PROBE_TIMEOUT).await.map_err(|e| e.to_string())) })
        });
        let docs = futures::future::join_all(fetches).await;
        let complete = docs.iter().all(|(_, d)| d.is_ok());
        let merged = merge((*self.own).clone(), docs);
        if complete {
            *cached = Some((Instant::now(), merged.clone()));
        }
        merged
    }
}

/// Merges service documents into the gateway's: paths get the `/api/<service>` prefix,
/// operation ids and tags the service name, and component schemas are pooled (they come from
/// the shared api-types crate, so equal names mean equal schemas).
pub fn merge(mut own: Value, services: Vec<(&str, Result<Value, String>)>) -> Value {
    let mut missing = Vec::new();
    for (service, doc) in services {
        let doc = match doc {
            Ok(doc) => doc,
            Err(e) => {
                missing.push(format!("{service} ({e})"));
                continue;
            }
        };
        if let Some(paths) = doc.get("paths").and_then(Value::as_object) {
            for (path, item) in paths {
                let mut item = item.clone();
                if let Some(ops) = item.as_object_mut() {
                    for op in ops.values_mut().filter_map(Value::as_object_mut) {
                        if let Some(id) = op.get("operationId").and_then(Value::as_str) {
                            let id = format!("{service}_{id}");
                            op.insert("operationId".to_owned(), json!(id));
                        }
                        let tags: Vec<Value> = op
                            .get("tags")
                            .and_then(Value::as_array)
                            .map(|t| {
                                t.iter().filter_map(Value::as_str).map(|t| json!(format!("{service}: {t}"))).collect()
                            })
                            .unwrap_or_else(|| vec![json!(service)]);
                        op.insert("tags".to_owned(), Value::Array(tags));
                    }
                }
                own["paths"][format!("/api/{service}{path}")] = item;
            }
        }
        if let Some(tags) = doc.get("tags").and_then(Value::as_array) {
            for tag in tags {
                let mut tag = tag.clone();
                if let Some(name) = tag.get("name").and_then(Value::as_str) {
                    tag["name"] = json!(format!("{service}: {name}"));
                }
                push(&mut own, "tags", tag);
            }
        }
        if let Some(schemas) = doc.pointer("/components/schemas").and_then(Value::as_object) {
            for (name, schema) in schemas {
                if own.pointer(&format!("/components/schemas/{name}")).is_none() {
                    own["components"]["schemas"][name] = schema.clone();
                }
            }
        }
    }
    let mut description = "The public API of Trellis: every route a browser or script uses, through the gateway. \
        Sign in with POST /api/auth/login; the session cookie then authenticates, and writes need the \
        X-CSRF-Token header from GET /api/auth/me."
        .to_owned();
    if !missing.is_empty() {
        description.push_str(&format!("\n\nMissing because the service did not answer: {}.", missing.join(", ")));
    }
    own["info"]["title"] = json!("Trellis API");
    own["info"]["description"] = json!(description);
    own
}

fn push(doc: &mut Value, key: &str, value: Value) {
    match doc.get_mut(key).and_then(Value::as_array_mut) {
        Some(list) => list.push(value),
        None => doc[key] = Value::Array(vec![value]),
    }
}

pub async fn openapi_json(State(state): State<GatewayState>) -> Response {
    let doc = state.openapi.document(&state).await;
    ([(header::CACHE_CONTROL, "no-cache")], axum::Json(doc)).into_response()
}

pub async fn docs_style() -> Response {
    (
        [(header::CONTENT_TYPE, "text/css; charset=utf-8"), (header::CACHE_CONTROL, "public, max-age=3600")],
        crate::docs::STYLE,
    )
        .into_response()
}

pub async fn docs_page(State(state): State<GatewayState>) -> Html<String> {
    Html(crate::docs::render(&state.openapi.document(&state).await))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn service_paths_are_prefixed_and_missing_services_named() {
        let own =
            json!({"openapi": "3.1.0", "info": {"title": "x", "version": "1"}, "paths": {"/api/health": {"get": {}}}});
        let membership = json!({
            "paths": {"/countries": {"get": {"operationId": "list_countries", "tags": ["reference"]}}},
            "tags": [{"name": "reference"}],
            "components": {"schemas": {"CountryResponse": {"type": "object"}}}
        });
        let merged = merge(own, vec![("membership", Ok(membership)), ("funding", Err("connection refused".into()))]);
        let op = &merged["paths"]["/api/membership/countries"]["get"];
        assert_eq!(op["operationId"], "membership_list_countries");
        assert_eq!(op["tags"][0], "membership: reference");
        assert!(merged["paths"]["/api/health"].is_object());
        assert!(merged["components"]["schemas"]["CountryResponse"].is_object());
        assert!(merged["info"]["description"].as_str().unwrap().contains("funding (connection refused)"));
    }
}
