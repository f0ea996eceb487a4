//! `spawn_app()` and typed helpers for the assessments service under test.

use clients::{AssessmentsClient, ServiceClient};
use platform::Caller;
use platform::testing::TestService;

pub struct TestApp {
    pub service: TestService,
}

pub async fn spawn_app() -> TestApp {
    TestApp { service: TestService::start("assessments", |settings| assessments::build(settings, None)).await }
}

impl TestApp {
    pub fn client(&self, caller: &Caller) -> AssessmentsClient {
        let base = ServiceClient::new(self.service.base_url()).expect("client");
        AssessmentsClient(base.as_caller(self.service.sign(caller)))
    }
}
