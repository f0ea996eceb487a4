//! A new proposal, parsed from what a member (or staff on its behalf) typed: parse, don't
//! validate. Every bad field is named at once.
//!
//! A draft may be incomplete (a title, summary, objective and theme are enough, as the SPA's
//! first form sends them); whatever it does say must be valid. Submission needs the rest:
//! [`check_complete`] names every missing part.

use std::collections::BTreeSet;

use api_types::money::{CHF, Money};
use api_types::projects::{BudgetCategory, DeliveryMethod, Theme};
use chrono::NaiveDate;
use uuid::Uuid;

use super::{Problems, Refusal, text};

pub const TITLE_MAX: usize = 200;
pub const SUMMARY_MAX: usize = 5_000;
pub const DESCRIPTION_MAX: usize = 200;
/// Most budget lines, beneficiaries or delivery methods in one proposal.
pub const LIST_MAX: usize = 100;
/// The default amount above which approval needs two distinct staff: CHF 100 000.
pub const DEFAULT_TWO_APPROVERS_ABOVE: Money = Money { minor: 100_000 * 100, currency: CHF };

/// One of the Action Plan's five objectives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Objective(u8);

impl Objective {
    pub fn parse(n: u8) -> Option<Objective> {
        (1..=5).contains(&n).then_some(Objective(n))
    }

    pub fn get(self) -> u8 {
        self.0
    }
}

/// A budget line: what for, and how much in which currency.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BudgetLine {
    pub category: BudgetCategory,
    pub description: String,
    pub amount: Money,
}

/// What the proposer sent, before any rule is applied.
#[derive(Debug, Clone)]
pub struct Input<'a> {
    pub title: &'a str,
    pub summary: &'a str,
    pub objective: u8,
    pub theme: Theme,
    pub delivery_methods: &'a [DeliveryMethod],
    pub beneficiary_members: &'a [Uuid],
    pub beneficiary_regions: &'a [String],
    pub budget: Vec<(BudgetCategory, &'a str, Money)>,
    pub planned_start: Option<NaiveDate>,
    pub planned_end: Option<NaiveDate>,
}

/// A proposal that passed every rule; only [`NewProposal::parse`] makes one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewProposal {
    pub title: String,
    pub summary: String,
    pub objective: Objective,
    pub theme: Theme,
    pub delivery_methods: BTreeSet<DeliveryMethod>,
    pub beneficiary_members: BTreeSet<Uuid>,
    /// Liaison region codes named explicitly (checked against the membership service by `ops`).
    pub beneficiary_regions: BTreeSet<String>,
    pub budget: Vec<BudgetLine>,
    pub planned_start: Option<NaiveDate>,
    pub planned_end: Option<NaiveDate>,
}

