//! The member registry: who may read and change it, one current member per country, statuses,
//! contact details and the category history.

use api_types::Role;
use api_types::membership::{ListMembers, MemberCategory, MemberStatus};
use clients::ClientError;
use platform::Caller;
use platform::testing::user;
use serde_json::json;

use crate::helpers::{editor_only, everyone, kebs_account, member_account, spawn_app, staff, today};

#[tokio::test]
async fn staff_donors_and_the_committee_read_the_whole_registry() {
    let app = spawn_app().await;
    app.seed_demo().await;
    for role in [Role::Staff, Role::Committee, Role::Admin, Role::Donor] {
        let page = app.client(&user(role, None, None)).members(&ListMembers::default()).await.unwrap();
        assert_eq!(page.total, 10, "{role}");
        assert!(page.items.iter().all(|m| m.demo));
        assert!(page.items.iter().all(|m| m.status == MemberStatus::Active));
        // Contact details are part of the record every reader sees.
        assert!(page.items.iter().all(|m| m.email.as_deref().is_some_and(|e| e.ends_with("@example.org"))));
    }
}

#[tokio::test]
async fn a_member_account_sees_only_its_own_body() {
    let app = spawn_app().await;
    app.seed_demo().await;
    let me = kebs_account();
    let page = app.client(&me).members(&ListMembers::default()).await.unwrap();
    assert_eq!(page.total, 1);
    let kebs = &page.items[0];
    assert_eq!((kebs.acronym.as_str(), kebs.country.as_str()), ("KEBS", "KE"));
    assert!(kebs.developing);
    assert_eq!(kebs.liaison_region.as_deref(), Some("africa-anglophone"));

    let snv = app.demo_member("SNV").await.id;
    match app.client(&me).member(snv).await {
        Err(ClientError::Api { status: 404, .. }) => {}
        other => panic!("a member must not read another member: {other:?}"),
    }
    assert_eq!(app.client(&me).member(platform::demo::MEMBER_ID).await.unwrap().acronym, "KEBS");
    let (status, _) = app.get_json(&format!("/members/{snv}/category-history"), &me).await;
    assert_eq!(status, 404);
    // A member account not linked to a body is refused.
    let (status, body) = app.get_json("/members", &user(Role::Member, None, None)).await;
    assert_eq!((status, body["code"].as_str()), (403, Some("forbidden")));
}

#[tokio::test]
async fn every_signed_in_role_reads_the_directory_summary_of_any_body_without_contacts() {
    let app = spawn_app().await;
    app.seed_demo().await;
    let snv = app.demo_member("SNV").await;
    let kebs = app.demo_member("KEBS").await;
    for (who, caller) in everyone().into_iter().filter(|(who, _)| *who != "anonymous") {
        for m in [&snv, &kebs] {
            let summary = app.client(&caller).member_summary(m.id).await.unwrap_or_else(|e| panic!("{who}: {e}"));
            assert_eq!(
                (summary.id, summary.name.as_str(), summary.acronym.as_str()),
                (m.id, m.name.as_str(), m.acronym.as_str()),
                "{who}"
            );
            assert_eq!(
                (summary.country.as_str(), summary.category, summary.developing),
                (m.country.as_str(), m.category, m.developing)
            );
            assert_eq!((summary.liaison_region.as_deref(), summary.status), (m.liaison_region.as_deref(), m.status));
        }
    }
    // Public facts only: the wire form has no contact field at all, even for staff.
    let (status, body) = app.get_json(&format!("/members/{}/summary", snv.id), &kebs_account()).await;
    assert_eq!(status, 200);
    let fields: Vec<&str> = body.as_object().unwrap().keys().map(String::as_str).collect();
    for hidden in ["contact_person", "email", "phone", "website", "postal_address"] {
        assert!(!fields.contains(&hidden), "{hidden} leaked: {body}");
    }
    assert_eq!(body["liaison_region"], serde_json::Value::Null, "SNV (NL) is not developing: {body}");
    assert_eq!(
        app.client(&kebs_account()).member_summary(kebs.id).await.unwrap().liaison_region.as_deref(),
        Some("africa-anglophone")
    );
    // Signed out: 401; unknown body: 404.
    let (status, _) = app.get_json(&format!("/members/{}/summary", snv.id), &Caller::Anonymous).await;
    assert_eq!(status, 401);
    match app.client(&kebs_account()).member_summary(uuid::Uuid::now_v7()).await {
        Err(ClientError::Api { status: 404, .. }) => {}
        other => panic!("an unknown body must be 404: {other:?}"),
    }
}

