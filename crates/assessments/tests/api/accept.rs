//! Accepting a package creates the ICT-support proposal in the real projects service, exactly
//! once: on retries of the accept call, on retries after a lost answer, and while projects is
//! down (it appears once projects is back, never twice).

use std::time::Duration;

use api_types::Role;
use api_types::assessments::{AcceptPackage, ProposalState, RequestStatus, UpdateRecommendation};
use api_types::projects::{ListProjects, ProjectStatus, Theme};
use platform::testing::{FaultyLink, user};
use sea_orm::{ConnectionTrait, Statement};

use crate::helpers::{
    best, demo_member, error, projects_client, spawn_app, spawn_app_with, spawn_upstream, staff, status, worst,
};

#[tokio::test]
async fn accepting_creates_one_ict_support_proposal_for_the_member() {
    let up = spawn_upstream().await;
    let projects = &up.projects;
    let app = spawn_app_with(up.membership.base_url(), projects.base_url()).await;
    let member = demo_member();
    let r = app.scored_for(&member, worst).await;
    let staff_account = staff();
    let recs = app.client(&staff_account).recommendations(r.id).await.unwrap();
    let total: i64 = recs.iter().map(|r| r.cost.minor).sum();

    assert_eq!(status(app.client(&member).accept(r.id, &AcceptPackage::default()).await), 403);
    let proposal = app.client(&staff_account).accept(r.id, &AcceptPackage::default()).await.unwrap();
    assert_eq!(proposal.state, ProposalState::Created, "projects was up: created at once");
    assert_eq!(proposal.budget.minor, total);
    let project_id = proposal.project_id.unwrap();

    let project = projects_client(projects, &user(Role::Staff, None, None)).get(project_id).await.unwrap();
    assert_eq!(
        (project.theme, project.objective, project.member_id, project.status),
        (Theme::IctSupport, 4, r.member_id, ProjectStatus::Draft)
    );
    assert!(project.title.starts_with("ICT support: "), "{}", project.title);

    // Accepting again (a retried call) returns the same proposal and creates nothing.
    let again = app.client(&staff_account).accept(r.id, &AcceptPackage::default()).await.unwrap();
    assert_eq!(again.project_id, Some(project_id));
    let listed = projects_client(projects, &user(Role::Staff, None, None))
        .list(&ListProjects { member_id: Some(r.member_id), ..Default::default() })
        .await
        .unwrap();
    assert_eq!(listed.total, 1);

    assert_eq!(app.client(&member).request(r.id).await.unwrap().status, RequestStatus::Accepted);
    assert_eq!(app.client(&member).proposal(r.id).await.unwrap().project_id, Some(project_id));
    let (s, code, _) = error(
        app.client(&staff_account).update_recommendation(r.id, recs[0].id, &UpdateRecommendation::default()).await,
    );
    assert_eq!((s, code.as_str()), (409, "package_accepted"));
}

#[tokio::test]
async fn a_package_must_be_scored_and_not_empty() {
    let app = spawn_app().await;
    let (_, member) = crate::helpers::new_member();
    let open = app.request(&member).await;
    let (s, code, _) = error(app.client(&staff()).accept(open.id, &AcceptPackage::default()).await);
    assert_eq!((s, code.as_str()), (409, "not_scored"));
    let (strong, _) = app.scored(best).await;
    let (s, code, _) = error(app.client(&staff()).accept(strong.id, &AcceptPackage::default()).await);
    assert_eq!((s, code.as_str()), (409, "empty_package"));
    assert_eq!(status(app.client(&staff()).proposal(strong.id).await), 404);
    let (weak, _) = app.scored(worst).await;
    let blank = AcceptPackage { title: Some("  ".into()), ..Default::default() };
    assert_eq!(status(app.client(&staff()).accept(weak.id, &blank).await), 422);
    assert_eq!(
        app.client(&staff()).request(weak.id).await.unwrap().status,
        RequestStatus::Scored,
        "nothing half-written"
    );
}

