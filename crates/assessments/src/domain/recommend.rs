//! Recommendations: the rules of a questionnaire version applied to a scored assessment, and
//! the checks on what staff type when they edit or add one.

use api_types::Money;
use api_types::assessments::{
    CreateRecommendation, RecommendationRule, RuleCondition, SectionScore, UpdateRecommendation,
};
use api_types::money::CHF;
use api_types::projects::BudgetCategory;

use super::answers::{Answers, points};
use super::questionnaire::{Definition, index};
use super::{Problems, Refusal};

const TITLE_MAX: usize = 200;
const DESCRIPTION_MAX: usize = 4_000;
/// CHF 10 million: far above any ICT package, low enough to catch a typo of three zeros.
const COST_MAX_MINOR: i64 = 1_000_000_000;

/// The rules of `def` that fire for `answers` and their section scores, in rule order.
/// A question rule fires only for an answered question: an optional question left out says
/// nothing about a gap.
pub fn fire<'d>(def: &'d Definition, answers: &Answers, sections: &[SectionScore]) -> Vec<&'d RecommendationRule> {
    let questions = index(def);
    def.rules
        .iter()
        .filter(|rule| match &rule.when {
            RuleCondition::SectionBelow { section, level } => {
                sections.iter().any(|s| &s.section == section && s.level < *level)
            }
            RuleCondition::QuestionBelow { question, points: below } => {
                match (questions.get(question.as_str()), answers.get(question)) {
                    (Some((_, q)), Some(value)) => points(q, *value) < *below,
                    _ => false,
                }
            }
        })
        .collect()
}

/// An indicative cost: CHF, more than zero, at most CHF 10 million.
pub fn check_cost(cost: Money) -> Result<(), String> {
    if cost.currency != CHF {
        return Err(format!("must be in CHF, not {}", cost.currency));
    }
    if cost.minor <= 0 || cost.minor > COST_MAX_MINOR {
        return Err("must be more than 0 and at most 10000000.00 CHF".to_owned());
    }
    Ok(())
}

/// A recommendation as staff write it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fields {
    pub title: String,
    pub description: String,
    pub category: BudgetCategory,
    pub cost: Money,
}

impl Fields {
    pub fn parse(input: CreateRecommendation) -> Result<Fields, Refusal> {
        let mut p = Problems::new();
        let fields = Fields {
            title: super::text::required(&mut p, "title", &input.title, TITLE_MAX),
            description: super::text::required(&mut p, "description", &input.description, DESCRIPTION_MAX),
            category: input.category,
            cost: input.cost,
        };
        if let Err(problem) = check_cost(input.cost) {
            p.insert("cost".into(), problem);
        }
        Refusal::check(p)?;
        Ok(fields)
    }

    /// `self` with the fields `change` names replaced (and checked).
    pub fn apply(self, change: UpdateRecommendation) -> Result<Fields, Refusal> {
        Fields::parse(CreateRecommendation {
            title: change.title.unwrap_or(self.title),
            description: change.description.unwrap_or(self.description),
            category: change.category.unwrap_or(self.category),
            cost: change.cost.unwrap_or(self.cost),
        })
    }
}

/// The sum of `costs` in CHF, or `None` if it does not fit (never in practice: at most
/// CHF 10 million each).
pub fn total(costs: impl IntoIterator<Item = Money>) -> Option<Money> {
    costs.into_iter().try_fold(Money::zero(CHF), Money::checked_add)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::questionnaire::builtin;
    use crate::domain::scoring::score;
    use api_types::Currency;
    use api_types::assessments::{AnswerKind, AnswerValue, Question};

    fn answers(f: impl Fn(&Question) -> AnswerValue) -> Answers {
        let def = builtin().unwrap();
        def.sections.iter().flat_map(|s| &s.questions).map(|q| (q.code.clone(), f(q))).collect()
    }

    fn best(q: &Question) -> AnswerValue {
        match q.kind {
            AnswerKind::YesNo => AnswerValue::Bool(true),
            AnswerKind::Scale => AnswerValue::Int(4),
            AnswerKind::Number => AnswerValue::Int(1_000),
        }
    }

    fn fired(a: &Answers) -> Vec<String> {
        let def = builtin().unwrap();
        let s = score(&def, a);
        fire(&def, a, &s.sections).into_iter().map(|r| r.code.clone()).collect()
    }

    #[test]
    fn a_mature_body_gets_no_recommendation_and_a_weak_one_gets_all() {
        let best = answers(best);
        assert!(fired(&best).is_empty());
        let worst = answers(|q| match q.kind {
            AnswerKind::YesNo => AnswerValue::Bool(false),
            _ => AnswerValue::Int(0),
        });
        assert_eq!(fired(&worst).len(), builtin().unwrap().rules.len());
    }

    #[test]
    fn no_document_management_tool_recommends_standards_development_tools() {
        let mut a = answers(best);
        a.insert("tools.dms".into(), AnswerValue::Bool(false));
        assert_eq!(fired(&a), ["sd_tools"]);
        a.insert("conn.bandwidth".into(), AnswerValue::Int(0));
        a.insert("conn.reliability".into(), AnswerValue::Int(0));
        a.insert("conn.remote_meetings".into(), AnswerValue::Int(1));
        // (0 + 0 + 8 + 2) / 10 = 1.0 → level 2: not below 2 yet.
        assert_eq!(fired(&a), ["sd_tools"]);
        a.insert("conn.remote_meetings".into(), AnswerValue::Int(0));
        // 0.8 → level 2 still (rounds to 1): 1 + 1 = 2.
        assert_eq!(fired(&a), ["sd_tools"]);
        a.insert("conn.backup_link".into(), AnswerValue::Bool(false));
        assert_eq!(fired(&a), ["bandwidth", "backup_link", "sd_tools"]);
    }

    #[test]
    fn an_unanswered_optional_question_fires_no_rule() {
        let def = builtin().unwrap();
        let mut rule = def.rules[0].clone();
        rule.when = RuleCondition::QuestionBelow { question: "web.consultation".into(), points: 1 };
        let def = Definition { rules: vec![rule], ..def };
        assert!(fire(&def, &Answers::new(), &[]).is_empty());
    }

    #[test]
    fn staff_fields_are_checked_and_totals_are_exact() {
        let chf = |minor| Money::new(minor, CHF);
        let bad = Fields::parse(CreateRecommendation {
            title: " ".into(),
            description: "d".into(),
            category: BudgetCategory::Experts,
            cost: Money::new(100, Currency::parse("EUR").unwrap()),
        })
        .unwrap_err();
        assert!(matches!(bad, Refusal::Invalid(p) if p.keys().collect::<Vec<_>>() == ["cost", "title"]));
        let ok = Fields::parse(CreateRecommendation {
            title: "Router".into(),
            description: "A router".into(),
            category: BudgetCategory::Equipment,
            cost: chf(150_050),
        })
        .unwrap();
        let changed = ok.apply(UpdateRecommendation { cost: Some(chf(0)), ..Default::default() });
        assert!(changed.is_err());
        assert_eq!(total([chf(150_050), chf(1)]), Some(chf(150_051)));
        assert_eq!(total([]), Some(chf(0)));
    }
}
