//! The maturity score, exact (integers and fractions, no floating point).
//!
//! Each answer earns points p from 0 to 4 (see [`super::answers::points`]). A section's score
//! is the weighted mean of its answered questions, `S = Σ wᵢ·pᵢ / Σ wᵢ` (0 to 4); an unanswered
//! optional question is left out of both sums. Its maturity level is `1 + round(S)`, halves
//! rounded up, so 0 → 1, 1.5 → 3 and 4 → 5. The overall score is the plain mean of the section
//! scores (every area of the questionnaire counts the same, however many questions it has), and
//! the overall level is `1 + round(overall)` in the same way. Scores are shown with two
//! decimals, halves rounded up.
//!
//! The result explains itself: for each section, the answers that earned fewer than 4 points,
//! ordered by the weighted points they missed, `wᵢ·(4 − pᵢ)`, heaviest first.

use api_types::assessments::{ScoreDrag, SectionScore};

use super::answers::{Answers, MAX_POINTS, points};
use super::questionnaire::Definition;

/// A non-negative fraction `num / den` (`den > 0`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ratio {
    pub num: u128,
    pub den: u128,
}

impl Ratio {
    /// `1 + round(self)`, halves rounded up, at most 5.
    pub fn level(self) -> u8 {
        let rounded = (2 * self.num + self.den) / (2 * self.den);
        u8::try_from(rounded + 1).unwrap_or(5).min(5)
    }

    /// The value with two decimals, halves rounded up: `"2.75"`.
    pub fn two_decimals(self) -> String {
        let hundredths = (200 * self.num + self.den) / (2 * self.den);
        format!("{}.{:02}", hundredths / 100, hundredths % 100)
    }

    /// The mean of `parts` (at least one).
    pub fn mean(parts: &[Ratio]) -> Option<Ratio> {
        if parts.is_empty() {
            return None;
        }
        // Over a common denominator: the product of distinct denominators stays small (section
        // weight sums are at most a few hundred, and there are a handful of sections).
        let den = parts.iter().fold(1u128, |acc, r| lcm(acc, r.den));
        let num = parts.iter().map(|r| r.num * (den / r.den)).sum::<u128>();
        Some(Ratio { num, den: den * parts.len() as u128 })
    }
}

fn gcd(a: u128, b: u128) -> u128 {
    if b == 0 { a } else { gcd(b, a % b) }
}

fn lcm(a: u128, b: u128) -> u128 {
    a / gcd(a, b) * b
}

/// A scored assessment: the sections in questionnaire order and the overall result.
#[derive(Debug, Clone, PartialEq)]
pub struct Score {
    pub sections: Vec<SectionScore>,
    pub level: u8,
    pub score: String,
}

