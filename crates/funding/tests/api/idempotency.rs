//! `Idempotency-Key` on every money-moving `POST`: a repeat with the same key and body answers
//! the first response and writes nothing more; the same key with another body is 409
//! `idempotency_key_reused`.

use api_types::Role;
use api_types::projects::Theme;
use platform::Caller;
use platform::testing::user;
use serde_json::{Value, json};
use uuid::Uuid;

use crate::helpers::{TestApp, spawn_app};
use crate::money::project;

/// POSTs `body` as `caller`, with `key` as the `Idempotency-Key` when given.
async fn post(app: &TestApp, caller: &Caller, path: &str, key: Option<&str>, body: Value) -> (u16, Value) {
    let (http, identity) = app.http(caller);
    let mut req = http.post(app.service.url(path)).header("x-trellis-identity", identity).json(&body);
    if let Some(k) = key {
        req = req.header("idempotency-key", k);
    }
    let res = req.send().await.unwrap();
    let status = res.status().as_u16();
    (status, res.json().await.unwrap_or(Value::Null))
}

async fn ledger_entries(app: &TestApp, staff: &Caller) -> u64 {
    let (http, identity) = app.http(staff);
    let v: Value = http
        .get(app.service.url("/ledger/verify"))
        .header("x-trellis-identity", identity)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(v["ok"], true, "{v}");
    v["entries_checked"].as_u64().unwrap()
}

/// Sends the same request twice with one key and then with another body: one effect, the
/// first answer twice, then 409.
async fn once_only(app: &TestApp, staff: &Caller, path: &str, key: &str, body: Value, other: Value) -> Value {
    let before = ledger_entries(app, staff).await;
    let (s1, first) = post(app, staff, path, Some(key), body.clone()).await;
    assert!(s1 == 200 || s1 == 201, "{path}: {s1} {first}");
    let after = ledger_entries(app, staff).await;
    let (s2, second) = post(app, staff, path, Some(key), body).await;
    assert_eq!((s2, &second), (s1, &first), "{path}: a repeat answers the first response");
    assert_eq!(ledger_entries(app, staff).await, after, "{path}: a repeat writes nothing");
    let (s3, e) = post(app, staff, path, Some(key), other).await;
    assert_eq!((s3, e["code"].as_str()), (409, Some("idempotency_key_reused")), "{path}: {e}");
    assert_eq!(ledger_entries(app, staff).await, after);
    assert!(after - before <= 1, "{path}: one ledger entry at most");
    first
}

#[tokio::test]
async fn every_money_moving_post_happens_once_per_key() {
    let app = spawn_app().await;
    let staff = user(Role::Staff, None, None);
    let (_, donor) =
        post(&app, &staff, "/donors", None, json!({"name": "Nordic Fund", "donor_type": "government"})).await;
    let d = donor["id"].as_str().unwrap().to_owned();
    let pledge = |amount: &str| json!({"donor_id": d, "amount": {"amount": amount, "currency": "CHF"}, "earmark": {"kind": "unrestricted"}});

    // A pledge: one contribution however often it is sent.
    let c = once_only(&app, &staff, "/contributions", "pledge-1", pledge("800.00"), pledge("900.00")).await;
    let (http, identity) = app.http(&staff);
    let list: Value = http
        .get(app.service.url("/contributions"))
        .header("x-trellis-identity", identity)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(list["total"], 1, "{list}");
    // The key is the caller's: another staff member's "pledge-1" is a new pledge.
    let (s, _) = post(&app, &user(Role::Staff, None, None), "/contributions", Some("pledge-1"), pledge("5")).await;
    assert_eq!(s, 201);

    // A receipt: one ledger entry.
    let id = c["id"].as_str().unwrap();
    let receipt = |amount: &str| json!({"amount": {"amount": amount, "currency": "CHF"}, "value_date": "2026-11-01"});
    let path = format!("/contributions/{id}/receipt");
    let r = once_only(&app, &staff, &path, "receipt-1", receipt("800.00"), receipt("700.00")).await;
    assert_eq!(r["balances"]["received"]["amount"], "800.00");

    // A plan commit: the allocations once.
    *app.fundable.lock().unwrap() = vec![project(1, Theme::IctSupport, &["asia"], "500.00", 18)];
    let (s, plan) = post(&app, &staff, "/allocation-plans", None, json!({})).await;
    assert_eq!(s, 201, "{plan}");
    let commit = format!("/allocation-plans/{}/commit", plan["id"].as_str().unwrap());
    let (s1, first) = post(&app, &staff, &commit, Some("commit-1"), Value::Null).await;
    assert_eq!((s1, first["status"].as_str()), (200, Some("committed")), "{first}");
    let entries = ledger_entries(&app, &staff).await;
    let (s2, second) = post(&app, &staff, &commit, Some("commit-1"), Value::Null).await;
    assert_eq!((s2, second), (s1, first));
    assert_eq!(ledger_entries(&app, &staff).await, entries);

    // A disbursement: paid once.
    let pay = |amount: &str| json!({"project_id": Uuid::from_u128(1), "amount": {"amount": amount, "currency": "CHF"}});
    once_only(&app, &staff, "/disbursements", "pay-1", pay("100.00"), pay("100.01")).await;

    // A cancellation: the second pledge is cancelled once, and the key replays after that.
    let (_, c2) = post(&app, &staff, "/contributions", None, pledge("50")).await;
    let cancel = format!("/contributions/{}/cancel", c2["id"].as_str().unwrap());
    let (s1, first) = post(&app, &staff, &cancel, Some("cancel-1"), Value::Null).await;
    assert_eq!((s1, first["status"].as_str()), (200, Some("cancelled")), "{first}");
    let (s2, second) = post(&app, &staff, &cancel, Some("cancel-1"), Value::Null).await;
    assert_eq!((s2, second), (s1, first), "a repeat is not 409 `already cancelled`");
    // Without a key, cancelling again is the honest 409.
    assert_eq!(post(&app, &staff, &cancel, None, Value::Null).await.0, 409);

    // A key that is not one is refused before anything runs.
    let (s, e) = post(&app, &staff, "/contributions", Some("bad key"), pledge("1")).await;
    assert_eq!((s, e["code"].as_str()), (400, Some("invalid_idempotency_key")), "{e}");
}