impl NewProposal {
    pub fn parse(input: Input<'_>) -> Result<NewProposal, Refusal> {
        let mut problems = Problems::new();
        let mut note = |field: &str, problem: String| {
            problems.entry(field.to_owned()).or_insert(problem);
        };
        let title = text::required_line(input.title, 3, TITLE_MAX).unwrap_or_else(|p| {
            note("title", p);
            String::new()
        });
        let summary = text::required_text(input.summary, SUMMARY_MAX).unwrap_or_else(|p| {
            note("summary", p);
            String::new()
        });
        let objective = Objective::parse(input.objective);
        if objective.is_none() {
            note("objective", "must be an Action Plan objective from 1 to 5".to_owned());
        }
        let delivery_methods: BTreeSet<DeliveryMethod> = input.delivery_methods.iter().copied().collect();
        let beneficiary_members: BTreeSet<Uuid> = input.beneficiary_members.iter().copied().collect();
        let beneficiary_regions: BTreeSet<String> =
            input.beneficiary_regions.iter().map(|r| r.trim().to_lowercase()).collect();
        if beneficiary_regions.iter().any(String::is_empty) {
            note("beneficiary_regions", "a region code must not be empty".to_owned());
        }
        if beneficiary_members.len() > LIST_MAX || beneficiary_regions.len() > LIST_MAX {
            note("beneficiaries", format!("at most {LIST_MAX} of each"));
        }
        if input.budget.len() > LIST_MAX {
            note("budget_lines", format!("at most {LIST_MAX} lines"));
        }
        let mut budget = Vec::with_capacity(input.budget.len());
        for (i, (category, description, amount)) in input.budget.into_iter().enumerate() {
            let description = text::optional(Some(description), DESCRIPTION_MAX).unwrap_or_else(|p| {
                note(&format!("budget_lines[{i}].description"), p);
                None
            });
            if amount.minor <= 0 {
                note(&format!("budget_lines[{i}].amount"), "must be more than zero".to_owned());
            }
            budget.push(BudgetLine { category, description: description.unwrap_or_default(), amount });
        }
        if totals(&budget).is_none() {
            note("budget_lines", "the lines add up to more than can be counted".to_owned());
        }
        if let (Some(start), Some(end)) = (input.planned_start, input.planned_end)
            && end < start
        {
            note("planned_end", "must not be before planned_start".to_owned());
        }
        Refusal::check(problems)?;
        match objective {
            Some(objective) => Ok(NewProposal {
                title,
                summary,
                objective,
                theme: input.theme,
                delivery_methods,
                beneficiary_members,
                beneficiary_regions,
                budget,
                planned_start: input.planned_start,
                planned_end: input.planned_end,
            }),
            None => Err(Refusal::invalid("objective", "must be an Action Plan objective from 1 to 5")),
        }
    }
}

/// What a proposal has, as far as submission cares.
#[derive(Debug, Clone, Copy)]
pub struct Completeness {
    pub delivery_methods: usize,
    pub beneficiaries: usize,
    pub budget_lines: usize,
    pub planned_start: Option<NaiveDate>,
    pub planned_end: Option<NaiveDate>,
}

/// A proposal is submitted complete: at least one delivery method, one beneficiary member or
/// region and one budget line, and both planned dates. Names every missing part (422).
pub fn check_complete(c: Completeness) -> Result<(), Refusal> {
    let mut problems = Problems::new();
    let mut need = |ok: bool, field: &str, what: &str| {
        if !ok {
            problems.insert(field.to_owned(), format!("{what} before the proposal is submitted"));
        }
    };
    need(c.delivery_methods > 0, "delivery_methods", "name at least one delivery method");
    need(c.beneficiaries > 0, "beneficiaries", "name at least one beneficiary member or liaison region");
    need(c.budget_lines > 0, "budget_lines", "add at least one budget line");
    need(c.planned_start.is_some(), "planned_start", "set the planned start");
    need(c.planned_end.is_some(), "planned_end", "set the planned end");
    Refusal::check(problems)
}

/// The budget's total in each currency (amounts of different currencies are never added),
/// sorted by currency; `None` if a total overflows.
pub fn totals(lines: &[BudgetLine]) -> Option<Vec<Money>> {
    let mut out: Vec<Money> = Vec::new();
    for line in lines {
        match out.iter_mut().find(|m| m.currency == line.amount.currency) {
            Some(total) => *total = total.checked_add(line.amount)?,
            None => out.push(line.amount),
        }
    }
    out.sort_by(|a, b| a.currency.code().cmp(b.currency.code()));
    Some(out)
}

