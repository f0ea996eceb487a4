//! Re-assessment and the maturity history.

use api_types::Role;
use api_types::assessments::RequestStatus;
use platform::testing::user;

use crate::helpers::{best, new_member, spawn_app, staff, status, worst};

#[tokio::test]
async fn a_member_assessed_twice_shows_its_progress_per_section() {
    let app = spawn_app().await;
    let (member_id, member) = new_member();
    let first = app.request(&member).await;
    app.answer_all(&member, first.id, worst).await;
    app.client(&member).submit(first.id).await.unwrap();
    let h = app.client(&member).maturity(member_id).await.unwrap();
    assert_eq!((h.assessments.len(), h.progress.len(), h.overall_change), (1, 0, None));

    let again = app.request(&member).await;
    app.answer_all(&member, again.id, best).await;
    app.client(&member).submit(again.id).await.unwrap();
    let h = app.client(&staff()).maturity(member_id).await.unwrap();
    assert_eq!(h.assessments.iter().map(|a| a.request_id).collect::<Vec<_>>(), [first.id, again.id]);
    assert_eq!(h.progress.len(), 7);
    assert!(h.progress.iter().all(|p| (p.first, p.latest, p.change) == (1, 5, 4)), "{:?}", h.progress);
    assert_eq!(h.overall_change, Some(4));

    assert_eq!(status(app.client(&new_member().1).maturity(member_id).await), 404, "another body");
    assert_eq!(status(app.client(&user(Role::Donor, None, None)).maturity(member_id).await), 403);
    assert_eq!(app.client(&user(Role::Committee, None, None)).maturity(member_id).await.unwrap(), h);
}

#[tokio::test]
async fn kpis_count_requests_by_status_and_maturity_without_regions_when_membership_is_away() {
    let app = spawn_app().await;
    let (_, member) = app.scored(worst).await;
    let again = app.request(&member).await;
    app.answer_all(&member, again.id, best).await;
    app.client(&member).submit(again.id).await.unwrap();
    app.request(&new_member().1).await;

    let k = app.client(&user(Role::Donor, None, None)).kpis().await.unwrap();
    let count = |s: RequestStatus| k.requests_by_status.iter().find(|c| c.status == s).unwrap().requests;
    assert_eq!((count(RequestStatus::Open), count(RequestStatus::Scored), count(RequestStatus::Accepted)), (1, 2, 0));
    let overall_gain = k.maturity_gained.iter().find(|g| g.section == "overall").unwrap();
    assert_eq!((overall_gain.members, overall_gain.average_gain.as_str()), (1, "4.00"));
    let overall = k.average_maturity.iter().find(|a| a.section == "overall" && a.region.is_none()).unwrap();
    assert_eq!((overall.members, overall.average_level.as_str()), (1, "5.00"), "the latest assessment counts");
    assert_eq!(k.members_assessed.iter().map(|r| r.members).sum::<u64>(), 1);
    assert_eq!(status(app.client(&member).kpis().await), 403);
}
