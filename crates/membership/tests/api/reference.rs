//! Staff changes to the reference data: overriding `developing`, moving a country to another
//! liaison region, renaming a region; and the history of the mapping that the KPIs rely on.

use api_types::PageQuery;
use api_types::membership::ListCountries;
use platform::Caller;
use proptest::prelude::*;
use serde_json::{Value, json};

use crate::helpers::{TestApp, editor_only, everyone, spawn_app, staff, today};

#[tokio::test]
async fn staff_override_developing_with_a_reason_and_the_basis_shows() {
    let app = spawn_app().await;
    // Moldova: upper-middle income, developing by income, in CEECA.
    let (_, md) = app.get_json("/countries/MD", &Caller::Anonymous).await;
    assert_eq!((md["developing"].as_bool(), md["developing_basis"].as_str()), (Some(true), Some("income_level")));

    // Venezuela has no income level: not developing, no region. Staff decide it is, and the
    // geographic rule suggests Latin America.
    let (_, ve) = app.get_json("/countries/VE", &Caller::Anonymous).await;
    assert_eq!((ve["developing"].as_bool(), ve["developing_basis"].as_str()), (Some(false), Some("unclassified")));
    let (status, ve) = app
        .put(
            "/countries/VE/developing",
            &staff(),
            json!({"developing": true, "reason": "economy in crisis; programme decision 2024/3"}),
        )
        .await;
    assert_eq!(status, 200, "{ve}");
    assert_eq!(ve["developing"], true);
    assert_eq!(ve["developing_by_income"], false);
    assert_eq!(ve["developing_basis"], "staff_override");
    assert_eq!(ve["developing_reason"], "economy in crisis; programme decision 2024/3");
    assert!(ve["developing_decided_by"].is_string() && ve["developing_decided_at"].is_string());
    assert_eq!(ve["liaison_region"], "latin-america");

    // The Cook Islands, placed by staff in a named region.
    let (status, ck) = app
        .put("/countries/CK/developing", &staff(), json!({"developing": true, "reason": "SIDS", "region": "pacific"}))
        .await;
    assert_eq!((status, ck["liaison_region"].as_str()), (200, Some("pacific")));

    // Moldova marked not developing: it leaves CEECA, from the day given.
    let (status, md) = app
        .put(
            "/countries/MD/developing",
            &staff(),
            json!({"developing": false, "reason": "EU accession", "effective_on": "2024-01-01"}),
        )
        .await;
    assert_eq!(status, 200, "{md}");
    assert_eq!((md["developing"].as_bool(), md["liaison_region"].clone()), (Some(false), Value::Null));
    let (_, before) = app.get_json("/region-mapping?country=MD&on=2023-12-31", &staff()).await;
    assert_eq!(before["items"][0]["region"], "ceeca");
    let (_, after) = app.get_json("/region-mapping?country=MD&on=2024-01-01", &staff()).await;
    assert_eq!(after["total"], 0);
    let (_, history) = app.get_json("/region-mapping?country=MD", &staff()).await;
    assert_eq!(history["items"][0]["valid_to"], "2024-01-01");
    assert_eq!(history["items"][0]["closed_reason"], "EU accession");

    // Back to the income level as the basis: developing again, in the suggested region.
    let (status, md) =
        app.put("/countries/MD/developing", &staff(), json!({"developing": null, "reason": "decision revoked"})).await;
    assert_eq!(status, 200, "{md}");
    assert_eq!((md["developing_basis"].as_str(), md["liaison_region"].as_str()), (Some("income_level"), Some("ceeca")));
    assert_eq!(md["developing_reason"], Value::Null);

    // The list filter by basis, and the reference history.
    let (_, overrides) = app.get_json("/countries?basis=staff_override", &Caller::Anonymous).await;
    let codes: Vec<&str> = overrides["items"].as_array().unwrap().iter().map(|c| c["code"].as_str().unwrap()).collect();
    assert_eq!(codes, ["CK", "VE"]);
    let (_, changes) = app.get_json("/reference-changes?subject=MD", &staff()).await;
    let kinds: Vec<&str> = changes["items"].as_array().unwrap().iter().map(|c| c["change"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["developing_reset", "developing_override"], "newest first");
    assert_eq!(changes["items"][1]["before"], "developing (income_level), region ceeca");
    assert_eq!(changes["items"][1]["after"], "not developing (staff_override)");
}

#[tokio::test]
async fn overrides_are_checked() {
    let app = spawn_app().await;
    let (status, body) =
        app.put("/countries/VE/developing", &staff(), json!({"developing": true, "reason": "  "})).await;
    assert_eq!(status, 422);
    assert!(body["details"]["fields"]["reason"].is_string());
    let (status, _) = app.put("/countries/VE/developing", &staff(), json!({"developing": true})).await;
    assert_eq!(status, 422, "a reason is required");
    let (status, body) = app
        .put("/countries/VE/developing", &staff(), json!({"developing": true, "reason": "x", "region": "atlantis"}))
        .await;
    assert_eq!(status, 422);
    assert!(body["details"]["fields"]["region"].as_str().unwrap().contains("atlantis"));
    let (status, _) = app
        .put("/countries/CH/developing", &staff(), json!({"developing": false, "reason": "x", "region": "asia"}))
        .await;
    assert_eq!(status, 422, "a country that is not developing has no region");
    // Antarctica has no M49 region to suggest a liaison region from.
    let (status, body) =
        app.put("/countries/AQ/developing", &staff(), json!({"developing": true, "reason": "x"})).await;
    assert_eq!(status, 422);
    assert!(body["details"]["fields"]["region"].is_string(), "{body}");
    let tomorrow = (today() + chrono::Days::new(1)).to_string();
    let (status, _) = app
        .put("/countries/VE/developing", &staff(), json!({"developing": true, "reason": "x", "effective_on": tomorrow}))
        .await;
    assert_eq!(status, 422, "never in the future");
    let (status, _) = app.put("/countries/XX/developing", &staff(), json!({"developing": true, "reason": "x"})).await;
    assert_eq!(status, 404);
    for (role, caller) in everyone() {
        let (status, _) =
            app.put("/countries/KE/developing", &caller, json!({"developing": true, "reason": "pinned"})).await;
        assert_eq!(status, editor_only(role), "{role}");
    }
    // Sending the same decision again changes nothing more.
    let (_, changes) = app.get_json("/reference-changes?subject=KE", &staff()).await;
    assert_eq!(changes["total"], 1, "{changes}");
}

#[tokio::test]
async fn staff_move_a_country_and_the_history_keeps_the_old_region() {
    let app = spawn_app().await;
    let pacific = |regions: &Value| {
        regions["items"].as_array().unwrap().iter().find(|r| r["code"] == "pacific").unwrap()["country_count"]
            .as_u64()
            .unwrap()
    };
    let pacific_before = pacific(&app.get_json("/regions", &Caller::Anonymous).await.1);
    let (status, fj) = app
        .put(
            "/countries/FJ/region",
            &staff(),
            json!({"region": "asia", "reason": "regional office reorganised", "effective_on": "2020-07-01"}),
        )
        .await;
    assert_eq!(status, 200, "{fj}");
    assert_eq!(fj["liaison_region"], "asia");
    let (_, old) = app.get_json("/region-mapping?country=fj&on=2020-06-30", &staff()).await;
    assert_eq!(old["items"][0]["region"], "pacific");
    let (_, new) = app.get_json("/region-mapping?country=FJ&on=2020-07-01", &staff()).await;
    assert_eq!(new["items"][0]["region"], "asia");
    assert_eq!(new["items"][0]["opened_reason"], "regional office reorganised");
    let (_, history) = app.get_json("/region-mapping?country=FJ", &staff()).await;
    assert_eq!(history["total"], 2);
    assert_eq!(history["items"][0]["valid_from"], Value::Null, "the default mapping holds since the start");
    assert_eq!(history["items"][0]["valid_to"], "2020-07-01");

    // The region counts follow.
    assert_eq!(pacific(&app.get_json("/regions", &Caller::Anonymous).await.1), pacific_before - 1);

    // Refusals.
    let (status, body) = app.put("/countries/FJ/region", &staff(), json!({"region": "asia", "reason": "again"})).await;
    assert_eq!((status, body["code"].as_str()), (409, Some("already_in_region")));
    let (status, body) = app.put("/countries/CH/region", &staff(), json!({"region": "ceeca", "reason": "x"})).await;
    assert_eq!((status, body["code"].as_str()), (409, Some("country_not_developing")));
    let (status, body) = app
        .put(
            "/countries/FJ/region",
            &staff(),
            json!({"region": "pacific", "reason": "x", "effective_on": "2019-01-01"}),
        )
        .await;
    assert_eq!(status, 422, "never before the latest change");
    assert!(body["details"]["fields"]["effective_on"].as_str().unwrap().contains("2020-07-01"));
    let (status, _) = app.put("/countries/FJ/region", &staff(), json!({"region": "atlantis", "reason": "x"})).await;
    assert_eq!(status, 422);
    let (status, _) = app.put("/countries/FJ/region", &staff(), json!({"region": "pacific"})).await;
    assert_eq!(status, 422, "a reason is required");
    let (status, _) = app.put("/countries/XX/region", &staff(), json!({"region": "asia", "reason": "x"})).await;
    assert_eq!(status, 404);
    for (role, caller) in everyone() {
        let region = if role == "admin" { "pacific" } else { "ceeca" };
        let (status, _) = app.put("/countries/KZ/region", &caller, json!({"region": region, "reason": "x"})).await;
        let expected = match (role, editor_only(role)) {
            // Kazakhstan is in CEECA already when staff, last, moves it there: admin moved it out.
            ("staff", _) => 200,
            (_, s) => s,
        };
        assert_eq!(status, expected, "{role}");
    }
}

#[tokio::test]
async fn staff_rename_a_region_and_the_code_stays() {
    let app = spawn_app().await;
    let (status, region) = app
        .patch(
            "/regions/ceeca",
            &staff(),
            json!({"name_en": "Eastern Europe and Central Asia", "reason": "DEVCO resolution 12/2025"}),
        )
        .await;
    assert_eq!(status, 200, "{region}");
    assert_eq!(region["code"], "ceeca");
    assert_eq!(region["name_en"], "Eastern Europe and Central Asia");
    assert_eq!(region["name_fr"], "Europe centrale et orientale et Asie centrale");
    assert!(region["country_count"].as_u64().unwrap() > 0);
    let (_, regions) = app.get_json("/regions", &Caller::Anonymous).await;
    assert!(regions["items"].as_array().unwrap().iter().any(|r| r["name_en"] == "Eastern Europe and Central Asia"));
    let (_, changes) = app.get_json("/reference-changes?change=region_rename", &staff()).await;
    assert_eq!(changes["total"], 1);
    assert_eq!(changes["items"][0]["subject"], "ceeca");
    assert!(changes["items"][0]["before"].as_str().unwrap().starts_with("Central and Eastern Europe"));

    let (status, body) = app.patch("/regions/ceeca", &staff(), json!({"reason": "nothing"})).await;
    assert_eq!(status, 422, "{body}");
    let (status, body) = app.patch("/regions/ceeca", &staff(), json!({"name_fr": " ", "reason": "x"})).await;
    assert_eq!(status, 422);
    assert!(body["details"]["fields"]["name_fr"].is_string());
    let (status, _) = app.patch("/regions/atlantis", &staff(), json!({"name_en": "Atlantis", "reason": "x"})).await;
    assert_eq!(status, 404);
    for (role, caller) in everyone() {
        let (status, _) = app.patch("/regions/asia", &caller, json!({"name_fr": "Asie", "reason": "x"})).await;
        assert_eq!(status, editor_only(role), "{role}");
    }
}

#[tokio::test]
async fn the_histories_are_readable_by_role_and_export_as_csv() {
    let app = spawn_app().await;
    for (role, caller) in everyone() {
        let (status, _) = app.get_json("/region-mapping?per_page=1", &caller).await;
        assert_eq!(status, if role == "anonymous" { 401 } else { 200 }, "{role}");
        let (status, _) = app.get_json("/reference-changes", &caller).await;
        let expected = match role {
            "anonymous" => 401,
            "staff" | "admin" | "committee" => 200,
            _ => 403,
        };
        assert_eq!(status, expected, "{role}");
    }
    let (status, content_type, csv) = app.get_text("/region-mapping?format=csv&region=caribbean", &staff()).await;
    assert_eq!((status, content_type.as_str()), (200, "text/csv; charset=utf-8"));
    assert!(csv.starts_with("id,country,region,valid_from,valid_to"), "{csv}");
    assert!(csv.contains(",JM,caribbean,,,"), "{csv}");
    let (status, _) = app.get_json("/region-mapping?region=atlantis", &staff()).await;
    assert_eq!(status, 422);
    let (status, body) = app.get_json("/region-mapping?on=yesterday", &staff()).await;
    assert_eq!((status, body["code"].as_str()), (400, Some("invalid_query")));
    let (status, _, csv) = app.get_text("/reference-changes?format=csv", &staff()).await;
    assert_eq!(status, 200);
    assert!(csv.is_empty() || csv.starts_with("id,"), "{csv}");
}

/// Every developing country has exactly one open period, in the region the country shows, and
/// the region counts add up to the developing countries; every country's periods are in order
/// and never overlap.
async fn assert_mapping_is_consistent(app: &TestApp) {
    let anon = app.client(&Caller::Anonymous);
    let mut developing = Vec::new();
    for page in 1..=2 {
        let p = anon
            .countries(
                &ListCountries { developing: Some(true), ..Default::default() },
                PageQuery { page, per_page: 200 },
            )
            .await
            .unwrap();
        developing.extend(p.items);
    }
    let regions = anon.regions().await.unwrap();
    assert_eq!(regions.items.iter().map(|r| r.country_count).sum::<u64>(), developing.len() as u64);
    let (_, mapping) = app.get_text("/region-mapping?format=csv", &staff()).await.2.pipe_csv();
    let today = today().to_string();
    for country in &developing {
        let region = country.liaison_region.as_deref().unwrap_or_else(|| panic!("{} has no region", country.code));
        let open: Vec<&Vec<String>> = mapping.iter().filter(|r| r[1] == country.code && r[4].is_empty()).collect();
        assert_eq!(open.len(), 1, "{}: {open:?}", country.code);
        assert_eq!(open[0][2], region, "{}", country.code);
    }
    let open_total = mapping.iter().filter(|r| r[4].is_empty()).count();
    assert_eq!(open_total, developing.len(), "no open period for a country that is not developing");
    let mut by_country: std::collections::BTreeMap<&str, Vec<&Vec<String>>> = Default::default();
    for row in &mapping {
        by_country.entry(row[1].as_str()).or_default().push(row);
    }
    for (country, rows) in by_country {
        for pair in rows.windows(2) {
            // Rows come in the order they were written: each one starts where the last ended.
            assert!(!pair[0][4].is_empty(), "{country}: only the last period may be open");
            assert!(pair[0][4] <= pair[1][3], "{country}: {pair:?} overlap");
        }
        assert!(rows.iter().all(|r| r[3].as_str() <= today.as_str() && r[4].as_str() <= today.as_str()));
    }
}

trait PipeCsv {
    fn pipe_csv(self) -> (u16, Vec<Vec<String>>);
}

impl PipeCsv for String {
    fn pipe_csv(self) -> (u16, Vec<Vec<String>>) {
        let mut reader = csv::Reader::from_reader(self.as_bytes());
        let rows = reader.records().map(|r| r.unwrap().iter().map(str::to_owned).collect()).collect();
        (200, rows)
    }
}

#[derive(Debug, Clone)]
enum Step {
    Move { country: usize, region: usize, days_ago: u64 },
    Developing { country: usize, developing: Option<bool>, days_ago: u64 },
}

const COUNTRIES: [&str; 8] = ["FJ", "KE", "MD", "VE", "CH", "SN", "JM", "KZ"];
const REGIONS: [&str; 8] =
    ["africa-anglophone", "africa-francophone", "arab", "asia", "pacific", "ceeca", "latin-america", "caribbean"];

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        (0..COUNTRIES.len(), 0..REGIONS.len(), 0u64..400).prop_map(|(country, region, days_ago)| Step::Move {
            country,
            region,
            days_ago
        }),
        (0..COUNTRIES.len(), proptest::option::of(any::<bool>()), 0u64..400)
            .prop_map(|(country, developing, days_ago)| Step::Developing { country, developing, days_ago }),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 6, max_shrink_iters: 20, ..ProptestConfig::default() })]

    /// Random staff moves and overrides through the API, on the real database (refused ones
    /// included: same region, not developing, before the latest change) keep every developing
    /// country in exactly one region and every history consistent.
    #[test]
    fn random_moves_through_the_api_keep_the_mapping_consistent(steps in proptest::collection::vec(step(), 1..14)) {
        let runtime = tokio::runtime::Runtime::new().unwrap();
        runtime.block_on(async {
            let app = spawn_app().await;
            for step in steps {
                let (path, body, days_ago) = match step {
                    Step::Move { country, region, days_ago } => (
                        format!("/countries/{}/region", COUNTRIES[country]),
                        json!({"region": REGIONS[region], "reason": "random move"}),
                        days_ago,
                    ),
                    Step::Developing { country, developing, days_ago } => (
                        format!("/countries/{}/developing", COUNTRIES[country]),
                        json!({"developing": developing, "reason": "random decision"}),
                        days_ago,
                    ),
                };
                let mut body = body;
                body["effective_on"] = json!((today() - chrono::Days::new(days_ago)).to_string());
                let (status, answer) = app.put(&path, &staff(), body).await;
                assert!(matches!(status, 200 | 409 | 422), "{path}: {status} {answer}");
                if status == 409 {
                    assert!(matches!(answer["code"].as_str(), Some("already_in_region" | "country_not_developing")), "{answer}");
                }
            }
            assert_mapping_is_consistent(&app).await;
        });
    }
}

#[tokio::test]
async fn the_default_mapping_is_consistent() {
    let app = spawn_app().await;
    assert_mapping_is_consistent(&app).await;
}
