//! A new proposal, parsed from what a member typed: parse, don't validate.

use std::collections::BTreeMap;

use api_types::projects::{CreateProject, Theme};

pub const TITLE_MAX: usize = 200;
pub const SUMMARY_MAX: usize = 5_000;

/// A proposal that passed every rule; only [`NewProposal::parse`] makes one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewProposal {
    title: String,
    summary: String,
    objective: Objective,
    theme: Theme,
}

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

/// Field → what is wrong with it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid proposal: {0:?}")]
pub struct InvalidProposal(pub BTreeMap<String, String>);

impl NewProposal {
    pub fn parse(input: CreateProject) -> Result<NewProposal, InvalidProposal> {
        let mut problems = BTreeMap::new();
        let title = input.title.trim().to_owned();
        let summary = input.summary.trim().to_owned();
        if title.chars().count() < 3 {
            problems.insert("title".to_owned(), "must be at least 3 characters".to_owned());
        } else if title.chars().count() > TITLE_MAX {
            problems.insert("title".to_owned(), format!("must be at most {TITLE_MAX} characters"));
        }
        if summary.is_empty() {
            problems.insert("summary".to_owned(), "must not be empty".to_owned());
        } else if summary.chars().count() > SUMMARY_MAX {
            problems.insert("summary".to_owned(), format!("must be at most {SUMMARY_MAX} characters"));
        }
        let objective = Objective::parse(input.objective);
        if objective.is_none() {
            problems.insert("objective".to_owned(), "must be an Action Plan objective from 1 to 5".to_owned());
        }
        match objective {
            Some(objective) if problems.is_empty() => Ok(NewProposal { title, summary, objective, theme: input.theme }),
            _ => Err(InvalidProposal(problems)),
        }
    }

    pub fn title(&self) -> &str {
        &self.title
    }

    pub fn summary(&self) -> &str {
        &self.summary
    }

    pub fn objective(&self) -> Objective {
        self.objective
    }

    pub fn theme(&self) -> Theme {
        self.theme
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn input(title: &str, summary: &str, objective: u8) -> CreateProject {
        CreateProject::new(title, summary, objective, Theme::IctSupport)
    }

    #[test]
    fn a_complete_proposal_parses_with_trimmed_text() {
        let p = NewProposal::parse(input("  Bandwidth for KEBS ", " Upgrade the link. ", 3)).unwrap();
        assert_eq!(p.title(), "Bandwidth for KEBS");
        assert_eq!(p.summary(), "Upgrade the link.");
        assert_eq!(p.objective().get(), 3);
    }

    #[test]
    fn every_problem_is_reported_at_once() {
        let err = NewProposal::parse(input(" a ", "   ", 9)).unwrap_err();
        assert_eq!(err.0.keys().collect::<Vec<_>>(), ["objective", "summary", "title"]);
    }

    proptest! {
        #[test]
        fn objective_accepts_exactly_one_to_five(n in any::<u8>()) {
            prop_assert_eq!(Objective::parse(n).is_some(), (1..=5).contains(&n));
        }

        #[test]
        fn titles_longer_than_the_limit_are_rejected(extra in 1usize..50) {
            let title = "x".repeat(TITLE_MAX + extra);
            prop_assert!(NewProposal::parse(input(&title, "s", 1)).is_err());
        }
    }
}
