//! CSV import of members and participations: checked first, all or nothing, idempotent.

use serde_json::Value;

use crate::helpers::{everyone, spawn_app, staff};

const MEMBERS: &str = "\u{feff}Country,Name,Acronym,Category,Joined on,Status,Left on,DEVCO,Email,Website\r\n\
KE,Kenya Bureau of Standards,KEBS,member_body,1974-01-01,active,,yes,info@kebs.example.org,https://kebs.example.org\r\n\
SN,\"Association sénégalaise de normalisation\",ASN,Member body,1983-01-01,,,no,,\r\n\
FJ,\"Department of National Trade Measurement and Standards, Fiji\",DNTMS,correspondent,1998-01-01,,,,,\r\n\
CH,Swiss Association for Standardization,SNV,member_body,1947-02-23,,,,,\r\n\
GH,Ghana Standards Board,GSB,member_body,1966-01-01,withdrawn,2001-06-30,,,\r\n\
GH,Ghana Standards Authority,GSA,member_body,2001-07-01,,,,,\r\n";

fn problems(body: &Value) -> Vec<(u64, Option<String>)> {
    body["details"]["rows"]
        .as_array()
        .unwrap_or_else(|| panic!("no rows in {body}"))
        .iter()
        .map(|p| (p["line"].as_u64().unwrap(), p["column"].as_str().map(str::to_owned)))
        .collect()
}

fn col(line: u64, column: &str) -> (u64, Option<String>) {
    (line, Some(column.to_owned()))
}

#[tokio::test]
async fn a_members_file_is_imported_once_and_a_second_time_changes_nothing() {
    let app = spawn_app().await;
    let (status, report) = app.import("members", MEMBERS).await;
    assert_eq!(status, 200, "{report}");
    assert_eq!(report, serde_json::json!({"kind": "members", "rows": 6, "created": 6, "updated": 0, "unchanged": 0}));
    let (_, page) = app.get_json("/members?per_page=200", &staff()).await;
    assert_eq!(page["total"], 6);
    let fiji = app.demo_member("DNTMS").await;
    assert_eq!(fiji.name, "Department of National Trade Measurement and Standards, Fiji");
    let gsb = app.demo_member("GSB").await;
    assert_eq!((gsb.status.as_str(), gsb.left_on.map(|d| d.to_string())), ("withdrawn", Some("2001-06-30".to_owned())));
    assert_eq!(app.events("member.created").await.len(), 6);

    let (status, again) = app.import("members", MEMBERS).await;
    assert_eq!(status, 200, "{again}");
    assert_eq!(again, serde_json::json!({"kind": "members", "rows": 6, "created": 0, "updated": 0, "unchanged": 6}));
    assert_eq!(app.events("member.created").await.len(), 6, "no new events on a re-run");

    // A changed file updates what differs (a category change is recorded and announced).
    let changed = MEMBERS.replace("DNTMS,correspondent", "DNTMS,member_body");
    let (status, report) = app.import("members", &changed).await;
    assert_eq!((status, report["updated"].as_u64(), report["unchanged"].as_u64()), (200, Some(1), Some(5)), "{report}");
    let events = app.events("member.category_changed").await;
    assert_eq!(events.len(), 1);
    assert!(events[0]["reason"].as_str().unwrap().contains("CSV import, line 4"), "{}", events[0]);
    let (_, history) = app.get_json(&format!("/members/{}/category-history", fiji.id), &staff()).await;
    assert_eq!(history["total"], 2);
}

