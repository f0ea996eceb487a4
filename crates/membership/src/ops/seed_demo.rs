//! Demo data: generated, flagged `demo`, never in production (real member lists come by CSV
//! import). Ten member bodies — one or more per liaison region, every category, and one
//! developed-country member — with contact details on `example.org`, category histories with
//! the upgrade requests that led to them (approved, rejected and one still open), and
//! technical-committee participation generated from a fixed seed, so that the KPIs have a
//! history to show and every run shows the same one.
//!
//! Seeded once, into an empty registry. A registry seeded by an earlier version (members but no
//! participation) gets the histories and participation added.

use api_types::membership::{MemberCategory, MemberStatus, ParticipationRole, UpgradeStatus};
use chrono::{DateTime, Datelike, NaiveDate, TimeZone, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter};
use uuid::Uuid;

use super::today;
use crate::domain::member::Contact;
use crate::domain::participation::{CommitteeRef, NewParticipation, Span};
use crate::store::{self, member_categories::NewEntry, members::NewMemberRow, upgrade_requests::NewRequest};

/// The staff account the demo's past decisions are attributed to (not a real account).
const DEMO_STAFF: Uuid = Uuid::from_u128(0x0197_a000_0000_7000_8000_0000_0000_5001);

struct DemoMember {
    country: &'static str,
    name: &'static str,
    acronym: &'static str,
    joined: (i32, u32, u32),
    /// The category on joining, then each upgrade: (year, month, category).
    history: &'static [(i32, u32, MemberCategory)],
    devco: bool,
    /// Committees whose secretariat the member holds, and since when.
    secretariats: &'static [(&'static str, i32)],
    contact_person: &'static str,
    phone: &'static str,
    city: &'static str,
}

use MemberCategory::{Correspondent, MemberBody, Subscriber};

const DEMO_MEMBERS: &[DemoMember] = &[
    DemoMember {
        country: "KE",
        name: "Kenya Bureau of Standards",
        acronym: "KEBS",
        joined: (1974, 1, 1),
        history: &[(1974, 1, MemberBody)],
        devco: true,
        secretariats: &[("ISO/TC 34/SC 17", 2015)],
        contact_person: "Amani Wanjiru (demo)",
        phone: "+254 20 0000001",
        city: "Nairobi",
    },
    DemoMember {
        country: "SN",
        name: "Association sénégalaise de normalisation",
        acronym: "ASN",
        joined: (1983, 1, 1),
        history: &[(1983, 1, Correspondent), (2021, 7, MemberBody)],
        devco: true,
        secretariats: &[],
        contact_person: "Awa Diop (démo)",
        phone: "+221 33 000 00 02",
        city: "Dakar",
    },
    DemoMember {
        country: "EG",
        name: "Egyptian Organization for Standardization and Quality",
        acronym: "EOS",
        joined: (1957, 1, 1),
        history: &[(1957, 1, MemberBody)],
        devco: true,
        secretariats: &[("ISO/TC 232", 2012)],
        contact_person: "Omar Hassan (demo)",
        phone: "+20 2 0000 0003",
        city: "Cairo",
    },
    DemoMember {
        country: "VN",
        name: "Directorate for Standards, Metrology and Quality",
        acronym: "STAMEQ",
        joined: (1977, 1, 1),
        history: &[(1977, 1, Correspondent), (1996, 1, MemberBody)],
        devco: false,
        secretariats: &[("ISO/TC 312", 2020)],
        contact_person: "Nguyen Thi Lan (demo)",
        phone: "+84 24 0000 0004",
        city: "Hanoi",
    },
    DemoMember {
        country: "BT",
        name: "Bhutan Standards Bureau",
        acronym: "BSB",
        joined: (2011, 1, 1),
        history: &[(2011, 1, Subscriber)],
        devco: false,
        secretariats: &[],
        contact_person: "Karma Dorji (demo)",
        phone: "+975 2 000005",
        city: "Thimphu",
    },
    DemoMember {
        country: "FJ",
        name: "Department of National Trade Measurement and Standards",
        acronym: "DNTMS",
        joined: (1998, 1, 1),
        history: &[(1998, 1, Subscriber), (2017, 4, Correspondent)],
        devco: false,
        secretariats: &[],
        contact_person: "Mere Tuilagi (demo)",
        phone: "+679 330 0006",
        city: "Suva",
    },
    DemoMember {
        country: "MD",
        name: "Institute of Standardization of Moldova",
        acronym: "ISM",
        joined: (1997, 1, 1),
        history: &[(1997, 1, Correspondent), (2019, 1, MemberBody)],
        devco: true,
        secretariats: &[],
        contact_person: "Ion Rusu (demo)",
        phone: "+373 22 000 007",
        city: "Chișinău",
    },
    DemoMember {
        country: "PE",
        name: "Instituto Nacional de Calidad",
        acronym: "INACAL",
        joined: (1962, 1, 1),
        history: &[(1962, 1, MemberBody)],
        devco: true,
        secretariats: &[("ISO/TC 207/SC 7", 2018)],
        contact_person: "Lucía Quispe (demo)",
        phone: "+51 1 000 0008",
        city: "Lima",
    },
    DemoMember {
        country: "JM",
        name: "Bureau of Standards Jamaica",
        acronym: "BSJ",
        joined: (1974, 1, 1),
        history: &[(1974, 1, Correspondent), (2016, 10, MemberBody)],
        devco: false,
        secretariats: &[],
        contact_person: "Andre Campbell (demo)",
        phone: "+1 876 000 0009",
        city: "Kingston",
    },
    DemoMember {
        country: "CH",
        name: "Swiss Association for Standardization",
        acronym: "SNV",
        joined: (1947, 2, 23),
        history: &[(1947, 2, MemberBody)],
        devco: false,
        secretariats: &[("ISO/TC 176/SC 2", 2008), ("ISO/TC 8", 2014)],
        contact_person: "Anna Keller (demo)",
        phone: "+41 52 000 00 10",
        city: "Winterthur",
    },
];