/// Scores `answers` (already checked, with no required question missing) against `def`.
/// A section with no answered question (only possible if its required ones are missing)
/// is left out of the overall mean.
pub fn score(def: &Definition, answers: &Answers) -> Score {
    let mut sections = Vec::new();
    let mut ratios = Vec::new();
    for s in &def.sections {
        let (mut earned, mut weights, mut counted) = (0u128, 0u128, 0u32);
        let mut skipped = Vec::new();
        let mut drags = Vec::new();
        for q in &s.questions {
            let Some(value) = answers.get(&q.code) else {
                skipped.push(q.code.clone());
                continue;
            };
            let p = points(q, *value);
            earned += u128::from(q.weight) * u128::from(p);
            weights += u128::from(q.weight);
            counted += 1;
            if p < MAX_POINTS {
                drags.push(ScoreDrag {
                    question: q.code.clone(),
                    text_en: q.text_en.clone(),
                    text_fr: q.text_fr.clone(),
                    value: *value,
                    points: p,
                    weight: q.weight,
                    lost: q.weight * u32::from(MAX_POINTS - p),
                });
            }
        }
        // Heaviest loss first; questionnaire order among equals (the sort is stable).
        drags.sort_by_key(|d| std::cmp::Reverse(d.lost));
        let ratio = (weights > 0).then_some(Ratio { num: earned, den: weights });
        if let Some(r) = ratio {
            ratios.push(r);
        }
        let zero = Ratio { num: 0, den: 1 };
        sections.push(SectionScore {
            section: s.code.clone(),
            title_en: s.title_en.clone(),
            title_fr: s.title_fr.clone(),
            level: ratio.unwrap_or(zero).level(),
            score: ratio.unwrap_or(zero).two_decimals(),
            counted,
            skipped,
            pulled_down_by: drags,
        });
    }
    let overall = Ratio::mean(&ratios).unwrap_or(Ratio { num: 0, den: 1 });
    Score { sections, level: overall.level(), score: overall.two_decimals() }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::questionnaire::builtin;
    use api_types::assessments::{AnswerKind, AnswerValue};
    use proptest::prelude::*;

    /// Every question of the built-in version answered with `f(question)`.
    fn answer_all(def: &Definition, f: impl Fn(&api_types::assessments::Question) -> AnswerValue) -> Answers {
        def.sections.iter().flat_map(|s| &s.questions).map(|q| (q.code.clone(), f(q))).collect()
    }

    fn lowest(q: &api_types::assessments::Question) -> AnswerValue {
        match q.kind {
            AnswerKind::YesNo => AnswerValue::Bool(false),
            _ => AnswerValue::Int(0),
        }
    }

    fn highest(q: &api_types::assessments::Question) -> AnswerValue {
        match q.kind {
            AnswerKind::YesNo => AnswerValue::Bool(true),
            AnswerKind::Scale => AnswerValue::Int(4),
            AnswerKind::Number => AnswerValue::Int(i64::try_from(q.thresholds[3]).unwrap()),
        }
    }

    #[test]
    fn all_zero_answers_are_level_one_everywhere_and_explain_every_question() {
        let def = builtin().unwrap();
        let s = score(&def, &answer_all(&def, lowest));
        assert_eq!((s.level, s.score.as_str()), (1, "0.00"));
        for (section, def_section) in s.sections.iter().zip(&def.sections) {
            assert_eq!((section.level, section.score.as_str()), (1, "0.00"));
            assert_eq!(section.pulled_down_by.len(), def_section.questions.len());
            let lost: Vec<u32> = section.pulled_down_by.iter().map(|d| d.lost).collect();
            assert!(lost.windows(2).all(|w| w[0] >= w[1]), "heaviest first: {lost:?}");
        }
    }

    #[test]
    fn all_max_answers_are_level_five_with_nothing_pulling_down() {
        let def = builtin().unwrap();
        let s = score(&def, &answer_all(&def, highest));
        assert_eq!((s.level, s.score.as_str()), (5, "4.00"));
        assert!(s.sections.iter().all(|x| x.level == 5 && x.pulled_down_by.is_empty() && x.skipped.is_empty()));
    }

    #[test]
    fn missing_optional_answers_are_left_out_not_counted_as_zero() {
        let def = builtin().unwrap();
        let mut answers = answer_all(&def, highest);
        answers.remove("web.consultation");
        answers.remove("tools.adoptions");
        let s = score(&def, &answers);
        let website = s.sections.iter().find(|x| x.section == "website").unwrap();
        assert_eq!(
            (website.level, website.score.as_str(), website.skipped.as_slice()),
            (5, "4.00", &["web.consultation".to_owned()][..])
        );
        assert_eq!(website.counted, 3);
        assert_eq!(s.level, 5);
    }

    #[test]
    fn a_section_is_the_weighted_mean_and_halves_round_up() {
        let def = builtin().unwrap();
        let mut answers = answer_all(&def, highest);
        // Connectivity: bandwidth (w3) 5 Mbit/s = 1 point, reliability (w3) 2, backup (w2) no = 0,
        // meetings (w2) 4: (3 + 6 + 0 + 8) / 10 = 1.7 → level 3.
        answers.insert("conn.bandwidth".into(), AnswerValue::Int(5));
        answers.insert("conn.reliability".into(), AnswerValue::Int(2));
        answers.insert("conn.backup_link".into(), AnswerValue::Bool(false));
        let s = score(&def, &answers);
        let c = &s.sections[0];
        assert_eq!((c.level, c.score.as_str()), (3, "1.70"));
        let order: Vec<&str> = c.pulled_down_by.iter().map(|d| d.question.as_str()).collect();
        assert_eq!(order, ["conn.bandwidth", "conn.backup_link", "conn.reliability"], "lost 9, 8, 6");
        // Overall: (1.7 + 6 × 4) / 7 = 3.6714… → "3.67", level 5.
        assert_eq!((s.score.as_str(), s.level), ("3.67", 5));
    }

    #[test]
    fn rounding_edges() {
        let r = |num, den| Ratio { num, den };
        assert_eq!(
            [r(1, 2).level(), r(49, 100).level(), r(3, 2).level(), r(7, 2).level(), r(4, 1).level()],
            [2, 1, 3, 5, 5]
        );
        assert_eq!(r(1, 3).two_decimals(), "0.33");
        assert_eq!(r(2, 3).two_decimals(), "0.67");
        assert_eq!(r(1, 200).two_decimals(), "0.01");
        // Thirds that add up to exactly 1.5 must round to level 3, as exact arithmetic says.
        assert_eq!(Ratio::mean(&[r(1, 3), r(8, 3)]).unwrap().level(), 3);
        assert_eq!(Ratio::mean(&[]), None);
    }

    proptest! {
        #[test]
        fn levels_stay_in_range_and_rise_with_the_answers(picks in proptest::collection::vec(0i64..=4, 24)) {
            let def = builtin().unwrap();
            let questions: Vec<_> = def.sections.iter().flat_map(|s| &s.questions).collect();
            let answers: Answers = questions.iter().zip(picks.iter().cycle()).map(|(q, p)| {
                let v = match q.kind {
                    AnswerKind::YesNo => AnswerValue::Bool(*p >= 2),
                    AnswerKind::Scale => AnswerValue::Int(*p),
                    AnswerKind::Number => AnswerValue::Int(if *p == 0 { 0 } else { i64::try_from(q.thresholds[usize::try_from(*p).unwrap() - 1]).unwrap() }),
                };
                (q.code.clone(), v)
            }).collect();
            let s = score(&def, &answers);
            prop_assert!((1..=5).contains(&s.level));
            let better: Answers = answers.iter().map(|(c, v)| {
                let q = questions.iter().find(|q| &q.code == c).unwrap();
                (c.clone(), match (q.kind, v) { (AnswerKind::YesNo, _) => AnswerValue::Bool(true), _ => highest(q) })
            }).collect();
            prop_assert!(score(&def, &better).level >= s.level);
        }
    }
}
