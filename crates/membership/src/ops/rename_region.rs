//! Staff rename a liaison region. The code stays, so every reference to the region (mapping,
//! earmarks in funding, projects) stays valid; the old and new names go to the reference
//! history.

use api_types::membership::{ReferenceChangeKind, RegionResponse, UpdateRegion};
use chrono::Utc;
use platform::{ApiError, Caller};
use sea_orm::DatabaseConnection;

use super::access;
use crate::domain::{Problems, Refusal, text};
use crate::store::{self, reference_changes::NewChange};

pub const NAME_MAX: usize = 120;

pub async fn rename_region(
    db: &DatabaseConnection,
    caller: &Caller,
    code: &str,
    input: UpdateRegion,
) -> Result<RegionResponse, ApiError> {
    let user = access::editor(caller)?;
    let mut problems = Problems::new();
    let mut name = |field: &str, value: &Option<String>| {
        value
            .as_deref()
            .and_then(|v| text::required_line(v, 2, NAME_MAX).map_err(|p| problems.insert(field.to_owned(), p)).ok())
    };
    let name_en = name("name_en", &input.name_en);
    let name_fr = name("name_fr", &input.name_fr);
    let reason = text::reason(&input.reason).map_err(|p| problems.insert("reason".to_owned(), p)).ok();
    if input.name_en.is_none() && input.name_fr.is_none() {
        problems.insert("name_en".to_owned(), "give name_en, name_fr or both".to_owned());
    }
    Refusal::check(problems)?;
    let reason = reason.unwrap_or_default();
    let txn = store::write_txn(db).await?;
    let region =
        store::regions::find(&txn, code).await?.ok_or_else(|| ApiError::not_found(format!("liaison region {code}")))?;
    let before = format!("{} / {}", region.name_en, region.name_fr);
    let name_en = name_en.unwrap_or_else(|| region.name_en.clone());
    let name_fr = name_fr.unwrap_or_else(|| region.name_fr.clone());
    if name_en != region.name_en || name_fr != region.name_fr {
        let after = format!("{name_en} / {name_fr}");
        store::regions::rename(&txn, region, &name_en, &name_fr).await?;
        store::reference_changes::insert(
            &txn,
            NewChange {
                change: ReferenceChangeKind::RegionRename,
                subject: code,
                before: Some(before),
                after: Some(after),
                by: user.id,
                at: Utc::now(),
                reason: &reason,
            },
        )
        .await?;
    }
    let renamed = store::regions::list_with_counts(&txn)
        .await?
        .into_iter()
        .find(|r| r.code == code)
        .ok_or_else(|| ApiError::not_found(format!("liaison region {code}")))?;
    txn.commit().await?;
    Ok(renamed)
}
