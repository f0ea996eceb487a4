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
    // Membership is not running (the test settings point at a closed port).
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
    assert!(!k.regions_known);
    assert_eq!(k.members_assessed.iter().map(|r| (r.region.as_str(), r.members)).collect::<Vec<_>>(), [("unknown", 1)]);
    assert_eq!(status(app.client(&member).kpis().await), 403);
}

#[tokio::test]
async fn kpis_place_members_in_their_liaison_region_from_membership() {
    let up = crate::helpers::spawn_upstream().await;
    let app = crate::helpers::spawn_app_with(up.membership.base_url(), up.projects.base_url()).await;
    app.scored_for(&crate::helpers::demo_member(), worst).await;
    app.scored(best).await; // a body membership does not know

    let k = app.client(&user(Role::Committee, None, None)).kpis().await.unwrap();
    assert!(k.regions_known);
    let assessed: Vec<(&str, u64)> = k.members_assessed.iter().map(|r| (r.region.as_str(), r.members)).collect();
    assert_eq!(assessed, [("africa-anglophone", 1), ("unknown", 1)]);
    let connectivity = |region: Option<&str>| {
        k.average_maturity
            .iter()
            .find(|a| a.section == "connectivity" && a.region.as_deref() == region)
            .map(|a| a.average_level.clone())
            .unwrap()
    };
    assert_eq!(connectivity(Some("africa-anglophone")), "1.00");
    assert_eq!(connectivity(Some("unknown")), "5.00");
    assert_eq!(connectivity(None), "3.00");
}