/// Polls `check` every 100 ms for up to `secs` seconds.
async fn eventually<F, Fut>(secs: u64, mut check: F) -> bool
where
    F: FnMut() -> Fut,
    Fut: Future<Output = bool>,
{
    for _ in 0..secs * 10 {
        if check().await {
            return true;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    false
}

#[tokio::test]
async fn while_projects_is_down_the_proposal_waits_and_appears_once_it_is_back() {
    let up = spawn_upstream().await;
    let projects = &up.projects;
    let link = FaultyLink::start(projects.base_url().trim_start_matches("http://")).await.unwrap();
    let app = spawn_app_with(up.membership.base_url(), &format!("http://127.0.0.1:{}", link.port())).await;
    let r = app.scored_for(&demo_member(), worst).await;
    let staff_client = app.client(&staff());

    link.cut();
    let pending = staff_client
        .accept(r.id, &AcceptPackage { title: Some("ICT package for the bureau".into()), ..Default::default() })
        .await
        .unwrap();
    assert_eq!((pending.state, pending.project_id, pending.attempts), (ProposalState::Pending, None, 1));
    assert!(pending.last_error.is_some());
    // The worker keeps trying while projects is down.
    assert!(eventually(10, || async { staff_client.proposal(r.id).await.unwrap().attempts >= 2 }).await);
    assert_eq!(staff_client.proposal(r.id).await.unwrap().state, ProposalState::Pending);
    // A retried accept call changes nothing.
    assert_eq!(staff_client.accept(r.id, &AcceptPackage::default()).await.unwrap().state, ProposalState::Pending);

    link.restore();
    assert!(
        eventually(30, || async { staff_client.proposal(r.id).await.unwrap().state == ProposalState::Created }).await
    );
    let delivered = staff_client.proposal(r.id).await.unwrap();
    let projects_api = projects_client(projects, &user(Role::Staff, None, None));
    let listed = projects_api.list(&ListProjects { member_id: Some(r.member_id), ..Default::default() }).await.unwrap();
    assert_eq!(listed.items.iter().map(|p| p.id).collect::<Vec<_>>(), [delivered.project_id.unwrap()]);
    assert_eq!(listed.items[0].title, "ICT package for the bureau");
}

#[tokio::test]
async fn a_lost_answer_is_retried_with_the_same_key_and_creates_nothing_new() {
    let up = spawn_upstream().await;
    let projects = &up.projects;
    let app = spawn_app_with(up.membership.base_url(), projects.base_url()).await;
    let r = app.scored_for(&demo_member(), worst).await;
    let first = app.client(&staff()).accept(r.id, &AcceptPackage::default()).await.unwrap();
    let project_id = first.project_id.unwrap();

    // As if projects had created the project but its answer never arrived: the outbox row is
    // undelivered and due again.
    let db = app.db().await;
    db.execute_raw(Statement::from_sql_and_values(
        db.get_database_backend(),
        "UPDATE project_proposals SET project_id = NULL, created_at = NULL, next_attempt_at = $1 WHERE request_id = $2",
        [chrono::Utc::now().into(), r.id.into()],
    ))
    .await
    .unwrap();
    assert_eq!(app.client(&staff()).proposal(r.id).await.unwrap().state, ProposalState::Pending);
    assert!(
        eventually(10, || async { app.client(&staff()).proposal(r.id).await.unwrap().state == ProposalState::Created })
            .await
    );
    let again = app.client(&staff()).proposal(r.id).await.unwrap();
    assert_eq!(again.project_id, Some(project_id), "the idempotency key returned the first project");
    let listed = projects_client(projects, &user(Role::Staff, None, None))
        .list(&ListProjects { member_id: Some(r.member_id), ..Default::default() })
        .await
        .unwrap();
    assert_eq!(listed.total, 1);
}
