//! ICT-support requests: asking, reading, assigning an assessor, closing.

use api_types::Role;
use api_types::assessments::{
    AssignAssessor, CloseRequest, CreateSupportRequest, ListSupportRequests, RequestStatus, Urgency,
};
use platform::testing::user;
use uuid::Uuid;

use crate::helpers::{error, new_member, spawn_app, staff, status};

fn request(needs: &str) -> CreateSupportRequest {
    CreateSupportRequest {
        needs: needs.to_owned(),
        context: "Video meetings drop daily.".to_owned(),
        urgency: Urgency::High,
    }
}

#[tokio::test]
async fn a_member_requests_support_and_staff_see_every_request() {
    let app = spawn_app().await;
    let (a, member_a) = new_member();
    let (b, member_b) = new_member();
    let mine = app.client(&member_a).create_request(&request("A 20 Mbit/s line and a backup link")).await.unwrap();
    assert_eq!((mine.member_id, mine.status, mine.urgency, mine.demo), (a, RequestStatus::Open, Urgency::High, false));
    let theirs = app.client(&member_b).create_request(&request("Laptops for the drafting team")).await.unwrap();

    let seen_by_a = app
        .client(&member_a)
        .requests(&ListSupportRequests { member_id: Some(b), ..Default::default() })
        .await
        .unwrap();
    assert_eq!(
        seen_by_a.items.iter().map(|r| r.id).collect::<Vec<_>>(),
        [mine.id],
        "only its own, whatever the filter"
    );
    assert_eq!(status(app.client(&member_a).request(theirs.id).await), 404, "another body's is not found");
    assert_eq!(app.client(&member_a).request(mine.id).await.unwrap(), mine);

    let staff = app.client(&staff());
    assert_eq!(staff.requests(&ListSupportRequests::default()).await.unwrap().total, 2);
    assert_eq!(
        staff.requests(&ListSupportRequests { member_id: Some(b), ..Default::default() }).await.unwrap().total,
        1
    );
    let committee = app.client(&user(Role::Committee, None, None));
    assert_eq!(committee.request(theirs.id).await.unwrap().id, theirs.id);

    let (s, csv) = app.call(reqwest::Method::GET, "/requests?format=csv", &self::staff(), None).await;
    assert_eq!((s, csv), (200, serde_json::Value::Null), "CSV is not JSON");
}

#[tokio::test]
async fn only_linked_members_request_and_donors_cannot_read() {
    let app = spawn_app().await;
    assert_eq!(status(app.client(&staff()).create_request(&request("Something for someone")).await), 403);
    assert_eq!(
        status(app.client(&user(Role::Member, None, None)).create_request(&request("Something for someone")).await),
        403
    );
    let donor = user(Role::Donor, None, Some(Uuid::new_v4()));
    assert_eq!(status(app.client(&donor).requests(&ListSupportRequests::default()).await), 403);
    let (s, _, details) = error(app.client(&new_member().1).create_request(&request("wifi")).await);
    assert_eq!(s, 422);
    assert!(details["fields"]["needs"].is_string());
    let (s, body) = app.call(reqwest::Method::POST, "/requests", &new_member().1, Some(r#"{"needs": 3}"#)).await;
    assert_eq!((s, body["code"].as_str()), (422, Some("validation_failed")));
    let (s, body) = app.call(reqwest::Method::GET, "/requests/not-a-uuid", &staff(), None).await;
    assert_eq!((s, body["code"].as_str()), (400, Some("invalid_path")));
}

#[tokio::test]
async fn staff_assign_an_assessor_and_close_with_a_reason() {
    let app = spawn_app().await;
    let (_, member) = new_member();
    let r = app.request(&member).await;
    let assessor = Uuid::new_v4();
    assert_eq!(status(app.client(&member).assign_assessor(r.id, &AssignAssessor { assessor_id: assessor }).await), 403);
    let assigned = app.client(&staff()).assign_assessor(r.id, &AssignAssessor { assessor_id: assessor }).await.unwrap();
    assert_eq!(assigned.assessor_id, Some(assessor));
    let mine = app
        .client(&staff())
        .requests(&ListSupportRequests { assessor_id: Some(assessor), ..Default::default() })
        .await
        .unwrap();
    assert_eq!(mine.total, 1);

    let (s, _, details) = error(app.client(&staff()).close(r.id, &CloseRequest { reason: " ".into() }).await);
    assert_eq!((s, details["fields"]["reason"].is_string()), (422, true));
    assert_eq!(status(app.client(&member).close(r.id, &CloseRequest { reason: "no".into() }).await), 403);
    let closed = app
        .client(&staff())
        .close(r.id, &CloseRequest { reason: "Covered by a regional project".into() })
        .await
        .unwrap();
    assert_eq!(
        (closed.status, closed.closed_reason.as_deref()),
        (RequestStatus::Closed, Some("Covered by a regional project"))
    );
    let (s, code, _) = error(app.client(&staff()).close(r.id, &CloseRequest { reason: "again".into() }).await);
    assert_eq!((s, code.as_str()), (409, "illegal_transition"));
    let (s, code, _) =
        error(app.client(&staff()).assign_assessor(r.id, &AssignAssessor { assessor_id: assessor }).await);
    assert_eq!((s, code.as_str()), (409, "illegal_transition"));
    assert_eq!(status(app.client(&staff()).close(Uuid::new_v4(), &CloseRequest { reason: "x".into() }).await), 404);
}
