//! The country → liaison region mapping over time.
//!
//! Each country has a list of periods, one per stretch of time in which it was developing, each
//! naming the liaison region it belonged to. A period runs from `valid_from` (included; `None`
//! for the default mapping, which holds since the start) to `valid_to` (excluded: the first day
//! it no longer holds; `None` while current). The invariants, checked by [`History::check`] and
//! kept by every change this module plans:
//!
//! * periods are in order and never overlap;
//! * at most one period is open, and it is the last;
//! * a period never ends before it starts (a period that starts and ends on the same day holds
//!   on no day: it records a same-day correction).
//!
//! So on any day a country is in at most one region, and "every developing country is in
//! exactly one region" holds by construction: a country is developing exactly when it has an
//! open period. Changes never rewrite the past: a change takes effect on a day no earlier than
//! the latest change already recorded, and no later than today.

use chrono::NaiveDate;

use super::{Refusal, codes};

/// One stretch of time in one region.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Period {
    pub region: String,
    pub valid_from: Option<NaiveDate>,
    pub valid_to: Option<NaiveDate>,
}

impl Period {
    pub fn holds_on(&self, day: NaiveDate) -> bool {
        self.valid_from.is_none_or(|f| f <= day) && self.valid_to.is_none_or(|t| day < t)
    }

    pub fn is_open(&self) -> bool {
        self.valid_to.is_none()
    }
}

/// What to do to a country's periods.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// Open a period in `region` from `on` (the country becomes developing).
    Open { region: String, on: NaiveDate },
    /// Close the open period on `on` (the country is no longer developing).
    Close { on: NaiveDate },
    /// Close the open period on `on` and open one in `region` from the same day.
    Move { region: String, on: NaiveDate },
}

/// One country's periods, oldest first.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct History {
    periods: Vec<Period>,
}

impl History {
    /// The periods as stored; call [`History::check`] to be sure they are consistent.
    pub fn new(mut periods: Vec<Period>) -> History {
        // `None` (since the start) sorts first; among periods that start on the same day (a
        // same-day correction), the one that ends first comes first and an open one last.
        periods.sort_by_key(|p| (p.valid_from, p.valid_to.is_none(), p.valid_to));
        History { periods }
    }

    pub fn periods(&self) -> &[Period] {
        &self.periods
    }

    /// The open period: the country's region now.
    pub fn current(&self) -> Option<&Period> {
        self.periods.last().filter(|p| p.is_open())
    }

    /// The region on `day`, if the country was developing then.
    pub fn region_on(&self, day: NaiveDate) -> Option<&str> {
        self.periods.iter().rev().find(|p| p.holds_on(day)).map(|p| p.region.as_str())
    }

    /// The earliest day a new change may take effect: the latest start or end recorded.
    pub fn earliest_change(&self) -> Option<NaiveDate> {
        self.periods.iter().flat_map(|p| [p.valid_from, p.valid_to]).flatten().max()
    }

    /// Plans a move of a developing country to `region` on `on`.
    pub fn plan_move(&self, region: &str, on: NaiveDate, today: NaiveDate) -> Result<Change, Refusal> {
        let Some(current) = self.current() else {
            return Err(Refusal::conflict(
                codes::COUNTRY_NOT_DEVELOPING,
                "The country is not developing, so it has no liaison region; mark it developing first.",
            ));
        };
        if current.region == region {
            return Err(Refusal::conflict(
                codes::ALREADY_IN_REGION,
                format!("The country is already in the liaison region {region}."),
            ));
        }
        self.check_day(on, today)?;
        Ok(Change::Move { region: region.to_owned(), on })
    }

    /// Plans what makes the country developing in `region` (`Some`) or not developing (`None`)
    /// from `on`; `Ok(None)` when nothing changes.
    pub fn plan_set(&self, region: Option<&str>, on: NaiveDate, today: NaiveDate) -> Result<Option<Change>, Refusal> {
        let change = match (self.current(), region) {
            (None, None) => return Ok(None),
            (Some(current), Some(region)) if current.region == region => return Ok(None),
            (None, Some(region)) => Change::Open { region: region.to_owned(), on },
            (Some(_), Some(region)) => Change::Move { region: region.to_owned(), on },
            (Some(_), None) => Change::Close { on },
        };
        self.check_day(on, today)?;
        Ok(Some(change))
    }

