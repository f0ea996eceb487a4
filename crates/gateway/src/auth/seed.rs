//! The demo accounts of API.md, seeded once into an empty account table when demo data is on.
//! Never in production: a production deployment leaves `GATEWAY__DEMO__SEED` false and creates
//! real accounts.

use api_types::Role;
use sea_orm::{DatabaseConnection, TransactionTrait};
use uuid::Uuid;

use super::password;
use crate::store::{self, accounts::NewAccount};

/// Email, role, member link, donor link.
pub const DEMO_ACCOUNTS: [(&str, Role, Option<Uuid>, Option<Uuid>); 6] = [
    ("admin@trellis.test", Role::Admin, None, None),
    ("staff@trellis.test", Role::Staff, None, None),
    ("staff2@trellis.test", Role::Staff, None, None),
    ("committee@trellis.test", Role::Committee, None, None),
    ("donor@trellis.test", Role::Donor, None, Some(platform::demo::DONOR_ID)),
    ("member@trellis.test", Role::Member, Some(platform::demo::MEMBER_ID), None),
];

pub async fn seed_demo(db: &DatabaseConnection) -> anyhow::Result<()> {
    if store::accounts::count(db).await? > 0 {
        return Ok(());
    }
    // Hash before opening the transaction: hashing is slow and needs no database.
    let hashes = tokio::task::spawn_blocking(|| {
        DEMO_ACCOUNTS.iter().map(|_| password::hash(platform::demo::PASSWORD)).collect::<anyhow::Result<Vec<_>>>()
    })
    .await??;
    let txn = db.begin().await?;
    for ((email, role, member_id, donor_id), hash) in DEMO_ACCOUNTS.iter().zip(&hashes) {
        store::accounts::insert(
            &txn,
            &NewAccount { email, password_hash: hash, role: *role, member_id: *member_id, donor_id: *donor_id },
        )
        .await?;
    }
    txn.commit().await?;
    tracing::info!(accounts = DEMO_ACCOUNTS.len(), "seeded demo accounts");
    Ok(())
}
