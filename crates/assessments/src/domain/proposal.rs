//! The project proposal an accepted support package becomes, and how often sending it is
//! retried.
//!
//! The proposal is written in the accept transaction (an outbox row) with a fixed idempotency
//! key, the request id, so that however often it is sent (retries after a timeout, a restart,
//! projects being down) the projects service creates it once.

use std::time::Duration;

use chrono::{Datelike, Months, NaiveDate};

use api_types::Money;
use api_types::projects::{BudgetCategory, BudgetLine, CreateProject, DeliveryMethod, Theme};
use uuid::Uuid;

use super::{Problems, Refusal, codes};

/// Action Plan objective 4: electronic communication and expertise in IT tools.
pub const ICT_OBJECTIVE: u8 = 4;
pub const TITLE_MAX: usize = 200;
pub const SUMMARY_MAX: usize = 5_000;

/// One accepted recommendation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub title: String,
    pub category: BudgetCategory,
    pub cost: Money,
}

/// What the proposal is made from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Package<'a> {
    pub member_id: Uuid,
    pub needs: &'a str,
    pub level: u8,
    pub lines: Vec<Line>,
}

/// What staff may set when accepting; the rest is derived.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Choices<'a> {
    pub title: Option<&'a str>,
    pub summary: Option<&'a str>,
    pub planned_start: Option<NaiveDate>,
    pub planned_end: Option<NaiveDate>,
}

/// The default start: the first day of the month after `today`.
pub fn default_start(today: NaiveDate) -> NaiveDate {
    today.checked_add_months(Months::new(1)).and_then(|d| d.with_day(1)).unwrap_or(today)
}

/// The default end: a year after `start`, the day before its anniversary.
pub fn default_end(start: NaiveDate) -> NaiveDate {
    start.checked_add_months(Months::new(12)).and_then(|d| d.pred_opt()).unwrap_or(start)
}

/// The idempotency key of the proposal of request `request_id`: fixed, so every attempt sends
/// the same one.
pub fn idempotency_key(request_id: Uuid) -> String {
    format!("assessments-accept-{request_id}")
}

/// The proposal: theme ICT support, objective 4, delivery by ICT support, the member as
/// proposer and beneficiary, one budget line per recommendation. Title, summary and dates are
/// staff's if given, else derived from the request and `today`.
pub fn build(package: &Package<'_>, choices: &Choices<'_>, today: NaiveDate) -> Result<CreateProject, Refusal> {
    let Choices { title, summary, .. } = *choices;
    if package.lines.is_empty() {
        return Err(Refusal::conflict(codes::EMPTY_PACKAGE, "Add at least one recommendation before accepting."));
    }
    let mut problems = Problems::new();
    let title = match title {
        Some(t) => super::text::required(&mut problems, "title", t, TITLE_MAX),
        None => format!("ICT support: {}", shorten(package.needs, TITLE_MAX - 13)),
    };
    let summary = match summary {
        Some(s) => super::text::required(&mut problems, "summary", s, SUMMARY_MAX),
        None => {
            let items =
                package.lines.iter().map(|l| format!("- {} ({})", l.title, l.cost)).collect::<Vec<_>>().join("\n");
            let text = format!(
                "Support package from the ICT maturity assessment (overall level {} of 5).\n\nRequested: {}\n\nRecommended:\n{items}",
                package.level, package.needs
            );
            shorten(&text, SUMMARY_MAX)
        }
    };
    if title.chars().count() < 3 && !problems.contains_key("title") {
        problems.insert("title".into(), "must be at least 3 characters".into());
    }
    let planned_start = choices.planned_start.unwrap_or_else(|| default_start(today));
    let planned_end = choices.planned_end.unwrap_or_else(|| default_end(planned_start));
    if planned_end < planned_start {
        problems.insert("planned_end".into(), "must not be before planned_start".into());
    }
    Refusal::check(problems)?;
    let mut project = CreateProject::new(title, summary, ICT_OBJECTIVE, Theme::IctSupport);
    project.planned_start = Some(planned_start);
    project.planned_end = Some(planned_end);
    project.delivery_methods = vec![DeliveryMethod::IctSupport];
    project.beneficiary_members = vec![package.member_id];
    project.member_id = Some(package.member_id);
    project.budget_lines = package
        .lines
        .iter()
        .map(|l| BudgetLine { category: l.category, description: shorten(&l.title, 200), amount: l.cost })
        .collect();
    Ok(project)
}

