//! Technical-committee participation: committee references, periods, and the rules that keep
//! the records believable.
//!
//! * A committee reference is normalised (`iso/tc176` → `ISO/TC 176`), so one committee is
//!   never counted twice under two spellings.
//! * A member is either a P- or an O-member of a committee at any one time: its P and O periods
//!   for one committee never overlap.
//! * A committee has one secretariat at a time: secretariat periods of one committee (whoever
//!   holds them) never overlap.
//! * `since` is not in the future and `until`, when set, is not before `since`. Both days are
//!   included.

use std::fmt;

use api_types::membership::{ParticipationInput, ParticipationRole};
use chrono::NaiveDate;
use uuid::Uuid;

use super::{Problems, Refusal, codes};

/// The ISO policy-development committees a member body can take part in.
const POLICY_COMMITTEES: [&str; 3] = ["CASCO", "COPOLCO", "DEVCO"];

/// A normalised committee reference: `ISO/TC 176`, `ISO/TC 34/SC 9`, `ISO/PC 302`,
/// `ISO/IEC JTC 1`, `ISO/IEC JTC 1/SC 27` or a policy committee such as `ISO/CASCO`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CommitteeRef {
    canonical: String,
    sort_key: String,
}

impl CommitteeRef {
    /// Accepts the usual spellings: any case, with or without spaces (`ISO/TC176`,
    /// `iso / tc 176 / sc 2`).
    pub fn parse(text: &str) -> Result<CommitteeRef, String> {
        let upper = text.trim().to_uppercase();
        let tokens = tokens(&upper);
        let bad = || {
            format!(
                "{:?} is not a committee reference such as ISO/TC 176, ISO/TC 34/SC 9, ISO/PC 302, \
                 ISO/IEC JTC 1/SC 27 or ISO/CASCO",
                text.trim()
            )
        };
        let mut rest = tokens.iter().map(String::as_str);
        if rest.next() != Some("ISO") {
            return Err(bad());
        }
        let mut next = rest.next();
        let joint = next == Some("IEC");
        if joint {
            next = rest.next();
        }
        let (canonical, sort_key) = match next {
            Some(kind @ ("TC" | "PC" | "JTC")) => {
                if (kind == "JTC") != joint {
                    return Err(bad());
                }
                let n = number(rest.next()).ok_or_else(bad)?;
                // `ISO/TC 176`, but `ISO/IEC JTC 1` (with a space, as ISO writes it).
                let prefix = if joint { "ISO/IEC " } else { "ISO/" };
                let mut canonical = format!("{prefix}{kind} {n}");
                let mut sort_key = format!("{prefix}{kind} {n:04}");
                match rest.next() {
                    None => {}
                    Some("SC") if kind != "PC" => {
                        let sc = number(rest.next()).ok_or_else(bad)?;
                        canonical.push_str(&format!("/SC {sc}"));
                        sort_key.push_str(&format!("/SC {sc:04}"));
                    }
                    Some(_) => return Err(bad()),
                }
                (canonical, sort_key)
            }
            Some(policy) if !joint && POLICY_COMMITTEES.contains(&policy) => {
                (format!("ISO/{policy}"), format!("ISO/{policy}"))
            }
            _ => return Err(bad()),
        };
        if rest.next().is_some() {
            return Err(bad());
        }
        Ok(CommitteeRef { canonical, sort_key })
    }

    pub fn as_str(&self) -> &str {
        &self.canonical
    }

    /// Orders `ISO/TC 2` before `ISO/TC 10` (numbers zero-padded).
    pub fn sort_key(&self) -> &str {
        &self.sort_key
    }
}

impl fmt::Display for CommitteeRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.canonical)
    }
}

/// Words and numbers, split at spaces and slashes and between letters and digits
/// (`TC176` → `TC`, `176`).
fn tokens(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for word in text.split(|c: char| c == '/' || c.is_whitespace()).filter(|w| !w.is_empty()) {
        let mut current = String::new();
        for c in word.chars() {
            if let Some(last) = current.chars().last()
                && last.is_ascii_digit() != c.is_ascii_digit()
            {
                out.push(std::mem::take(&mut current));
            }
            current.push(c);
        }
        if !current.is_empty() {
            out.push(current);
        }
    }
    out
}

/// A committee number: 1 to 9999, no sign.
fn number(token: Option<&str>) -> Option<u16> {
    let token = token?;
    if !token.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    token.parse::<u16>().ok().filter(|n| (1..=9999).contains(n))
}

/// Days from `since` to `until`, both included; `until` `None` while it lasts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub since: NaiveDate,
    pub until: Option<NaiveDate>,
}

impl Span {
    pub fn overlaps(&self, other: &Span) -> bool {
        let a_ends_before = self.until.is_some_and(|u| u < other.since);
        let b_ends_before = other.until.is_some_and(|u| u < self.since);
        !a_ends_before && !b_ends_before
    }

