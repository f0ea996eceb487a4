//! A member's maturity over time: its scored assessments, oldest first, and how each section
//! moved between the first and the latest. Sections are matched by code, so progress carries
//! across questionnaire versions for the sections they share.

use std::collections::BTreeMap;

use api_types::assessments::{MaturityHistory, MaturityPoint, SectionChange};
use uuid::Uuid;

/// One scored assessment, as the history and the KPIs read it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scored {
    pub request_id: Uuid,
    pub member_id: Uuid,
    pub questionnaire_version: i32,
    pub scored_at: chrono::DateTime<chrono::Utc>,
    pub level: u8,
    /// Section code → level.
    pub sections: BTreeMap<String, u8>,
}

/// The history of `member_id` from its scored assessments (in any order).
pub fn history(member_id: Uuid, mut scored: Vec<Scored>) -> MaturityHistory {
    scored.sort_by_key(|s| (s.scored_at, s.request_id));
    let (progress, overall_change) = match (scored.first(), scored.last()) {
        (Some(first), Some(latest)) if scored.len() > 1 => (
            first
                .sections
                .iter()
                .filter_map(|(code, &from)| {
                    let to = *latest.sections.get(code)?;
                    Some(SectionChange {
                        section: code.clone(),
                        first: from,
                        latest: to,
                        change: i32::from(to) - i32::from(from),
                    })
                })
                .collect(),
            Some(i32::from(latest.level) - i32::from(first.level)),
        ),
        _ => (Vec::new(), None),
    };
    MaturityHistory {
        member_id,
        assessments: scored
            .into_iter()
            .map(|s| MaturityPoint {
                request_id: s.request_id,
                questionnaire_version: s.questionnaire_version,
                scored_at: s.scored_at,
                level: s.level,
                sections: s.sections,
            })
            .collect(),
        progress,
        overall_change,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    pub fn scored(member: Uuid, year: i32, level: u8, sections: &[(&str, u8)]) -> Scored {
        Scored {
            request_id: Uuid::new_v4(),
            member_id: member,
            questionnaire_version: 2,
            scored_at: chrono::Utc.with_ymd_and_hms(year, 6, 1, 0, 0, 0).unwrap(),
            level,
            sections: sections.iter().map(|(c, l)| ((*c).to_owned(), *l)).collect(),
        }
    }

    #[test]
    fn progress_compares_the_first_and_the_latest_whatever_the_order() {
        let m = Uuid::new_v4();
        let h = history(
            m,
            vec![
                scored(m, 2026, 4, &[("connectivity", 4), ("hardware", 3)]),
                scored(m, 2022, 2, &[("connectivity", 1), ("hardware", 3), ("old", 2)]),
                scored(m, 2024, 3, &[("connectivity", 2)]),
            ],
        );
        assert_eq!(h.assessments.iter().map(|a| a.level).collect::<Vec<_>>(), [2, 3, 4]);
        assert_eq!(
            h.progress,
            [
                SectionChange { section: "connectivity".into(), first: 1, latest: 4, change: 3 },
                SectionChange { section: "hardware".into(), first: 3, latest: 3, change: 0 },
            ]
        );
        assert_eq!(h.overall_change, Some(2));
    }

    #[test]
    fn one_assessment_has_no_progress_yet() {
        let m = Uuid::new_v4();
        let h = history(m, vec![scored(m, 2026, 3, &[("connectivity", 3)])]);
        assert!(h.progress.is_empty());
        assert_eq!(h.overall_change, None);
        assert!(history(m, vec![]).assessments.is_empty());
    }
}
