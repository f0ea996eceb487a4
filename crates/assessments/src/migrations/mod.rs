//! The assessments service's schema. Never edit an applied migration: add a new one.

mod m20261124_000001_questionnaires_and_requests;
mod m20261125_000001_assessments;

use sea_orm_migration::prelude::*;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(platform::outbox::CreateOutbox),
            Box::new(m20261124_000001_questionnaires_and_requests::Migration),
            Box::new(m20261125_000001_assessments::Migration),
        ]
    }
}
