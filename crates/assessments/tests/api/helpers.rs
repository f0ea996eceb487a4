//! `spawn_app()` and typed helpers for the assessments service under test.

use std::collections::BTreeMap;

use api_types::Role;
use api_types::assessments::{
    AnswerKind, AnswerValue, AssignAssessor, CreateSupportRequest, Question, QuestionnaireResponse, SaveSection,
    SupportRequestResponse, Urgency,
};
use clients::{AssessmentsClient, ClientError, ProjectsClient, ServiceClient};
use platform::Caller;
use platform::testing::{TestService, user};
use uuid::Uuid;

pub struct TestApp {
    pub service: TestService,
    pub http: reqwest::Client,
}

pub async fn spawn_app() -> TestApp {
    let service = TestService::start("assessments", |settings| assessments::build(settings, None)).await;
    TestApp { service, http: reqwest::Client::new() }
}

/// The assessments service calling membership and projects at these URLs.
pub async fn spawn_app_with(membership_url: &str, projects_url: &str) -> TestApp {
    let (membership, projects) = (membership_url.to_owned(), projects_url.to_owned());
    let service = TestService::start("assessments", move |mut settings| {
        settings.services.membership = membership;
        settings.services.projects = projects;
        assessments::build(settings, None)
    })
    .await;
    TestApp { service, http: reqwest::Client::new() }
}

/// The real membership service with its demo data, and the real projects service that checks
/// proposals against it.
pub struct Upstream {
    pub membership: TestService,
    pub projects: TestService,
}

pub async fn spawn_upstream() -> Upstream {
    let membership = TestService::start("membership", |settings| membership::build(settings, None)).await;
    let db = sea_orm::Database::connect(membership.database().url()).await.expect("connect");
    membership::ops::seed_demo::seed_demo(&db).await.expect("membership demo data");
    let url = membership.base_url().to_owned();
    let projects = TestService::start("projects", move |mut settings| {
        settings.services.membership = url;
        projects::build(settings, None)
    })
    .await;
    Upstream { membership, projects }
}

/// The demo member body's account (Kenya Bureau of Standards, in membership's demo data).
pub fn demo_member() -> Caller {
    user(Role::Member, Some(platform::demo::MEMBER_ID), None)
}

/// A projects client acting as `caller`.
pub fn projects_client(projects: &TestService, caller: &Caller) -> ProjectsClient {
    ProjectsClient(ServiceClient::new(projects.base_url()).expect("client").as_caller(projects.sign(caller)))
}

/// A staff account.
pub fn staff() -> Caller {
    user(Role::Staff, None, None)
}

/// A member account of a new member body.
pub fn new_member() -> (Uuid, Caller) {
    let id = Uuid::new_v4();
    (id, user(Role::Member, Some(id), None))
}

/// The status of a client error (panics on success or a transport error).
pub fn status<T: std::fmt::Debug>(result: Result<T, ClientError>) -> u16 {
    match result {
        Err(ClientError::Api { status, .. }) => status,
        other => panic!("expected an API error, got {other:?}"),
    }
}

/// The error code and details of a client error.
pub fn error<T: std::fmt::Debug>(result: Result<T, ClientError>) -> (u16, String, serde_json::Value) {
    match result {
        Err(ClientError::Api { status, body }) => (status, body.code, body.details),
        other => panic!("expected an API error, got {other:?}"),
    }
}

/// The highest answer to `q`.
pub fn best(q: &Question) -> AnswerValue {
    match q.kind {
        AnswerKind::YesNo => AnswerValue::Bool(true),
        AnswerKind::Scale => AnswerValue::Int(4),
        AnswerKind::Number => AnswerValue::Int(i64::try_from(q.thresholds[3]).unwrap()),
    }
}

/// The lowest answer to `q`.
pub fn worst(q: &Question) -> AnswerValue {
    match q.kind {
        AnswerKind::YesNo => AnswerValue::Bool(false),
        _ => AnswerValue::Int(0),
    }
}

impl TestApp {
    pub async fn db(&self) -> sea_orm::DatabaseConnection {
        sea_orm::Database::connect(self.service.database().url()).await.expect("connect")
    }

    pub fn client(&self, caller: &Caller) -> AssessmentsClient {
        let base = ServiceClient::new(self.service.base_url()).expect("client");
        AssessmentsClient(base.as_caller(self.service.sign(caller)))
    }

    /// A raw request with a JSON body (or none): the status and the JSON answer.
    pub async fn call(
        &self,
        method: reqwest::Method,
        path: &str,
        caller: &Caller,
        body: Option<&str>,
    ) -> (u16, serde_json::Value) {
        let mut req =
            self.http.request(method, self.service.url(path)).header("x-trellis-identity", self.service.sign(caller));
        if let Some(body) = body {
            req = req.header("content-type", "application/json").body(body.to_owned());
        }
        let res = req.send().await.expect("send");
        let status = res.status().as_u16();
        let bytes = res.bytes().await.expect("body");
        (status, serde_json::from_slice(&bytes).unwrap_or(serde_json::Value::Null))
    }

    pub async fn questionnaire(&self) -> QuestionnaireResponse {
        self.client(&staff()).current_questionnaire().await.expect("questionnaire")
    }

    /// A new request of the member `member`.
    pub async fn request(&self, member: &Caller) -> SupportRequestResponse {
        self.client(member)
            .create_request(&CreateSupportRequest {
                needs: "A faster line, a backup link and a document-management tool".to_owned(),
                context: "Committee meetings drop daily; drafts live on one laptop.".to_owned(),
                urgency: Urgency::High,
            })
            .await
            .expect("create request")
    }

    /// Saves every section with `answer(question)` as `caller`, on the version the assessment
    /// started on (the current one if it has not started).
    pub async fn answer_all(&self, caller: &Caller, request: Uuid, answer: impl Fn(&Question) -> AnswerValue) {
        let q = match self.client(caller).assessment(request).await {
            Ok(a) => self.client(caller).questionnaire(a.questionnaire_version).await.expect("questionnaire"),
            Err(_) => self.questionnaire().await,
        };
        for s in &q.sections {
            let answers: BTreeMap<String, Option<AnswerValue>> =
                s.questions.iter().map(|q| (q.code.clone(), Some(answer(q)))).collect();
            self.client(caller).save_section(request, &s.code, &SaveSection { answers }).await.expect("save section");
        }
    }

    /// A request of a new member, answered with `answer` and submitted; its member account.
    pub async fn scored(&self, answer: impl Fn(&Question) -> AnswerValue) -> (SupportRequestResponse, Caller) {
        let (_, member) = new_member();
        (self.scored_for(&member, answer).await, member)
    }

    /// A request of `member`, answered with `answer` and submitted.
    pub async fn scored_for(
        &self,
        member: &Caller,
        answer: impl Fn(&Question) -> AnswerValue,
    ) -> SupportRequestResponse {
        let request = self.request(member).await;
        self.answer_all(member, request.id, answer).await;
        self.client(member).submit(request.id).await.expect("submit");
        request
    }

    /// Assigns `assessor` to the request.
    pub async fn assign(&self, request: Uuid, assessor: &Caller) {
        let Caller::User(u) = assessor else { panic!("an account") };
        self.client(&staff()).assign_assessor(request, &AssignAssessor { assessor_id: u.id }).await.expect("assign");
    }
}
