//! Registering and reading donors.

use api_types::Role;
use api_types::funding::{CreateDonor, DonorType, ListDonors};
use clients::ClientError;
use platform::Caller;
use platform::testing::user;

use crate::helpers::spawn_app;

fn donor(name: &str) -> CreateDonor {
    CreateDonor {
        name: name.to_owned(),
        donor_type: DonorType::Government,
        country: Some("no".to_owned()),
        publicly_named: false,
    }
}

fn status(err: ClientError) -> (u16, String) {
    match err {
        ClientError::Api { status, body } => (status, body.code),
        other => panic!("expected an API error, got {other}"),
    }
}

#[tokio::test]
async fn staff_register_a_donor_once() {
    let app = spawn_app().await;
    let staff = app.client(&user(Role::Staff, None, None));
    let created = staff.create_donor(&donor("Royal  Ministry of Development")).await.unwrap();
    assert_eq!(created.name, "Royal Ministry of Development");
    assert_eq!(created.country.as_deref(), Some("NO"));
    assert!(!created.demo);
    assert_eq!(staff.donor(created.id).await.unwrap(), created);
    // The same name again is a conflict, not a second donor.
    assert_eq!(
        status(staff.create_donor(&donor("Royal Ministry of Development")).await.unwrap_err()),
        (409, "conflict".into())
    );
    assert_eq!(staff.donors(&ListDonors::default()).await.unwrap().total, 1);
}

#[tokio::test]
async fn only_staff_and_admins_register_donors() {
    let app = spawn_app().await;
    for caller in [user(Role::Member, None, None), user(Role::Committee, None, None), user(Role::Donor, None, None)] {
        assert_eq!(status(app.client(&caller).create_donor(&donor("Someone")).await.unwrap_err()).0, 403);
    }
    assert_eq!(status(app.client(&Caller::Anonymous).create_donor(&donor("Someone")).await.unwrap_err()).0, 401);
    let bad = CreateDonor {
        name: "x".into(),
        donor_type: DonorType::Foundation,
        country: Some("Switzerland".into()),
        publicly_named: false,
    };
    let (code, _) = status(app.client(&user(Role::Admin, None, None)).create_donor(&bad).await.unwrap_err());
    assert_eq!(code, 422);
}

#[tokio::test]
async fn a_donor_account_sees_itself_and_members_see_no_donors() {
    let app = spawn_app().await;
    app.seed_demo().await;
    let staff = app.client(&user(Role::Staff, None, None));
    assert_eq!(staff.donors(&ListDonors::default()).await.unwrap().total, 6);
    let foundations =
        staff.donors(&ListDonors { donor_type: Some(DonorType::Foundation), ..Default::default() }).await.unwrap();
    assert_eq!(foundations.items.iter().map(|d| d.name.as_str()).collect::<Vec<_>>(), ["Open Quality Foundation"]);
    let search = staff.donors(&ListDonors { q: Some("nordic".into()), ..Default::default() }).await.unwrap();
    assert_eq!(search.total, 1);

    let me = app.client(&user(Role::Donor, None, Some(platform::demo::DONOR_ID)));
    let own = me.donors(&ListDonors::default()).await.unwrap();
    assert_eq!(own.items.iter().map(|d| d.id).collect::<Vec<_>>(), [platform::demo::DONOR_ID]);
    let other = foundations.items[0].id;
    assert_eq!(status(me.donor(other).await.unwrap_err()).0, 404);

    assert_eq!(
        status(app.client(&user(Role::Member, None, None)).donors(&ListDonors::default()).await.unwrap_err()).0,
        403
    );
}
