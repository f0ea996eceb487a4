//! The participation KPIs, computed from the registry's history.
//!
//! For a year the figures describe one day, `as_of`: 31 December, or today for the current year.
//! On that day a member counts when it had joined (`joined_on <= as_of`) and had not left
//! (`left_on` unset or after `as_of`; a suspended member still counts); it is developing, and
//! in a region, by the country → region mapping valid that day ([`super::mapping`]); its
//! category is the one its category history gives for that day. An upgrade counts in the year
//! it took effect. DEVCO membership has no dates in the registry, so it is a figure for today.

use std::collections::HashMap;
use std::ops::RangeInclusive;

use api_types::membership::{
    CategoryCounts, DevcoKpi, DevelopingMembersYear, KpiRegion, MemberCategory, MemberStatus, MembershipKpis,
    ParticipationRole, ParticipationYear, RegionCategoryCounts, RegionCount, RegionParticipation, UpgradesYear,
};
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use uuid::Uuid;

use super::mapping::History;
use super::participation::Span;
use super::{Problems, Refusal};

/// The widest span of years one answer covers.
pub const MAX_YEARS: i32 = 100;
/// Years shown when the query names none.
pub const DEFAULT_YEARS: i32 = 10;

/// The years asked for: `from..=to`, by default the last ten including this one.
pub fn years(from: Option<i32>, to: Option<i32>, today: NaiveDate) -> Result<RangeInclusive<i32>, Refusal> {
    let this_year = today.year();
    let to_year = to.unwrap_or(this_year);
    let from_year = from.unwrap_or(to_year - (DEFAULT_YEARS - 1));
    let mut problems = Problems::new();
    if to_year > this_year {
        problems.insert("to".to_owned(), format!("must not be after the current year {this_year}"));
    }
    if from_year < 1900 {
        problems.insert("from".to_owned(), "must be 1900 or later".to_owned());
    }
    if from_year > to_year {
        problems.insert("from".to_owned(), format!("must not be after to ({to_year})"));
    } else if to_year - from_year >= MAX_YEARS {
        problems.insert("from".to_owned(), format!("at most {MAX_YEARS} years at once"));
    }
    Refusal::check(problems)?;
    Ok(from_year..=to_year)
}

/// The day a year's figures describe.
pub fn as_of(year: i32, today: NaiveDate) -> NaiveDate {
    if year >= today.year() { today } else { NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or(today) }
}

/// One category-history entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CategoryEntry {
    pub valid_from: NaiveDate,
    /// Order among entries of the same day.
    pub seq: i64,
    pub category: MemberCategory,
}

/// A member as the KPIs see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KpiMember {
    pub id: Uuid,
    pub country: String,
    pub joined_on: NaiveDate,
    pub left_on: Option<NaiveDate>,
    pub status: MemberStatus,
    pub devco: bool,
    /// Sorted by `(valid_from, seq)`; at least one entry.
    pub categories: Vec<CategoryEntry>,
}

impl KpiMember {
    pub fn is_member_on(&self, day: NaiveDate) -> bool {
        self.joined_on <= day && self.left_on.is_none_or(|left| left > day)
    }

    /// The category held on `day`: the latest entry started by then, or the first one (the
    /// category it joined in) for a day before any entry.
    pub fn category_on(&self, day: NaiveDate) -> Option<MemberCategory> {
        self.categories.iter().rev().find(|e| e.valid_from <= day).or(self.categories.first()).map(|e| e.category)
    }
}

/// A participation as the KPIs see it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KpiParticipation {
    pub member_id: Uuid,
    pub role: ParticipationRole,
    pub span: Span,
}

/// Everything the KPIs are computed from.
#[derive(Debug, Clone, Default)]
pub struct KpiInputs {
    pub regions: Vec<KpiRegion>,
    pub members: Vec<KpiMember>,
    /// Mapping history by country code; a country without an entry was never developing.
    pub mapping: HashMap<String, History>,
    pub participations: Vec<KpiParticipation>,
}

impl KpiInputs {
    fn region_on(&self, country: &str, day: NaiveDate) -> Option<&str> {
        self.mapping.get(country).and_then(|h| h.region_on(day))
    }

    fn region_index(&self, code: &str) -> Option<usize> {
        self.regions.iter().position(|r| r.code == code)
    }
}

