//! The assessment KPIs, computed from every request's status, every scored assessment and the
//! liaison region of each assessed member (from membership):
//!
//! - members assessed (at least one scored assessment) per region;
//! - the average level of each section (and `overall`) over each member's latest assessment,
//!   for all regions together and per region;
//! - the average change of each section (and `overall`) between each member's first and latest
//!   assessment, over the members assessed at least twice;
//! - requests by status (every status, zeros included).
//!
//! Averages are exact fractions shown with two decimals, halves rounded away from zero.

use std::collections::{BTreeMap, BTreeSet};

use api_types::assessments::{AssessmentKpis, RegionCount, RequestStatus, SectionAverage, SectionGain, StatusCount};
use uuid::Uuid;

use super::history::Scored;

/// The name used for the overall level next to section codes.
pub const OVERALL: &str = "overall";

/// The region of members in no liaison region (or unknown to membership).
pub const UNKNOWN: &str = "unknown";

pub struct KpiInputs {
    pub statuses: Vec<RequestStatus>,
    pub scored: Vec<Scored>,
    /// Member → liaison region; a member absent here is counted under `None`.
    pub regions: BTreeMap<Uuid, Option<String>>,
    pub regions_known: bool,
}

/// `sum / count` with two decimals, halves away from zero; `count > 0`.
fn mean(sum: i64, count: u64) -> String {
    let count = i128::from(count.max(1));
    let sum = i128::from(sum);
    let hundredths = (200 * sum.abs() + count) / (2 * count);
    let sign = if sum < 0 && hundredths > 0 { "-" } else { "" };
    format!("{sign}{}.{:02}", hundredths / 100, hundredths % 100)
}

/// Section code (and [`OVERALL`]) → level of one assessment.
fn levels(s: &Scored) -> BTreeMap<String, u8> {
    let mut all = s.sections.clone();
    all.insert(OVERALL.to_owned(), s.level);
    all
}

