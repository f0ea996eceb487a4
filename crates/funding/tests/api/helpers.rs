//! `spawn_app()` and typed helpers for the funding service under test.
//!
//! Funding asks two services. Membership is the real one (`membership::build`, its own test
//! database): earmark regions are checked against its liaison regions. For projects these tests
//! use [`ProjectsStandIn`], which answers `GET /projects/fundable` with exactly the projects a
//! test sets (themes, regions, budgets and scores chosen to pin the planner's choices). The
//! real projects service is exercised end to end in the whole-system test
//! `tests/tests/system/funding.rs` (a plan over its approved demo projects, committed, seen by
//! its `allocation.committed` consumer).

use std::sync::{Arc, Mutex};

use api_types::projects::FundableProject;
use axum::Json;
use axum::extract::State;
use axum::routing::get;
use clients::{FundingClient, ServiceClient};
use platform::Caller;
use platform::testing::TestService;

/// Stand-in for the projects service: only `GET /projects/fundable`, answering what the test
/// put in it.
pub struct ProjectsStandIn {
    pub url: String,
    pub fundable: Arc<Mutex<Vec<FundableProject>>>,
}

type Shared = Arc<Mutex<Vec<FundableProject>>>;

async fn fundable(State(s): State<Shared>) -> Json<Vec<FundableProject>> {
    Json(s.lock().unwrap().clone())
}

impl ProjectsStandIn {
    pub async fn start() -> ProjectsStandIn {
        let shared: Shared = Arc::default();
        let router = axum::Router::new().route("/projects/fundable", get(fundable)).with_state(shared.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        tokio::spawn(async move { axum::serve(listener, router).await });
        ProjectsStandIn { url, fundable: shared }
    }
}

pub struct TestApp {
    pub service: TestService,
    /// The real membership service funding asks; it runs as long as the app does.
    _membership: TestService,
    pub fundable: Arc<Mutex<Vec<FundableProject>>>,
}

pub async fn spawn_app() -> TestApp {
    let membership = TestService::start("membership", |settings| membership::build(settings, None)).await;
    let projects = ProjectsStandIn::start().await;
    let membership_url = membership.base_url().to_owned();
    let projects_url = projects.url.clone();
    let service = TestService::start("funding", move |mut settings| {
        settings.services.projects = projects_url;
        settings.services.membership = membership_url;
        funding::build(settings, None)
    })
    .await;
    TestApp { service, _membership: membership, fundable: projects.fundable }
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
        (reqwest::Client::new(), self.service.sign(caller))
    }
}