fn add(counts: &mut CategoryCounts, category: MemberCategory) {
    match category {
        MemberCategory::MemberBody => counts.member_body += 1,
        MemberCategory::Correspondent => counts.correspondent += 1,
        MemberCategory::Subscriber => counts.subscriber += 1,
    }
    counts.total += 1;
}

/// The KPIs for `years`, as of `today`.
pub fn compute(inputs: &KpiInputs, years: RangeInclusive<i32>, today: NaiveDate, now: DateTime<Utc>) -> MembershipKpis {
    let from_year = *years.start();
    let to_year = *years.end();
    let mut developing_members = Vec::new();
    let mut participation = Vec::new();
    let mut upgrades = Vec::new();
    let by_member: HashMap<Uuid, &KpiMember> = inputs.members.iter().map(|m| (m.id, m)).collect();
    for year in years {
        let day = as_of(year, today);
        developing_members.push(developing_in(inputs, year, day));
        participation.push(participation_in(inputs, &by_member, year, day));
        upgrades.push(upgrades_in(inputs, year));
    }
    MembershipKpis {
        generated_at: now,
        from_year,
        to_year,
        regions: inputs.regions.clone(),
        developing_members,
        upgrades,
        devco: devco(inputs, today),
        participation,
    }
}

fn developing_in(inputs: &KpiInputs, year: i32, day: NaiveDate) -> DevelopingMembersYear {
    let mut counts = CategoryCounts::default();
    let mut by_region = vec![CategoryCounts::default(); inputs.regions.len()];
    for m in inputs.members.iter().filter(|m| m.is_member_on(day)) {
        let (Some(region), Some(category)) = (inputs.region_on(&m.country, day), m.category_on(day)) else { continue };
        add(&mut counts, category);
        if let Some(i) = inputs.region_index(region) {
            add(&mut by_region[i], category);
        }
    }
    DevelopingMembersYear {
        year,
        as_of: day,
        counts,
        by_region: inputs
            .regions
            .iter()
            .zip(by_region)
            .map(|(r, counts)| RegionCategoryCounts { region: r.code.clone(), counts })
            .collect(),
    }
}

fn upgrades_in(inputs: &KpiInputs, year: i32) -> UpgradesYear {
    let mut out = UpgradesYear {
        year,
        total: 0,
        subscriber_to_correspondent: 0,
        correspondent_to_member_body: 0,
        developing: 0,
        by_region: inputs.regions.iter().map(|r| RegionCount { region: r.code.clone(), count: 0 }).collect(),
    };
    for m in &inputs.members {
        for pair in m.categories.windows(2) {
            let (before, after) = (pair[0], pair[1]);
            if after.valid_from.year() != year || after.category.rank() <= before.category.rank() {
                continue;
            }
            out.total += 1;
            match (before.category, after.category) {
                (MemberCategory::Subscriber, MemberCategory::Correspondent) => out.subscriber_to_correspondent += 1,
                (MemberCategory::Correspondent, MemberCategory::MemberBody) => out.correspondent_to_member_body += 1,
                // A staff correction that jumped two steps: counted in the total only.
                _ => {}
            }
            if let Some(region) = inputs.region_on(&m.country, after.valid_from) {
                out.developing += 1;
                if let Some(i) = inputs.region_index(region) {
                    out.by_region[i].count += 1;
                }
            }
        }
    }
    out
}

fn devco(inputs: &KpiInputs, today: NaiveDate) -> DevcoKpi {
    let mut out = DevcoKpi {
        members: 0,
        developing: 0,
        by_region: inputs.regions.iter().map(|r| RegionCount { region: r.code.clone(), count: 0 }).collect(),
    };
    for m in inputs.members.iter().filter(|m| m.devco && m.status != MemberStatus::Withdrawn) {
        out.members += 1;
        if let Some(region) = inputs.region_on(&m.country, today) {
            out.developing += 1;
            if let Some(i) = inputs.region_index(region) {
                out.by_region[i].count += 1;
            }
        }
    }
    out
}