/// `text` cut to at most `max` characters, with an ellipsis when cut.
fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_owned()
    } else {
        let mut cut: String = text.chars().take(max.saturating_sub(1)).collect();
        cut.push('…');
        cut
    }
}

/// How long to wait before attempt `attempts + 1` after `attempts` failed ones: 1 s, 2 s,
/// 4 s … doubling up to a minute, so a projects service that is down for long is asked about
/// once a minute and one that blinks is asked again at once.
pub fn backoff(attempts: i32) -> Duration {
    let exponent = u32::try_from(attempts.clamp(1, 7) - 1).unwrap_or(0);
    Duration::from_secs(2u64.pow(exponent)).min(Duration::from_secs(60))
}

#[cfg(test)]
mod tests {
    use super::*;
    use api_types::money::CHF;

    fn package(lines: Vec<Line>) -> Package<'static> {
        Package { member_id: Uuid::nil(), needs: "A faster line and a backup link", level: 2, lines }
    }

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn line(title: &str, minor: i64) -> Line {
        Line { title: title.into(), category: BudgetCategory::Connectivity, cost: Money::new(minor, CHF) }
    }

    #[test]
    fn the_proposal_is_ict_support_for_the_member_with_one_line_per_recommendation() {
        let p = build(
            &package(vec![line("Bandwidth", 1_800_000), line("Backup link", 400_000)]),
            &Choices::default(),
            day(2026, 11, 25),
        )
        .unwrap();
        assert_eq!((p.planned_start, p.planned_end), (Some(day(2026, 12, 1)), Some(day(2027, 11, 30))));
        assert_eq!((p.theme, p.objective, p.member_id), (Theme::IctSupport, 4, Some(Uuid::nil())));
        assert_eq!(p.beneficiary_members, [Uuid::nil()]);
        assert_eq!(p.delivery_methods, [DeliveryMethod::IctSupport]);
        assert_eq!(p.budget_lines.iter().map(|l| l.amount.minor).sum::<i64>(), 2_200_000);
        assert_eq!(p.title, "ICT support: A faster line and a backup link");
        assert!(p.summary.contains("- Bandwidth (18000.00 CHF)") || p.summary.contains("Bandwidth"), "{}", p.summary);
    }

    #[test]
    fn an_empty_package_or_a_blank_title_is_refused() {
        assert!(matches!(
            build(&package(vec![]), &Choices::default(), day(2026, 1, 31)),
            Err(Refusal::Conflict { code: codes::EMPTY_PACKAGE, .. })
        ));
        let blank = Choices { title: Some(" "), ..Choices::default() };
        assert!(matches!(build(&package(vec![line("x", 1)]), &blank, day(2026, 1, 31)), Err(Refusal::Invalid(_))));
        let backwards =
            Choices { planned_start: Some(day(2027, 3, 1)), planned_end: Some(day(2027, 2, 1)), ..Choices::default() };
        let Err(Refusal::Invalid(p)) = build(&package(vec![line("x", 1)]), &backwards, day(2026, 1, 31)) else {
            panic!()
        };
        assert_eq!(p.keys().collect::<Vec<_>>(), ["planned_end"]);
        let only_start = Choices { planned_start: Some(day(2027, 3, 15)), ..Choices::default() };
        let p = build(&package(vec![line("x", 1)]), &only_start, day(2026, 1, 31)).unwrap();
        assert_eq!(p.planned_end, Some(day(2028, 3, 14)));
        let long = "n".repeat(500);
        let p = build(&Package { needs: &long, ..package(vec![line("x", 1)]) }, &Choices::default(), day(2026, 1, 31))
            .unwrap();
        assert_eq!(p.title.chars().count(), TITLE_MAX);
    }

    #[test]
    fn retries_back_off_to_a_minute() {
        let secs: Vec<u64> = [0, 1, 2, 3, 6, 7, 50].into_iter().map(|a| backoff(a).as_secs()).collect();
        assert_eq!(secs, [1, 1, 2, 4, 32, 60, 60]);
        assert_eq!(idempotency_key(Uuid::nil()), "assessments-accept-00000000-0000-0000-0000-000000000000");
    }
}