#[tokio::test]
async fn filters_combine_member_and_country_facts() {
    let app = spawn_app().await;
    app.seed_demo().await;
    let staff = app.client(&staff());
    let developed = staff.members(&ListMembers { developing: Some(false), ..Default::default() }).await.unwrap();
    assert_eq!(developed.items.iter().map(|m| m.acronym.as_str()).collect::<Vec<_>>(), ["SNV"]);
    let caribbean =
        staff.members(&ListMembers { region: Some("caribbean".into()), ..Default::default() }).await.unwrap();
    assert_eq!(caribbean.items.iter().map(|m| m.acronym.as_str()).collect::<Vec<_>>(), ["BSJ"]);
    let correspondents = staff
        .members(&ListMembers { category: Some(MemberCategory::Correspondent), ..Default::default() })
        .await
        .unwrap();
    assert_eq!(correspondents.total, 1);
    // Search by the country's French name.
    let egypt = staff.members(&ListMembers { q: Some("Égypte".into()), ..Default::default() }).await.unwrap();
    assert_eq!(egypt.items.iter().map(|m| m.acronym.as_str()).collect::<Vec<_>>(), ["EOS"]);
    let devco = staff.members(&ListMembers { devco: Some(true), ..Default::default() }).await.unwrap();
    assert_eq!(devco.total, 5);
    let (status, body) = app.get_json("/members?region=atlantis", &crate::helpers::staff()).await;
    assert_eq!((status, body["code"].as_str()), (422, Some("validation_failed")));
    let (status, body) = app.get_json("/members?category=gold", &crate::helpers::staff()).await;
    assert_eq!((status, body["code"].as_str()), (400, Some("invalid_query")));
    let (status, _) = app.get_json("/members?per_page=500", &crate::helpers::staff()).await;
    assert_eq!(status, 422);
}

#[tokio::test]
async fn signed_out_visitors_cannot_read_the_registry() {
    let app = spawn_app().await;
    app.seed_demo().await;
    match app.client(&Caller::Anonymous).members(&ListMembers::default()).await {
        Err(ClientError::Api { status: 401, body }) => assert_eq!(body.code, "unauthorized"),
        other => panic!("expected 401, got {other:?}"),
    }
    for path in [
        format!("/members/{}", platform::demo::MEMBER_ID),
        format!("/members/{}/category-history", platform::demo::MEMBER_ID),
    ] {
        let (status, _) = app.get_json(&path, &Caller::Anonymous).await;
        assert_eq!(status, 401, "{path}");
    }
}

#[tokio::test]
async fn staff_register_a_member_and_it_is_announced() {
    let app = spawn_app().await;
    let body = json!({
        "country": "ng", "name": "  Standards Organisation   of Nigeria ", "acronym": "SON",
        "category": "member_body", "joined_on": "1972-01-01", "devco": true,
        "contact_person": "Ada Obi", "email": "info@son.example.org", "phone": "+234 9 000 0000",
        "website": "https://son.example.org", "postal_address": "Plot 13/14\nAbuja"
    });
    let (status, created) = app.post("/members", &staff(), body).await;
    assert_eq!(status, 201, "{created}");
    assert_eq!(created["country"], "NG");
    assert_eq!(created["name"], "Standards Organisation of Nigeria");
    assert_eq!(created["status"], "active");
    assert_eq!(created["developing"], true);
    assert_eq!(created["liaison_region"], "africa-anglophone");
    assert_eq!(created["postal_address"], "Plot 13/14\nAbuja");
    assert_eq!(created["demo"], false);

    let events = app.events("member.created").await;
    assert_eq!(events.len(), 1);
    assert_eq!(events[0]["member_id"], created["id"]);
    assert_eq!(events[0]["category"], "member_body");
    assert_eq!(events[0]["liaison_region"], "africa-anglophone");
    // The relay takes it from the outbox to the event bus.
    app.wait_published("member.created").await;

    let (_, history) =
        app.get_json(&format!("/members/{}/category-history", created["id"].as_str().unwrap()), &staff()).await;
    assert_eq!(history["total"], 1);
    assert_eq!(history["items"][0]["category"], "member_body");
    assert_eq!(history["items"][0]["valid_from"], "1972-01-01");
    assert_eq!(history["items"][0]["previous"], serde_json::Value::Null);
}

