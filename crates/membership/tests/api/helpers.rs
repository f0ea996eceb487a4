//! `spawn_app()` and typed helpers for the membership service under test.

use clients::{MembershipClient, ServiceClient};
use platform::Caller;
use platform::testing::TestService;

pub struct TestApp {
    pub service: TestService,
    pub http: reqwest::Client,
}

pub async fn spawn_app() -> TestApp {
    let service = TestService::start("membership", |settings| membership::build(settings, None)).await;
    TestApp { service, http: reqwest::Client::new() }
}

impl TestApp {
    /// Adds the demo member bodies, as the launcher does on first start.
    pub async fn seed_demo(&self) {
        let db = sea_orm::Database::connect(self.service.database().url()).await.expect("connect");
        membership::ops::seed_demo::seed_demo(&db).await.expect("seed demo");
    }

    pub fn client(&self, caller: &Caller) -> MembershipClient {
        let base = ServiceClient::new(self.service.base_url()).expect("client");
        MembershipClient(base.as_caller(self.service.sign(caller)))
    }

    pub async fn get_json(&self, path: &str, caller: &Caller) -> (u16, serde_json::Value) {
        let res = self
            .http
            .get(self.service.url(path))
            .header("x-trellis-identity", self.service.sign(caller))
            .send()
            .await
            .expect("send");
        let status = res.status().as_u16();
        (status, res.json().await.unwrap_or(serde_json::Value::Null))
    }
}