/// Committees the generated participation is drawn from.
const COMMITTEES: &[&str] = &[
    "ISO/TC 8",
    "ISO/TC 22",
    "ISO/TC 34",
    "ISO/TC 34/SC 17",
    "ISO/TC 37",
    "ISO/TC 45",
    "ISO/TC 46",
    "ISO/TC 61",
    "ISO/TC 68",
    "ISO/TC 71",
    "ISO/TC 85",
    "ISO/TC 94",
    "ISO/TC 122",
    "ISO/TC 146",
    "ISO/TC 147",
    "ISO/TC 176",
    "ISO/TC 176/SC 2",
    "ISO/TC 204",
    "ISO/TC 207",
    "ISO/TC 207/SC 7",
    "ISO/TC 211",
    "ISO/TC 212",
    "ISO/TC 215",
    "ISO/TC 217",
    "ISO/TC 229",
    "ISO/TC 232",
    "ISO/TC 242",
    "ISO/TC 262",
    "ISO/TC 268",
    "ISO/TC 275",
    "ISO/TC 283",
    "ISO/TC 292",
    "ISO/TC 301",
    "ISO/TC 309",
    "ISO/TC 312",
    "ISO/TC 322",
    "ISO/IEC JTC 1",
    "ISO/IEC JTC 1/SC 7",
    "ISO/IEC JTC 1/SC 27",
    "ISO/CASCO",
    "ISO/COPOLCO",
    "ISO/DEVCO",
];

/// A small deterministic generator (xorshift64*), so the demo is the same on every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// A number in `low..=high`.
    fn between(&mut self, low: i64, high: i64) -> i64 {
        if high <= low {
            return low;
        }
        let span = u64::try_from(high - low + 1).unwrap_or(1);
        low + i64::try_from(self.next() % span).unwrap_or(0)
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
}

fn at(d: NaiveDate) -> DateTime<Utc> {
    Utc.from_utc_datetime(&d.and_hms_opt(9, 0, 0).unwrap_or_default())
}

fn slug(acronym: &str) -> String {
    acronym.to_lowercase()
}