    pub fn holds_on(&self, day: NaiveDate) -> bool {
        self.since <= day && self.until.is_none_or(|u| day <= u)
    }
}

/// A participation that passed the rules of its own fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewParticipation {
    pub committee: CommitteeRef,
    pub role: ParticipationRole,
    pub span: Span,
}

impl NewParticipation {
    pub fn parse(input: &ParticipationInput, today: NaiveDate) -> Result<NewParticipation, Problems> {
        let mut problems = Problems::new();
        let committee =
            CommitteeRef::parse(&input.committee).map_err(|p| problems.insert("committee".to_owned(), p)).ok();
        if let Some(p) = span_problem(input.since, input.until, today) {
            problems.insert(p.0.to_owned(), p.1);
        }
        match committee {
            Some(committee) if problems.is_empty() => Ok(NewParticipation {
                committee,
                role: input.role,
                span: Span { since: input.since, until: input.until },
            }),
            _ => Err(problems),
        }
    }
}

/// The field and problem of a bad period, if it is bad.
pub fn span_problem(since: NaiveDate, until: Option<NaiveDate>, today: NaiveDate) -> Option<(&'static str, String)> {
    if since > today {
        return Some(("since", "must not be in the future".to_owned()));
    }
    match until {
        Some(until) if until < since => Some(("until", format!("must not be before since ({since})"))),
        _ => None,
    }
}

/// A participation as the overlap rules see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Held {
    /// The stored record, or `None` for one not stored yet.
    pub id: Option<Uuid>,
    pub member_id: Uuid,
    pub committee: String,
    pub role: ParticipationRole,
    pub span: Span,
}

impl Held {
    /// Whether these two may not both exist.
    pub fn excludes(&self, other: &Held) -> bool {
        if self.committee != other.committee || !self.span.overlaps(&other.span) {
            return false;
        }
        let membership = |r: ParticipationRole| matches!(r, ParticipationRole::P | ParticipationRole::O);
        match (self.role, other.role) {
            (ParticipationRole::Secretariat, ParticipationRole::Secretariat) => true,
            (a, b) if membership(a) && membership(b) => self.member_id == other.member_id,
            _ => false,
        }
    }

    /// Why `self` and `other` exclude each other, in words.
    pub fn conflict_message(&self, other: &Held) -> String {
        let when = match other.span.until {
            Some(until) => format!("from {} to {}", other.span.since, until),
            None => format!("since {}", other.span.since),
        };
        if self.role == ParticipationRole::Secretariat {
            format!("{} has one secretariat at a time; another secretariat is recorded {when}", self.committee)
        } else {
            format!(
                "the member is already a {}-member of {} {when}; a member is P or O, not both, and not twice",
                other.role.as_str(),
                self.committee
            )
        }
    }
}

