//! The IATI 2.03 export validates against the official schema (a real XML Schema validator,
//! `xmllint`), for the demo data of every service.

use std::path::{Path, PathBuf};
use std::process::Command;

use system_tests::TestSystem;

/// `xmllint`, installed from Debian's `libxml2-utils` when missing (as `cargo xtask` installs
/// Chromium). The test fails, never skips, when it cannot be had.
fn xmllint() -> &'static str {
    let present = || Command::new("xmllint").arg("--version").output().is_ok_and(|o| o.status.success());
    if !present() {
        let root = Command::new("id").arg("-u").output().is_ok_and(|o| o.stdout.starts_with(b"0"));
        let apt = |args: &[&str]| {
            let mut cmd = if root { Command::new("apt-get") } else { Command::new("sudo") };
            if !root {
                cmd.args(["-n", "apt-get"]);
            }
            cmd.args(args).env("DEBIAN_FRONTEND", "noninteractive").status()
        };
        let installed = apt(&["install", "-y", "--no-install-recommends", "libxml2-utils"]).is_ok_and(|s| s.success())
            || (apt(&["update"]).is_ok_and(|s| s.success())
                && apt(&["install", "-y", "--no-install-recommends", "libxml2-utils"]).is_ok_and(|s| s.success()));
        assert!(installed && present(), "xmllint is missing and Debian's libxml2-utils could not be installed");
    }
    "xmllint"
}

fn schema() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../crates/gateway/data/iati-2.03/iati-activities-schema.xsd")
}

#[tokio::test]
async fn the_iati_export_of_the_demo_data_validates_against_the_2_03_schema() {
    let system = TestSystem::start().await;
    let staff = system.sign_in("staff@trellis.test").await;
    let res = system.http.get(system.url("/api/projects/iati.xml")).send().await.unwrap();
    assert_eq!(res.status(), 200);
    assert!(res.headers()["content-type"].to_str().unwrap().starts_with("application/xml"));
    let xml = res.text().await.unwrap();

    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("iati.xml");
    std::fs::write(&file, &xml).unwrap();
    let out = Command::new(xmllint()).arg("--noout").arg("--schema").arg(schema()).arg(&file).output().unwrap();
    assert!(out.status.success(), "the export does not validate:\n{}\n{xml}", String::from_utf8_lossy(&out.stderr));

    // One activity per published project, none other.
    let mut published = 0;
    for s in ["approved", "funded", "in_progress", "completed", "evaluated"] {
        let (_, list) = system.get_json(&format!("/api/projects/projects?status={s}"), Some(&staff)).await;
        published += list["total"].as_u64().unwrap();
    }
    assert_eq!(xml.matches("<iati-activity ").count() as u64, published, "{xml}");
    for (what, needle) in [
        ("the secretariat as accountable", "role=\"2\""),
        ("the secretariat as extending", "role=\"3\""),
        ("the member as implementing", "role=\"4\""),
        ("the sector", "code=\"15144\""),
        ("liaison regions", "vocabulary=\"99\""),
        ("budgets", "<budget "),
    ] {
        assert!(xml.contains(needle), "no {what} in\n{xml}");
    }
    // The demo allocations appear as donors funding and as incoming funds and commitments.
    let (_, allocations) = system.get_json("/api/funding/allocations", Some(&staff)).await;
    if allocations["total"].as_u64().unwrap_or(0) > 0 {
        for needle in ["role=\"1\"", "<transaction-type code=\"1\"/>", "<transaction-type code=\"2\"/>"] {
            assert!(xml.contains(needle), "no {needle} in\n{xml}");
        }
    }
    let (_, disbursements) = system.get_json("/api/funding/disbursements", Some(&staff)).await;
    if disbursements["total"].as_u64().unwrap_or(0) > 0 {
        assert!(xml.contains("<transaction-type code=\"3\"/>"), "{xml}");
    }
    assert!(!xml.contains("trellis.test"), "no email address in the export");
}

async fn post(
    system: &TestSystem,
    path: &str,
    session: &system_tests::Session,
    body: serde_json::Value,
) -> serde_json::Value {
    let res = system.request(reqwest::Method::POST, path, Some(session)).json(&body).send().await.unwrap();
    let status = res.status().as_u16();
    let body: serde_json::Value = res.json().await.unwrap_or_default();
    assert!((200..300).contains(&status), "POST {path}: {status} {body}");
    body
}

