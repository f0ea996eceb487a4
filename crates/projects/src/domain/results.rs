//! The results framework: indicators (name, unit, baseline, target), periodic actuals that the
//! member enters and staff approve, and the evaluation that closes a project.
//!
//! An actual is the indicator's value at the end of its period (a level, as in IATI results),
//! so the latest approved actual is where the indicator stands now.

use api_types::projects::ProjectStatus;

use super::{Problems, Refusal, codes, text};

pub const NAME_MAX: usize = 200;
pub const UNIT_MAX: usize = 40;
pub const NARRATIVE_MAX: usize = 10_000;
pub const NOTE_MAX: usize = 2_000;
/// The unit whose indicators count people trained (a KPI).
pub const PEOPLE: &str = "people";

/// A new indicator.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Indicator {
    pub name: String,
    /// Lower case, e.g. `people`, `documents`, `percent`.
    pub unit: String,
    pub baseline: i64,
    pub target: i64,
}

impl Indicator {
    pub fn parse(name: &str, unit: &str, baseline: i64, target: i64) -> Result<Indicator, Refusal> {
        let mut problems = Problems::new();
        let name = text::required_line(name, 3, NAME_MAX).unwrap_or_else(|p| {
            problems.insert("name".into(), p);
            String::new()
        });
        let unit = text::required_line(unit, 1, UNIT_MAX).map(|u| u.to_lowercase()).unwrap_or_else(|p| {
            problems.insert("unit".into(), p);
            String::new()
        });
        if baseline < 0 {
            problems.insert("baseline".into(), "must not be negative".into());
        }
        if target < 0 {
            problems.insert("target".into(), "must not be negative".into());
        } else if target == baseline {
            problems.insert("target".into(), "must differ from the baseline (a target is a change)".into());
        }
        Refusal::check(problems)?;
        Ok(Indicator { name, unit, baseline, target })
    }
}

/// Whether `actual` reaches the target, in the direction from the baseline to the target.
pub fn target_met(baseline: i64, target: i64, actual: i64) -> bool {
    if target >= baseline { actual >= target } else { actual <= target }
}

/// Indicators can be defined from approval until the project is completed.
pub fn check_indicators_open(status: ProjectStatus) -> Result<(), Refusal> {
    use ProjectStatus::*;
    if matches!(status, Approved | Funded | InProgress) {
        Ok(())
    } else {
        Err(Refusal::conflict(
            codes::WRONG_STATUS,
            format!(
                "Indicators are defined once a project is approved and until delivery ends; it is {}.",
                status.as_str()
            ),
        ))
    }
}

/// Actuals are reported while the project is delivered and when it has just completed.
pub fn check_actuals_open(status: ProjectStatus) -> Result<(), Refusal> {
    use ProjectStatus::*;
    if matches!(status, InProgress | Completed) {
        Ok(())
    } else {
        Err(Refusal::conflict(
            codes::WRONG_STATUS,
            format!("Actuals are reported while a project is in progress or completed; it is {}.", status.as_str()),
        ))
    }
}

/// A reporting period: `YYYY`, `YYYY-Qn` or `YYYY-MM`.
pub fn parse_period(period: &str) -> Result<String, Refusal> {
    let p = period.trim();
    let bad = || Refusal::invalid("period", "must be a year (2026), a quarter (2026-Q1) or a month (2026-03)");
    let (year, rest) = p.split_at_checked(4).ok_or_else(bad)?;
    if !year.bytes().all(|b| b.is_ascii_digit()) {
        return Err(bad());
    }
    let ok = match rest.as_bytes() {
        [] => true,
        [b'-', b'Q', q] => (b'1'..=b'4').contains(q),
        [b'-', m1, m2] => {
            m1.is_ascii_digit() && m2.is_ascii_digit() && (1..=12).contains(&((m1 - b'0') * 10 + (m2 - b'0')))
        }
        _ => false,
    };
    if ok { Ok(p.to_owned()) } else { Err(bad()) }
}

/// An evaluation: rating 1 to 5 and a narrative.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evaluation {
    pub rating: u8,
    pub narrative: String,
}

impl Evaluation {
    pub fn parse(rating: i64, narrative: &str) -> Result<Evaluation, Refusal> {
        let mut problems = Problems::new();
        let rating = match u8::try_from(rating) {
            Ok(r @ 1..=5) => r,
            _ => {
                problems.insert("rating".into(), "must be from 1 to 5".into());
                0
            }
        };
        let narrative = text::required_text(narrative, NARRATIVE_MAX).unwrap_or_else(|p| {
            problems.insert("narrative".into(), p);
            String::new()
        });
        Refusal::check(problems)?;
        Ok(Evaluation { rating, narrative })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indicators_name_every_bad_field() {
        let ok = Indicator::parse(" Standards  officers trained ", "People", 0, 40).unwrap();
        assert_eq!((ok.name.as_str(), ok.unit.as_str()), ("Standards officers trained", "people"));
        let Err(Refusal::Invalid(p)) = Indicator::parse("", " ", -1, -1) else { panic!() };
        assert_eq!(p.keys().collect::<Vec<_>>(), ["baseline", "name", "target", "unit"]);
        assert!(Indicator::parse("Same", "x", 4, 4).is_err());
    }

    #[test]
    fn targets_are_met_in_their_direction() {
        assert!(target_met(0, 40, 40));
        assert!(!target_met(0, 40, 39));
        // A falling indicator (e.g. days to publish a standard).
        assert!(target_met(120, 60, 55));
        assert!(!target_met(120, 60, 61));
    }

    #[test]
    fn periods_are_years_quarters_or_months() {
        for ok in ["2026", "2026-Q4", "2026-01", "2026-12"] {
            assert_eq!(parse_period(ok).unwrap(), ok);
        }
        for bad in ["26", "2026-Q5", "2026-13", "2026-00", "2026/01", "abcd", "2026-1"] {
            assert!(parse_period(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn evaluations_rate_one_to_five_with_a_narrative() {
        assert!(Evaluation::parse(4, "Delivered as planned.").is_ok());
        let Err(Refusal::Invalid(p)) = Evaluation::parse(0, "") else { panic!() };
        assert_eq!(p.len(), 2);
    }
}