#[tokio::test]
async fn only_staff_and_admins_register_members() {
    let app = spawn_app().await;
    let countries = ["NG", "GH", "TZ", "UG", "ZM", "ZW"];
    for ((role, caller), country) in everyone().into_iter().zip(countries) {
        let body = json!({"country": country, "name": "A standards body", "acronym": "ASB",
                          "category": "subscriber", "joined_on": "2001-01-01"});
        let (status, answer) = app.post("/members", &caller, body).await;
        let expected = match editor_only(role) {
            200 => 201,
            other => other,
        };
        assert_eq!(status, expected, "{role}: {answer}");
    }
}

#[tokio::test]
async fn bad_input_gets_the_documented_errors() {
    let app = spawn_app().await;
    let valid = json!({"country": "NG", "name": "Standards Organisation of Nigeria", "acronym": "SON",
                       "category": "member_body", "joined_on": "1972-01-01"});
    let with = |field: &str, value: serde_json::Value| {
        let mut body = valid.clone();
        body[field] = value;
        body
    };
    // Unknown country: 422 naming the field.
    let (status, body) = app.post("/members", &staff(), with("country", json!("XX"))).await;
    assert_eq!((status, body["code"].as_str()), (422, Some("validation_failed")));
    assert!(body["details"]["fields"]["country"].as_str().unwrap().contains("XX"), "{body}");
    // Not a country code at all.
    let (status, body) = app.post("/members", &staff(), with("country", json!("Nigeria"))).await;
    assert_eq!(status, 422);
    assert!(body["details"]["fields"]["country"].is_string());
    // Bad category: 422 from the JSON shape.
    let (status, body) = app.post("/members", &staff(), with("category", json!("gold"))).await;
    assert_eq!((status, body["code"].as_str()), (422, Some("validation_failed")));
    assert!(body["message"].as_str().unwrap().contains("category"), "{body}");
    // Several bad fields are named together.
    let mut bad = with("email", json!("nobody"));
    bad["website"] = json!("son.example.org");
    bad["joined_on"] = json!((today() + chrono::Days::new(3)).to_string());
    bad["name"] = json!(" ");
    let (status, body) = app.post("/members", &staff(), bad).await;
    assert_eq!(status, 422);
    let fields: Vec<&str> = body["details"]["fields"].as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(fields, ["email", "joined_on", "name", "website"]);
    // Malformed JSON and a wrong content type.
    let res = app
        .http
        .post(app.service.url("/members"))
        .header("x-trellis-identity", app.service.sign(&staff()))
        .header("content-type", "application/json")
        .body("{\"country\": ")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 400);
    assert_eq!(res.json::<serde_json::Value>().await.unwrap()["code"], "malformed_json");
    // Nothing was written by any of these.
    let (_, page) = app.get_json("/members", &staff()).await;
    assert_eq!(page["total"], 0);
}

