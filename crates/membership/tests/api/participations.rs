//! Technical-committee participation: recorded by staff, read by every role (a member its own).

use api_types::Role;
use platform::Caller;
use platform::testing::user;
use serde_json::json;

use crate::helpers::{editor_only, everyone, member_account, spawn_app, staff, today};

#[tokio::test]
async fn staff_record_participation_and_every_reader_sees_it() {
    let app = spawn_app().await;
    let kebs = app.create_member("KE", "KEBS", "member_body", "1974-01-01").await;
    let snv = app.create_member("CH", "SNV", "member_body", "1947-02-23").await;
    let path = format!("/members/{}/participations", kebs.id);
    let (status, p) =
        app.post(&path, &staff(), json!({"committee": "iso/tc176", "role": "P", "since": "2001-03-01"})).await;
    assert_eq!(status, 201, "{p}");
    assert_eq!(p["committee"], "ISO/TC 176", "normalised");
    assert_eq!((p["country"].as_str(), p["member_acronym"].as_str()), (Some("KE"), Some("KEBS")));
    assert_eq!(p["until"], serde_json::Value::Null);
    for (committee, role, since, until) in [
        ("ISO/TC 34/SC 17", "P", "2005-01-01", None),
        ("ISO/TC 34/SC 17", "secretariat", "2015-01-01", None),
        ("ISO/TC 207", "O", "2003-06-01", Some("2010-12-31")),
        ("ISO/TC 207", "P", "2011-01-01", None),
    ] {
        let (status, body) = app
            .post(&path, &staff(), json!({"committee": committee, "role": role, "since": since, "until": until}))
            .await;
        assert_eq!(status, 201, "{committee} {role}: {body}");
    }
    let (status, snv_p) = app
        .post(
            &format!("/members/{}/participations", snv.id),
            &staff(),
            json!({"committee": "ISO/TC 176", "role": "P", "since": "1990-01-01"}),
        )
        .await;
    assert_eq!(status, 201, "{snv_p}");

    // The member's list, by committee; the filters.
    let (_, mine) = app.get_json(&path, &member_account(kebs.id)).await;
    assert_eq!(mine["total"], 5);
    let committees: Vec<&str> =
        mine["items"].as_array().unwrap().iter().map(|p| p["committee"].as_str().unwrap()).collect();
    assert_eq!(committees, ["ISO/TC 34/SC 17", "ISO/TC 34/SC 17", "ISO/TC 176", "ISO/TC 207", "ISO/TC 207"]);
    let (_, on_2008) = app.get_json(&format!("{path}?on=2008-06-30"), &staff()).await;
    assert_eq!(on_2008["total"], 3, "{on_2008}");
    let (_, p_only) = app.get_json(&format!("{path}?role=P"), &staff()).await;
    assert_eq!(p_only["total"], 3);
    let (_, tc176) = app.get_json("/participations?committee=ISO%2FTC176", &staff()).await;
    assert_eq!(tc176["total"], 2);
    let (_, developing) = app.get_json("/participations?committee=ISO%2FTC%20176&developing=true", &staff()).await;
    assert_eq!(developing["total"], 1);
    let (_, africa) = app.get_json("/participations?region=africa-anglophone&role=secretariat", &staff()).await;
    assert_eq!(africa["total"], 1);
    let (status, body) = app.get_json("/participations?committee=TC%20176", &staff()).await;
    assert_eq!(status, 422);
    assert!(body["details"]["fields"]["committee"].is_string());
    let (status, _) = app.get_json("/participations?region=atlantis", &staff()).await;
    assert_eq!(status, 422);

    // Readers: every signed-in role; a member account sees only its own body's.
    for (role, caller) in everyone() {
        let (status, page) = app.get_json("/participations", &caller).await;
        match role {
            "anonymous" => assert_eq!(status, 401),
            "member" => {
                assert_eq!((status, page["total"].as_u64()), (200, Some(0)), "the demo account is not KEBS here")
            }
            _ => assert_eq!((status, page["total"].as_u64()), (200, Some(6)), "{role}"),
        }
    }
    let (_, own) = app.get_json("/participations", &member_account(kebs.id)).await;
    assert_eq!(own["total"], 5);
    let (status, _) = app.get_json(&format!("/members/{}/participations", snv.id), &member_account(kebs.id)).await;
    assert_eq!(status, 404);
    let snv_p = snv_p["id"].as_str().unwrap();
    let (status, _) = app.get_json(&format!("/participations/{snv_p}"), &member_account(kebs.id)).await;
    assert_eq!(status, 404);
    let (status, one) = app.get_json(&format!("/participations/{snv_p}"), &user(Role::Donor, None, None)).await;
    assert_eq!((status, one["member_acronym"].as_str()), (200, Some("SNV")));

    // CSV of every matching row.
    let (status, content_type, csv) =
        app.get_text("/participations?format=csv&per_page=1", &user(Role::Committee, None, None)).await;
    assert_eq!((status, content_type.as_str()), (200, "text/csv; charset=utf-8"));
    assert!(csv.starts_with("id,member_id,country,member_acronym,committee,role,since,until"), "{csv}");
    assert_eq!(csv.lines().count(), 7);
}

