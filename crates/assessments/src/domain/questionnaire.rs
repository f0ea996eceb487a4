//! The ICT maturity questionnaire as data: sections of weighted questions (scale 0–4, yes/no,
//! number) with texts and help in English and French, and the recommendation rules that go
//! with them. A version is checked once, when published, and never changes afterwards, so
//! answers given to it stay comparable. The version shipped with the service lives in
//! `data/questionnaire-v2.json`.

use std::collections::{BTreeMap, BTreeSet};

use api_types::assessments::{AnswerKind, Question, QuestionnaireDefinition, RuleCondition};

use super::{Problems, Refusal};

/// A published (checked) questionnaire version.
pub type Definition = QuestionnaireDefinition;

/// The questionnaire version built into this release, published at start-up.
pub const BUILTIN_JSON: &str = include_str!("../../data/questionnaire-v2.json");

const TEXT_MAX: usize = 1_000;
const CODE_MAX: usize = 64;

/// The built-in version.
pub fn builtin() -> Result<Definition, Refusal> {
    parse_json(BUILTIN_JSON)
}

/// Parses a stored or shipped definition and checks it.
pub fn parse_json(json: &str) -> Result<Definition, Refusal> {
    let def: Definition =
        serde_json::from_str(json).map_err(|e| Refusal::invalid("questionnaire", format!("not valid JSON: {e}")))?;
    check(def)
}

/// Checks a definition and names every problem: a positive version; sections with unique codes,
/// both titles and at least one required question; questions with unique codes, texts and help
/// in both languages, a positive weight and, for number questions only, four ascending
/// thresholds; rules with unique codes that refer to existing sections and questions, with a
/// level 2–5 or points 1–4 (anything else never or always fires), both titles and descriptions,
/// and a positive cost in CHF.
pub fn check(def: Definition) -> Result<Definition, Refusal> {
    let mut p = Problems::new();
    if def.version < 1 {
        p.insert("version".into(), "must be 1 or more".into());
    }
    if def.sections.is_empty() {
        p.insert("sections".into(), "a questionnaire needs at least one section".into());
    }
    let mut section_codes = BTreeSet::new();
    let mut question_codes = BTreeSet::new();
    for (i, s) in def.sections.iter().enumerate() {
        let at = format!("sections[{i}]");
        code(&mut p, &format!("{at}.code"), &s.code);
        if !section_codes.insert(s.code.as_str()) {
            p.insert(format!("{at}.code"), format!("{} appears twice", s.code));
        }
        texts(&mut p, &at, &[("title_en", &s.title_en), ("title_fr", &s.title_fr)]);
        if !s.questions.iter().any(|q| q.required) {
            p.insert(format!("{at}.questions"), "a section needs at least one required question".into());
        }
        for (j, q) in s.questions.iter().enumerate() {
            let at = format!("{at}.questions[{j}]");
            code(&mut p, &format!("{at}.code"), &q.code);
            if !question_codes.insert(q.code.as_str()) {
                p.insert(format!("{at}.code"), format!("{} appears twice", q.code));
            }
            texts(
                &mut p,
                &at,
                &[("text_en", &q.text_en), ("text_fr", &q.text_fr), ("help_en", &q.help_en), ("help_fr", &q.help_fr)],
            );
            if q.weight == 0 || q.weight > 100 {
                p.insert(format!("{at}.weight"), "must be 1 to 100".into());
            }
            match q.kind {
                AnswerKind::Number => {
                    if q.thresholds.len() != 4 || q.thresholds.windows(2).any(|w| w[0] >= w[1]) {
                        p.insert(format!("{at}.thresholds"), "a number question needs four ascending values".into());
                    }
                }
                AnswerKind::Scale | AnswerKind::YesNo => {
                    if !q.thresholds.is_empty() {
                        p.insert(format!("{at}.thresholds"), "only number questions have thresholds".into());
                    }
                }
            }
        }
    }
    let mut rule_codes = BTreeSet::new();
    for (i, r) in def.rules.iter().enumerate() {
        let at = format!("rules[{i}]");
        code(&mut p, &format!("{at}.code"), &r.code);
        if !rule_codes.insert(r.code.as_str()) {
            p.insert(format!("{at}.code"), format!("{} appears twice", r.code));
        }
        match &r.when {
            RuleCondition::SectionBelow { section, level } => {
                if !section_codes.contains(section.as_str()) {
                    p.insert(format!("{at}.when.section"), format!("no section {section}"));
                }
                if !(2..=5).contains(level) {
                    p.insert(format!("{at}.when.level"), "must be 2 to 5".into());
                }
            }
            RuleCondition::QuestionBelow { question, points } => {
                if !question_codes.contains(question.as_str()) {
                    p.insert(format!("{at}.when.question"), format!("no question {question}"));
                }
                if !(1..=4).contains(points) {
                    p.insert(format!("{at}.when.points"), "must be 1 to 4".into());
                }
            }
        }
        texts(
            &mut p,
            &at,
            &[
                ("title_en", &r.title_en),
                ("title_fr", &r.title_fr),
                ("description_en", &r.description_en),
                ("description_fr", &r.description_fr),
            ],
        );
        if let Err(problem) = super::recommend::check_cost(r.cost) {
            p.insert(format!("{at}.cost"), problem);
        }
    }
    Refusal::check(p)?;
    Ok(def)
}

