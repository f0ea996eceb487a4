//! A database of the walking skeleton upgrades to the full registry without losing a member.

use chrono::{NaiveDate, Utc};
use membership::migrations::Migrator;
use platform::testing::TestDatabase;
use sea_orm::{ConnectionTrait, Statement};
use sea_orm_migration::MigratorTrait;
use uuid::Uuid;

#[tokio::test]
async fn a_skeleton_database_keeps_its_members_and_gains_their_history() {
    let database = TestDatabase::create("membership_upgrade").await.unwrap();
    let db = platform::db::connect(&database.settings()).await.unwrap();
    // The outbox and the skeleton's schema only.
    Migrator::up(&db, Some(2)).await.unwrap();
    let backend = db.get_database_backend();
    db.execute_raw(Statement::from_sql_and_values(
        backend,
        "INSERT INTO liaison_regions (code, name_en, name_fr, sort_order) VALUES ($1, $2, $3, $4)",
        ["africa-anglophone".into(), "Africa (anglophone)".into(), "Afrique (anglophone)".into(), 1i32.into()],
    ))
    .await
    .unwrap();
    db.execute_raw(Statement::from_sql_and_values(
        backend,
        "INSERT INTO countries (code, alpha3, m49, name_en, name_fr, income_level, ldc, lldc, sids, independent, \
         developing, developing_basis, liaison_region, search_text, name_en_sort, name_fr_sort) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)",
        [
            "KE".into(),
            "KEN".into(),
            "404".into(),
            "Kenya".into(),
            "Kenya".into(),
            "lower_middle".into(),
            false.into(),
            false.into(),
            false.into(),
            true.into(),
            true.into(),
            "income_level".into(),
            "africa-anglophone".into(),
            "kenya | kenya | ke | ken".into(),
            "kenya".into(),
            "kenya".into(),
        ],
    ))
    .await
    .unwrap();
    let id = Uuid::now_v7();
    db.execute_raw(Statement::from_sql_and_values(
        backend,
        "INSERT INTO members (id, country, name, acronym, category, status, joined_on, devco, demo, search_text, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
        [
            id.into(),
            "KE".into(),
            "Kenya Bureau of Standards".into(),
            "KEBS".into(),
            "correspondent".into(),
            "active".into(),
            NaiveDate::from_ymd_opt(1974, 1, 1).unwrap().into(),
            true.into(),
            false.into(),
            "kenya bureau of standards | kebs | ke".into(),
            Utc::now().into(),
        ],
    ))
    .await
    .unwrap();

    // The rest of the migrations, then the start-up work of the service.
    Migrator::up(&db, None).await.unwrap();
    membership::ops::load_reference::load_reference(&db).await.unwrap();

    let member = membership::store::members::find(&db, id).await.unwrap().expect("the member survived");
    assert_eq!(
        (member.acronym.as_str(), member.category.as_str(), member.status.as_str()),
        ("KEBS", "correspondent", "active")
    );
    assert_eq!(member.liaison_region.as_deref(), Some("africa-anglophone"));
    let history = membership::store::member_categories::of_member(&db, id).await.unwrap();
    assert_eq!(history.len(), 1);
    assert_eq!(history[0].valid_from, NaiveDate::from_ymd_opt(1974, 1, 1).unwrap());
    let mapping = membership::store::region_mapping::history(&db, "KE").await.unwrap();
    assert_eq!(mapping.current().map(|p| p.region.as_str()), Some("africa-anglophone"));
    // The rebuilt table enforces one current member per country.
    let second = db
        .execute_raw(Statement::from_sql_and_values(
            backend,
            "INSERT INTO members (id, country, name, acronym, category, status, joined_on, devco, demo, search_text, \
             name_sort, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
            [
                Uuid::now_v7().into(),
                "KE".into(),
                "Another".into(),
                "AN".into(),
                "subscriber".into(),
                "suspended".into(),
                NaiveDate::from_ymd_opt(2000, 1, 1).unwrap().into(),
                false.into(),
                false.into(),
                "another".into(),
                "another".into(),
                Utc::now().into(),
                Utc::now().into(),
            ],
        ))
        .await;
    assert!(second.is_err(), "a second current member of KE was accepted");
    db.close().await.unwrap();
}
