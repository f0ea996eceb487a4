//! Countries and liaison regions from the real reference data.

use api_types::PageQuery;
use api_types::membership::{CountrySort, DevelopingBasis, IncomeLevel, ListCountries};
use platform::Caller;

use crate::helpers::spawn_app;

const ALL: PageQuery = PageQuery { page: 1, per_page: 200 };

#[tokio::test]
async fn countries_come_from_the_real_data_and_are_public() {
    let app = spawn_app().await;
    let anon = app.client(&Caller::Anonymous);
    let page = anon.countries(&ListCountries::default(), ALL).await.unwrap();
    assert!(page.total > 240, "expected the full country list, got {}", page.total);
    assert_eq!(page.items.len(), 200);

    let kenya = anon.countries(&ListCountries { q: Some("kenya".into()), ..Default::default() }, ALL).await.unwrap();
    assert_eq!(kenya.total, 1);
    let ke = &kenya.items[0];
    assert_eq!((ke.code.as_str(), ke.alpha3.as_str(), ke.m49.as_str()), ("KE", "KEN", "404"));
    assert_eq!(ke.m49_region.as_deref(), Some("Africa"));
    assert_eq!(ke.income_level, Some(IncomeLevel::LowerMiddle));
    assert!(ke.developing);
    assert_eq!(ke.developing_basis, DevelopingBasis::IncomeLevel);
    assert_eq!(ke.liaison_region.as_deref(), Some("africa-anglophone"));
    assert_eq!(ke.name_fr, "Kenya");

    // French names are searchable too.
    let senegal =
        anon.countries(&ListCountries { q: Some("Sénégal".into()), ..Default::default() }, ALL).await.unwrap();
    assert_eq!(senegal.items.iter().map(|c| c.code.as_str()).collect::<Vec<_>>(), ["SN"]);

    let switzerland =
        anon.countries(&ListCountries { q: Some("CHE".into()), ..Default::default() }, ALL).await.unwrap();
    assert!(!switzerland.items[0].developing);
    assert_eq!(switzerland.items[0].liaison_region, None);
}

#[tokio::test]
async fn every_region_filter_returns_only_its_developing_countries() {
    let app = spawn_app().await;
    let anon = app.client(&Caller::Anonymous);
    let regions = app.client(&Caller::Anonymous).regions().await.unwrap();
    assert_eq!(regions.total, 8);
    let codes: Vec<_> = regions.items.iter().map(|r| r.code.as_str()).collect();
    assert_eq!(
        codes,
        ["africa-anglophone", "africa-francophone", "arab", "asia", "pacific", "ceeca", "latin-america", "caribbean"]
    );
    let developing = anon
        .countries(&ListCountries { developing: Some(true), ..Default::default() }, PageQuery { page: 1, per_page: 1 })
        .await
        .unwrap();
    let mut sum = 0;
    for region in &regions.items {
        assert!(region.country_count > 0, "{} has no country", region.code);
        let page = anon
            .countries(&ListCountries { region: Some(region.code.clone()), ..Default::default() }, ALL)
            .await
            .unwrap();
        assert_eq!(page.total, region.country_count, "{}", region.code);
        assert!(page.items.iter().all(|c| c.developing && c.liaison_region.as_deref() == Some(region.code.as_str())));
        sum += region.country_count;
    }
    assert_eq!(sum, developing.total, "every developing country is in exactly one region");
}

#[tokio::test]
async fn countries_sort_by_the_name_a_reader_sees() {
    let app = spawn_app().await;
    let anon = app.client(&Caller::Anonymous);
    let africa = |sort| ListCountries { region: Some("africa-anglophone".into()), sort, ..Default::default() };
    let fr = anon.countries(&africa(CountrySort::NameFr), ALL).await.unwrap();
    let names: Vec<&str> = fr.items.iter().map(|c| c.name_fr.as_str()).collect();
    let folded: Vec<String> = names.iter().map(|n| platform::text::fold(n)).collect();
    assert!(folded.is_sorted(), "{names:?}");
    // "Afrique du Sud" is first in French, not among the S's as in English.
    assert_eq!(names[0], "Afrique du Sud");
    let en = anon.countries(&africa(CountrySort::NameEn), ALL).await.unwrap();
    assert_eq!(en.items[0].name_en, "Angola");
    let by_code = anon.countries(&africa(CountrySort::Code), ALL).await.unwrap();
    assert!(by_code.items.windows(2).all(|w| w[0].code < w[1].code));
}

#[tokio::test]
async fn unknown_regions_and_codes_get_clear_errors() {
    let app = spawn_app().await;
    let (status, body) = app.get_json("/countries?region=atlantis", &Caller::Anonymous).await;
    assert_eq!(status, 422);
    assert!(body["details"]["fields"]["region"].as_str().unwrap().contains("atlantis"));
    let (status, body) = app.get_json("/countries/XX", &Caller::Anonymous).await;
    assert_eq!((status, body["code"].as_str()), (404, Some("not_found")));
    let (status, body) = app.get_json("/countries/ke", &Caller::Anonymous).await;
    assert_eq!((status, body["code"].as_str()), (200, Some("KE")));
    let (status, body) = app.get_json("/countries?developing=maybe", &Caller::Anonymous).await;
    assert_eq!((status, body["code"].as_str()), (400, Some("invalid_query")));
}

#[tokio::test]
async fn countries_and_regions_export_as_csv() {
    let app = spawn_app().await;
    let anon = app.service.sign(&Caller::Anonymous);
    let csv = app
        .http
        .get(app.service.url("/countries?format=csv&region=caribbean"))
        .header("x-trellis-identity", &anon)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let mut lines = csv.lines();
    assert!(lines.next().unwrap().starts_with("code,alpha3,m49,name_en,name_fr"));
    assert!(csv.contains("JM,JAM,388,Jamaica"), "{csv}");
    let regions = app
        .http
        .get(app.service.url("/regions?format=csv"))
        .header("x-trellis-identity", &anon)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(regions.lines().count(), 9, "{regions}");
}
