//! `spawn_app()` and typed helpers for the membership service under test.

use api_types::Role;
use api_types::membership::MemberResponse;
use clients::{MembershipClient, ServiceClient};
use platform::Caller;
use platform::testing::{TestService, user};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde_json::{Value, json};
use uuid::Uuid;

pub struct TestApp {
    pub service: TestService,
    pub http: reqwest::Client,
}

pub async fn spawn_app() -> TestApp {
    let service = TestService::start("membership", |settings| membership::build(settings, None)).await;
    TestApp { service, http: reqwest::Client::new() }
}

/// A staff account.
pub fn staff() -> Caller {
    user(Role::Staff, None, None)
}

/// The demo member account (Kenya Bureau of Standards).
pub fn kebs_account() -> Caller {
    user(Role::Member, Some(platform::demo::MEMBER_ID), None)
}

/// A member account of member `id`.
pub fn member_account(id: Uuid) -> Caller {
    user(Role::Member, Some(id), None)
}

/// One caller of every role, with what each is called in assertion messages.
pub fn everyone() -> Vec<(&'static str, Caller)> {
    vec![
        ("anonymous", Caller::Anonymous),
        ("member", kebs_account()),
        ("donor", user(Role::Donor, None, None)),
        ("committee", user(Role::Committee, None, None)),
        ("admin", user(Role::Admin, None, None)),
        ("staff", staff()),
    ]
}

/// The status a role gets for a write only staff (and admins) may make.
pub fn editor_only(role: &str) -> u16 {
    match role {
        "anonymous" => 401,
        "staff" | "admin" => 200,
        _ => 403,
    }
}

impl TestApp {
    /// Adds the demo data, as the launcher does on first start.
    pub async fn seed_demo(&self) {
        let db = self.db().await;
        membership::ops::seed_demo::seed_demo(&db).await.expect("seed demo");
    }

    pub async fn db(&self) -> sea_orm::DatabaseConnection {
        sea_orm::Database::connect(self.service.database().url()).await.expect("connect")
    }

    pub fn client(&self, caller: &Caller) -> MembershipClient {
        let base = ServiceClient::new(self.service.base_url()).expect("client");
        MembershipClient(base.as_caller(self.service.sign(caller)))
    }

    /// Any request with a JSON body (or none); the status and the JSON answer (`Null` if none).
    pub async fn call(
        &self,
        method: reqwest::Method,
        path: &str,
        caller: &Caller,
        body: Option<Value>,
    ) -> (u16, Value) {
        let mut req =
            self.http.request(method, self.service.url(path)).header("x-trellis-identity", self.service.sign(caller));
        if let Some(body) = body {
            req = req.json(&body);
        }
        let res = req.send().await.expect("send");
        let status = res.status().as_u16();
        let text = res.text().await.expect("body");
        (status, serde_json::from_str(&text).unwrap_or(Value::Null))
    }

    pub async fn get_json(&self, path: &str, caller: &Caller) -> (u16, Value) {
        self.call(reqwest::Method::GET, path, caller, None).await
    }

    pub async fn post(&self, path: &str, caller: &Caller, body: Value) -> (u16, Value) {
        self.call(reqwest::Method::POST, path, caller, Some(body)).await
    }

    pub async fn put(&self, path: &str, caller: &Caller, body: Value) -> (u16, Value) {
        self.call(reqwest::Method::PUT, path, caller, Some(body)).await
    }

    pub async fn patch(&self, path: &str, caller: &Caller, body: Value) -> (u16, Value) {
        self.call(reqwest::Method::PATCH, path, caller, Some(body)).await
    }

    pub async fn delete(&self, path: &str, caller: &Caller) -> (u16, Value) {
        self.call(reqwest::Method::DELETE, path, caller, None).await
    }

    /// A GET that returns text (CSV exports): status, content type, body.
    pub async fn get_text(&self, path: &str, caller: &Caller) -> (u16, String, String) {
        let res = self
            .http
            .get(self.service.url(path))
            .header("x-trellis-identity", self.service.sign(caller))
            .send()
            .await
            .expect("send");
        let status = res.status().as_u16();
        let content_type =
            res.headers().get("content-type").and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned();
        (status, content_type, res.text().await.expect("body"))
    }

    /// `POST /import?kind=…` with `csv` as the body and `content_type`.
    pub async fn import_as(
        &self,
        kind: &str,
        csv: impl Into<reqwest::Body>,
        caller: &Caller,
        content_type: &str,
    ) -> (u16, Value) {
        let res = self
            .http
            .post(self.service.url(&format!("/import?kind={kind}")))
            .header("x-trellis-identity", self.service.sign(caller))
            .header("content-type", content_type)
            .body(csv)
            .send()
            .await
            .expect("send");
        let status = res.status().as_u16();
        (status, res.json().await.unwrap_or(Value::Null))
    }

    /// `POST /import?kind=…` as staff, `text/csv`.
    pub async fn import(&self, kind: &str, csv: &str) -> (u16, Value) {
        self.import_as(kind, csv.to_owned(), &staff(), "text/csv").await
    }

    /// Staff register a member; panics unless it is created.
    pub async fn create_member(&self, country: &str, acronym: &str, category: &str, joined_on: &str) -> MemberResponse {
        let (status, body) = self
            .post(
                "/members",
                &staff(),
                json!({"country": country, "name": format!("{acronym} national standards body"), "acronym": acronym,
                       "category": category, "joined_on": joined_on}),
            )
            .await;
        assert_eq!(status, 201, "{body}");
        serde_json::from_value(body).expect("member")
    }

    /// The demo member whose acronym is `acronym`.
    pub async fn demo_member(&self, acronym: &str) -> MemberResponse {
        let (_, page) = self.get_json(&format!("/members?q={acronym}"), &staff()).await;
        let item = page["items"]
            .as_array()
            .and_then(|items| items.iter().find(|m| m["acronym"] == acronym))
            .unwrap_or_else(|| panic!("no member {acronym}: {page}"))
            .clone();
        serde_json::from_value(item).expect("member")
    }

    /// The payloads of the events with `topic` in the outbox, oldest first.
    pub async fn events(&self, topic: &str) -> Vec<Value> {
        use platform::outbox::entity::{Column, Entity};
        let db = self.db().await;
        Entity::find()
            .filter(Column::Topic.eq(topic))
            .order_by_asc(Column::Id)
            .all(&db)
            .await
            .expect("outbox")
            .into_iter()
            .map(|e| {
                assert_eq!(e.source, "membership");
                serde_json::from_str(&e.payload).expect("payload")
            })
            .collect()
    }
}

impl TestApp {
    /// Waits until the outbox relay has published every event of `topic` to the backplane.
    pub async fn wait_published(&self, topic: &str) {
        use platform::outbox::entity::{Column, Entity};
        let db = self.db().await;
        for _ in 0..100 {
            let pending = Entity::find()
                .filter(Column::Topic.eq(topic))
                .filter(Column::PublishedAt.is_null())
                .all(&db)
                .await
                .expect("outbox");
            if pending.is_empty() {
                return;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        panic!("the {topic} events were not published");
    }
}

/// Today, as the service sees it.
pub fn today() -> chrono::NaiveDate {
    chrono::Utc::now().date_naive()
}
