//! `spawn_app()` and typed helpers for the funding service under test.
//!
//! The projects service's `/projects/fundable` is not built yet on this branch, so the tests
//! answer funding's calls to projects and membership with a small stand-in server whose
//! projects the test sets.

use std::sync::{Arc, Mutex};

use api_types::projects::FundableProject;
use axum::Json;
use axum::extract::State;
use axum::routing::get;
use clients::{FundingClient, ServiceClient};
use platform::Caller;
use platform::testing::TestService;

pub struct TestApp {
    pub service: TestService,
    pub fundable: Arc<Mutex<Vec<FundableProject>>>,
}

type Shared = Arc<Mutex<Vec<FundableProject>>>;

async fn fundable(State(s): State<Shared>) -> Json<Vec<FundableProject>> {
    Json(s.lock().unwrap().clone())
}

async fn regions() -> Json<serde_json::Value> {
    let items: Vec<_> = ["asia", "pacific", "africa-anglophone"]
        .iter()
        .enumerate()
        .map(|(i, c)| serde_json::json!({"code": c, "name_en": c, "name_fr": c, "sort_order": i, "country_count": 1}))
        .collect();
    Json(serde_json::json!({"items": items, "total": 3, "page": 1, "per_page": 50}))
}

pub async fn spawn_app() -> TestApp {
    let shared: Shared = Arc::default();
    let stub = axum::Router::new()
        .route("/projects/fundable", get(fundable))
        .route("/regions", get(regions))
        .with_state(shared.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, stub).await });
    let service = TestService::start("funding", move |mut settings| {
        settings.services.projects = url.clone();
        settings.services.membership = url;
        funding::build(settings, None)
    })
    .await;
    TestApp { service, fundable: shared }
}

impl TestApp {
    pub async fn seed_demo(&self) {
        let db = sea_orm::Database::connect(self.service.database().url()).await.expect("connect");
        funding::ops::seed_demo::seed_demo(&db).await.expect("seed demo");
    }

    pub fn client(&self, caller: &Caller) -> FundingClient {
        let base = ServiceClient::new(self.service.base_url()).expect("client");
        FundingClient(base.as_caller(self.service.sign(caller)))
    }

    /// A raw client for routes the typed client does not cover.
    pub fn http(&self, caller: &Caller) -> (reqwest::Client, String) {
        let _ = caller;
        (reqwest::Client::new(), self.service.sign(caller))
    }
}