pub async fn seed_demo(db: &DatabaseConnection) -> anyhow::Result<()> {
    let txn = store::write_txn(db).await?;
    if store::members::count(&txn).await? == 0 {
        let mut ids = Vec::new();
        for (i, m) in DEMO_MEMBERS.iter().enumerate() {
            // The first is the member body of the demo account member@trellis.test.
            let id = if i == 0 { platform::demo::MEMBER_ID } else { Uuid::now_v7() };
            let contact = contact(m);
            let category = m.history.last().map_or(Subscriber, |h| h.2);
            store::members::insert(
                &txn,
                &NewMemberRow {
                    id,
                    country: m.country,
                    name: m.name,
                    acronym: m.acronym,
                    category,
                    status: MemberStatus::Active,
                    joined_on: day(m.joined.0, m.joined.1, m.joined.2),
                    left_on: None,
                    devco: m.devco,
                    demo: true,
                    contact: &contact,
                },
            )
            .await?;
            ids.push(id);
        }
        seed_histories(&txn, &ids).await?;
        tracing::info!(members = DEMO_MEMBERS.len(), "seeded demo members");
    } else if store::participations::count(&txn).await? == 0 && store::upgrade_requests::count(&txn).await? == 0 {
        // A registry seeded before histories existed: add them to its demo members.
        let mut ids = Vec::new();
        for m in DEMO_MEMBERS {
            let found = store::members::Entity::find()
                .filter(store::members::Column::Country.eq(m.country))
                .filter(store::members::Column::Acronym.eq(m.acronym))
                .filter(store::members::Column::Demo.eq(true))
                .one(&txn)
                .await?;
            let Some(found) = found else { return Ok(()) };
            let contact = contact(m);
            let fields = store::members::MemberFields {
                country: &found.country.clone(),
                name: &found.name.clone(),
                acronym: &found.acronym.clone(),
                category: found.category()?,
                status: found.status()?,
                joined_on: found.joined_on,
                left_on: found.left_on,
                devco: found.devco,
                contact: &contact,
            };
            store::members::update(&txn, found.clone(), &fields).await?;
            // The migration gave each member one entry, its current category on joining.
            store::member_categories::Entity::delete_many()
                .filter(store::member_categories::Column::MemberId.eq(found.id))
                .exec(&txn)
                .await?;
            ids.push(found.id);
        }
        seed_histories(&txn, &ids).await?;
        tracing::info!("added demo histories and participation");
    }
    txn.commit().await?;
    Ok(())
}

fn contact(m: &DemoMember) -> Contact {
    let slug = slug(m.acronym);
    Contact {
        contact_person: Some(m.contact_person.to_owned()),
        email: Some(format!("{slug}.demo@example.org")),
        phone: Some(m.phone.to_owned()),
        website: Some(format!("https://{slug}.example.org")),
        postal_address: Some(format!("{} (demo)\nP.O. Box 1000\n{}", m.name, m.city)),
    }
}

/// Category histories, upgrade requests and participation of the demo members `ids` (in the
/// order of [`DEMO_MEMBERS`]).
async fn seed_histories<C: ConnectionTrait>(conn: &C, ids: &[Uuid]) -> anyhow::Result<()> {
    let today = today();
    let mut participations = Vec::new();
    for (i, (m, id)) in DEMO_MEMBERS.iter().zip(ids).enumerate() {
        let joined_on = day(m.joined.0, m.joined.1, m.joined.2);
        for (n, (year, month, category)) in m.history.iter().enumerate() {
            let valid_from = if n == 0 { joined_on } else { day(*year, *month, 1) };
            let request_id = if n == 0 {
                None
            } else {
                let previous = m.history[n - 1].2;
                Some(past_request(conn, *id, previous, *category, valid_from).await?)
            };
            store::member_categories::insert(
                conn,
                &NewEntry {
                    member_id: *id,
                    category: *category,
                    valid_from,
                    changed_by: request_id.map(|_| DEMO_STAFF),
                    reason: if n == 0 { "category on joining (demo)" } else { "upgrade request approved (demo)" },
                    upgrade_request_id: request_id,
                },
            )
            .await?;
        }
        participations.extend(generate_participation(i, m, *id, today)?);
    }
    // Fiji asked for the next step too early; Bhutan's request waits for staff.
    if let (Some(fj), Some(bt)) = (position("FJ").and_then(|i| ids.get(i)), position("BT").and_then(|i| ids.get(i))) {
        let asked = today - chrono::Days::new(400);
        store::upgrade_requests::insert(
            conn,
            &NewRequest {
                id: Uuid::now_v7(),
                member_id: *fj,
                from: Correspondent,
                to: MemberBody,
                justification: "We now take part in several committees and would like to vote (demo).",
                requested_by: DEMO_STAFF,
                requested_at: at(asked),
                decision: Some((
                    UpgradeStatus::Rejected,
                    DEMO_STAFF,
                    at(asked + chrono::Days::new(60)),
                    "Not yet: a member body is expected to hold P-memberships in at least five committees (demo).",
                )),
            },
        )
        .await?;
        store::upgrade_requests::insert(
            conn,
            &NewRequest {
                id: Uuid::now_v7(),
                member_id: *bt,
                from: Subscriber,
                to: Correspondent,
                justification: "The bureau has a national standards programme and wants to follow committee work \
                                (demo).",
                requested_by: DEMO_STAFF,
                requested_at: at(today - chrono::Days::new(20)),
                decision: None,
            },
        )
        .await?;
    }
    store::participations::insert_many(conn, &participations, true).await?;
    Ok(())
}

