//! `GET /kpis`: received, allocated, disbursed and unspent money by year, region, theme and
//! donor type; the earmarked share; and CHF allocated per liaison region over three years.

use std::collections::{BTreeMap, HashMap};

use api_types::funding::{DonorType, FundingKpis, KeyedFigures, RegionFunding};
use platform::{ApiError, Caller};
use sea_orm::{DatabaseConnection, EntityTrait};
use uuid::Uuid;

use crate::ops::figures::{Figures, chf};
use crate::store::donors;
use crate::store::money::{self, Scope, contributions, project_facts};

/// Splits `x` into `n` parts that differ by at most one centime and add up to `x` exactly.
fn split(x: i64, n: usize) -> Vec<i64> {
    let n = i64::try_from(n.max(1)).unwrap_or(1);
    (0..n).map(|i| x.div_euclid(n) + i64::from(i < x.rem_euclid(n))).collect()
}

fn keyed(map: BTreeMap<String, Figures>) -> Vec<KeyedFigures> {
    map.into_iter().map(|(key, f)| KeyedFigures { key, figures: f.funding() }).collect()
}

pub async fn kpis(db: &DatabaseConnection, caller: &Caller) -> Result<FundingKpis, ApiError> {
    // Aggregates only: every signed-in role may read them (the projects service does too).
    caller.user()?;
    let snapshot = platform::db::read_snapshot(db).await?;
    let sums = money::sums(&snapshot, Scope::All, None).await?;
    let since = chrono::Utc::now() - chrono::Duration::days(3 * 365 + 1);
    let recent = money::sums(&snapshot, Scope::All, Some(since)).await?;
    let contribs: HashMap<Uuid, contributions::Model> =
        contributions::Entity::find().all(&snapshot).await?.into_iter().map(|c| (c.id, c)).collect();
    let donor_types: HashMap<Uuid, String> =
        donors::Entity::find().all(&snapshot).await?.into_iter().map(|d| (d.id, d.donor_type)).collect();
    let facts: HashMap<Uuid, project_facts::Model> =
        project_facts::Entity::find().all(&snapshot).await?.into_iter().map(|p| (p.project_id, p)).collect();
    snapshot.commit().await?;

    let regions_of = |p: Uuid| -> Vec<String> {
        facts.get(&p).and_then(|f| serde_json::from_str::<Vec<String>>(&f.regions).ok()).unwrap_or_default()
    };
    let mut totals = Figures::default();
    let (mut by_year, mut by_region, mut by_theme, mut by_type) = (
        BTreeMap::<String, Figures>::new(),
        BTreeMap::<String, Figures>::new(),
        BTreeMap::<String, Figures>::new(),
        BTreeMap::<String, Figures>::new(),
    );
    for t in DonorType::ALL {
        by_type.insert(t.as_str().to_owned(), Figures::default());
    }
    let (mut earmarked, mut unrestricted) = (0i64, 0i64);
    for row in &sums {
        let mut f = Figures::default();
        f.add(row);
        totals.merge(&f);
        by_year.entry(row.year.to_string()).or_default().merge(&f);
        if let Some(c) = contribs.get(&row.contribution_id) {
            let t = donor_types.get(&c.donor_id).cloned().unwrap_or_default();
            by_type.entry(t).or_default().merge(&f);
            if row.account == "open" && row.kind == "receipt" {
                if c.earmark_kind == "unrestricted" { unrestricted -= row.total } else { earmarked -= row.total }
            }
        }
        if let Some(p) = row.project_id {
            if let Some(fact) = facts.get(&p) {
                by_theme.entry(fact.theme.clone()).or_default().merge(&f);
            }
            let regions = regions_of(p);
            for (region, part) in regions.iter().zip(split(row.total, regions.len())) {
                let mut share = Figures::default();
                share.add(&money::SumRow { total: part, ..row.clone() });
                by_region.entry(region.clone()).or_default().merge(&share);
            }
        }
    }
    let mut rolling: BTreeMap<String, i64> = BTreeMap::new();
    for row in recent.iter().filter(|r| r.account == "committed" && matches!(r.kind.as_str(), "allocation" | "release"))
    {
        if let Some(p) = row.project_id {
            let regions = regions_of(p);
            for (region, part) in regions.iter().zip(split(-row.total, regions.len())) {
                *rolling.entry(region.clone()).or_default() += part;
            }
        }
    }
    let share = if earmarked + unrestricted > 0 {
        let bp = i128::from(earmarked) * 10_000 / i128::from(earmarked + unrestricted);
        format!("{}.{:02}", bp / 100, bp % 100)
    } else {
        "0.00".to_owned()
    };
    Ok(FundingKpis {
        totals: totals.funding(),
        earmarked: chf(earmarked),
        unrestricted: chf(unrestricted),
        earmarked_share_percent: share,
        by_year: keyed(by_year),
        by_region: keyed(by_region),
        by_theme: keyed(by_theme),
        by_donor_type: keyed(by_type),
        funding_by_region_rolling_3y: rolling
            .into_iter()
            .map(|(region, x)| RegionFunding { region, allocated: chf(x) })
            .collect(),
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn splits_are_exact() {
        assert_eq!(super::split(100, 3), [34, 33, 33]);
        assert_eq!(super::split(-100, 3).iter().sum::<i64>(), -100);
        assert_eq!(super::split(5, 0), [5]);
    }
}