/// Checks `candidate` against the records it could conflict with (the record being replaced,
/// with the same id, is skipped).
pub fn check_against(candidate: &Held, others: &[Held]) -> Result<(), Refusal> {
    match others.iter().find(|o| (o.id.is_none() || o.id != candidate.id) && candidate.excludes(o)) {
        Some(other) => {
            Err(Refusal::conflict(codes::PARTICIPATION_OVERLAP, capitalise(&candidate.conflict_message(other))))
        }
        None => Ok(()),
    }
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect::<String>() + ".").unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn committee_references_are_normalised() {
        for (input, canonical) in [
            ("ISO/TC 176", "ISO/TC 176"),
            ("iso/tc176", "ISO/TC 176"),
            (" ISO / TC 34 / SC 9 ", "ISO/TC 34/SC 9"),
            ("ISO/TC 034/SC 09", "ISO/TC 34/SC 9"),
            ("ISO/PC 302", "ISO/PC 302"),
            ("ISO/IEC JTC 1", "ISO/IEC JTC 1"),
            ("iso/iec jtc1/sc27", "ISO/IEC JTC 1/SC 27"),
            ("ISO/casco", "ISO/CASCO"),
            ("ISO/DEVCO", "ISO/DEVCO"),
        ] {
            assert_eq!(CommitteeRef::parse(input).map(|c| c.to_string()), Ok(canonical.to_owned()), "{input}");
        }
        for bad in [
            "",
            "TC 176",
            "ISO/TC",
            "ISO/TC 0",
            "ISO/TC 176/SC",
            "ISO/TC 176/WG 2",
            "ISO/JTC 1",
            "ISO/IEC TC 1",
            "ISO/PC 302/SC 1",
            "ISO/TC -1",
            "ISO/XYZ",
            "ISO/TC 176 extra",
            "ISO/TC 99999",
        ] {
            assert!(CommitteeRef::parse(bad).is_err(), "{bad}");
        }
        let tc2 = CommitteeRef::parse("ISO/TC 2").unwrap();
        let tc10 = CommitteeRef::parse("ISO/TC 10").unwrap();
        assert!(tc2.sort_key() < tc10.sort_key());
    }

    #[test]
    fn spans_include_both_days() {
        let a = Span { since: day(2010, 1, 1), until: Some(day(2012, 12, 31)) };
        let b = Span { since: day(2012, 12, 31), until: None };
        let c = Span { since: day(2013, 1, 1), until: None };
        assert!(a.overlaps(&b) && b.overlaps(&a));
        assert!(!a.overlaps(&c) && !c.overlaps(&a));
        assert!(b.overlaps(&c));
        assert!(a.holds_on(day(2012, 12, 31)) && !a.holds_on(day(2013, 1, 1)));
    }

    #[test]
    fn periods_are_checked() {
        let today = day(2026, 6, 30);
        let input = |since, until| ParticipationInput {
            committee: "ISO/TC 176".into(),
            role: ParticipationRole::P,
            since,
            until,
        };
        assert!(NewParticipation::parse(&input(day(2020, 1, 1), None), today).is_ok());
        assert!(NewParticipation::parse(&input(day(2020, 1, 1), Some(day(2020, 1, 1))), today).is_ok());
        let p = NewParticipation::parse(&input(day(2020, 1, 1), Some(day(2019, 1, 1))), today).unwrap_err();
        assert!(p.contains_key("until"));
        let p = NewParticipation::parse(&input(day(2027, 1, 1), None), today).unwrap_err();
        assert!(p.contains_key("since"));
    }

    fn held(member: u128, committee: &str, role: ParticipationRole, since: i32, until: Option<i32>) -> Held {
        Held {
            id: Some(Uuid::from_u128(member * 1000 + u128::try_from(since).unwrap())),
            member_id: Uuid::from_u128(member),
            committee: committee.into(),
            role,
            span: Span { since: day(since, 1, 1), until: until.map(|u| day(u, 12, 31)) },
        }
    }

    #[test]
    fn the_overlap_rules() {
        use ParticipationRole::{O, P, Secretariat};
        let p = held(1, "ISO/TC 176", P, 2000, Some(2009));
        // The same member as O while P: refused; after: fine.
        assert!(p.excludes(&held(1, "ISO/TC 176", O, 2005, None)));
        assert!(!p.excludes(&held(1, "ISO/TC 176", O, 2010, None)));
        // Another member, or another committee: fine.
        assert!(!p.excludes(&held(2, "ISO/TC 176", P, 2005, None)));
        assert!(!p.excludes(&held(1, "ISO/TC 207", P, 2005, None)));
        // A secretariat beside a P-membership: fine; two secretariats at once: refused, whoever holds them.
        assert!(!p.excludes(&held(1, "ISO/TC 176", Secretariat, 2005, None)));
        let s = held(1, "ISO/TC 176", Secretariat, 2000, Some(2009));
        assert!(s.excludes(&held(2, "ISO/TC 176", Secretariat, 2009, None)));
        assert!(!s.excludes(&held(2, "ISO/TC 176", Secretariat, 2010, None)));

        let err = check_against(&held(1, "ISO/TC 176", O, 2005, None), std::slice::from_ref(&p)).unwrap_err();
        let Refusal::Conflict { code, message } = err else { panic!() };
        assert_eq!(code, codes::PARTICIPATION_OVERLAP);
        assert!(message.contains("P-member of ISO/TC 176 from 2000-01-01 to 2009-12-31"), "{message}");
        // Replacing a record is checked against the others, not against itself.
        let replaced = Held { span: Span { since: day(2001, 1, 1), until: None }, ..p.clone() };
        assert!(check_against(&replaced, &[p]).is_ok());
    }

    proptest! {
        #[test]
        fn overlap_is_symmetric_and_matches_a_shared_day(a in 0i64..60, al in 0i64..30, b in 0i64..60, bl in 0i64..30, open_a: bool, open_b: bool) {
            let base = day(2000, 1, 1);
            let span = |s: i64, l: i64, open: bool| Span {
                since: base + chrono::Days::new(u64::try_from(s).unwrap()),
                until: (!open).then(|| base + chrono::Days::new(u64::try_from(s + l).unwrap())),
            };
            let (x, y) = (span(a, al, open_a), span(b, bl, open_b));
            prop_assert_eq!(x.overlaps(&y), y.overlaps(&x));
            let shared = (0..200).map(|d| base + chrono::Days::new(d)).any(|d| x.holds_on(d) && y.holds_on(d));
            prop_assert_eq!(x.overlaps(&y), shared);
        }

        #[test]
        fn normalised_references_parse_to_themselves(tc in 1u16..999, sc in proptest::option::of(1u16..99)) {
            let text = match sc { Some(sc) => format!("iso/tc{tc} / sc {sc}"), None => format!("ISO/TC{tc}") };
            let parsed = CommitteeRef::parse(&text).unwrap();
            prop_assert_eq!(CommitteeRef::parse(parsed.as_str()).unwrap(), parsed);
        }
    }
}
