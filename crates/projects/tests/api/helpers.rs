//! `spawn_app()` and typed helpers for the projects service under test.

use api_types::Role;
use clients::{ProjectsClient, ServiceClient};
use platform::Caller;
use platform::testing::{TestService, user};
use uuid::Uuid;

pub struct TestApp {
    pub service: TestService,
    pub http: reqwest::Client,
}

pub async fn spawn_app() -> TestApp {
    let service = TestService::start("projects", |settings| projects::build(settings, None)).await;
    TestApp { service, http: reqwest::Client::new() }
}

impl TestApp {
    /// A typed client that calls as `caller`.
    pub fn client(&self, caller: &Caller) -> ProjectsClient {
        let base = ServiceClient::new(self.service.base_url()).expect("client");
        ProjectsClient(base.as_caller(self.service.sign(caller)))
    }

    pub fn member_of(member_id: Uuid) -> Caller {
        user(Role::Member, Some(member_id), None)
    }

    /// A raw request with `caller`'s signed identity.
    pub fn request(&self, method: reqwest::Method, path: &str, caller: &Caller) -> reqwest::RequestBuilder {
        self.http.request(method, self.service.url(path)).header("x-trellis-identity", self.service.sign(caller))
    }
}
