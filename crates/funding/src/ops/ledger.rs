//! `GET /ledger/verify`: recomputes the hash chain from the first entry and names the first
//! entry that breaks it.

use api_types::funding::{BrokenEntry, LedgerVerification};
use platform::{ApiError, Caller};
use sea_orm::DatabaseConnection;

use crate::domain::ledger::{GENESIS_HASH, Verifier};
use crate::store::money;

/// Entries read per round trip.
const PAGE: u64 = 5_000;

pub async fn verify(db: &DatabaseConnection, caller: &Caller) -> Result<LedgerVerification, ApiError> {
    caller.require(&[api_types::Role::Staff, api_types::Role::Admin, api_types::Role::Committee])?;
    let snapshot = platform::db::read_snapshot(db).await?;
    let head = money::head(&snapshot).await?;
    let mut verifier = Verifier::default();
    let mut after = 0i64;
    let mut last_hash = GENESIS_HASH.to_owned();
    let mut first_broken = None;
    'pages: loop {
        let page = money::entries_page(&snapshot, after, PAGE).await?;
        if page.is_empty() {
            break;
        }
        for entry in &page {
            if let Err(b) = verifier.push(entry) {
                first_broken = Some(BrokenEntry { seq: entry.content.seq, reason: b.as_str().to_owned() });
                break 'pages;
            }
            after = entry.content.seq;
            last_hash.clone_from(&entry.hash);
        }
    }
    snapshot.commit().await?;
    // The head must name the last entry, or entries were removed from the end.
    if first_broken.is_none() && (head.seq != after || head.hash != last_hash) {
        first_broken = Some(BrokenEntry { seq: after + 1, reason: "head_mismatch".to_owned() });
    }
    Ok(LedgerVerification {
        ok: first_broken.is_none(),
        entries_checked: verifier.checked(),
        head_seq: head.seq,
        head_hash: head.hash,
        first_broken,
    })
}