#[tokio::test]
async fn the_overlap_rules_are_enforced() {
    let app = spawn_app().await;
    let kebs = app.create_member("KE", "KEBS", "member_body", "1974-01-01").await;
    let asn = app.create_member("SN", "ASN", "member_body", "1983-01-01").await;
    let kebs_path = format!("/members/{}/participations", kebs.id);
    let asn_path = format!("/members/{}/participations", asn.id);
    let (status, _) =
        app.post(&kebs_path, &staff(), json!({"committee": "ISO/TC 176", "role": "P", "since": "2001-01-01"})).await;
    assert_eq!(status, 201);
    // P and O at once: refused, and the message says why.
    let (status, body) =
        app.post(&kebs_path, &staff(), json!({"committee": "ISO/TC 176", "role": "O", "since": "2010-01-01"})).await;
    assert_eq!((status, body["code"].as_str()), (409, Some("participation_overlap")));
    assert!(body["message"].as_str().unwrap().contains("P-member of ISO/TC 176 since 2001-01-01"), "{body}");
    // The same record twice.
    let (status, body) =
        app.post(&kebs_path, &staff(), json!({"committee": "ISO/TC 176", "role": "P", "since": "2001-01-01"})).await;
    assert_eq!((status, body["code"].as_str()), (409, Some("participation_overlap")));
    // One secretariat per committee at a time, whoever holds it.
    let (status, _) = app
        .post(
            &kebs_path,
            &staff(),
            json!({"committee": "ISO/TC 176", "role": "secretariat", "since": "2010-01-01", "until": "2015-12-31"}),
        )
        .await;
    assert_eq!(status, 201);
    let (status, body) = app
        .post(&asn_path, &staff(), json!({"committee": "ISO/TC 176", "role": "secretariat", "since": "2015-12-31"}))
        .await;
    assert_eq!((status, body["code"].as_str()), (409, Some("participation_overlap")));
    let (status, _) = app
        .post(&asn_path, &staff(), json!({"committee": "ISO/TC 176", "role": "secretariat", "since": "2016-01-01"}))
        .await;
    assert_eq!(status, 201);

    // Bad fields.
    let (status, body) = app
        .post(
            &kebs_path,
            &staff(),
            json!({"committee": "TC 176", "role": "P", "since": "2001-01-01", "until": "2000-01-01"}),
        )
        .await;
    assert_eq!(status, 422);
    let fields: Vec<&str> = body["details"]["fields"].as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(fields, ["committee", "until"]);
    let tomorrow = (today() + chrono::Days::new(1)).to_string();
    let (status, _) =
        app.post(&kebs_path, &staff(), json!({"committee": "ISO/TC 8", "role": "P", "since": tomorrow})).await;
    assert_eq!(status, 422);
    let (status, body) =
        app.post(&kebs_path, &staff(), json!({"committee": "ISO/TC 8", "role": "chair", "since": "2001-01-01"})).await;
    assert_eq!((status, body["code"].as_str()), (422, Some("validation_failed")));
    let (status, _) = app
        .post(
            "/members/00000000-0000-0000-0000-000000000000/participations",
            &staff(),
            json!({"committee": "ISO/TC 8", "role": "P", "since": "2001-01-01"}),
        )
        .await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn staff_correct_and_delete_records_and_nobody_else_writes() {
    let app = spawn_app().await;
    let kebs = app.create_member("KE", "KEBS", "member_body", "1974-01-01").await;
    let path = format!("/members/{}/participations", kebs.id);
    let (_, p) =
        app.post(&path, &staff(), json!({"committee": "ISO/TC 207", "role": "O", "since": "2003-01-01"})).await;
    let (_, q) =
        app.post(&path, &staff(), json!({"committee": "ISO/TC 207", "role": "P", "since": "2012-01-01"})).await;
    assert_eq!(q["code"], "participation_overlap", "the O-membership is still open");
    let one = format!("/participations/{}", p["id"].as_str().unwrap());
    let (status, closed) = app
        .put(
            &one,
            &staff(),
            json!({"committee": "ISO/TC 207", "role": "O", "since": "2003-01-01", "until": "2011-12-31"}),
        )
        .await;
    assert_eq!((status, closed["until"].as_str()), (200, Some("2011-12-31")), "{closed}");
    let (status, p2) =
        app.post(&path, &staff(), json!({"committee": "ISO/TC 207", "role": "P", "since": "2012-01-01"})).await;
    assert_eq!(status, 201);
    // Reopening the O-membership would overlap the P one now.
    let (status, body) =
        app.put(&one, &staff(), json!({"committee": "ISO/TC 207", "role": "O", "since": "2003-01-01"})).await;
    assert_eq!((status, body["code"].as_str()), (409, Some("participation_overlap")));

    let other = format!("/participations/{}", p2["id"].as_str().unwrap());
    for (role, caller) in everyone() {
        let (status, _) =
            app.put(&other, &caller, json!({"committee": "ISO/TC 207", "role": "P", "since": "2012-01-01"})).await;
        assert_eq!(status, editor_only(role), "{role}");
        if !matches!(role, "staff" | "admin") {
            let (status, _) =
                app.post(&path, &caller, json!({"committee": "ISO/TC 8", "role": "P", "since": "2001-01-01"})).await;
            assert_eq!(status, editor_only(role), "{role}");
            let (status, _) = app.delete(&other, &caller).await;
            assert_eq!(status, editor_only(role), "{role}");
        }
    }
    let (status, _) = app.delete(&other, &staff()).await;
    assert_eq!(status, 204);
    let (status, _) = app.delete(&other, &staff()).await;
    assert_eq!(status, 404);
    let (status, _) = app.get_json(&other, &staff()).await;
    assert_eq!(status, 404);
    let (_, left) = app.get_json(&path, &staff()).await;
    assert_eq!(left["total"], 1);
    let (status, _) = app.get_json(&path, &Caller::Anonymous).await;
    assert_eq!(status, 401);
}