    fn check_day(&self, on: NaiveDate, today: NaiveDate) -> Result<(), Refusal> {
        if on > today {
            return Err(Refusal::invalid("effective_on", "must not be in the future"));
        }
        if let Some(earliest) = self.earliest_change()
            && on < earliest
        {
            return Err(Refusal::invalid(
                "effective_on",
                format!("must not be before the country's latest mapping change on {earliest}"),
            ));
        }
        Ok(())
    }

    /// Applies a planned change.
    pub fn apply(&mut self, change: &Change) {
        match change {
            Change::Open { region, on } => {
                self.periods.push(Period { region: region.clone(), valid_from: Some(*on), valid_to: None });
            }
            Change::Close { on } => {
                if let Some(open) = self.periods.last_mut().filter(|p| p.is_open()) {
                    open.valid_to = Some(*on);
                }
            }
            Change::Move { region, on } => {
                self.apply(&Change::Close { on: *on });
                self.apply(&Change::Open { region: region.clone(), on: *on });
            }
        }
    }

    /// The invariants of the module documentation; `Err` says which one is broken.
    pub fn check(&self) -> Result<(), String> {
        for (i, p) in self.periods.iter().enumerate() {
            if let (Some(from), Some(to)) = (p.valid_from, p.valid_to)
                && to < from
            {
                return Err(format!("period {i} ends on {to} before it starts on {from}"));
            }
            if p.is_open() && i + 1 != self.periods.len() {
                return Err(format!("period {i} is open but is not the last"));
            }
            if p.valid_from.is_none() && i != 0 {
                return Err(format!("period {i} holds since the start but is not the first"));
            }
            if let Some(next) = self.periods.get(i + 1) {
                match (p.valid_to, next.valid_from) {
                    (Some(end), Some(start)) if end <= start => {}
                    _ => return Err(format!("periods {i} and {} overlap", i + 1)),
                }
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use proptest::prelude::*;

    fn day(offset: u64) -> NaiveDate {
        NaiveDate::from_ymd_opt(2000, 1, 1).unwrap() + chrono::Days::new(offset)
    }

    fn default_in(region: &str) -> History {
        History::new(vec![Period { region: region.into(), valid_from: None, valid_to: None }])
    }

    #[test]
    fn a_move_closes_one_period_and_opens_the_next_on_the_same_day() {
        let mut h = default_in("asia");
        let change = h.plan_move("pacific", day(100), day(200)).unwrap();
        h.apply(&change);
        h.check().unwrap();
        assert_eq!(h.region_on(day(99)), Some("asia"));
        assert_eq!(h.region_on(day(100)), Some("pacific"));
        assert_eq!(h.current().unwrap().region, "pacific");
        assert_eq!(h.periods().len(), 2);
    }

    #[test]
    fn refusals_say_why() {
        let h = default_in("asia");
        assert!(matches!(
            h.plan_move("asia", day(1), day(2)),
            Err(Refusal::Conflict { code: codes::ALREADY_IN_REGION, .. })
        ));
        assert!(matches!(h.plan_move("pacific", day(3), day(2)), Err(Refusal::Invalid(_))));
        let none = History::default();
        assert!(matches!(
            none.plan_move("asia", day(1), day(2)),
            Err(Refusal::Conflict { code: codes::COUNTRY_NOT_DEVELOPING, .. })
        ));
        let mut moved = default_in("asia");
        moved.apply(&Change::Move { region: "pacific".into(), on: day(50) });
        let Err(Refusal::Invalid(problems)) = moved.plan_move("ceeca", day(49), day(60)) else { panic!() };
        assert!(problems["effective_on"].contains("2000-02-20"), "{problems:?}");
    }

    #[test]
    fn leaving_and_rejoining_the_developing_countries() {
        let mut h = default_in("latin-america");
        let close = h.plan_set(None, day(10), day(30)).unwrap().unwrap();
        h.apply(&close);
        assert_eq!(h.current(), None);
        assert_eq!(h.region_on(day(9)), Some("latin-america"));
        assert_eq!(h.region_on(day(10)), None);
        assert_eq!(h.plan_set(None, day(20), day(30)).unwrap(), None);
        let open = h.plan_set(Some("caribbean"), day(20), day(30)).unwrap().unwrap();
        h.apply(&open);
        h.check().unwrap();
        assert_eq!(h.region_on(day(15)), None);
        assert_eq!(h.region_on(day(25)), Some("caribbean"));
        assert_eq!(h.plan_set(Some("caribbean"), day(30), day(30)).unwrap(), None);
    }

    #[test]
    fn broken_histories_are_detected() {
        let overlapping = History::new(vec![
            Period { region: "asia".into(), valid_from: Some(day(0)), valid_to: Some(day(10)) },
            Period { region: "pacific".into(), valid_from: Some(day(5)), valid_to: None },
        ]);
        assert!(overlapping.check().is_err());
        let two_open = History::new(vec![
            Period { region: "asia".into(), valid_from: Some(day(0)), valid_to: None },
            Period { region: "pacific".into(), valid_from: Some(day(5)), valid_to: None },
        ]);
        assert!(two_open.check().is_err());
        let backwards =
            History::new(vec![Period { region: "asia".into(), valid_from: Some(day(5)), valid_to: Some(day(1)) }]);
        assert!(backwards.check().is_err());
    }

    /// One staff action in a random sequence.
    #[derive(Debug, Clone)]
    enum Action {
        Move { country: usize, region: usize, after: u64 },
        Set { country: usize, region: Option<usize>, after: u64 },
    }

    const REGIONS: [&str; 8] =
        ["africa-anglophone", "africa-francophone", "arab", "asia", "pacific", "ceeca", "latin-america", "caribbean"];

    fn action() -> impl Strategy<Value = Action> {
        prop_oneof![
            (0usize..12, 0usize..8, 0u64..40).prop_map(|(country, region, after)| Action::Move {
                country,
                region,
                after
            }),
            (0usize..12, proptest::option::of(0usize..8), 0u64..40).prop_map(|(country, region, after)| Action::Set {
                country,
                region,
                after
            }),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        /// Random sequences of moves and developing changes (some refused: the same region, a
        /// non-developing country, a day before the latest change, a day in the future) keep
        /// every country's history consistent, put every developing country in exactly one
        /// region on every day, and never change what the mapping said about a past day.
        #[test]
        fn random_moves_keep_the_mapping_consistent(
            initially_developing in proptest::collection::vec(proptest::option::of(0usize..8), 12),
            actions in proptest::collection::vec(action(), 1..60),
        ) {
            let mut histories: Vec<History> = initially_developing
                .iter()
                .map(|r| r.map_or_else(History::default, |r| default_in(REGIONS[r])))
                .collect();
            let mut today = 0u64;
            // What each country's region was on each day up to `today`, as first answered.
            let mut answered: BTreeMap<(usize, u64), Option<String>> = BTreeMap::new();
            for action in actions {
                today += 3;
                let (country, result) = match action {
                    Action::Move { country, region, after } => {
                        let on = histories[country].earliest_change().map_or(after, |e| (e - day(0)).num_days().unsigned_abs() + after % 7);
                        (country, histories[country].plan_move(REGIONS[region], day(on), day(today)).map(Some))
                    }
                    Action::Set { country, region, after } => {
                        let on = today.saturating_sub(after % 10);
                        (country, histories[country].plan_set(region.map(|r| REGIONS[r]), day(on), day(today)))
                    }
                };
                if let Ok(Some(change)) = result {
                    let (Change::Open { on, .. } | Change::Close { on } | Change::Move { on, .. }) = &change;
                    prop_assert!(*on <= day(today));
                    histories[country].apply(&change);
                }
                for (c, h) in histories.iter().enumerate() {
                    prop_assert!(h.check().is_ok(), "country {}: {:?}: {:?}", c, h.check(), h);
                    // Developing now ⇔ exactly one open period ⇔ a region today.
                    let open = h.periods().iter().filter(|p| p.is_open()).count();
                    prop_assert!(open <= 1);
                    prop_assert_eq!(open == 1, h.region_on(day(today)).is_some());
                    for d in 0..=today {
                        let holding = h.periods().iter().filter(|p| p.holds_on(day(d))).count();
                        prop_assert!(holding <= 1, "country {} is in {} regions on day {}", c, holding, d);
                        let region = h.region_on(day(d)).map(str::to_owned);
                        // A change never rewrites a day before the day it takes effect: only
                        // days from the latest change on may differ from what was answered.
                        let earliest = h.earliest_change().map_or(0, |e| (e - day(0)).num_days().unsigned_abs());
                        match answered.get(&(c, d)) {
                            Some(before) if d < earliest => prop_assert_eq!(before, &region, "day {} of country {} was rewritten", d, c),
                            _ => {}
                        }
                        answered.insert((c, d), region);
                    }
                }
            }
        }
    }
}
