//! Answers: which values each kind of question takes, the points (0–4) a value earns, and
//! which required questions are still unanswered.

use std::collections::BTreeMap;

use api_types::assessments::{AnswerKind, AnswerValue, Question, SaveSection};

use super::questionnaire::Definition;
use super::{Problems, Refusal};

/// The most points an answer earns.
pub const MAX_POINTS: u8 = 4;

/// Question code → answer, for one assessment.
pub type Answers = BTreeMap<String, AnswerValue>;

/// Whether `value` answers `question`; why not otherwise.
pub fn check(question: &Question, value: AnswerValue) -> Result<(), String> {
    match (question.kind, value) {
        (AnswerKind::Scale, AnswerValue::Int(n)) if (0..=i64::from(MAX_POINTS)).contains(&n) => Ok(()),
        (AnswerKind::Scale, _) => Err("must be a whole number from 0 to 4".to_owned()),
        (AnswerKind::YesNo, AnswerValue::Bool(_)) => Ok(()),
        (AnswerKind::YesNo, _) => Err("must be true or false".to_owned()),
        (AnswerKind::Number, AnswerValue::Int(n)) if n >= 0 => Ok(()),
        (AnswerKind::Number, _) => Err("must be a whole number, 0 or more".to_owned()),
    }
}

/// The points a (checked) answer earns: a scale answer its value, "yes" 4 and "no" 0, a number
/// one point for each threshold it reaches.
pub fn points(question: &Question, value: AnswerValue) -> u8 {
    let reached = |n: i64| {
        let n = u64::try_from(n).unwrap_or(0);
        u8::try_from(question.thresholds.iter().filter(|t| n >= **t).count()).unwrap_or(MAX_POINTS)
    };
    let points = match (question.kind, value) {
        (AnswerKind::Scale, AnswerValue::Int(n)) => u8::try_from(n).unwrap_or(0),
        (AnswerKind::YesNo, AnswerValue::Bool(true)) => MAX_POINTS,
        (AnswerKind::YesNo, AnswerValue::Bool(false)) => 0,
        (AnswerKind::Number, AnswerValue::Int(n)) => reached(n),
        // A value of the wrong kind never gets past `check`; it earns nothing.
        _ => 0,
    };
    points.min(MAX_POINTS)
}

/// The answers to save for `section`: every question named must be in that section and every
/// value must fit its question (422 naming each question otherwise). `null` means unanswered.
pub fn parse_section(def: &Definition, section: &str, input: SaveSection) -> Result<Answers, Refusal> {
    let Some(s) = def.sections.iter().find(|s| s.code == section) else {
        return Err(Refusal::invalid(
            "section",
            format!("questionnaire version {} has no section {section}", def.version),
        ));
    };
    let mut problems = Problems::new();
    let mut answers = Answers::new();
    for (code, value) in input.answers {
        match s.questions.iter().find(|q| q.code == code) {
            None => {
                problems.insert(code, format!("is not a question of section {section}"));
            }
            Some(q) => {
                if let Some(value) = value {
                    match check(q, value) {
                        Ok(()) => {
                            answers.insert(code, value);
                        }
                        Err(problem) => {
                            problems.insert(code, problem);
                        }
                    }
                }
            }
        }
    }
    Refusal::check(problems)?;
    Ok(answers)
}

/// Required questions without an answer, in questionnaire order.
pub fn missing(def: &Definition, answers: &Answers) -> Vec<String> {
    def.sections
        .iter()
        .flat_map(|s| &s.questions)
        .filter(|q| q.required && !answers.contains_key(&q.code))
        .map(|q| q.code.clone())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::questionnaire::builtin;

    fn question(kind: AnswerKind, thresholds: Vec<u64>) -> Question {
        Question {
            code: "q".into(),
            text_en: "x".into(),
            text_fr: "x".into(),
            help_en: "h".into(),
            help_fr: "h".into(),
            kind,
            weight: 1,
            required: true,
            thresholds,
        }
    }

    #[test]
    fn each_kind_takes_its_values_only() {
        let scale = question(AnswerKind::Scale, vec![]);
        assert!(check(&scale, AnswerValue::Int(4)).is_ok());
        assert!(check(&scale, AnswerValue::Int(5)).is_err());
        assert!(check(&scale, AnswerValue::Int(-1)).is_err());
        assert!(check(&scale, AnswerValue::Bool(true)).is_err());
        let yes_no = question(AnswerKind::YesNo, vec![]);
        assert!(check(&yes_no, AnswerValue::Bool(false)).is_ok());
        assert!(check(&yes_no, AnswerValue::Int(1)).is_err());
        let number = question(AnswerKind::Number, vec![2, 10, 30, 100]);
        assert!(check(&number, AnswerValue::Int(0)).is_ok());
        assert!(check(&number, AnswerValue::Int(-3)).is_err());
    }

    #[test]
    fn points_follow_the_kind() {
        let number = question(AnswerKind::Number, vec![2, 10, 30, 100]);
        let pts = |n| points(&number, AnswerValue::Int(n));
        assert_eq!([pts(0), pts(1), pts(2), pts(29), pts(30), pts(100), pts(i64::MAX)], [0, 0, 1, 2, 3, 4, 4]);
        let yes_no = question(AnswerKind::YesNo, vec![]);
        assert_eq!((points(&yes_no, AnswerValue::Bool(true)), points(&yes_no, AnswerValue::Bool(false))), (4, 0));
        assert_eq!(points(&question(AnswerKind::Scale, vec![]), AnswerValue::Int(3)), 3);
    }

    #[test]
    fn a_section_is_saved_only_with_its_own_valid_answers() {
        let def = builtin().unwrap();
        let input = SaveSection {
            answers: BTreeMap::from([
                ("conn.bandwidth".to_owned(), Some(AnswerValue::Int(12))),
                ("conn.backup_link".to_owned(), None),
            ]),
        };
        let saved = parse_section(&def, "connectivity", input).unwrap();
        assert_eq!(saved.len(), 1);
        let bad = SaveSection {
            answers: BTreeMap::from([
                ("hw.power".to_owned(), Some(AnswerValue::Bool(true))),
                ("conn.reliability".to_owned(), Some(AnswerValue::Int(7))),
            ]),
        };
        let Err(Refusal::Invalid(p)) = parse_section(&def, "connectivity", bad) else { panic!() };
        assert_eq!(p.keys().collect::<Vec<_>>(), ["conn.reliability", "hw.power"]);
        assert!(parse_section(&def, "nowhere", SaveSection { answers: BTreeMap::new() }).is_err());
    }

    #[test]
    fn optional_questions_are_never_missing() {
        let def = builtin().unwrap();
        let missing = missing(&def, &Answers::new());
        assert!(missing.contains(&"conn.bandwidth".to_owned()));
        assert!(!missing.contains(&"web.consultation".to_owned()), "optional");
    }
}
