//! The capacity-building and impact KPIs, computed from rows already loaded: projects and
//! deliveries by theme, method, region, status and year; people trained; evaluation ratings;
//! share of targets met.

use std::collections::BTreeMap;

use api_types::projects::{KpiCount, ProjectKpis, ProjectStatus, RatingCount};

use super::results::{PEOPLE, target_met};

/// What the KPIs need of one project.
#[derive(Debug, Clone)]
pub struct ProjectFacts {
    pub status: ProjectStatus,
    pub theme: &'static str,
    pub methods: Vec<&'static str>,
    pub regions: Vec<String>,
    pub start_year: Option<i32>,
}

/// What the KPIs need of one indicator: its unit, baseline, target and latest approved actual.
#[derive(Debug, Clone)]
pub struct IndicatorFacts {
    pub unit: String,
    pub baseline: i64,
    pub target: i64,
    pub current: Option<i64>,
}

fn delivered(status: ProjectStatus) -> bool {
    matches!(status, ProjectStatus::Completed | ProjectStatus::Evaluated)
}

/// Counted as programme work: past the draft stage and not cancelled.
fn counts(status: ProjectStatus) -> bool {
    !matches!(status, ProjectStatus::Draft | ProjectStatus::Cancelled)
}

#[derive(Default)]
struct Tally(BTreeMap<String, (u64, u64)>);

impl Tally {
    fn add(&mut self, key: impl Into<String>, delivered: bool) {
        let entry = self.0.entry(key.into()).or_default();
        entry.0 += 1;
        entry.1 += u64::from(delivered);
    }

    fn done(self) -> Vec<KpiCount> {
        self.0.into_iter().map(|(key, (projects, delivered))| KpiCount { key, projects, delivered }).collect()
    }
}

/// Aggregates the KPIs.
pub fn compute(projects: &[ProjectFacts], indicators: &[IndicatorFacts], ratings: &[u8]) -> ProjectKpis {
    let (mut theme, mut method, mut region, mut status, mut year) =
        (Tally::default(), Tally::default(), Tally::default(), Tally::default(), Tally::default());
    for p in projects {
        let d = delivered(p.status);
        status.add(p.status.as_str(), d);
        if !counts(p.status) {
            continue;
        }
        theme.add(p.theme, d);
        for m in &p.methods {
            method.add(*m, d);
        }
        for r in &p.regions {
            region.add(r.clone(), d);
        }
        if let Some(y) = p.start_year {
            year.add(y.to_string(), d);
        }
    }
    let reported: Vec<&IndicatorFacts> = indicators.iter().filter(|i| i.current.is_some()).collect();
    let people_trained = reported
        .iter()
        .filter(|i| i.unit == PEOPLE)
        .map(|i| i.current.unwrap_or(i.baseline).saturating_sub(i.baseline).max(0))
        .fold(0i64, i64::saturating_add);
    let targets_met =
        reported.iter().filter(|i| i.current.is_some_and(|c| target_met(i.baseline, i.target, c))).count() as u64;
    let ratings_count: Vec<RatingCount> = (1..=5u8)
        .map(|rating| RatingCount { rating, evaluations: ratings.iter().filter(|r| **r == rating).count() as u64 })
        .collect();
    ProjectKpis {
        by_theme: theme.done(),
        by_method: method.done(),
        by_region: region.done(),
        by_status: status.done(),
        by_year: year.done(),
        people_trained,
        ratings: ratings_count,
        average_rating: average(ratings),
        indicators_reported: reported.len() as u64,
        targets_met,
    }
}

/// The mean of `ratings` with two decimals, rounded half up, in exact integer arithmetic.
fn average(ratings: &[u8]) -> Option<String> {
    if ratings.is_empty() {
        return None;
    }
    let sum: u64 = ratings.iter().map(|r| u64::from(*r)).sum();
    let n = ratings.len() as u64;
    let hundredths = (sum * 200 + n) / (2 * n);
    Some(format!("{}.{:02}", hundredths / 100, hundredths % 100))
}

#[cfg(test)]
mod tests {
    use super::*;
    use ProjectStatus::*;

    fn project(status: ProjectStatus, theme: &'static str, regions: &[&str], year: i32) -> ProjectFacts {
        ProjectFacts {
            status,
            theme,
            methods: vec!["workshop", "e_learning"],
            regions: regions.iter().map(|r| (*r).to_owned()).collect(),
            start_year: Some(year),
        }
    }

    #[test]
    fn projects_and_deliveries_are_counted_by_each_dimension() {
        let k = compute(
            &[
                project(Draft, "ict_support", &["asia"], 2026),
                project(Approved, "ict_support", &["asia", "pacific"], 2026),
                project(Completed, "participation", &["asia"], 2027),
                project(Cancelled, "participation", &["asia"], 2027),
            ],
            &[],
            &[],
        );
        assert_eq!(
            k.by_theme,
            vec![
                KpiCount { key: "ict_support".into(), projects: 1, delivered: 0 },
                KpiCount { key: "participation".into(), projects: 1, delivered: 1 },
            ]
        );
        assert_eq!(k.by_region[0], KpiCount { key: "asia".into(), projects: 2, delivered: 1 });
        assert_eq!(k.by_method[0], KpiCount { key: "e_learning".into(), projects: 2, delivered: 1 });
        assert_eq!(k.by_status.len(), 4, "every status is shown, drafts and cancelled too");
        assert_eq!(k.by_year[1], KpiCount { key: "2027".into(), projects: 1, delivered: 1 });
    }

    #[test]
    fn people_trained_targets_and_ratings() {
        let ind =
            |unit: &str, baseline, target, current| IndicatorFacts { unit: unit.into(), baseline, target, current };
        let k = compute(
            &[],
            &[
                ind("people", 0, 40, Some(45)),
                ind("people", 10, 30, Some(20)),
                ind("people", 0, 5, None),
                ind("days", 90, 30, Some(30)),
            ],
            &[4, 5, 3],
        );
        assert_eq!(k.people_trained, 55);
        assert_eq!((k.indicators_reported, k.targets_met), (3, 2));
        assert_eq!(k.average_rating.as_deref(), Some("4.00"));
        assert_eq!(k.ratings[4], RatingCount { rating: 5, evaluations: 1 });
        assert_eq!(average(&[1, 2, 2]).as_deref(), Some("1.67"));
        assert_eq!(compute(&[], &[], &[]).average_rating, None);
    }
}
