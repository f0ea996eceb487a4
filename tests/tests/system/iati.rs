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
