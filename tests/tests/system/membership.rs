//! The membership service through the gateway, as the browser and scripts use it: cookie
//! sessions with CSRF tokens, each demo role, a CSV import, upgrades and the KPIs.

use reqwest::Method;
use serde_json::{Value, json};
use system_tests::{Session, TestSystem};

async fn send(system: &TestSystem, method: Method, path: &str, session: Option<&Session>, body: Value) -> (u16, Value) {
    let res = system.request(method, path, session).json(&body).send().await.unwrap();
    let status = res.status().as_u16();
    (status, res.json().await.unwrap_or(Value::Null))
}

#[tokio::test]
async fn each_role_does_what_it_may_with_the_registry() {
    let system = TestSystem::start().await;
    let staff = system.sign_in("staff@trellis.test").await;
    let member = system.sign_in("member@trellis.test").await;
    let committee = system.sign_in("committee@trellis.test").await;
    let donor = system.sign_in("donor@trellis.test").await;

    // Staff register a member body.
    let body = json!({"country": "NG", "name": "Standards Organisation of Nigeria", "acronym": "SON",
                      "category": "member_body", "joined_on": "1972-01-01"});
    let (status, son) = send(&system, Method::POST, "/api/membership/members", Some(&staff), body.clone()).await;
    assert_eq!(status, 201, "{son}");
    let (status, again) = send(&system, Method::POST, "/api/membership/members", Some(&staff), body).await;
    assert_eq!((status, again["code"].as_str()), (409, Some("country_has_member")));

    // The member edits its own contact details, nothing else, nobody else's.
    let own = format!("/api/membership/members/{}", platform::demo::MEMBER_ID);
    let contact = json!({"contact_person": "Jane Wanjiku", "email": "jane@kebs.example.org"});
    let (status, kebs) = send(&system, Method::PUT, &format!("{own}/contact"), Some(&member), contact.clone()).await;
    assert_eq!((status, kebs["contact_person"].as_str()), (200, Some("Jane Wanjiku")), "{kebs}");
    let (status, _) = send(&system, Method::PATCH, &own, Some(&member), json!({"name": "KEBS"})).await;
    assert_eq!(status, 403);
    let son_path = format!("/api/membership/members/{}", son["id"].as_str().unwrap());
    let (status, _) = send(&system, Method::PUT, &format!("{son_path}/contact"), Some(&member), contact.clone()).await;
    assert_eq!(status, 403);
    // The committee and donors read, and change nothing.
    for reader in [&committee, &donor] {
        let (status, page) = system.get_json("/api/membership/members", Some(reader)).await;
        assert_eq!((status, page["total"].as_u64()), (200, Some(11)));
        let (status, _) = send(&system, Method::PATCH, &son_path, Some(reader), json!({"devco": true})).await;
        assert_eq!(status, 403);
    }
    // Signed out: nothing but the reference data.
    let (status, _) = system.get_json(&own, None).await;
    assert_eq!(status, 401);
    let (status, _) = send(
        &system,
        Method::PUT,
        "/api/membership/countries/VE/developing",
        None,
        json!({"developing": true, "reason": "x"}),
    )
    .await;
    assert_eq!(status, 401);
    // A cookie write without the CSRF token is refused by the gateway.
    let res = system
        .http
        .patch(system.url(&son_path))
        .header("cookie", &staff.cookie)
        .json(&json!({"devco": true}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
}

#[tokio::test]
async fn staff_import_a_csv_file_through_the_gateway() {
    let system = TestSystem::start().await;
    let staff = system.sign_in("staff@trellis.test").await;
    let import = |csv: &'static str| {
        system
            .request(Method::POST, "/api/membership/import?kind=participations", Some(&staff))
            .header("content-type", "text/csv")
            .body(csv)
            .send()
    };
    let csv = "country,committee,role,since\r\nKE,ISO/TC 330,P,2021-01-01\r\nSN,ISO/TC 330,O,2022-06-01\r\n";
    let res = import(csv).await.unwrap();
    assert_eq!(res.status(), 200);
    let report: Value = res.json().await.unwrap();
    assert_eq!((report["created"].as_u64(), report["unchanged"].as_u64()), (Some(2), Some(0)));
    let report: Value = import(csv).await.unwrap().json().await.unwrap();
    assert_eq!((report["created"].as_u64(), report["unchanged"].as_u64()), (Some(0), Some(2)));

    let bad = "country,committee,role,since\r\nKE,ISO/TC 330,O,2021-06-01\r\nXX,ISO/TC 330,P,2021-01-01\r\n";
    let res = import(bad).await.unwrap();
    assert_eq!(res.status(), 422);
    let body: Value = res.json().await.unwrap();
    let lines: Vec<u64> =
        body["details"]["rows"].as_array().unwrap().iter().map(|p| p["line"].as_u64().unwrap()).collect();
    assert_eq!(lines, [2, 3], "{body}");

    let (status, page) = system.get_json("/api/membership/participations?committee=ISO/TC%20330", Some(&staff)).await;
    assert_eq!((status, page["total"].as_u64()), (200, Some(2)));
    let res = system
        .request(Method::GET, "/api/membership/participations?format=csv&committee=ISO/TC%20330", Some(&staff))
        .send()
        .await
        .unwrap();
    assert_eq!(res.headers()["content-disposition"], "attachment; filename=\"participations.csv\"");
}

#[tokio::test]
async fn upgrades_and_kpis_through_the_gateway() {
    let system = TestSystem::start().await;
    let staff = system.sign_in("staff@trellis.test").await;
    let member = system.sign_in("member@trellis.test").await;
    let committee = system.sign_in("committee@trellis.test").await;

    // KEBS is a member body already.
    let path = format!("/api/membership/members/{}/upgrade-requests", platform::demo::MEMBER_ID);
    let (status, body) =
        send(&system, Method::POST, &path, Some(&member), json!({"to_category": "member_body", "justification": "x"}))
            .await;
    assert_eq!((status, body["code"].as_str()), (409, Some("no_higher_category")));

    // Staff approve the demo's waiting request (Bhutan, subscriber → correspondent).
    let (_, queue) = system.get_json("/api/membership/upgrade-requests?status=open", Some(&staff)).await;
    let request = &queue["items"][0];
    let decision = format!("/api/membership/upgrade-requests/{}/decision", request["id"].as_str().unwrap());
    let (status, _) =
        send(&system, Method::POST, &decision, Some(&committee), json!({"decision": "approve", "reason": "ok"})).await;
    assert_eq!(status, 403, "the committee decides nothing");
    let (status, decided) =
        send(&system, Method::POST, &decision, Some(&staff), json!({"decision": "approve", "reason": "criteria met"}))
            .await;
    assert_eq!((status, decided["status"].as_str()), (200, Some("approved")), "{decided}");
    let (_, bsb) = system
        .get_json(&format!("/api/membership/members/{}", request["member_id"].as_str().unwrap()), Some(&staff))
        .await;
    assert_eq!(bsb["category"], "correspondent");

    // The committee reads the KPIs; the upgrade shows in this year's figures.
    let (status, kpis) = system.get_json("/api/membership/kpis", Some(&committee)).await;
    assert_eq!(status, 200, "{kpis}");
    let this_year = kpis["upgrades"].as_array().unwrap().last().unwrap().clone();
    assert!(this_year["subscriber_to_correspondent"].as_u64().unwrap() >= 1, "{this_year}");
    assert_eq!(kpis["regions"].as_array().unwrap().len(), 8);
    let (status, _) = system.get_json("/api/membership/kpis", Some(&member)).await;
    assert_eq!(status, 403);
    let (status, _) = system.get_json("/api/membership/kpis", None).await;
    assert_eq!(status, 401);
}