fn participation_in(
    inputs: &KpiInputs,
    by_member: &HashMap<Uuid, &KpiMember>,
    year: i32,
    day: NaiveDate,
) -> ParticipationYear {
    let mut by_region: Vec<RegionParticipation> = inputs
        .regions
        .iter()
        .map(|r| RegionParticipation { region: r.code.clone(), p_memberships: 0, o_memberships: 0, secretariats: 0 })
        .collect();
    let mut out =
        ParticipationYear { year, as_of: day, p_memberships: 0, o_memberships: 0, secretariats: 0, by_region: vec![] };
    for p in inputs.participations.iter().filter(|p| p.span.holds_on(day)) {
        let Some(member) = by_member.get(&p.member_id).filter(|m| m.is_member_on(day)) else { continue };
        let Some(region) = inputs.region_on(&member.country, day) else { continue };
        let slot = inputs.region_index(region).map(|i| &mut by_region[i]);
        match p.role {
            ParticipationRole::P => {
                out.p_memberships += 1;
                if let Some(s) = slot {
                    s.p_memberships += 1;
                }
            }
            ParticipationRole::O => {
                out.o_memberships += 1;
                if let Some(s) = slot {
                    s.o_memberships += 1;
                }
            }
            ParticipationRole::Secretariat => {
                out.secretariats += 1;
                if let Some(s) = slot {
                    s.secretariats += 1;
                }
            }
        }
    }
    out.by_region = by_region;
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::mapping::{Change, Period};
    use MemberCategory::{Correspondent, MemberBody, Subscriber};

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn region(code: &str) -> KpiRegion {
        KpiRegion { code: code.into(), name_en: code.into(), name_fr: code.into() }
    }

    fn member(n: u128, country: &str, joined: i32, categories: &[(i32, MemberCategory)]) -> KpiMember {
        KpiMember {
            id: Uuid::from_u128(n),
            country: country.into(),
            joined_on: day(joined, 1, 1),
            left_on: None,
            status: MemberStatus::Active,
            devco: false,
            categories: categories
                .iter()
                .enumerate()
                .map(|(i, (y, c))| CategoryEntry {
                    valid_from: day(*y, 1, 1),
                    seq: i64::try_from(i).unwrap(),
                    category: *c,
                })
                .collect(),
        }
    }

    fn inputs() -> KpiInputs {
        let mut mapping = HashMap::new();
        mapping.insert(
            "KE".to_owned(),
            History::new(vec![Period { region: "africa".into(), valid_from: None, valid_to: None }]),
        );
        // Fiji: in Asia until 2015, then in the Pacific.
        let mut fiji = History::new(vec![Period { region: "asia".into(), valid_from: None, valid_to: None }]);
        fiji.apply(&Change::Move { region: "pacific".into(), on: day(2015, 1, 1) });
        mapping.insert("FJ".to_owned(), fiji);
        // Chile: developing until 2013.
        let mut chile = History::new(vec![Period { region: "latam".into(), valid_from: None, valid_to: None }]);
        chile.apply(&Change::Close { on: day(2013, 7, 1) });
        mapping.insert("CL".to_owned(), chile);
        KpiInputs {
            regions: vec![region("africa"), region("asia"), region("pacific"), region("latam")],
            members: vec![
                member(1, "KE", 1974, &[(1974, Correspondent), (2012, MemberBody)]),
                member(2, "FJ", 2000, &[(2000, Subscriber), (2014, Correspondent)]),
                member(3, "CL", 1960, &[(1960, MemberBody)]),
                // Switzerland: never developing.
                member(4, "CH", 1947, &[(1947, MemberBody)]),
                KpiMember {
                    left_on: Some(day(2014, 6, 1)),
                    status: MemberStatus::Withdrawn,
                    ..member(5, "KE", 2010, &[(2010, Subscriber)])
                },
            ],
            mapping,
            participations: vec![
                KpiParticipation {
                    member_id: Uuid::from_u128(1),
                    role: ParticipationRole::P,
                    span: Span { since: day(2005, 1, 1), until: None },
                },
                KpiParticipation {
                    member_id: Uuid::from_u128(1),
                    role: ParticipationRole::Secretariat,
                    span: Span { since: day(2013, 3, 1), until: Some(day(2014, 12, 31)) },
                },
                KpiParticipation {
                    member_id: Uuid::from_u128(2),
                    role: ParticipationRole::O,
                    span: Span { since: day(2010, 1, 1), until: None },
                },
                KpiParticipation {
                    member_id: Uuid::from_u128(4),
                    role: ParticipationRole::P,
                    span: Span { since: day(2000, 1, 1), until: None },
                },
            ],
        }
    }

    fn now() -> DateTime<Utc> {
        DateTime::from_timestamp(1_750_000_000, 0).unwrap()
    }

    #[test]
    fn members_are_counted_by_the_category_and_region_of_each_year() {
        let k = compute(&inputs(), 2011..=2015, day(2015, 6, 30), now());
        let y = |year: i32| k.developing_members.iter().find(|r| r.year == year).unwrap();
        let region =
            |row: &DevelopingMembersYear, code: &str| row.by_region.iter().find(|r| r.region == code).unwrap().counts;

        // 2011: KEBS correspondent, Fiji subscriber (Asia), Chile member body, the second Kenyan body subscriber.
        assert_eq!(y(2011).counts, CategoryCounts { member_body: 1, correspondent: 1, subscriber: 2, total: 4 });
        assert_eq!(region(y(2011), "asia").subscriber, 1);
        // 2012: KEBS became a member body.
        assert_eq!(y(2012).counts.member_body, 2);
        // 2013: Chile is no longer developing at the end of the year.
        assert_eq!(y(2013).counts.total, 3);
        assert_eq!(region(y(2013), "latam").total, 0);
        // 2014: the second Kenyan body left; Fiji is a correspondent, still in Asia.
        assert_eq!(y(2014).counts, CategoryCounts { member_body: 1, correspondent: 1, subscriber: 0, total: 2 });
        assert_eq!(region(y(2014), "asia").correspondent, 1);
        // 2015: Fiji counts in the Pacific, as of today.
        assert_eq!(y(2015).as_of, day(2015, 6, 30));
        assert_eq!(region(y(2015), "pacific").total, 1);
        assert_eq!(region(y(2015), "asia").total, 0);
        // Every year's regions add up to its total.
        for row in &k.developing_members {
            assert_eq!(row.by_region.iter().map(|r| r.counts.total).sum::<u64>(), row.counts.total);
        }
    }

    #[test]
    fn upgrades_count_in_the_year_they_took_effect() {
        let k = compute(&inputs(), 2011..=2015, day(2015, 6, 30), now());
        let u = |year: i32| k.upgrades.iter().find(|r| r.year == year).unwrap().clone();
        assert_eq!((u(2012).total, u(2012).correspondent_to_member_body, u(2012).developing), (1, 1, 1));
        assert_eq!((u(2014).total, u(2014).subscriber_to_correspondent), (1, 1));
        assert_eq!(u(2014).by_region.iter().find(|r| r.region == "asia").unwrap().count, 1);
        assert_eq!(u(2013).total, 0);
    }

    #[test]
    fn participation_of_developing_members_per_region() {
        let k = compute(&inputs(), 2012..=2015, day(2015, 6, 30), now());
        let p = |year: i32| k.participation.iter().find(|r| r.year == year).unwrap().clone();
        // Switzerland's P-membership never counts.
        assert_eq!((p(2012).p_memberships, p(2012).o_memberships, p(2012).secretariats), (1, 1, 0));
        assert_eq!(p(2013).secretariats, 1);
        assert_eq!(p(2014).by_region.iter().find(|r| r.region == "africa").unwrap().secretariats, 1);
        assert_eq!(p(2015).secretariats, 0);
        assert_eq!(p(2015).by_region.iter().find(|r| r.region == "pacific").unwrap().o_memberships, 1);
    }

    #[test]
    fn devco_is_a_figure_for_today() {
        let mut i = inputs();
        i.members[0].devco = true;
        i.members[3].devco = true;
        i.members[4].devco = true; // withdrawn: not counted
        let k = compute(&i, 2015..=2015, day(2015, 6, 30), now());
        assert_eq!((k.devco.members, k.devco.developing), (2, 1));
        assert_eq!(k.devco.by_region.iter().find(|r| r.region == "africa").unwrap().count, 1);
    }

    #[test]
    fn the_years_asked_for_are_checked() {
        let today = day(2026, 3, 1);
        assert_eq!(years(None, None, today).unwrap(), 2017..=2026);
        assert_eq!(years(Some(2005), Some(2010), today).unwrap(), 2005..=2010);
        assert!(years(Some(2011), Some(2010), today).is_err());
        assert!(years(None, Some(2027), today).is_err());
        assert!(years(Some(1800), None, today).is_err());
        assert!(years(Some(1900), None, today).is_err());
        assert_eq!(as_of(2025, today), day(2025, 12, 31));
        assert_eq!(as_of(2026, today), today);
    }
}