#[tokio::test]
async fn one_current_member_per_country() {
    let app = spawn_app().await;
    let first = app.create_member("GH", "GSA", "member_body", "1973-01-01").await;
    let body = json!({"country": "GH", "name": "Another Ghanaian body", "acronym": "AGB",
                      "category": "member_body", "joined_on": "2020-01-01"});
    let (status, answer) = app.post("/members", &staff(), body.clone()).await;
    assert_eq!((status, answer["code"].as_str()), (409, Some("country_has_member")), "{answer}");
    assert!(answer["message"].as_str().unwrap().contains("GSA"));

    // A suspended member is still the country's member body.
    let path = format!("/members/{}", first.id);
    let (status, suspended) =
        app.patch(&path, &staff(), json!({"status": "suspended", "reason": "fees unpaid for two years"})).await;
    assert_eq!((status, suspended["status"].as_str()), (200, Some("suspended")));
    let (status, _) = app.post("/members", &staff(), body.clone()).await;
    assert_eq!(status, 409);

    // Once it withdraws, the country may have a new member body; the old one stays on record.
    let (status, withdrawn) = app
        .patch(
            &path,
            &staff(),
            json!({"status": "withdrawn", "reason": "letter of withdrawal", "effective_on": "2019-12-31"}),
        )
        .await;
    assert_eq!(status, 200, "{withdrawn}");
    assert_eq!((withdrawn["status"].as_str(), withdrawn["left_on"].as_str()), (Some("withdrawn"), Some("2019-12-31")));
    let (status, second) = app.post("/members", &staff(), body).await;
    assert_eq!(status, 201, "{second}");
    let (_, ghana) = app.get_json("/members?q=GH", &staff()).await;
    assert_eq!(ghana["total"], 2);
    let (_, current) = app.get_json("/members?status=active", &staff()).await;
    assert_eq!(current["total"], 1);

    // Withdrawal is final, and the withdrawn body cannot come back while another is current.
    let (status, answer) = app.patch(&path, &staff(), json!({"status": "active", "reason": "rejoined"})).await;
    assert_eq!((status, answer["code"].as_str()), (409, Some("member_withdrawn")));
    // Moving the new member's country onto a country that has a member is refused too.
    let kenya = app.create_member("KE", "KEBS", "member_body", "1974-01-01").await;
    let (status, answer) =
        app.patch(&format!("/members/{}", second["id"].as_str().unwrap()), &staff(), json!({"country": "KE"})).await;
    assert_eq!((status, answer["code"].as_str()), (409, Some("country_has_member")), "{answer}");
    assert_eq!(app.client(&staff()).member(kenya.id).await.unwrap().status, MemberStatus::Active);
}

#[tokio::test]
async fn staff_change_a_category_with_a_reason_and_it_is_kept_in_the_history() {
    let app = spawn_app().await;
    let m = app.create_member("MD", "ISM", "correspondent", "1997-01-01").await;
    let path = format!("/members/{}", m.id);
    let (status, body) = app.patch(&path, &staff(), json!({"category": "member_body"})).await;
    assert_eq!(status, 422);
    assert!(body["details"]["fields"]["reason"].is_string(), "{body}");

    let (status, body) = app
        .patch(
            &path,
            &staff(),
            json!({"category": "member_body", "reason": "council resolution 5/2019", "effective_on": "2019-01-01"}),
        )
        .await;
    assert_eq!((status, body["category"].as_str()), (200, Some("member_body")), "{body}");
    let (_, history) = app.get_json(&format!("{path}/category-history"), &staff()).await;
    let items = history["items"].as_array().unwrap();
    assert_eq!(items.len(), 2);
    assert_eq!(items[1]["previous"], "correspondent");
    assert_eq!(items[1]["category"], "member_body");
    assert_eq!(items[1]["valid_from"], "2019-01-01");
    assert_eq!(items[1]["reason"], "council resolution 5/2019");
    assert!(items[1]["changed_by"].is_string());

    let events = app.events("member.category_changed").await;
    assert_eq!(events.len(), 1);
    assert_eq!((events[0]["from"].as_str(), events[0]["to"].as_str()), (Some("correspondent"), Some("member_body")));
    assert_eq!(events[0]["seq"], items[1]["id"]);
    assert_eq!(events[0]["upgrade_request_id"], serde_json::Value::Null);

    // A change that takes effect before the current category began is refused.
    let (status, body) = app
        .patch(&path, &staff(), json!({"category": "subscriber", "reason": "correction", "effective_on": "2018-01-01"}))
        .await;
    assert_eq!(status, 422);
    assert!(body["details"]["fields"]["effective_on"].as_str().unwrap().contains("2019-01-01"));
    // A patch that changes nothing writes nothing.
    let (status, _) = app.patch(&path, &staff(), json!({"name": "ISM national standards body"})).await;
    assert_eq!(status, 200);
    assert_eq!(app.events("member.category_changed").await.len(), 1);
    // The category history export.
    let (status, content_type, csv) = app.get_text(&format!("{path}/category-history?format=csv"), &staff()).await;
    assert_eq!((status, content_type.as_str()), (200, "text/csv; charset=utf-8"));
    assert_eq!(csv.lines().count(), 3, "{csv}");
}