pub fn compute(inputs: KpiInputs) -> AssessmentKpis {
    let mut by_member: BTreeMap<Uuid, Vec<&Scored>> = BTreeMap::new();
    for s in &inputs.scored {
        by_member.entry(s.member_id).or_default().push(s);
    }
    for list in by_member.values_mut() {
        list.sort_by_key(|s| (s.scored_at, s.request_id));
    }
    let region_of = |m: &Uuid| inputs.regions.get(m).cloned().flatten().unwrap_or_else(|| UNKNOWN.to_owned());

    let mut assessed: BTreeMap<String, u64> = BTreeMap::new();
    // (section, region) → (sum of levels, members).
    let mut per_region: BTreeMap<(String, String), (i64, u64)> = BTreeMap::new();
    let mut all_regions: BTreeMap<String, (i64, u64)> = BTreeMap::new();
    let mut gains: BTreeMap<String, (i64, u64)> = BTreeMap::new();
    for (member, list) in &by_member {
        let region = region_of(member);
        *assessed.entry(region.clone()).or_default() += 1;
        let (Some(first), Some(latest)) = (list.first(), list.last()) else { continue };
        let latest_levels = levels(latest);
        for (section, level) in &latest_levels {
            let e = per_region.entry((section.clone(), region.clone())).or_default();
            e.0 += i64::from(*level);
            e.1 += 1;
            let e = all_regions.entry(section.clone()).or_default();
            e.0 += i64::from(*level);
            e.1 += 1;
        }
        if list.len() > 1 {
            for (section, from) in levels(first) {
                if let Some(to) = latest_levels.get(&section) {
                    let e = gains.entry(section).or_default();
                    e.0 += i64::from(*to) - i64::from(from);
                    e.1 += 1;
                }
            }
        }
    }

    let sections: BTreeSet<&String> = all_regions.keys().collect();
    let mut average_maturity = Vec::new();
    for section in sections {
        let (sum, n) = all_regions[section];
        average_maturity.push(SectionAverage {
            section: section.clone(),
            region: None,
            members: n,
            average_level: mean(sum, n),
        });
        for ((s, region), (sum, n)) in &per_region {
            if s == section {
                average_maturity.push(SectionAverage {
                    section: section.clone(),
                    region: Some(region.clone()),
                    members: *n,
                    average_level: mean(*sum, *n),
                });
            }
        }
    }

    let mut counts: BTreeMap<RequestStatus, u64> = RequestStatus::ALL.into_iter().map(|s| (s, 0)).collect();
    for s in inputs.statuses {
        *counts.entry(s).or_default() += 1;
    }

    AssessmentKpis {
        members_assessed: assessed.into_iter().map(|(region, members)| RegionCount { region, members }).collect(),
        average_maturity,
        maturity_gained: gains
            .into_iter()
            .map(|(section, (sum, n))| SectionGain { section, members: n, average_gain: mean(sum, n) })
            .collect(),
        requests_by_status: counts.into_iter().map(|(status, requests)| StatusCount { status, requests }).collect(),
        regions_known: inputs.regions_known,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::history::Scored;
    use chrono::TimeZone;

    fn scored(member: Uuid, year: i32, level: u8, connectivity: u8) -> Scored {
        Scored {
            request_id: Uuid::new_v4(),
            member_id: member,
            questionnaire_version: 2,
            scored_at: chrono::Utc.with_ymd_and_hms(year, 1, 1, 0, 0, 0).unwrap(),
            level,
            sections: BTreeMap::from([("connectivity".to_owned(), connectivity)]),
        }
    }

    #[test]
    fn averages_use_each_members_latest_and_gains_first_to_latest() {
        let (a, b, c) = (Uuid::new_v4(), Uuid::new_v4(), Uuid::new_v4());
        let k = compute(KpiInputs {
            statuses: vec![RequestStatus::Scored, RequestStatus::Scored, RequestStatus::Open],
            scored: vec![scored(a, 2020, 1, 1), scored(a, 2025, 3, 4), scored(b, 2024, 2, 2), scored(c, 2025, 4, 3)],
            regions: BTreeMap::from([(a, Some("asia".to_owned())), (b, Some("asia".to_owned())), (c, None)]),
            regions_known: true,
        });
        assert_eq!(
            k.members_assessed,
            [RegionCount { region: "asia".into(), members: 2 }, RegionCount { region: UNKNOWN.into(), members: 1 }]
        );
        let avg = |section: &str, region: Option<&str>| {
            k.average_maturity
                .iter()
                .find(|x| x.section == section && x.region.as_deref() == region)
                .map(|x| (x.members, x.average_level.clone()))
                .unwrap()
        };
        assert_eq!(avg("connectivity", None), (3, "3.00".into()));
        assert_eq!(avg("connectivity", Some("asia")), (2, "3.00".into()));
        assert_eq!(avg("connectivity", Some("unknown")), (1, "3.00".into()));
        assert_eq!(avg(OVERALL, None), (3, "3.00".into()));
        assert_eq!(
            k.maturity_gained,
            [
                SectionGain { section: "connectivity".into(), members: 1, average_gain: "3.00".into() },
                SectionGain { section: OVERALL.into(), members: 1, average_gain: "2.00".into() },
            ]
        );
        let statuses: Vec<(RequestStatus, u64)> = k.requests_by_status.iter().map(|s| (s.status, s.requests)).collect();
        assert_eq!(statuses[0], (RequestStatus::Open, 1));
        assert_eq!(statuses[2], (RequestStatus::Scored, 2));
        assert_eq!(statuses.len(), 5, "every status, zeros included");
    }

    #[test]
    fn means_round_halves_away_from_zero_and_keep_the_sign() {
        assert_eq!(
            [mean(1, 3), mean(2, 3), mean(-1, 3), mean(-2, 3), mean(1, 8), mean(0, 4)],
            ["0.33", "0.67", "-0.33", "-0.67", "0.13", "0.00"]
        );
    }

    #[test]
    fn nothing_assessed_gives_empty_figures_and_zero_counts() {
        let k = compute(KpiInputs { statuses: vec![], scored: vec![], regions: BTreeMap::new(), regions_known: false });
        assert!(k.members_assessed.is_empty() && k.average_maturity.is_empty() && k.maturity_gained.is_empty());
        assert!(k.requests_by_status.iter().all(|s| s.requests == 0));
    }
}
