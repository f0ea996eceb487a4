//! A database of the walking skeleton (reference data and demo members in the old schema)
//! upgrades to the full registry without losing a member, and gets its history.

use chrono::{NaiveDate, Utc};
use membership::domain::reference::{self, LIAISON_REGIONS};
use membership::migrations::Migrator;
use platform::testing::TestDatabase;
use sea_orm::{ConnectionTrait, DatabaseConnection, Statement, Value};
use sea_orm_migration::MigratorTrait;
use uuid::Uuid;

async fn exec(db: &DatabaseConnection, sql: &str, values: Vec<Value>) -> Result<(), sea_orm::DbErr> {
    db.execute_raw(Statement::from_sql_and_values(db.get_database_backend(), sql, values)).await.map(|_| ())
}

/// A database in the skeleton's schema, with its reference data, as the skeleton loaded it.
async fn skeleton_database(database: &TestDatabase) -> DatabaseConnection {
    let db = platform::db::connect(&database.settings()).await.unwrap();
    // The outbox and the skeleton's schema only.
    Migrator::up(&db, Some(2)).await.unwrap();
    for r in LIAISON_REGIONS {
        exec(
            &db,
            "INSERT INTO liaison_regions (code, name_en, name_fr, sort_order) VALUES ($1, $2, $3, $4)",
            vec![r.code.into(), r.name_en.into(), r.name_fr.into(), r.sort_order.into()],
        )
        .await
        .unwrap();
    }
    for c in reference::countries().unwrap() {
        let developing = c.developing_by_income();
        exec(
            &db,
            "INSERT INTO countries (code, alpha3, m49, name_en, name_fr, m49_region, income_level, ldc, lldc, sids, \
             independent, developing, developing_basis, liaison_region, search_text, name_en_sort, name_fr_sort) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)",
            vec![
                c.code.clone().into(),
                c.alpha3.clone().into(),
                c.m49.clone().into(),
                c.name_en.clone().into(),
                c.name_fr.clone().into(),
                c.m49_region.clone().into(),
                c.income_level.map(|l| l.as_str().to_owned()).into(),
                c.ldc.into(),
                c.lldc.into(),
                c.sids.into(),
                c.independent.into(),
                developing.into(),
                if c.income_level.is_some() { "income_level" } else { "unclassified" }.into(),
                c.default_liaison_region.map(str::to_owned).into(),
                platform::text::search_text([c.name_en.as_str(), &c.name_fr, &c.code, &c.alpha3]).into(),
                platform::text::fold(&c.name_en).into(),
                platform::text::fold(&c.name_fr).into(),
            ],
        )
        .await
        .unwrap();
    }
    db
}

/// A member row in the skeleton's schema.
async fn skeleton_member(
    db: &DatabaseConnection,
    id: Uuid,
    country: &str,
    name: &str,
    acronym: &str,
    category: &str,
    demo: bool,
) {
    exec(
        db,
        "INSERT INTO members (id, country, name, acronym, category, status, joined_on, devco, demo, search_text, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
        vec![
            id.into(),
            country.into(),
            name.into(),
            acronym.into(),
            category.into(),
            "active".into(),
            NaiveDate::from_ymd_opt(1974, 1, 1).unwrap().into(),
            true.into(),
            demo.into(),
            platform::text::search_text([name, acronym, country]).into(),
            Utc::now().into(),
        ],
    )
    .await
    .unwrap();
}

#[tokio::test]
async fn a_skeleton_database_keeps_its_members_and_gains_their_history() {
    let database = TestDatabase::create("membership_upgrade").await.unwrap();
    let db = skeleton_database(&database).await;
    let id = Uuid::now_v7();
    skeleton_member(&db, id, "KE", "Kenya Bureau of Standards", "KEBS", "correspondent", false).await;

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
    // Every developing country got its default period.
    let mapping = membership::store::region_mapping::all_histories(&db).await.unwrap();
    assert_eq!(mapping.len(), 133, "the developing countries of the reference data");
    assert_eq!(mapping["KE"].current().map(|p| p.region.as_str()), Some("africa-anglophone"));
    // The rebuilt table enforces one current member per country.
    let second = exec(
        &db,
        "INSERT INTO members (id, country, name, acronym, category, status, joined_on, devco, demo, search_text, \
         name_sort, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
        vec![
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
    )
    .await;
    assert!(second.is_err(), "a second current member of KE was accepted");
    db.close().await.unwrap();
}

#[tokio::test]
async fn demo_members_seeded_by_the_skeleton_get_their_histories() {
    let database = TestDatabase::create("membership_upgrade_demo").await.unwrap();
    let db = skeleton_database(&database).await;
    // The skeleton's ten demo members, as it seeded them.
    let skeleton = [
        ("KE", "Kenya Bureau of Standards", "KEBS", "member_body"),
        ("SN", "Association sénégalaise de normalisation", "ASN", "member_body"),
        ("EG", "Egyptian Organization for Standardization and Quality", "EOS", "member_body"),
        ("VN", "Directorate for Standards, Metrology and Quality", "STAMEQ", "member_body"),
        ("BT", "Bhutan Standards Bureau", "BSB", "subscriber"),
        ("FJ", "Department of National Trade Measurement and Standards", "DNTMS", "correspondent"),
        ("MD", "Institute of Standardization of Moldova", "ISM", "member_body"),
        ("PE", "Instituto Nacional de Calidad", "INACAL", "member_body"),
        ("JM", "Bureau of Standards Jamaica", "BSJ", "member_body"),
        ("CH", "Swiss Association for Standardization", "SNV", "member_body"),
    ];
    for (i, (country, name, acronym, category)) in skeleton.iter().enumerate() {
        let id = if i == 0 { platform::demo::MEMBER_ID } else { Uuid::now_v7() };
        skeleton_member(&db, id, country, name, acronym, category, true).await;
    }
    Migrator::up(&db, None).await.unwrap();
    membership::ops::load_reference::load_reference(&db).await.unwrap();
    membership::ops::seed_demo::seed_demo(&db).await.unwrap();

    assert_eq!(membership::store::members::count(&db).await.unwrap(), 10, "no member added");
    assert!(membership::store::participations::count(&db).await.unwrap() > 50);
    let kebs = membership::store::members::find(&db, platform::demo::MEMBER_ID).await.unwrap().unwrap();
    assert_eq!(kebs.email.as_deref(), Some("kebs.demo@example.org"));
    let histories = membership::store::member_categories::all_by_member(&db).await.unwrap();
    assert_eq!(histories.values().map(Vec::len).sum::<usize>(), 15, "ten joinings and five upgrades");
    // Seeding again adds nothing.
    let before = membership::store::participations::count(&db).await.unwrap();
    membership::ops::seed_demo::seed_demo(&db).await.unwrap();
    assert_eq!(membership::store::participations::count(&db).await.unwrap(), before);
    db.close().await.unwrap();
}
