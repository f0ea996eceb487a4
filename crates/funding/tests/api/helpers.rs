//! `spawn_app()` and typed helpers for the funding service under test.

use clients::{FundingClient, ServiceClient};
use platform::Caller;
use platform::testing::TestService;

pub struct TestApp {
    pub service: TestService,
}

pub async fn spawn_app() -> TestApp {
    TestApp { service: TestService::start("funding", |settings| funding::build(settings, None)).await }
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
}
