//! Registering and reading donors.

use api_types::Role;
use api_types::funding::{CreateDonor, DonorType, ListDonors, UpdateDonor};
use api_types::membership::ContactDetails;
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
        contact: ContactDetails::default(),
    }
}

fn contact() -> ContactDetails {
    ContactDetails {
        contact_person: Some("  Ingrid   Berg ".into()),
        email: Some("ingrid@example.org".into()),
        phone: Some("+47 22 00 00 00".into()),
        website: Some("https://fund.example.org".into()),
        postal_address: Some("Box 1\n0150 Oslo".into()),
    }
}

/// The fields a 422 names.
fn bad_fields(err: ClientError) -> Vec<String> {
    match err {
        ClientError::Api { status: 422, body } => {
            body.details["fields"].as_object().expect("fields").keys().cloned().collect()
        }
        other => panic!("expected a 422, got {other}"),
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
        contact: ContactDetails::default(),
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

#[tokio::test]
async fn contacts_reach_staff_admins_and_the_donor_itself_only() {
    let app = spawn_app().await;
    let staff = app.client(&user(Role::Staff, None, None));
    let created = staff.create_donor(&CreateDonor { contact: contact(), ..donor("Norway Fund") }).await.unwrap();
    let shown = created.contact.clone().expect("staff see contacts");
    assert_eq!(shown.contact_person.as_deref(), Some("Ingrid Berg"));
    assert_eq!(shown.email.as_deref(), Some("ingrid@example.org"));
    assert_eq!(shown.postal_address.as_deref(), Some("Box 1\n0150 Oslo"));

    let admin = app.client(&user(Role::Admin, None, None));
    assert_eq!(admin.donor(created.id).await.unwrap().contact, Some(shown.clone()));
    let itself = app.client(&user(Role::Donor, None, Some(created.id)));
    assert_eq!(itself.donor(created.id).await.unwrap().contact, Some(shown.clone()));
    assert_eq!(itself.donors(&ListDonors::default()).await.unwrap().items[0].contact, Some(shown));

    // The committee reads donors but not their personal data, in the list as in one donor.
    let committee = app.client(&user(Role::Committee, None, None));
    let seen = committee.donor(created.id).await.unwrap();
    assert_eq!((seen.name.as_str(), seen.contact), ("Norway Fund", None));
    assert!(committee.donors(&ListDonors::default()).await.unwrap().items.iter().all(|d| d.contact.is_none()));
    // Another donor does not even see this one.
    let other = app.client(&user(Role::Donor, None, Some(uuid::Uuid::now_v7())));
    assert_eq!(status(other.donor(created.id).await.unwrap_err()).0, 404);
}

#[tokio::test]
async fn bad_contact_details_are_named_field_by_field() {
    let app = spawn_app().await;
    let staff = app.client(&user(Role::Staff, None, None));
    let bad = ContactDetails {
        email: Some("ingrid at example".into()),
        phone: Some("ring me".into()),
        website: Some("fund.example.org".into()),
        ..contact()
    };
    let err = staff.create_donor(&CreateDonor { contact: bad, ..donor("Norway Fund") }).await.unwrap_err();
    assert_eq!(bad_fields(err), ["contact.email", "contact.phone", "contact.website"]);
    assert_eq!(staff.donors(&ListDonors::default()).await.unwrap().total, 0);
}

#[tokio::test]
async fn staff_edit_a_donor_and_absent_fields_stay() {
    let app = spawn_app().await;
    let staff = app.client(&user(Role::Staff, None, None));
    let created = staff.create_donor(&CreateDonor { contact: contact(), ..donor("Norway Fund") }).await.unwrap();
    staff.create_donor(&donor("Danish Fund")).await.unwrap();

    let renamed = staff
        .update_donor(
            created.id,
            &UpdateDonor { name: Some(" Norwegian   Fund ".into()), publicly_named: Some(true), ..Default::default() },
        )
        .await
        .unwrap();
    assert_eq!(renamed.name, "Norwegian Fund");
    assert!(renamed.publicly_named);
    assert_eq!((renamed.donor_type, renamed.country.as_deref()), (DonorType::Government, Some("NO")));
    assert_eq!(renamed.contact, created.contact);
    // The new name is what search finds.
    let found = staff.donors(&ListDonors { q: Some("norwegian".into()), ..Default::default() }).await.unwrap();
    assert_eq!(found.total, 1);

    let admin = app.client(&user(Role::Admin, None, None));
    let changed = admin
        .update_donor(
            created.id,
            &UpdateDonor {
                donor_type: Some(DonorType::DevelopmentAgency),
                country: Some(String::new()),
                contact: Some(ContactDetails { email: Some("desk@example.org".into()), ..Default::default() }),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert_eq!((changed.donor_type, changed.country.as_deref()), (DonorType::DevelopmentAgency, None));
    assert_eq!(changed.contact, Some(ContactDetails { email: Some("desk@example.org".into()), ..Default::default() }));
    assert_eq!(staff.donor(created.id).await.unwrap(), changed);

    // 409 on another donor's name, 404 on an unknown donor, 422 naming each bad field; nothing changes.
    let taken = UpdateDonor { name: Some("Danish  Fund".into()), ..Default::default() };
    assert_eq!(status(staff.update_donor(created.id, &taken).await.unwrap_err()), (409, "conflict".into()));
    assert_eq!(status(staff.update_donor(uuid::Uuid::now_v7(), &taken).await.unwrap_err()).0, 404);
    let bad = UpdateDonor {
        name: Some("x".into()),
        country: Some("Norway".into()),
        contact: Some(ContactDetails { website: Some("ftp://x".into()), ..Default::default() }),
        ..Default::default()
    };
    assert_eq!(
        bad_fields(staff.update_donor(created.id, &bad).await.unwrap_err()),
        ["contact.website", "country", "name"]
    );
    assert_eq!(staff.donor(created.id).await.unwrap(), changed);
}

#[tokio::test]
async fn only_staff_and_admins_edit_donors() {
    let app = spawn_app().await;
    let staff = app.client(&user(Role::Staff, None, None));
    let created = staff.create_donor(&donor("Norway Fund")).await.unwrap();
    let change = UpdateDonor { publicly_named: Some(true), ..Default::default() };
    for caller in
        [user(Role::Member, None, None), user(Role::Committee, None, None), user(Role::Donor, None, Some(created.id))]
    {
        assert_eq!(status(app.client(&caller).update_donor(created.id, &change).await.unwrap_err()).0, 403);
    }
    assert_eq!(status(app.client(&Caller::Anonymous).update_donor(created.id, &change).await.unwrap_err()).0, 401);
    assert!(!staff.donor(created.id).await.unwrap().publicly_named);
}

#[tokio::test]
async fn demo_donors_have_fake_contacts() {
    let app = spawn_app().await;
    app.seed_demo().await;
    let staff = app.client(&user(Role::Staff, None, None));
    let donors = staff.donors(&ListDonors::default()).await.unwrap().items;
    let emails = donors.iter().filter_map(|d| d.contact.as_ref()?.email.clone()).collect::<Vec<_>>();
    assert_eq!(emails.len(), donors.len() - 1, "all but one demo donor have contacts");
    assert!(emails.iter().all(|e| e.ends_with("@example.org")));
}