/// Two donors fund one approved project (project earmarks), staff commit the plan and pay out
/// part of it: the dashboard's equity measure now flags the regions that got nothing, and the
/// export shows both donors as funding organisations with incoming funds, commitments and the
/// disbursement, and still validates.
#[tokio::test]
async fn allocated_money_moves_the_equity_measure_and_reaches_a_valid_iati_export() {
    use serde_json::json;
    let system = TestSystem::start().await;
    let staff = system.sign_in("staff@trellis.test").await;
    let committee = system.sign_in("committee@trellis.test").await;

    let (_, fundable) = system.get_json("/api/projects/projects?status=approved", Some(&staff)).await;
    let project = fundable["items"][0].clone();
    let project_id = project["id"].as_str().unwrap().to_owned();
    let (_, donors) = system.get_json("/api/funding/donors", Some(&staff)).await;
    let donors: Vec<String> =
        donors["items"].as_array().unwrap().iter().take(2).map(|d| d["id"].as_str().unwrap().to_owned()).collect();
    assert_eq!(donors.len(), 2);
    for (i, donor) in donors.iter().enumerate() {
        let amount = json!({"amount": "1000.00", "currency": "CHF"});
        let c = post(
            &system,
            "/api/funding/contributions",
            &staff,
            json!({"donor_id": donor, "amount": amount,
            "earmark": {"kind": "project", "project_id": project_id}}),
        )
        .await;
        let receipt = json!({"amount": amount, "value_date": format!("2026-0{}-01", i + 1)});
        post(&system, &format!("/api/funding/contributions/{}/receipt", c["id"].as_str().unwrap()), &staff, receipt)
            .await;
    }
    let plan = post(&system, "/api/funding/allocation-plans", &staff, json!({"priority": [project_id]})).await;
    post(
        &system,
        &format!("/api/funding/allocation-plans/{}/commit", plan["id"].as_str().unwrap()),
        &staff,
        json!(null),
    )
    .await;
    post(
        &system,
        "/api/funding/disbursements",
        &staff,
        json!({"project_id": project_id, "amount": {"amount": "500.00", "currency": "CHF"}, "note": "first tranche"}),
    )
    .await;

    // Equity: the project's regions now hold all the funding; every other region with
    // developing members is below parity.
    let (status, dash) = system.get_json("/api/dashboard", Some(&committee)).await;
    assert_eq!(status, 200, "{dash}");
    let equity = &dash["equity"];
    assert_ne!(equity["total_funding"]["amount"], "0.00", "{equity}");
    let funded: Vec<&str> = project["regions"].as_array().unwrap().iter().map(|r| r.as_str().unwrap()).collect();
    for r in equity["regions"].as_array().unwrap() {
        let region = r["region"].as_str().unwrap();
        let expect = !funded.contains(&region) && r["developing_members"].as_u64().unwrap() > 0;
        assert_eq!(r["below_parity"].as_bool(), Some(expect), "{r}");
    }
    assert!(!equity["flagged"].as_array().unwrap().is_empty(), "{equity}");

    let xml = system.http.get(system.url("/api/projects/iati.xml")).send().await.unwrap().text().await.unwrap();
    let start = xml.find(&format!("-{project_id}</iati-identifier>")).expect("the funded project is exported");
    let activity = &xml[start..start + xml[start..].find("</iati-activity>").unwrap()];
    assert!(
        activity.matches("role=\"1\"").count() >= 2,
        "the two pledging donors (and any other the plan drew on) fund it:\n{activity}"
    );
    // One incoming-funds and one commitment transaction per allocation (the plan may also
    // draw on the demo's unrestricted money, so there can be more allocations than pledges).
    let (_, allocations) =
        system.get_json(&format!("/api/funding/allocations?project_id={project_id}"), Some(&staff)).await;
    let allocations = allocations["total"].as_u64().unwrap() as usize;
    assert!(allocations >= 2);
    assert_eq!(activity.matches("<transaction-type code=\"1\"/>").count(), allocations, "{activity}");
    assert_eq!(activity.matches("<transaction-type code=\"2\"/>").count(), allocations, "{activity}");
    assert!(activity.contains("<transaction-type code=\"3\"/>") && activity.contains(">500.00</value>"), "{activity}");

    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("iati.xml");
    std::fs::write(&file, &xml).unwrap();
    let out = Command::new(xmllint()).arg("--noout").arg("--schema").arg(schema()).arg(&file).output().unwrap();
    assert!(out.status.success(), "{}\n{xml}", String::from_utf8_lossy(&out.stderr));
}