#[tokio::test]
async fn bad_rows_are_all_reported_with_their_lines_and_nothing_is_imported() {
    let app = spawn_app().await;
    let csv = "country,name,acronym,category,joined_on,email\n\
               KE,Kenya Bureau of Standards,KEBS,member_body,1974-01-01,info@kebs.example.org\n\
               XX,Nowhere,NWH,member_body,2000-01-01,\n\
               SN,Association sénégalaise de normalisation,ASN,gold,01/02/1983,not-an-email\n\
               FJ,Fiji,DNTMS,subscriber\n\
               KE,Kenya Standards Agency,KSA,member_body,2020-01-01,\n";
    let (status, body) = app.import("members", csv).await;
    assert_eq!((status, body["code"].as_str()), (422, Some("validation_failed")), "{body}");
    assert_eq!(
        problems(&body),
        [
            col(2, "status"),
            col(3, "country"),
            col(4, "category"),
            col(4, "joined_on"),
            col(4, "email"),
            (5, None),
            col(6, "status"),
        ]
    );
    assert!(body["message"].as_str().unwrap().contains("Nothing was imported"), "{body}");
    assert!(body["details"]["fields"]["line 4"].as_str().unwrap().contains("gold"), "{body}");
    assert!(body["details"]["rows"][0]["message"].as_str().unwrap().contains("KEBS (line 2), KSA (line 6)"), "{body}");
    let (_, page) = app.get_json("/members", &staff()).await;
    assert_eq!(page["total"], 0, "nothing imported, not even the good row");
    assert!(app.events("member.created").await.is_empty());
}

#[tokio::test]
async fn malformed_files_get_the_documented_errors() {
    let app = spawn_app().await;
    // A header that does not name the columns.
    let (status, body) = app.import("members", "country;name;acronym\nKE;KEBS;KEBS\n").await;
    assert_eq!(status, 422);
    assert!(problems(&body).iter().all(|(line, _)| *line == 1), "{body}");
    assert!(body["details"]["rows"][0]["message"].as_str().unwrap().contains("unknown column"), "{body}");
    let (status, body) = app.import("members", "country,name,acronym,category\nKE,KEBS,KEBS,member_body\n").await;
    assert_eq!(status, 422);
    assert_eq!(problems(&body), [col(1, "joined_on")]);
    let (status, body) = app.import("members", "").await;
    assert_eq!(status, 422);
    assert!(body["details"]["rows"][0]["message"].as_str().unwrap().contains("empty"));
    let (status, body) = app.import("members", "country,name,acronym,category,joined_on\n").await;
    assert_eq!(status, 422);
    assert!(body["details"]["rows"][0]["message"].as_str().unwrap().contains("no data rows"));
    // Not UTF-8 (Latin-1 "é" on line 3).
    let mut latin1 =
        b"country,name,acronym,category,joined_on\nKE,KEBS,KEBS,member_body,1974-01-01\nSN,Associ".to_vec();
    latin1.push(0xE9);
    latin1.extend_from_slice(b"e,ASN,member_body,1983-01-01\n");
    let (status, body) = app.import_as("members", latin1, &staff(), "text/csv").await;
    assert_eq!((status, body["code"].as_str()), (400, Some("malformed_csv")), "{body}");
    assert!(body["message"].as_str().unwrap().contains("line 3"), "{body}");
    // Not CSV at all, or another charset.
    let (status, body) = app.import_as("members", MEMBERS.to_owned(), &staff(), "application/json").await;
    assert_eq!((status, body["code"].as_str()), (415, Some("unsupported_media_type")));
    let (status, _) = app.import_as("members", MEMBERS.to_owned(), &staff(), "text/csv; charset=latin1").await;
    assert_eq!(status, 415);
    let (status, _) = app.import_as("members", MEMBERS.to_owned(), &staff(), "text/csv; charset=UTF-8").await;
    assert_eq!(status, 200);
    // An unknown or missing kind.
    let (status, body) = app.import("donors", MEMBERS).await;
    assert_eq!((status, body["code"].as_str()), (400, Some("invalid_query")));
    let res = app
        .http
        .post(app.service.url("/import"))
        .header("x-trellis-identity", app.service.sign(&staff()))
        .header("content-type", "text/csv")
        .body(MEMBERS)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 400);
}

#[tokio::test]
async fn only_staff_and_admins_import() {
    let app = spawn_app().await;
    for (role, caller) in everyone() {
        let (status, body) = app.import_as("members", MEMBERS.to_owned(), &caller, "text/csv").await;
        let expected = match role {
            "anonymous" => 401,
            "staff" | "admin" => 200,
            _ => 403,
        };
        assert_eq!(status, expected, "{role}: {body}");
    }
    // Even a malformed body from a role that may not import is a 403, not a hint about the file.
    let (status, _) =
        app.import_as("members", "x".to_owned(), &crate::helpers::kebs_account(), "application/json").await;
    assert_eq!(status, 403);
}