fn position(country: &str) -> Option<usize> {
    DEMO_MEMBERS.iter().position(|m| m.country == country)
}

/// An approved request that led to an upgrade on `effective`.
async fn past_request<C: ConnectionTrait>(
    conn: &C,
    member_id: Uuid,
    from: MemberCategory,
    to: MemberCategory,
    effective: NaiveDate,
) -> anyhow::Result<Uuid> {
    let id = Uuid::now_v7();
    store::upgrade_requests::insert(
        conn,
        &NewRequest {
            id,
            member_id,
            from,
            to,
            justification: "The body meets the criteria of the next category (demo).",
            requested_by: DEMO_STAFF,
            requested_at: at(effective - chrono::Days::new(120)),
            decision: Some((UpgradeStatus::Approved, DEMO_STAFF, at(effective), "Criteria met (demo).")),
        },
    )
    .await?;
    Ok(id)
}

/// Participation consistent with the member's category history: P-memberships only while a
/// member body, O-memberships from correspondent on, none as a subscriber; an upgrade turns
/// some O-memberships into P-memberships; some memberships end.
fn generate_participation(
    index: usize,
    m: &DemoMember,
    id: Uuid,
    today: NaiveDate,
) -> anyhow::Result<Vec<(Uuid, NewParticipation)>> {
    let mut rng =
        Rng(0x9e37_79b9_7f4a_7c15 ^ (u64::try_from(index).unwrap_or(0) + 1).wrapping_mul(0x1234_5678_9abc_def1));
    let this_year = today.year();
    let joined_on = day(m.joined.0, m.joined.1, m.joined.2);
    // When the member could first be an O- and a P-member (the demo starts in 1995).
    let from_of = |category: MemberCategory| {
        m.history.iter().find(|h| h.2 == category).map(|h| day(h.0, h.1, 1).max(joined_on).max(day(1995, 1, 1)))
    };
    let p_from = from_of(MemberBody);
    let o_from = from_of(Correspondent).or(p_from);
    let mut out = Vec::new();
    let mut push = |committee: &str, role, since: NaiveDate, until: Option<NaiveDate>| -> anyhow::Result<()> {
        let committee = CommitteeRef::parse(committee).map_err(anyhow::Error::msg)?;
        out.push((id, NewParticipation { committee, role, span: Span { since, until } }));
        Ok(())
    };
    let mut pool: Vec<&str> = COMMITTEES
        .iter()
        .copied()
        .filter(|c| !DEMO_MEMBERS.iter().flat_map(|d| d.secretariats).any(|(s, _)| s == c))
        .collect();
    let mut draw = |rng: &mut Rng| -> Option<&str> {
        if pool.is_empty() {
            return None;
        }
        let i = usize::try_from(rng.between(0, i64::try_from(pool.len()).unwrap_or(1) - 1)).unwrap_or(0);
        Some(pool.swap_remove(i))
    };
    let year_between = |rng: &mut Rng, low: i32, high: i32| {
        i32::try_from(rng.between(i64::from(low), i64::from(high))).unwrap_or(this_year)
    };
    // A day from `from` to the end of last year.
    let random_since = |rng: &mut Rng, from: NaiveDate| {
        let year = year_between(rng, from.year(), this_year - 1);
        day(year, u32::try_from(rng.between(1, 12)).unwrap_or(1), 1).max(from)
    };
    // Secretariats, held as a P-member.
    for (committee, year) in m.secretariats {
        let p_since = day((*year - 6).max(m.joined.0), 1, 1).max(p_from.unwrap_or(joined_on));
        push(committee, ParticipationRole::P, p_since, None)?;
        push(committee, ParticipationRole::Secretariat, day(*year, 1, 1), None)?;
    }
    if let Some(p_from) = p_from {
        for _ in 0..rng.between(6, 12) {
            let Some(committee) = draw(&mut rng) else { break };
            let since = random_since(&mut rng, p_from);
            let until = rng
                .chance(20)
                .then(|| day(year_between(&mut rng, since.year() + 2, this_year - 1), 12, 31))
                .filter(|u| *u > since && *u < today);
            push(committee, ParticipationRole::P, since, until)?;
        }
    }
    if let Some(o_from) = o_from {
        for _ in 0..rng.between(3, 7) {
            let Some(committee) = draw(&mut rng) else { break };
            let since = random_since(&mut rng, o_from);
            match p_from {
                // Observed before the upgrade, then took part.
                Some(upgraded) if since < upgraded && rng.chance(60) => {
                    push(committee, ParticipationRole::O, since, upgraded.pred_opt())?;
                    push(committee, ParticipationRole::P, upgraded, None)?;
                }
                _ => push(committee, ParticipationRole::O, since, None)?,
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;
    use crate::domain::participation::Held;

    #[test]
    fn the_demo_covers_every_region_and_category() {
        let records = crate::domain::reference::countries().unwrap();
        let regions: BTreeSet<&str> = DEMO_MEMBERS
            .iter()
            .filter_map(|m| records.iter().find(|r| r.code == m.country).and_then(|r| r.default_liaison_region))
            .collect();
        assert_eq!(regions.len(), 8, "{regions:?}");
        let categories: BTreeSet<&str> =
            DEMO_MEMBERS.iter().filter_map(|m| m.history.last()).map(|h| h.2.as_str()).collect();
        assert_eq!(categories.len(), 3);
        // Upgrades go one step up at a time.
        for m in DEMO_MEMBERS {
            for pair in m.history.windows(2) {
                assert_eq!(pair[0].2.next_up(), Some(pair[1].2), "{}", m.acronym);
            }
        }
    }

    #[test]
    fn generated_participation_keeps_the_rules() {
        let today = day(2026, 6, 30);
        let mut all: Vec<Held> = Vec::new();
        for (i, m) in DEMO_MEMBERS.iter().enumerate() {
            let id = Uuid::from_u128(u128::try_from(i).unwrap() + 1);
            let generated = generate_participation(i, m, id, today).unwrap();
            let category_on =
                |d: NaiveDate| m.history.iter().rev().find(|h| day(h.0, h.1, 1) <= d).map_or(m.history[0].2, |h| h.2);
            for (_, p) in &generated {
                assert!(p.span.since <= today && p.span.until.is_none_or(|u| u >= p.span.since));
                assert!(p.span.since >= day(m.joined.0, 1, 1), "{} {}", m.acronym, p.committee);
                if p.role == ParticipationRole::P {
                    assert_eq!(category_on(p.span.since), MemberBody, "{} P in {}", m.acronym, p.committee);
                }
                if p.role == ParticipationRole::O {
                    assert_ne!(category_on(p.span.since), Subscriber, "{} O in {}", m.acronym, p.committee);
                }
                all.push(Held {
                    id: None,
                    member_id: id,
                    committee: p.committee.as_str().to_owned(),
                    role: p.role,
                    span: p.span,
                });
            }
            if m.history.last().map(|h| h.2) == Some(Subscriber) {
                assert!(generated.is_empty(), "a subscriber takes no part in committees");
            }
        }
        for (i, a) in all.iter().enumerate() {
            for b in &all[i + 1..] {
                assert!(!a.excludes(b), "{a:?} and {b:?}");
            }
        }
        // The same on every run.
        let again = generate_participation(0, &DEMO_MEMBERS[0], Uuid::from_u128(1), today).unwrap();
        assert_eq!(again, generate_participation(0, &DEMO_MEMBERS[0], Uuid::from_u128(1), today).unwrap());
    }
}
