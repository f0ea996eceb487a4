//! Funding with the services it asks: the real membership service checks earmark regions; a
//! service that cannot be reached is a 503 and nothing is written.

use api_types::Role;
use platform::testing::{TestService, user};
use serde_json::{Value, json};

use crate::helpers::spawn_app;

async fn post(service: &TestService, path: &str, body: Value) -> (u16, Value) {
    let res = reqwest::Client::new()
        .post(service.url(path))
        .header("x-trellis-identity", service.sign(&user(Role::Staff, None, None)))
        .json(&body)
        .send()
        .await
        .unwrap();
    let status = res.status().as_u16();
    (status, res.json().await.unwrap_or(Value::Null))
}

async fn count(service: &TestService, table: &str) -> i64 {
    use sea_orm::{ConnectionTrait, Statement};
    let db = sea_orm::Database::connect(service.database().url()).await.unwrap();
    let row = db
        .query_one_raw(Statement::from_string(
            db.get_database_backend(),
            format!("SELECT CAST(COUNT(*) AS BIGINT) AS n FROM {table}"),
        ))
        .await
        .unwrap()
        .unwrap();
    row.try_get::<i64>("", "n").unwrap()
}

#[tokio::test]
async fn earmark_regions_are_the_membership_services_liaison_regions() {
    let app = spawn_app().await;
    let (_, donor) = post(&app.service, "/donors", json!({"name": "Region Fund", "donor_type": "multilateral"})).await;
    let pledge = |regions: Value| {
        json!({"donor_id": donor["id"], "amount": {"amount": "100.00", "currency": "CHF"},
               "earmark": {"kind": "regions_and_themes", "regions": regions, "themes": ["participation"]}})
    };
    // Every liaison region membership knows is accepted; one it does not know is named.
    let (s, c) = post(&app.service, "/contributions", pledge(json!(["ceeca", "caribbean", "arab"]))).await;
    assert_eq!(s, 201, "{c}");
    let (s, e) = post(&app.service, "/contributions", pledge(json!(["ceeca", "atlantis"]))).await;
    assert_eq!((s, e["code"].as_str()), (422, Some("validation_failed")), "{e}");
    assert_eq!(count(&app.service, "contributions").await, 1);
}

#[tokio::test]
async fn an_unreachable_service_is_a_503_and_nothing_is_written() {
    // Test settings point every other service at a closed port.
    let service = TestService::start("funding", |settings| funding::build(settings, None)).await;
    let (_, donor) = post(&service, "/donors", json!({"name": "Lonely Fund", "donor_type": "foundation"})).await;
    let body = json!({"donor_id": donor["id"], "amount": {"amount": "100.00", "currency": "CHF"},
                      "earmark": {"kind": "regions", "regions": ["asia"]}});
    let (s, e) = post(&service, "/contributions", body).await;
    assert_eq!((s, e["code"].as_str()), (503, Some("service_unavailable")), "{e}");
    let (s, e) = post(&service, "/allocation-plans", json!({})).await;
    assert_eq!(s, 503, "{e}");
    assert_eq!(count(&service, "contributions").await, 0);
    assert_eq!(count(&service, "allocation_plans").await, 0);
    // An unrestricted pledge needs neither service.
    let body = json!({"donor_id": donor["id"], "amount": {"amount": "100.00", "currency": "CHF"},
                      "earmark": {"kind": "unrestricted"}});
    assert_eq!(post(&service, "/contributions", body).await.0, 201);
}