const PARTICIPATIONS: &str = "country,committee,role,since,until\n\
KE,ISO/TC 176,P,2001-01-01,\n\
KE,iso/tc 34/sc17,P,2005-01-01,\n\
KE,ISO/TC 34/SC 17,secretariat,2015-01-01,\n\
SN,ISO/TC 176,O,2003-06-01,2010-12-31\n\
SN,ISO/TC 176,P,2011-01-01,\n\
CH,ISO/IEC JTC 1/SC 27,P,1990-01-01,\n";

#[tokio::test]
async fn a_participations_file_is_imported_once_and_updates_end_dates() {
    let app = spawn_app().await;
    let (status, _) = app.import("members", MEMBERS).await;
    assert_eq!(status, 200);
    let (status, report) = app.import("participations", PARTICIPATIONS).await;
    assert_eq!(status, 200, "{report}");
    assert_eq!((report["created"].as_u64(), report["rows"].as_u64()), (Some(6), Some(6)));
    let (status, again) = app.import("participations", PARTICIPATIONS).await;
    assert_eq!((status, again["unchanged"].as_u64(), again["created"].as_u64()), (200, Some(6), Some(0)));
    let ended = PARTICIPATIONS.replace("KE,ISO/TC 176,P,2001-01-01,", "KE,ISO/TC 176,P,2001-01-01,2020-12-31");
    let (status, report) = app.import("participations", &ended).await;
    assert_eq!((status, report["updated"].as_u64()), (200, Some(1)), "{report}");
    let (_, kebs_176) = app.get_json("/participations?committee=ISO/TC%20176&on=2021-01-01", &staff()).await;
    assert_eq!(kebs_176["total"], 1, "only ASN's P-membership holds then: {kebs_176}");
    // A past member is named with an acronym column.
    let past = "country,acronym,committee,role,since,until\nGH,GSB,ISO/TC 34,O,1995-01-01,2001-06-30\n";
    let (status, report) = app.import("participations", past).await;
    assert_eq!((status, report["created"].as_u64()), (200, Some(1)), "{report}");
}

#[tokio::test]
async fn bad_participation_rows_are_all_reported_and_nothing_is_imported() {
    let app = spawn_app().await;
    let (status, _) = app.import("members", MEMBERS).await;
    assert_eq!(status, 200);
    let csv = "country,committee,role,since,until\n\
               KE,ISO/TC 176,P,2001-01-01,\n\
               KE,ISO/TC 176,O,2005-01-01,\n\
               BT,ISO/TC 176,P,2001-01-01,\n\
               SN,TC 999,chair,2001-13-01,\n\
               SN,ISO/TC 207,P,2001-01-01,2000-01-01\n\
               CH,ISO/TC 34/SC 17,secretariat,2010-01-01,\n\
               SN,ISO/TC 34/SC 17,secretariat,2012-01-01,2014-12-31\n";
    let (status, body) = app.import("participations", csv).await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(
        problems(&body),
        [
            (2, None),
            (3, None),
            col(4, "country"),
            col(5, "role"),
            col(5, "since"),
            col(5, "committee"),
            col(6, "until"),
            (7, None),
            (8, None),
        ]
    );
    let (_, page) = app.get_json("/participations", &staff()).await;
    assert_eq!(page["total"], 0);
    // A row against what is recorded already.
    let (status, _) = app.import("participations", "country,committee,role,since\nKE,ISO/TC 176,P,2001-01-01\n").await;
    assert_eq!(status, 200);
    let (status, body) =
        app.import("participations", "country,committee,role,since\nKE,ISO/TC 176,O,2002-01-01\n").await;
    assert_eq!(status, 422);
    assert!(body["details"]["rows"][0]["message"].as_str().unwrap().contains("already recorded"), "{body}");
}
