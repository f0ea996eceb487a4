//! Review against the Action Plan's four selection principles, and the suggested score for the
//! fourth (geographic distribution) from what each liaison region received lately.

use std::collections::{BTreeMap, BTreeSet};

use super::{Problems, Refusal, text};

/// Highest score of a principle.
pub const MAX_SCORE: u8 = 5;
/// Longest comment on one principle.
pub const COMMENT_MAX: usize = 2_000;

/// The four principles, in the Action Plan's order (also the field names on the wire).
pub const PRINCIPLES: [&str; 4] = ["objective_oriented", "topic_oriented", "delivery_oriented", "geographic"];

/// One principle's score and the reviewer's comment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Score {
    pub value: u8,
    pub comment: String,
}

/// A review that passed every rule: four scores, each 0 to 5 with a comment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Review {
    /// In the order of [`PRINCIPLES`].
    pub scores: [Score; 4],
}

impl Review {
    /// Parses `(score, comment)` per principle (in [`PRINCIPLES`] order), naming each bad field
    /// as `<principle>.score` or `<principle>.comment`.
    pub fn parse(raw: [(i64, &str); 4]) -> Result<Review, Refusal> {
        let mut problems = Problems::new();
        let mut scores = Vec::with_capacity(4);
        for (name, (value, comment)) in PRINCIPLES.iter().zip(raw) {
            let value = match u8::try_from(value) {
                Ok(v) if v <= MAX_SCORE => v,
                _ => {
                    problems.insert(format!("{name}.score"), format!("must be from 0 to {MAX_SCORE}"));
                    0
                }
            };
            let comment = text::required_text(comment, COMMENT_MAX).unwrap_or_else(|p| {
                problems.insert(format!("{name}.comment"), p);
                String::new()
            });
            scores.push(Score { value, comment });
        }
        Refusal::check(problems)?;
        let scores: [Score; 4] = scores.try_into().map_err(|_| Refusal::invalid("scores", "four principles"))?;
        Ok(Review { scores })
    }

    /// The sum of the four scores (0 to 20).
    pub fn total(&self) -> u8 {
        self.scores.iter().map(|s| s.value).sum()
    }
}

/// The suggested geographic score and what it rests on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suggestion {
    pub score: u8,
    /// The project's regions and what each received (CHF minor units).
    pub regions: BTreeMap<String, i64>,
    /// What every region received in all (CHF minor units).
    pub total: i64,
    /// Number of liaison regions the funding was compared across.
    pub region_count: usize,
}

/// Suggests the geographic score of a project benefiting `project_regions`, given what each
/// liaison region received over the last three years (`funding`, CHF minor units).
///
/// The fair share of a region is `1 / n` of all funding. The project's regions together
/// received `ratio` times their fair share: at 0 (nothing yet) the suggestion is 5, at twice
/// their share or more it is 0, linear in between, rounded half up. When nobody received
/// anything every region is at its fair share (3). Exact integer arithmetic, no floats. `None`
/// when the project names no region.
pub fn suggest(project_regions: &BTreeSet<String>, funding: &BTreeMap<String, i64>) -> Option<Suggestion> {
    if project_regions.is_empty() {
        return None;
    }
    let region_count = funding.keys().chain(project_regions).collect::<BTreeSet<_>>().len();
    let regions: BTreeMap<String, i64> =
        project_regions.iter().map(|r| (r.clone(), funding.get(r).copied().unwrap_or(0).max(0))).collect();
    let total: i64 = funding.values().map(|v| (*v).max(0)).sum();
    let received: i128 = regions.values().map(|v| i128::from(*v)).sum();
    let k = i128::try_from(regions.len()).unwrap_or(i128::MAX);
    let n = i128::try_from(region_count).unwrap_or(i128::MAX);
    // ratio = received / (k * total / n) = received * n / (k * total)
    // score = 5 * (2 - ratio) / 2 = 5 * (2 * k * total - received * n) / (2 * k * total)
    let score = if total == 0 {
        3
    } else {
        let den = 2 * k * i128::from(total);
        let num = 5 * (den - received * n);
        // Round half up, then clamp to 0..=5.
        let rounded = (2 * num + den).div_euclid(2 * den);
        u8::try_from(rounded.clamp(0, i128::from(MAX_SCORE))).unwrap_or(0)
    };
    Some(Suggestion { score, regions, total, region_count })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn funding(pairs: &[(&str, i64)]) -> BTreeMap<String, i64> {
        pairs.iter().map(|(r, v)| ((*r).to_owned(), *v)).collect()
    }

    fn regions(rs: &[&str]) -> BTreeSet<String> {
        rs.iter().map(|r| (*r).to_owned()).collect()
    }

    #[test]
    fn reviews_need_four_scores_in_range_with_comments() {
        let ok = Review::parse([(5, "clear"), (0, "off topic"), (3, "ok"), (4, "underserved")]).unwrap();
        assert_eq!(ok.total(), 12);
        let Err(Refusal::Invalid(p)) = Review::parse([(6, "x"), (-1, "x"), (3, " "), (2, "x")]) else {
            panic!("expected invalid")
        };
        assert_eq!(
            p.keys().collect::<Vec<_>>(),
            ["delivery_oriented.comment", "objective_oriented.score", "topic_oriented.score"]
        );
    }

    #[test]
    fn underfunded_regions_get_high_suggestions() {
        let f = funding(&[("asia", 600), ("pacific", 0), ("caribbean", 200), ("arab", 200)]);
        // pacific received nothing: 5. asia 600 of 1000 over 4 regions = 2.4× its share: 0.
        assert_eq!(suggest(&regions(&["pacific"]), &f).unwrap().score, 5);
        assert_eq!(suggest(&regions(&["asia"]), &f).unwrap().score, 0);
        // caribbean: 200 of 1000 = 0.8× its share: 5 * 1.2 / 2 = 3.
        assert_eq!(suggest(&regions(&["caribbean"]), &f).unwrap().score, 3);
        // Several regions count together: pacific + asia = 600 of a fair 500: ratio 1.2 → 2.
        assert_eq!(suggest(&regions(&["pacific", "asia"]), &f).unwrap().score, 2);
        // A region funding has not heard of received nothing and widens the comparison.
        let s = suggest(&regions(&["latin-america"]), &f).unwrap();
        assert_eq!((s.score, s.region_count), (5, 5));
        assert_eq!(suggest(&regions(&["asia"]), &funding(&[])).unwrap().score, 3);
        assert!(suggest(&regions(&[]), &f).is_none());
    }

    proptest! {
        #[test]
        fn suggestions_stay_in_range_and_fall_as_funding_rises(
            amounts in prop::collection::vec(0i64..1_000_000_000_000, 1..8), extra in 0i64..1_000_000_000,
        ) {
            let mut f: BTreeMap<String, i64> =
                amounts.iter().enumerate().map(|(i, a)| (format!("r{i}"), *a)).collect();
            let mine = regions(&["r0"]);
            let before = suggest(&mine, &f).unwrap().score;
            prop_assert!(before <= MAX_SCORE);
            *f.entry("r0".to_owned()).or_default() += extra;
            let after = suggest(&mine, &f).unwrap().score;
            prop_assert!(after <= before || before == 3 && amounts.iter().all(|a| *a == 0));
        }
    }
}
