//! The upgrade path: a proposal stored by the skeleton's schema reads back after the workflow
//! migration as a draft with no budget, regions or dates (submitting it names what is missing),
//! and the new migrations go down and up again.

use platform::testing::TestDatabase;
use projects::migrations::Migrator;
use sea_orm::{ConnectionTrait, Statement};
use sea_orm_migration::MigratorTrait;

#[tokio::test]
async fn a_skeleton_proposal_survives_the_workflow_migration() {
    let database = TestDatabase::create("projects_migration").await.unwrap();
    let db = platform::db::connect(&database.settings()).await.unwrap();
    // The outbox and the skeleton's `projects` table only.
    Migrator::up(&db, Some(2)).await.unwrap();
    let id = uuid::Uuid::now_v7();
    let member = uuid::Uuid::now_v7();
    let backend = db.get_database_backend();
    db.execute_raw(Statement::from_sql_and_values(
        backend,
        "INSERT INTO projects (id, title, summary, objective, theme, status, member_id, created_by, created_at, updated_at) \
         VALUES ($1, 'Skeleton proposal', 'From before', 2, 'participation', 'draft', $2, $3, $4, $4)",
        [id.into(), member.into(), member.into(), chrono::Utc::now().into()],
    ))
    .await
    .unwrap();
    Migrator::up(&db, None).await.unwrap();
    let row = projects::store::projects::find(&db, id).await.unwrap().unwrap();
    let view = projects::ops::response_of(&db, row).await.unwrap();
    assert_eq!((view.title.as_str(), view.approvals_needed), ("Skeleton proposal", 1));
    assert!(view.budget_lines.is_empty() && view.regions.is_empty() && view.planned_start.is_none());
    // The whole schema goes down and up again.
    Migrator::down(&db, Some(4)).await.unwrap();
    Migrator::up(&db, None).await.unwrap();
}