/// How many distinct staff must approve a budget with these per-currency `totals`.
///
/// Above `threshold` (a CHF amount) it takes two. The projects service holds no exchange rates,
/// so a budget with any line in another currency cannot be shown to be below the threshold and
/// takes two as well: the safe reading of a control meant for large sums.
pub fn approvals_needed(totals: &[Money], threshold: Money) -> usize {
    match totals {
        [] => 1,
        [only] if only.currency == threshold.currency && only.minor <= threshold.minor => 1,
        _ => 2,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use api_types::Currency;
    use proptest::prelude::*;

    fn chf(minor: i64) -> Money {
        Money::new(minor, CHF)
    }

    fn input<'a>(title: &'a str, summary: &'a str, objective: u8, regions: &'a [String]) -> Input<'a> {
        Input {
            title,
            summary,
            objective,
            theme: Theme::IctSupport,
            delivery_methods: &[DeliveryMethod::Workshop],
            beneficiary_members: &[],
            beneficiary_regions: regions,
            budget: vec![(BudgetCategory::Experts, "Two experts", chf(5_000 * 100))],
            planned_start: NaiveDate::from_ymd_opt(2027, 1, 1),
            planned_end: NaiveDate::from_ymd_opt(2027, 6, 30),
        }
    }

    #[test]
    fn a_complete_proposal_parses_with_trimmed_text() {
        let regions = vec![" Asia ".to_owned()];
        let p = NewProposal::parse(input("  Bandwidth   for KEBS ", " Upgrade the link. ", 3, &regions)).unwrap();
        assert_eq!(p.title, "Bandwidth for KEBS");
        assert_eq!(p.summary, "Upgrade the link.");
        assert_eq!(p.objective.get(), 3);
        assert!(p.beneficiary_regions.contains("asia"));
    }

    #[test]
    fn every_problem_is_reported_at_once() {
        let mut bad = input(" a ", "   ", 9, &[]);
        bad.delivery_methods = &[];
        bad.budget = vec![(BudgetCategory::Other, "", chf(0))];
        bad.planned_end = NaiveDate::from_ymd_opt(2026, 1, 1);
        let Err(Refusal::Invalid(p)) = NewProposal::parse(bad) else { panic!("expected invalid") };
        assert_eq!(
            p.keys().collect::<Vec<_>>(),
            ["budget_lines[0].amount", "objective", "planned_end", "summary", "title"]
        );
    }

    #[test]
    fn a_draft_may_be_incomplete_but_a_submission_may_not() {
        let mut partial = input("Bandwidth", "Upgrade the link.", 3, &[]);
        partial.delivery_methods = &[];
        partial.budget.clear();
        partial.planned_start = None;
        partial.planned_end = None;
        assert!(NewProposal::parse(partial).is_ok());
        let empty = Completeness {
            delivery_methods: 0,
            beneficiaries: 0,
            budget_lines: 0,
            planned_start: None,
            planned_end: None,
        };
        let Err(Refusal::Invalid(p)) = check_complete(empty) else { panic!("expected invalid") };
        assert_eq!(p.len(), 5);
        let full = Completeness {
            delivery_methods: 1,
            beneficiaries: 1,
            budget_lines: 1,
            planned_start: NaiveDate::from_ymd_opt(2027, 1, 1),
            planned_end: NaiveDate::from_ymd_opt(2027, 1, 1),
        };
        assert!(check_complete(full).is_ok());
    }

    #[test]
    fn two_approvers_above_the_threshold_or_with_other_currencies() {
        let t = DEFAULT_TWO_APPROVERS_ABOVE;
        assert_eq!(approvals_needed(&[chf(100_000 * 100)], t), 1);
        assert_eq!(approvals_needed(&[chf(100_000 * 100 + 1)], t), 2);
        let eur = Currency::parse("EUR").unwrap();
        assert_eq!(approvals_needed(&[Money::new(1_000, eur)], t), 2);
        let lines = [
            BudgetLine { category: BudgetCategory::Travel, description: String::new(), amount: chf(1) },
            BudgetLine { category: BudgetCategory::Venue, description: String::new(), amount: Money::new(2, eur) },
            BudgetLine { category: BudgetCategory::Other, description: String::new(), amount: chf(3) },
        ];
        assert_eq!(totals(&lines).unwrap(), vec![chf(4), Money::new(2, eur)]);
    }

    proptest! {
        #[test]
        fn objective_accepts_exactly_one_to_five(n in any::<u8>()) {
            prop_assert_eq!(Objective::parse(n).is_some(), (1..=5).contains(&n));
        }

        #[test]
        fn titles_longer_than_the_limit_are_rejected(extra in 1usize..50) {
            let title = "x".repeat(TITLE_MAX + extra);
            let regions = vec!["asia".to_owned()];
            prop_assert!(NewProposal::parse(input(&title, "s", 1, &regions)).is_err());
        }
    }
}
