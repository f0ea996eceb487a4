//! The funding service's schema. Never edit an applied migration: add a new one.

mod m20261124_000001_create_donors;
mod m20261125_000001_money;
mod m20261125_000002_donor_publicly_named;
mod m20261125_000003_donor_contacts;

use sea_orm_migration::prelude::*;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(platform::outbox::CreateOutbox),
            Box::new(platform::idempotency::CreateIdempotencyKeys),
            Box::new(m20261124_000001_create_donors::Migration),
            Box::new(m20261125_000001_money::Migration),
            Box::new(m20261125_000002_donor_publicly_named::Migration),
            Box::new(m20261125_000003_donor_contacts::Migration),
        ]
    }
}