fn code(p: &mut Problems, field: &str, code: &str) {
    let ok = !code.is_empty()
        && code.len() <= CODE_MAX
        && code.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'.');
    if !ok {
        p.insert(field.to_owned(), "must be 1 to 64 of a-z, 0-9, `_` and `.`".into());
    }
}

fn texts(p: &mut Problems, at: &str, fields: &[(&str, &str)]) {
    for (name, text) in fields {
        super::text::required(p, &format!("{at}.{name}"), text, TEXT_MAX);
    }
}

/// Where each question of a definition is: its section's code and the question itself.
pub fn index(def: &Definition) -> BTreeMap<&str, (&str, &Question)> {
    def.sections.iter().flat_map(|s| s.questions.iter().map(move |q| (q.code.as_str(), (s.code.as_str(), q)))).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_builtin_questionnaire_covers_the_seven_areas_in_both_languages() {
        let def = builtin().unwrap();
        let sections: Vec<_> = def.sections.iter().map(|s| s.code.as_str()).collect();
        assert_eq!(sections, ["connectivity", "hardware", "software", "website", "tools", "security", "skills"]);
        assert!(def.sections.iter().all(|s| s.questions.len() >= 3));
        let kinds: BTreeSet<_> =
            def.sections.iter().flat_map(|s| &s.questions).map(|q| format!("{:?}", q.kind)).collect();
        assert_eq!(kinds.len(), 3, "scale, yes/no and number questions");
        assert!(
            def.rules
                .iter()
                .any(|r| r.when == RuleCondition::SectionBelow { section: "connectivity".into(), level: 2 })
        );
        assert!(
            def.rules
                .iter()
                .any(|r| r.when == RuleCondition::QuestionBelow { question: "tools.dms".into(), points: 1 })
        );
    }

    fn one_question(extra: &str) -> String {
        format!(
            r#"{{"version":3,"sections":[{{"code":"a","title_en":"A","title_fr":"A","questions":[
            {{"code":"q","kind":"scale","weight":1,"text_en":"x","text_fr":"x","help_en":"h","help_fr":"h"}}
            {extra}]}}]}}"#
        )
    }

    fn problems(json: &str) -> Vec<String> {
        match parse_json(json) {
            Err(Refusal::Invalid(p)) => p.into_keys().collect(),
            other => panic!("expected problems, got {other:?}"),
        }
    }

    #[test]
    fn duplicate_codes_missing_translations_and_bad_thresholds_are_named() {
        assert!(parse_json(&one_question("")).is_ok());
        assert_eq!(
            problems(&one_question(
                r#",{"code":"q","kind":"number","weight":0,"text_en":"y","text_fr":" ","help_en":"h","help_fr":"h","thresholds":[3,2,1,0]}"#
            )),
            [
                "sections[0].questions[1].code",
                "sections[0].questions[1].text_fr",
                "sections[0].questions[1].thresholds",
                "sections[0].questions[1].weight"
            ]
        );
        assert_eq!(problems("{"), ["questionnaire"]);
    }

    #[test]
    fn rules_must_point_at_existing_questions_and_cost_chf() {
        let mut def = builtin().unwrap();
        def.rules[0].when = RuleCondition::QuestionBelow { question: "nope".into(), points: 9 };
        def.rules[1].cost = api_types::Money::new(100, api_types::Currency::parse("EUR").unwrap());
        let Err(Refusal::Invalid(p)) = check(def) else { panic!("expected problems") };
        assert_eq!(p.keys().collect::<Vec<_>>(), ["rules[0].when.points", "rules[0].when.question", "rules[1].cost"]);
    }

    #[test]
    fn a_section_of_only_optional_questions_is_refused() {
        let json = one_question("").replace(r#""weight":1"#, r#""weight":1,"required":false"#);
        assert_eq!(problems(&json), ["sections[0].questions"]);
    }
}
