//! The ICT maturity questionnaire: sections of weighted questions, versioned. The version
//! shipped with the service lives in `data/questionnaire-v1.json`.

use std::collections::BTreeSet;

use api_types::assessments::Section;
use serde::Deserialize;

/// A questionnaire version as written in the data file.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Definition {
    pub version: i32,
    pub sections: Vec<Section>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InvalidQuestionnaire {
    #[error("the questionnaire is not valid JSON: {0}")]
    Json(String),
    #[error("{0}")]
    Rule(String),
}

/// The questionnaire version built into this release, as published.
pub const BUILTIN_JSON: &str = include_str!("../../data/questionnaire-v1.json");

/// The questionnaire version built into this release.
pub fn builtin() -> Result<Definition, InvalidQuestionnaire> {
    parse(BUILTIN_JSON)
}

/// Parses and checks a definition: a positive version, at least one section, unique section
/// and question codes, every text in both languages and every weight positive.
pub fn parse(json: &str) -> Result<Definition, InvalidQuestionnaire> {
    let def: Definition = serde_json::from_str(json).map_err(|e| InvalidQuestionnaire::Json(e.to_string()))?;
    let rule = |m: String| Err(InvalidQuestionnaire::Rule(m));
    if def.version < 1 {
        return rule(format!("version {} must be 1 or more", def.version));
    }
    if def.sections.is_empty() {
        return rule("a questionnaire needs at least one section".to_owned());
    }
    let mut codes = BTreeSet::new();
    for section in &def.sections {
        if !codes.insert(section.code.clone()) {
            return rule(format!("section code {} appears twice", section.code));
        }
        if section.title_en.trim().is_empty() || section.title_fr.trim().is_empty() {
            return rule(format!("section {} needs an English and a French title", section.code));
        }
        if section.questions.is_empty() {
            return rule(format!("section {} has no question", section.code));
        }
        for q in &section.questions {
            if !codes.insert(q.code.clone()) {
                return rule(format!("question code {} appears twice", q.code));
            }
            if q.text_en.trim().is_empty() || q.text_fr.trim().is_empty() {
                return rule(format!("question {} needs an English and a French text", q.code));
            }
            if q.weight == 0 {
                return rule(format!("question {} has weight 0", q.code));
            }
        }
    }
    Ok(def)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_builtin_questionnaire_covers_the_seven_areas() {
        let def = builtin().unwrap();
        let sections: Vec<_> = def.sections.iter().map(|s| s.code.as_str()).collect();
        assert_eq!(sections, ["connectivity", "hardware", "software", "website", "tools", "security", "skills"]);
        assert!(def.sections.iter().all(|s| s.questions.len() >= 3));
    }

    #[test]
    fn duplicate_codes_and_missing_translations_are_rejected() {
        let dup = r#"{"version":1,"sections":[{"code":"a","title_en":"A","title_fr":"A","questions":[
            {"code":"q","kind":"scale","weight":1,"text_en":"x","text_fr":"x"},
            {"code":"q","kind":"scale","weight":1,"text_en":"y","text_fr":"y"}]}]}"#;
        assert!(matches!(parse(dup), Err(InvalidQuestionnaire::Rule(m)) if m.contains("twice")));
        let untranslated = r#"{"version":1,"sections":[{"code":"a","title_en":"A","title_fr":" ","questions":[
            {"code":"q","kind":"scale","weight":1,"text_en":"x","text_fr":"x"}]}]}"#;
        assert!(parse(untranslated).is_err());
        assert!(matches!(parse("{"), Err(InvalidQuestionnaire::Json(_))));
    }
}