#[tokio::test]
async fn who_may_change_a_member() {
    let app = spawn_app().await;
    app.seed_demo().await;
    let snv = app.demo_member("SNV").await;
    for (role, caller) in everyone() {
        let (status, body) = app.patch(&format!("/members/{}", snv.id), &caller, json!({"devco": true})).await;
        assert_eq!(status, editor_only(role), "{role}: {body}");
    }
    // Not even its own record: a member edits its contact details only.
    let (status, _) =
        app.patch(&format!("/members/{}", platform::demo::MEMBER_ID), &kebs_account(), json!({"name": "KEBS!"})).await;
    assert_eq!(status, 403);
    let (status, _) = app.patch(&format!("/members/{}", uuid::Uuid::now_v7()), &staff(), json!({"devco": true})).await;
    assert_eq!(status, 404);
    let (status, body) = app.patch("/members/not-a-uuid", &staff(), json!({"devco": true})).await;
    assert_eq!((status, body["code"].as_str()), (400, Some("invalid_path")));
}

#[tokio::test]
async fn a_member_edits_its_own_contact_details_only() {
    let app = spawn_app().await;
    app.seed_demo().await;
    let own = format!("/members/{}/contact", platform::demo::MEMBER_ID);
    let contact = json!({"contact_person": "Jane Wanjiku", "email": "jane@kebs.example.org", "phone": "+254 20 6948000",
                         "website": "https://www.kebs.example.org", "postal_address": "Popo Road\nNairobi"});
    let (status, body) = app.put(&own, &kebs_account(), contact.clone()).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["contact_person"], "Jane Wanjiku");
    assert_eq!(body["category"], "member_body", "nothing else changes");

    // Another member's contact details: refused; the committee and donors only read.
    let snv = app.demo_member("SNV").await;
    let other = format!("/members/{}/contact", snv.id);
    for (role, caller) in everyone() {
        let (status, _) = app.put(&other, &caller, contact.clone()).await;
        assert_eq!(status, editor_only(role), "{role}");
    }
    // Fields left out are cleared; bad ones are named.
    let (status, body) = app.put(&own, &kebs_account(), json!({"email": "jane@kebs.example.org"})).await;
    assert_eq!((status, body["phone"].clone()), (200, serde_json::Value::Null));
    let (status, body) =
        app.put(&own, &kebs_account(), json!({"email": "jane at kebs", "website": "ftp://x.org"})).await;
    assert_eq!(status, 422);
    assert_eq!(body["details"]["fields"].as_object().unwrap().len(), 2, "{body}");
    // An unlinked member account is refused.
    let (status, _) = app.put(&own, &member_account(uuid::Uuid::now_v7()), contact).await;
    assert_eq!(status, 403);
}

#[tokio::test]
async fn the_member_list_exports_as_csv_with_every_matching_row() {
    let app = spawn_app().await;
    app.seed_demo().await;
    let (status, content_type, csv) = app.get_text("/members?format=csv&developing=true&per_page=2", &staff()).await;
    assert_eq!((status, content_type.as_str()), (200, "text/csv; charset=utf-8"));
    let header = csv.lines().next().unwrap();
    assert!(
        header.starts_with("id,country,name,acronym,category,developing,liaison_region,joined_on,devco,demo,status"),
        "{header}"
    );
    assert!(header.contains("email"), "{header}");
    // Postal addresses span lines inside quotes: count records, not lines.
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(records.len(), 9, "every developing member, not one page");
    assert!(records.iter().any(|r| r.iter().any(|f| f.contains("P.O. Box 1000\n"))));
    let (status, _, _) = app.get_text("/members?format=csv", &Caller::Anonymous).await;
    assert_eq!(status, 401);
}

#[tokio::test]
async fn paging_is_stable_and_sorted_by_name_ignoring_accents() {
    let app = spawn_app().await;
    app.seed_demo().await;
    let (_, first) = app.get_json("/members?per_page=4&page=1", &staff()).await;
    let (_, second) = app.get_json("/members?per_page=4&page=2", &staff()).await;
    let (_, third) = app.get_json("/members?per_page=4&page=3", &staff()).await;
    let names: Vec<String> = [first, second, third]
        .iter()
        .flat_map(|p| p["items"].as_array().unwrap().iter().map(|m| m["name"].as_str().unwrap().to_owned()))
        .collect();
    assert_eq!(names.len(), 10);
    let folded: Vec<String> = names.iter().map(|n| platform::text::fold(n)).collect();
    assert!(folded.is_sorted(), "{names:?}");
}
