//! `spawn_app()` and typed helpers for the projects service under test: a real membership
//! service (with its demo members) beside it, and a backplane the test can publish on.

use api_types::Role;
use api_types::money::{CHF, Money};
use api_types::projects::{BudgetCategory, BudgetLine, CreateProject, DeliveryMethod, ProjectResponse, Theme};
use chrono::NaiveDate;
use clients::{ProjectsClient, ServiceClient};
use platform::backplane::Backplane;
use platform::settings::ServiceSettings;
use platform::testing::{TestService, user};
use platform::{Caller, demo};
use serde_json::Value;
use uuid::Uuid;

pub struct TestApp {
    pub service: TestService,
    pub membership: Option<TestService>,
    pub backplane: Backplane,
    pub http: reqwest::Client,
}

/// Projects with a running, seeded membership service.
pub async fn spawn_app() -> TestApp {
    let membership = TestService::start("membership", |settings| membership::build(settings, None)).await;
    let db = sea_orm::Database::connect(membership.database().url()).await.expect("membership db");
    membership::ops::seed_demo::seed_demo(&db).await.expect("seed members");
    let url = membership.base_url().to_owned();
    let mut app = spawn_with(move |s| s.services.membership = url, None).await;
    app.membership = Some(membership);
    app
}

/// Projects with `configure` applied to its settings (e.g. where membership and funding are)
/// and the given two-approver threshold.
pub async fn spawn_with(configure: impl FnOnce(&mut ServiceSettings), threshold: Option<Money>) -> TestApp {
    let mut backplane = None;
    let slot = &mut backplane;
    let service = TestService::start("projects", |mut settings| {
        configure(&mut settings);
        let bus = Backplane::from_settings(&settings.redis).expect("backplane");
        *slot = Some(bus.clone());
        let mut options = projects::startup::Options::default();
        if let Some(t) = threshold {
            options.two_approvers_above = t;
        }
        projects::startup::build_with(settings, Some(bus), options)
    })
    .await;
    TestApp { service, membership: None, backplane: backplane.expect("backplane"), http: reqwest::Client::new() }
}

pub fn staff() -> Caller {
    user(Role::Staff, None, None)
}

/// The demo member account (Kenya Bureau of Standards, Africa anglophone).
pub fn kebs() -> Caller {
    user(Role::Member, Some(demo::MEMBER_ID), None)
}

pub fn member_of(member_id: Uuid) -> Caller {
    user(Role::Member, Some(member_id), None)
}

/// One caller of every role.
pub fn everyone() -> Vec<(&'static str, Caller)> {
    vec![
        ("anonymous", Caller::Anonymous),
        ("member", kebs()),
        ("other member", member_of(Uuid::new_v4())),
        ("donor", user(Role::Donor, None, Some(Uuid::new_v4()))),
        ("committee", user(Role::Committee, None, None)),
        ("admin", user(Role::Admin, None, None)),
        ("staff", staff()),
    ]
}

pub fn chf(amount: &str) -> Money {
    Money::parse(amount, CHF).expect("amount")
}

/// A complete proposal of `budget` CHF benefiting Asia.
pub fn proposal(title: &str, budget: &str) -> CreateProject {
    CreateProject {
        delivery_methods: vec![DeliveryMethod::Workshop, DeliveryMethod::ELearning],
        beneficiary_regions: vec!["asia".to_owned()],
        budget_lines: vec![BudgetLine {
            category: BudgetCategory::Experts,
            description: "Two experts".to_owned(),
            amount: chf(budget),
        }],
        planned_start: NaiveDate::from_ymd_opt(2027, 1, 1),
        planned_end: NaiveDate::from_ymd_opt(2027, 6, 30),
        ..CreateProject::new(title, "Connect the standards body to the research network.", 3, Theme::IctSupport)
    }
}

impl TestApp {
    pub fn client(&self, caller: &Caller) -> ProjectsClient {
        let base = ServiceClient::new(self.service.base_url()).expect("client");
        ProjectsClient(base.as_caller(self.service.sign(caller)))
    }

    pub async fn db(&self) -> sea_orm::DatabaseConnection {
        sea_orm::Database::connect(self.service.database().url()).await.expect("connect")
    }

    /// A raw request with `caller`'s signed identity.
    pub fn request(&self, method: reqwest::Method, path: &str, caller: &Caller) -> reqwest::RequestBuilder {
        self.http.request(method, self.service.url(path)).header("x-trellis-identity", self.service.sign(caller))
    }

    /// Any call with a JSON body (or none): the status and the JSON answer (`Null` if none).
    pub async fn call(
        &self,
        method: reqwest::Method,
        path: &str,
        caller: &Caller,
        body: Option<Value>,
    ) -> (u16, Value) {
        let mut req = self.request(method, path, caller);
        if let Some(body) = body {
            req = req.json(&body);
        }
        let res = req.send().await.expect("request");
        let status = res.status().as_u16();
        let text = res.text().await.expect("body");
        (status, serde_json::from_str(&text).unwrap_or(Value::Null))
    }

    /// `POST /projects/{id}/transitions`.
    pub async fn move_to(&self, id: Uuid, to: &str, caller: &Caller, reason: Option<&str>) -> (u16, Value) {
        let body = serde_json::json!({ "to": to, "reason": reason });
        self.call(reqwest::Method::POST, &format!("/projects/{id}/transitions"), caller, Some(body)).await
    }

    /// Like `move_to`, asserting success.
    pub async fn step(&self, id: Uuid, to: &str, caller: &Caller, reason: Option<&str>) -> Value {
        let (status, body) = self.move_to(id, to, caller, reason).await;
        assert_eq!(status, 200, "→ {to}: {body}");
        body
    }

    /// A KEBS proposal of `budget` CHF, drafted by the KEBS account.
    pub async fn draft(&self, budget: &str) -> ProjectResponse {
        self.client(&kebs()).create(&proposal("Bandwidth upgrade", budget)).await.expect("draft")
    }

    /// A KEBS proposal moved to under review.
    pub async fn under_review(&self, budget: &str) -> ProjectResponse {
        let p = self.draft(budget).await;
        self.step(p.id, "submitted", &kebs(), None).await;
        self.step(p.id, "under_review", &staff(), None).await;
        p
    }

    /// Topics of the events written to the outbox, oldest first.
    pub async fn outbox_topics(&self) -> Vec<String> {
        use sea_orm::{EntityTrait, QueryOrder};
        let rows = platform::outbox::entity::Entity::find()
            .order_by_asc(platform::outbox::entity::Column::Id)
            .all(&self.db().await)
            .await
            .expect("outbox");
        rows.into_iter().map(|r| r.topic).collect()
    }
}
