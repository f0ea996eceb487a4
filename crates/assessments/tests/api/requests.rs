//! ICT-support requests.

use api_types::Role;
use api_types::assessments::{CreateSupportRequest, ListSupportRequests, RequestStatus, Urgency};
use clients::ClientError;
use platform::testing::user;
use uuid::Uuid;

use crate::helpers::spawn_app;

fn request(needs: &str) -> CreateSupportRequest {
    CreateSupportRequest {
        needs: needs.to_owned(),
        context: "Video meetings drop daily.".to_owned(),
        urgency: Urgency::High,
    }
}

fn status(err: ClientError) -> u16 {
    match err {
        ClientError::Api { status, .. } => status,
        other => panic!("expected an API error, got {other}"),
    }
}

#[tokio::test]
async fn a_member_requests_support_and_staff_see_every_request() {
    let app = spawn_app().await;
    let (a, b) = (Uuid::new_v4(), Uuid::new_v4());
    let mine = app
        .client(&user(Role::Member, Some(a), None))
        .create_request(&request("A 20 Mbit/s line and a backup link"))
        .await
        .unwrap();
    assert_eq!((mine.member_id, mine.status, mine.urgency), (a, RequestStatus::Open, Urgency::High));
    app.client(&user(Role::Member, Some(b), None))
        .create_request(&request("Laptops for the drafting team"))
        .await
        .unwrap();

    let seen_by_a = app
        .client(&user(Role::Member, Some(a), None))
        .requests(&ListSupportRequests { member_id: Some(b), ..Default::default() })
        .await
        .unwrap();
    assert_eq!(
        seen_by_a.items.iter().map(|r| r.id).collect::<Vec<_>>(),
        [mine.id],
        "a member sees only its own, whatever the filter"
    );
    let staff = app.client(&user(Role::Staff, None, None));
    assert_eq!(staff.requests(&ListSupportRequests::default()).await.unwrap().total, 2);
    assert_eq!(
        staff.requests(&ListSupportRequests { member_id: Some(b), ..Default::default() }).await.unwrap().total,
        1
    );
}

#[tokio::test]
async fn only_linked_members_request_and_donors_cannot_read() {
    let app = spawn_app().await;
    assert_eq!(
        status(
            app.client(&user(Role::Staff, None, None))
                .create_request(&request("Something for someone"))
                .await
                .unwrap_err()
        ),
        403
    );
    assert_eq!(
        status(
            app.client(&user(Role::Member, None, None))
                .create_request(&request("Something for someone"))
                .await
                .unwrap_err()
        ),
        403
    );
    assert_eq!(
        status(
            app.client(&user(Role::Donor, None, Some(Uuid::new_v4())))
                .requests(&ListSupportRequests::default())
                .await
                .unwrap_err()
        ),
        403
    );
    let err =
        app.client(&user(Role::Member, Some(Uuid::new_v4()), None)).create_request(&request("wifi")).await.unwrap_err();
    match err {
        ClientError::Api { status: 422, body } => assert!(body.details["fields"]["needs"].is_string()),
        other => panic!("expected 422, got {other:?}"),
    }
}
