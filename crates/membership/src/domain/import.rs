//! CSV imports of members and participations: reading the file, checking every row, and
//! planning what to create and update.
//!
//! The rules, in the order a file meets them:
//!
//! * The first line names the columns (any order, any case; spaces count as `_`, so `Joined on`
//!   is `joined_on`). A missing required column, an unknown or a repeated one is a problem of
//!   line 1. Rows whose fields are all blank are skipped; a row with the wrong number of fields
//!   is a problem of its line.
//! * Every row is checked on its own (required values, dates as `YYYY-MM-DD`, known category,
//!   role and status, contact details) and against the registry and the rest of the file
//!   (known country, one current member per country, no duplicate row, no overlapping
//!   participation). Every problem is reported with its line; if there is any, nothing is
//!   imported.
//! * A row that describes a record that exists already updates it when something differs and
//!   leaves it alone otherwise, so importing the same file twice changes nothing. A column that
//!   is absent from the file leaves that field as it is; a column that is present but blank
//!   clears an optional field.
//!
//! A member row is the member with the same country and acronym (the current one if several
//! share them). A participation row is the participation of the same member, committee, role
//! and `since` day; its member is the country's current member, or the member with the
//! country and `acronym` given.

use std::collections::{BTreeMap, HashMap, HashSet};

use api_types::membership::{
    ContactDetails, CreateMember, ImportProblem, MemberCategory, MemberStatus, ParticipationInput, ParticipationRole,
    UpdateMember,
};
use chrono::NaiveDate;
use uuid::Uuid;

use super::Refusal;
use super::member::{Contact, CountryCode, MemberState, MemberUpdate, NewMember, is_current, plan_update};
use super::participation::{CommitteeRef, Held, NewParticipation, Span, check_against};

/// Columns of a members file.
pub const MEMBER_REQUIRED: [&str; 5] = ["country", "name", "acronym", "category", "joined_on"];
pub const MEMBER_OPTIONAL: [&str; 8] =
    ["status", "left_on", "devco", "contact_person", "email", "phone", "website", "postal_address"];
/// Columns of a participations file.
pub const PARTICIPATION_REQUIRED: [&str; 4] = ["country", "committee", "role", "since"];
pub const PARTICIPATION_OPTIONAL: [&str; 2] = ["until", "acronym"];

fn problem(line: u64, column: Option<&str>, message: impl Into<String>) -> ImportProblem {
    ImportProblem { line, column: column.map(str::to_owned), message: message.into() }
}

/// A CSV file read into rows, with the columns it names.
#[derive(Debug, Clone)]
pub struct Sheet {
    columns: HashMap<String, usize>,
    pub rows: Vec<SheetRow>,
}

/// One data row and the line it starts on.
#[derive(Debug, Clone)]
pub struct SheetRow {
    pub line: u64,
    values: Vec<String>,
}

impl Sheet {
    /// Reads `text`, checking the header against the `required` and `optional` columns. A bad
    /// header rejects the file at once (`Err`); rows that cannot be read are reported in the
    /// problems returned with the sheet, so that the other rows are still checked.
    pub fn read(
        text: &str,
        required: &[&str],
        optional: &[&str],
    ) -> Result<(Sheet, Vec<ImportProblem>), Vec<ImportProblem>> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        // The csv crate reports the line of a record after a CRLF one line early; spreadsheet
        // programs write CRLF, so lines end in LF before reading (a CRLF inside a quoted field
        // becomes a LF, which is what a multi-line address means anyway).
        let text = text.replace("\r\n", "\n");
        let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes());
        let mut records = reader.records();
        let header = match records.next() {
            None => return Err(vec![problem(1, None, "the file is empty; the first line must name the columns")]),
            Some(Err(e)) => return Err(vec![problem(error_line(&e), None, format!("unreadable header: {e}"))]),
            Some(Ok(record)) => record,
        };
        let mut problems = Vec::new();
        let mut columns = HashMap::new();
        for (i, name) in header.iter().enumerate() {
            let name = column_name(name);
            if name.is_empty() {
                problems.push(problem(1, None, format!("column {} has no name", i + 1)));
            } else if !required.contains(&name.as_str()) && !optional.contains(&name.as_str()) {
                problems.push(problem(
                    1,
                    Some(&name),
                    format!(
                        "unknown column {name:?}; the columns are {}",
                        required.iter().chain(optional).copied().collect::<Vec<_>>().join(", ")
                    ),
                ));
            } else if columns.insert(name.clone(), i).is_some() {
                problems.push(problem(1, Some(&name), format!("column {name:?} appears twice")));
            }
        }
        for name in required {
            if !columns.contains_key(*name) {
                problems.push(problem(1, Some(name), format!("the required column {name:?} is missing")));
            }
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        let width = header.len();
        let mut rows = Vec::new();
        for record in records {
            let record = match record {
                Ok(r) => r,
                Err(e) => {
                    problems.push(problem(error_line(&e), None, format!("unreadable row: {e}")));
                    continue;
                }
            };
            let line = record.position().map_or(0, csv::Position::line);
            if record.iter().all(|v| v.trim().is_empty()) {
                continue;
            }
            if record.len() != width {
                problems.push(problem(
                    line,
                    None,
                    format!("expected {width} fields like the header, found {}", record.len()),
                ));
                continue;
            }
            rows.push(SheetRow { line, values: record.iter().map(|v| v.trim().to_owned()).collect() });
        }
        if rows.is_empty() && problems.is_empty() {
            return Err(vec![problem(1, None, "the file has a header but no data rows")]);
        }
        Ok((Sheet { columns, rows }, problems))
    }

    pub fn has(&self, column: &str) -> bool {
        self.columns.contains_key(column)
    }

    /// The trimmed value of `column` in `row`: `None` when the file has no such column.
    pub fn get<'a>(&self, row: &'a SheetRow, column: &str) -> Option<&'a str> {
        self.columns.get(column).and_then(|i| row.values.get(*i)).map(String::as_str)
    }

    /// The value of `column` when it is present and not blank.
    pub fn value<'a>(&self, row: &'a SheetRow, column: &str) -> Option<&'a str> {
        self.get(row, column).filter(|v| !v.is_empty())
    }
}

fn error_line(e: &csv::Error) -> u64 {
    e.position().map_or(1, csv::Position::line)
}

/// `" Joined On "` → `joined_on`.
fn column_name(header: &str) -> String {
    header
        .trim()
        .to_lowercase()
        .split(|c: char| c.is_whitespace() || c == '-')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("_")
}

/// Collects a row's problems, each under its column.
struct RowCheck<'a> {
    line: u64,
    problems: &'a mut Vec<ImportProblem>,
    failed: bool,
}

impl RowCheck<'_> {
    fn fail(&mut self, column: Option<&str>, message: impl Into<String>) {
        self.failed = true;
        self.problems.push(problem(self.line, column, message));
    }

    fn required<'v>(&mut self, sheet: &Sheet, row: &'v SheetRow, column: &str) -> Option<&'v str> {
        let value = sheet.value(row, column);
        if value.is_none() {
            self.fail(Some(column), format!("{column} is required"));
        }
        value
    }

    fn date(&mut self, column: &str, value: Option<&str>) -> Option<NaiveDate> {
        let value = value?;
        match NaiveDate::parse_from_str(value, "%Y-%m-%d") {
            Ok(d) => Some(d),
            Err(_) => {
                self.fail(Some(column), format!("{value:?} is not a date as YYYY-MM-DD"));
                None
            }
        }
    }

    fn refusal(&mut self, refusal: Refusal) {
        match refusal {
            Refusal::Invalid(fields) => {
                for (field, message) in fields {
                    self.fail(Some(&field), message);
                }
            }
            Refusal::Conflict { message, .. } => self.fail(None, message),
        }
    }
}

/// A keyword as written in a file: `Member body` → `member_body`.
fn keyword(value: &str) -> String {
    column_name(value)
}

fn parse_bool(value: &str) -> Option<bool> {
    match value.to_lowercase().as_str() {
        "true" | "yes" | "y" | "1" | "x" => Some(true),
        "false" | "no" | "n" | "0" => Some(false),
        _ => None,
    }
}

/// A member row that passed its own checks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemberRow {
    pub line: u64,
    pub member: NewMember,
    /// `None` when the file leaves it (no column, or blank).
    pub status: Option<MemberStatus>,
    pub left_on: Option<NaiveDate>,
    /// `None` when the file has no `devco` column or leaves it blank.
    pub devco: Option<bool>,
    /// The contact columns the file has (the others stay as they are).
    pub contact_columns: Vec<&'static str>,
}

const CONTACT_COLUMNS: [&str; 5] = ["contact_person", "email", "phone", "website", "postal_address"];

/// Reads and checks every member row on its own.
pub fn member_rows(sheet: &Sheet, today: NaiveDate, problems: &mut Vec<ImportProblem>) -> Vec<MemberRow> {
    let mut out = Vec::new();
    for row in &sheet.rows {
        let mut check = RowCheck { line: row.line, problems, failed: false };
        let country = check.required(sheet, row, "country");
        let name = check.required(sheet, row, "name");
        let acronym = check.required(sheet, row, "acronym");
        let category = check.required(sheet, row, "category").and_then(|c| {
            let parsed = MemberCategory::parse(&keyword(c));
            if parsed.is_none() {
                check.fail(
                    Some("category"),
                    format!("unknown category {c:?}; expected member_body, correspondent or subscriber"),
                );
            }
            parsed
        });
        let joined_on = check.required(sheet, row, "joined_on");
        let joined_on = check.date("joined_on", joined_on);
        let status = sheet.value(row, "status").and_then(|s| {
            let parsed = MemberStatus::parse(&keyword(s));
            if parsed.is_none() {
                check.fail(Some("status"), format!("unknown status {s:?}; expected active, suspended or withdrawn"));
            }
            parsed
        });
        let left_on = check.date("left_on", sheet.value(row, "left_on"));
        let devco = sheet.value(row, "devco").and_then(|d| {
            let parsed = parse_bool(d);
            if parsed.is_none() {
                check.fail(Some("devco"), format!("{d:?} is not yes or no"));
            }
            parsed
        });
        let contact = |column: &str| sheet.value(row, column).map(str::to_owned);
        let (Some(country), Some(name), Some(acronym), Some(category), Some(joined_on)) =
            (country, name, acronym, category, joined_on)
        else {
            // Still check the other columns below, for a complete report.
            let _ = NewMember::parse(
                &CreateMember {
                    country: country.unwrap_or("XX").to_owned(),
                    name: name.unwrap_or("placeholder").to_owned(),
                    acronym: acronym.unwrap_or("X").to_owned(),
                    category: MemberCategory::Subscriber,
                    joined_on: joined_on.unwrap_or(today),
                    devco: false,
                    contact_person: contact("contact_person"),
                    email: contact("email"),
                    phone: contact("phone"),
                    website: contact("website"),
                    postal_address: contact("postal_address"),
                },
                today,
            )
            .map_err(|p| check.refusal(Refusal::Invalid(p)));
            continue;
        };
        let parsed = NewMember::parse(
            &CreateMember {
                country: country.to_owned(),
                name: name.to_owned(),
                acronym: acronym.to_owned(),
                category,
                joined_on,
                devco: devco.unwrap_or(false),
                contact_person: contact("contact_person"),
                email: contact("email"),
                phone: contact("phone"),
                website: contact("website"),
                postal_address: contact("postal_address"),
            },
            today,
        );
        let member = match parsed {
            Ok(m) => Some(m),
            Err(p) => {
                check.refusal(Refusal::Invalid(p));
                None
            }
        };
        match (status, left_on) {
            (Some(MemberStatus::Withdrawn), None) => {
                check.fail(Some("left_on"), "a withdrawn member needs left_on, the day it left")
            }
            (s, Some(_)) if s != Some(MemberStatus::Withdrawn) => {
                check.fail(Some("left_on"), "left_on is only for a member whose status is withdrawn");
            }
            (_, Some(left)) if left > today => check.fail(Some("left_on"), "must not be in the future"),
            (_, Some(left)) if left < joined_on => {
                check.fail(Some("left_on"), format!("must not be before joined_on ({joined_on})"))
            }
            _ => {}
        }
        if let (Some(member), false) = (member, check.failed) {
            let contact_columns = CONTACT_COLUMNS.into_iter().filter(|c| sheet.has(c)).collect();
            out.push(MemberRow { line: row.line, member, status, left_on, devco, contact_columns });
        }
    }
    out
}

/// A registered member, as a members import compares it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExistingMember {
    pub id: Uuid,
    pub state: MemberState,
    pub contact: Contact,
}

/// What a members import does with a row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MemberAction {
    Create { line: u64, member: NewMember, status: MemberStatus, left_on: Option<NaiveDate> },
    Update { line: u64, id: Uuid, update: MemberUpdate, contact: Contact },
    Unchanged { line: u64, id: Uuid },
}

/// The existing member a row describes: same country and acronym (case-insensitive); if several,
/// the one that joined the same day, else the current one, else the latest.
fn matching<'a>(
    by_key: &HashMap<(String, String), Vec<&'a ExistingMember>>,
    member: &NewMember,
) -> Option<&'a ExistingMember> {
    let candidates =
        by_key.get(&(member.country.as_str().to_owned(), member.acronym.to_uppercase())).map_or(&[][..], Vec::as_slice);
    candidates
        .iter()
        .find(|e| e.state.joined_on == member.joined_on)
        .or_else(|| candidates.iter().find(|e| is_current(e.state.status)))
        .or_else(|| candidates.iter().max_by_key(|e| e.state.joined_on))
        .copied()
}

/// Plans a members import: every row checked against the registry and the other rows.
pub fn plan_members(
    rows: Vec<MemberRow>,
    existing: &[ExistingMember],
    countries: &HashSet<String>,
    today: NaiveDate,
    problems: &mut Vec<ImportProblem>,
) -> Vec<MemberAction> {
    let mut actions = Vec::new();
    let mut seen: HashMap<(String, String), u64> = HashMap::new();
    // Existing members by country and acronym, so that a large file is planned in linear time.
    let mut by_key: HashMap<(String, String), Vec<&ExistingMember>> = HashMap::new();
    for e in existing {
        by_key.entry((e.state.country.clone(), e.state.acronym.to_uppercase())).or_default().push(e);
    }
    for row in rows {
        let mut check = RowCheck { line: row.line, problems, failed: false };
        let country = row.member.country.as_str().to_owned();
        if !countries.contains(&country) {
            check.fail(Some("country"), format!("no country with the code {country} in the reference data"));
            continue;
        }
        let key = (country.clone(), row.member.acronym.to_uppercase());
        if let Some(first) = seen.insert(key, row.line) {
            check.fail(None, format!("the same member ({} {}) as line {first}", country, row.member.acronym));
            continue;
        }
        let Some(found) = matching(&by_key, &row.member) else {
            actions.push(MemberAction::Create {
                line: row.line,
                status: row.status.unwrap_or(MemberStatus::Active),
                left_on: row.left_on,
                member: row.member,
            });
            continue;
        };
        let input = UpdateMember {
            name: Some(row.member.name.clone()),
            acronym: Some(row.member.acronym.clone()),
            country: None,
            category: Some(row.member.category),
            status: row.status,
            joined_on: Some(row.member.joined_on),
            devco: row.devco,
            effective_on: row.left_on.filter(|_| {
                row.status == Some(MemberStatus::Withdrawn) && found.state.status != MemberStatus::Withdrawn
            }),
            reason: Some(format!("CSV import, line {}", row.line)),
        };
        let update = match plan_update(&found.state, &input, today) {
            Ok(u) => u,
            Err(refusal) => {
                check.refusal(refusal);
                continue;
            }
        };
        let mut contact = found.contact.clone();
        for column in &row.contact_columns {
            let value = match *column {
                "contact_person" => &mut contact.contact_person,
                "email" => &mut contact.email,
                "phone" => &mut contact.phone,
                "website" => &mut contact.website,
                _ => &mut contact.postal_address,
            };
            *value = match *column {
                "contact_person" => row.member.contact.contact_person.clone(),
                "email" => row.member.contact.email.clone(),
                "phone" => row.member.contact.phone.clone(),
                "website" => row.member.contact.website.clone(),
                _ => row.member.contact.postal_address.clone(),
            };
        }
        // A withdrawal's day given in the file is kept as it is written.
        let mut update = update;
        if update.status == MemberStatus::Withdrawn && row.left_on.is_some() {
            update.left_on = row.left_on;
        }
        if update.changes(&found.state) || contact != found.contact {
            actions.push(MemberAction::Update { line: row.line, id: found.id, update, contact });
        } else {
            actions.push(MemberAction::Unchanged { line: row.line, id: found.id });
        }
    }
    check_one_current_per_country(&actions, existing, problems);
    actions
}

/// After the import, each country may have at most one current member.
fn check_one_current_per_country(
    actions: &[MemberAction],
    existing: &[ExistingMember],
    problems: &mut Vec<ImportProblem>,
) {
    // Country → (who, line in the file if any) of each current member after the import.
    let mut current: BTreeMap<String, Vec<(String, Option<u64>)>> = BTreeMap::new();
    let touched: HashMap<Uuid, &MemberAction> = actions
        .iter()
        .filter_map(|a| match a {
            MemberAction::Update { id, .. } | MemberAction::Unchanged { id, .. } => Some((*id, a)),
            MemberAction::Create { .. } => None,
        })
        .collect();
    for e in existing {
        let (status, line) = match touched.get(&e.id) {
            Some(MemberAction::Update { update, line, .. }) => (update.status, Some(*line)),
            Some(MemberAction::Unchanged { line, .. }) => (e.state.status, Some(*line)),
            _ => (e.state.status, None),
        };
        if is_current(status) {
            current.entry(e.state.country.clone()).or_default().push((e.state.acronym.clone(), line));
        }
    }
    for a in actions {
        if let MemberAction::Create { line, member, status, .. } = a
            && is_current(*status)
        {
            current.entry(member.country.as_str().to_owned()).or_default().push((member.acronym.clone(), Some(*line)));
        }
    }
    for (country, members) in current.into_iter().filter(|(_, m)| m.len() > 1) {
        let who = members
            .iter()
            .map(|(acronym, line)| match line {
                Some(l) => format!("{acronym} (line {l})"),
                None => format!("{acronym} (registered)"),
            })
            .collect::<Vec<_>>()
            .join(", ");
        for line in members.iter().filter_map(|(_, line)| *line) {
            problems.push(problem(
                line,
                Some("status"),
                format!("{country} would have more than one current member: {who}; a country has one member body at a time, so withdraw the others first"),
            ));
        }
    }
}

/// A participation row that passed its own checks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParticipationRow {
    pub line: u64,
    pub country: CountryCode,
    pub acronym: Option<String>,
    pub participation: NewParticipation,
}

/// Reads and checks every participation row on its own.
pub fn participation_rows(sheet: &Sheet, today: NaiveDate, problems: &mut Vec<ImportProblem>) -> Vec<ParticipationRow> {
    let mut out = Vec::new();
    for row in &sheet.rows {
        let mut check = RowCheck { line: row.line, problems, failed: false };
        let country = check.required(sheet, row, "country").and_then(|c| match CountryCode::parse(c) {
            Ok(code) => Some(code),
            Err(p) => {
                check.fail(Some("country"), p);
                None
            }
        });
        let committee = check.required(sheet, row, "committee");
        let role = check.required(sheet, row, "role").and_then(|r| {
            let parsed = match r.to_lowercase().as_str() {
                "p" => Some(ParticipationRole::P),
                "o" => Some(ParticipationRole::O),
                "secretariat" => Some(ParticipationRole::Secretariat),
                _ => None,
            };
            if parsed.is_none() {
                check.fail(Some("role"), format!("unknown role {r:?}; expected P, O or secretariat"));
            }
            parsed
        });
        let since = check.required(sheet, row, "since");
        let since = check.date("since", since);
        let until = check.date("until", sheet.value(row, "until"));
        let acronym = sheet.value(row, "acronym").map(str::to_owned);
        let (Some(country), Some(committee), Some(role), Some(since)) = (country, committee, role, since) else {
            if let Some(c) = committee
                && let Err(p) = CommitteeRef::parse(c)
            {
                check.fail(Some("committee"), p);
            }
            continue;
        };
        match NewParticipation::parse(
            &ParticipationInput { committee: committee.to_owned(), role, since, until },
            today,
        ) {
            Ok(participation) if !check.failed => {
                out.push(ParticipationRow { line: row.line, country, acronym, participation });
            }
            Ok(_) => {}
            Err(p) => check.refusal(Refusal::Invalid(p)),
        }
    }
    out
}

/// A registered member, as a participations import finds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemberRef {
    pub id: Uuid,
    pub country: String,
    pub acronym: String,
    pub current: bool,
}

/// A recorded participation, as a participations import compares it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExistingParticipation {
    pub held: Held,
}

/// What a participations import does with a row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParticipationAction {
    Create { line: u64, member_id: Uuid, participation: NewParticipation },
    Update { line: u64, id: Uuid, until: Option<NaiveDate> },
    Unchanged { line: u64, id: Uuid },
}

/// Plans a participations import. `existing` holds at least every recorded participation of
/// the committees the file names.
pub fn plan_participations(
    rows: Vec<ParticipationRow>,
    members: &[MemberRef],
    existing: &[Held],
    problems: &mut Vec<ImportProblem>,
) -> Vec<ParticipationAction> {
    let mut actions = Vec::new();
    // The participations as they will be after the import, with the line that set each.
    let mut after: Vec<(Held, Option<u64>)> = existing.iter().map(|h| (h.clone(), None)).collect();
    // Indexes that keep a large file linear: records by their key, members by country.
    type Key = (Uuid, String, ParticipationRole, NaiveDate);
    let key_of = |h: &Held| (h.member_id, h.committee.clone(), h.role, h.span.since);
    let mut by_key: HashMap<Key, usize> = after.iter().enumerate().map(|(i, (h, _))| (key_of(h), i)).collect();
    let mut by_country: HashMap<&str, Vec<&MemberRef>> = HashMap::new();
    for m in members {
        by_country.entry(m.country.as_str()).or_default().push(m);
    }
    let mut seen: HashMap<Key, u64> = HashMap::new();
    let mut rows_held: Vec<(u64, Held)> = Vec::new();
    for row in rows {
        let mut check = RowCheck { line: row.line, problems, failed: false };
        let of_country = by_country.get(row.country.as_str()).map_or(&[][..], Vec::as_slice);
        let member = match &row.acronym {
            Some(acronym) => {
                of_country.iter().filter(|m| m.acronym.eq_ignore_ascii_case(acronym)).max_by_key(|m| m.current)
            }
            None => of_country.iter().find(|m| m.current),
        };
        let Some(member) = member else {
            let who = match &row.acronym {
                Some(a) => format!("no member {a} of {}", row.country.as_str()),
                None => format!("{} has no current member; name a past one in an acronym column", row.country.as_str()),
            };
            check.fail(Some(if row.acronym.is_some() { "acronym" } else { "country" }), who);
            continue;
        };
        let p = &row.participation;
        let key = (member.id, p.committee.as_str().to_owned(), p.role, p.span.since);
        if let Some(first) = seen.insert(key.clone(), row.line) {
            check.fail(None, format!("the same participation as line {first}"));
            continue;
        }
        let same = by_key.get(&key).copied().and_then(|i| after.get_mut(i)).filter(|(_, line)| line.is_none());
        let held = match same {
            Some((h, line)) => {
                *line = Some(row.line);
                let id = h.id.unwrap_or_default();
                if h.span.until == p.span.until {
                    actions.push(ParticipationAction::Unchanged { line: row.line, id });
                } else {
                    h.span.until = p.span.until;
                    actions.push(ParticipationAction::Update { line: row.line, id, until: p.span.until });
                }
                h.clone()
            }
            None => {
                let h = Held {
                    id: None,
                    member_id: member.id,
                    committee: p.committee.as_str().to_owned(),
                    role: p.role,
                    span: Span { since: p.span.since, until: p.span.until },
                };
                by_key.insert(key, after.len());
                after.push((h.clone(), Some(row.line)));
                actions.push(ParticipationAction::Create {
                    line: row.line,
                    member_id: member.id,
                    participation: p.clone(),
                });
                h
            }
        };
        rows_held.push((row.line, held));
    }
    // Overlaps, against the final state: each row against the other participations of its
    // committee (the only ones the rules compare it with).
    let mut by_committee: HashMap<&str, Vec<&(Held, Option<u64>)>> = HashMap::new();
    for entry in &after {
        by_committee.entry(entry.0.committee.as_str()).or_default().push(entry);
    }
    for (line, held) in &rows_held {
        let others: Vec<&&(Held, Option<u64>)> = by_committee
            .get(held.committee.as_str())
            .map_or(&[][..], Vec::as_slice)
            .iter()
            .filter(|(h, l)| *l != Some(*line) && held.excludes(h))
            .collect();
        if let Some((other, other_line)) = others.first() {
            let whence = match other_line {
                Some(l) => format!(" (line {l})"),
                None => " (already recorded)".to_owned(),
            };
            let Err(Refusal::Conflict { message, .. }) = check_against(held, std::slice::from_ref(other)) else {
                continue;
            };
            problems.push(problem(*line, None, format!("{}{whence}", message.trim_end_matches('.'))));
        }
    }
    actions
}

/// The line of each action, for reports.
pub fn member_action_line(action: &MemberAction) -> u64 {
    match action {
        MemberAction::Create { line, .. }
        | MemberAction::Update { line, .. }
        | MemberAction::Unchanged { line, .. } => *line,
    }
}

/// A contact from a parsed member, as the store keeps it.
pub fn contact_details(contact: &Contact) -> ContactDetails {
    ContactDetails {
        contact_person: contact.contact_person.clone(),
        email: contact.email.clone(),
        phone: contact.phone.clone(),
        website: contact.website.clone(),
        postal_address: contact.postal_address.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn today() -> NaiveDate {
        day(2026, 6, 30)
    }

    fn countries() -> HashSet<String> {
        ["KE", "SN", "FJ", "CH"].into_iter().map(str::to_owned).collect()
    }

    fn members(text: &str, existing: &[ExistingMember]) -> Result<Vec<MemberAction>, Vec<ImportProblem>> {
        let (sheet, mut problems) = Sheet::read(text, &MEMBER_REQUIRED, &MEMBER_OPTIONAL)?;
        let rows = member_rows(&sheet, today(), &mut problems);
        let actions = plan_members(rows, existing, &countries(), today(), &mut problems);
        problems.sort_by_key(|p| p.line);
        if problems.is_empty() { Ok(actions) } else { Err(problems) }
    }

    fn lines(problems: &[ImportProblem]) -> Vec<(u64, Option<&str>)> {
        problems.iter().map(|p| (p.line, p.column.as_deref())).collect()
    }

    fn kebs() -> ExistingMember {
        ExistingMember {
            id: Uuid::from_u128(1),
            state: MemberState {
                country: "KE".into(),
                name: "Kenya Bureau of Standards".into(),
                acronym: "KEBS".into(),
                category: MemberCategory::MemberBody,
                status: MemberStatus::Active,
                joined_on: day(1974, 1, 1),
                left_on: None,
                devco: true,
                category_since: day(1974, 1, 1),
                first_change: None,
            },
            contact: Contact { email: Some("info@kebs.example.org".into()), ..Contact::default() },
        }
    }

    #[test]
    fn headers_are_checked_first() {
        let err = members("Country,Name,Acronym,Catgory\nKE,x,y,z\n", &[]).unwrap_err();
        assert_eq!(lines(&err), [(1, Some("catgory")), (1, Some("category")), (1, Some("joined_on"))]);
        assert!(err[0].message.contains("unknown column"));
        assert_eq!(lines(&members("", &[]).unwrap_err()), [(1, None)]);
        assert!(
            members("country,name,acronym,category,joined_on\n", &[]).unwrap_err()[0].message.contains("no data rows")
        );
        let twice = members("country,country,name,acronym,category,joined_on\n", &[]).unwrap_err();
        assert!(twice[0].message.contains("twice"));
    }

    #[test]
    fn every_bad_row_is_reported_with_its_line_and_column() {
        let text = "\u{feff}Country,Name,Acronym,Category,Joined on,Email\n\
                    KE,Kenya Bureau of Standards,KEBS,member body,1974-01-01,info@kebs.example.org\n\
                    XX,Nowhere,NWH,member_body,2000-01-01,\n\
                    SN,Association sénégalaise de normalisation,ASN,gold,01/02/1983,not-an-email\n\
                    ,,,,,\n\
                    FJ,Fiji,DNTMS,subscriber\n\
                    FJ,Fiji,,subscriber,2030-01-01,\n";
        let err = members(text, &[]).unwrap_err();
        assert_eq!(
            lines(&err),
            [
                (3, Some("country")),
                (4, Some("category")),
                (4, Some("joined_on")),
                (4, Some("email")),
                (6, None),
                (7, Some("acronym")),
                (7, Some("joined_on")),
            ]
        );
        assert!(err[0].message.contains("XX"));
        assert!(err[1].message.contains("\"gold\""));
        assert!(err[4].message.contains("expected 6 fields"));
    }

    #[test]
    fn lines_are_right_in_files_with_crlf_line_ends() {
        let text = "country,name,acronym,category,joined_on,postal_address\r\n\
                    KE,Kenya Bureau of Standards,KEBS,member_body,1974-01-01,\"Popo Road\r\nNairobi\"\r\n\
                    SN,ASN,ASN,gold,1983-01-01,\r\n";
        let err = members(text, &[]).unwrap_err();
        assert_eq!(lines(&err), [(4, Some("category"))]);
        let ok = members(&text.replace("gold", "member_body"), &[]).unwrap();
        let MemberAction::Create { member, .. } = &ok[0] else { panic!() };
        assert_eq!(member.contact.postal_address.as_deref(), Some("Popo Road\nNairobi"));
    }

    #[test]
    fn quoted_fields_keep_commas_and_line_breaks_and_lines_stay_right() {
        let text = "country,name,acronym,category,joined_on,postal_address\n\
                    KE,\"Kenya Bureau of Standards, Nairobi\",KEBS,member_body,1974-01-01,\"Popo Road\nNairobi\"\n\
                    SN,ASN,ASN,gold,1983-01-01,\n";
        let err = members(text, &[]).unwrap_err();
        assert_eq!(lines(&err), [(4, Some("category"))]);
        let ok = members(&text.replace("gold", "member_body"), &[]).unwrap();
        let MemberAction::Create { member, .. } = &ok[0] else { panic!() };
        assert_eq!(member.name, "Kenya Bureau of Standards, Nairobi");
        assert_eq!(member.contact.postal_address.as_deref(), Some("Popo Road\nNairobi"));
    }

    #[test]
    fn existing_members_are_updated_or_left_alone() {
        let same = "country,name,acronym,category,joined_on,devco,email\n\
                    KE,Kenya Bureau of Standards,KEBS,member_body,1974-01-01,yes,info@kebs.example.org\n";
        assert_eq!(members(same, &[kebs()]).unwrap(), [MemberAction::Unchanged { line: 2, id: Uuid::from_u128(1) }]);
        // Absent columns stay as they are: no devco, no email column here.
        let fewer =
            "country,name,acronym,category,joined_on\nKE,Kenya Bureau of Standards,KEBS,member_body,1974-01-01\n";
        assert!(matches!(members(fewer, &[kebs()]).unwrap()[0], MemberAction::Unchanged { .. }));
        // A blank contact column clears it; a new name updates.
        let changed = "country,name,acronym,category,joined_on,email\nKE,KEBS Kenya,KEBS,member_body,1974-01-01,\n";
        let MemberAction::Update { update, contact, .. } = &members(changed, &[kebs()]).unwrap()[0] else { panic!() };
        assert_eq!(update.name, "KEBS Kenya");
        assert_eq!(contact.email, None);
    }

    #[test]
    fn one_current_member_per_country_after_the_import() {
        let second = "country,name,acronym,category,joined_on\nKE,Kenya Standards Agency,KSA,member_body,2020-01-01\n";
        let err = members(second, &[kebs()]).unwrap_err();
        assert_eq!(lines(&err), [(2, Some("status"))]);
        assert!(err[0].message.contains("KEBS (registered)"), "{}", err[0].message);
        // Withdrawing KEBS in the same file makes room.
        let swap = "country,name,acronym,category,joined_on,status,left_on\n\
                    KE,Kenya Bureau of Standards,KEBS,member_body,1974-01-01,withdrawn,2019-12-31\n\
                    KE,Kenya Standards Agency,KSA,member_body,2020-01-01,active,\n";
        let actions = members(swap, &[kebs()]).unwrap();
        let MemberAction::Update { update, .. } = &actions[0] else { panic!() };
        assert_eq!((update.status, update.left_on), (MemberStatus::Withdrawn, Some(day(2019, 12, 31))));
        assert!(matches!(actions[1], MemberAction::Create { .. }));
        // Two new current members of one country in one file.
        let two = "country,name,acronym,category,joined_on\nSN,Alpha,AAA,subscriber,2020-01-01\nSN,Beta,BBB,subscriber,2020-01-01\n";
        assert_eq!(lines(&members(two, &[]).unwrap_err()), [(2, Some("status")), (3, Some("status"))]);
    }

    #[test]
    fn withdrawal_rows_need_their_day() {
        let text = "country,name,acronym,category,joined_on,status,left_on\n\
                    KE,Kenya Bureau of Standards,KEBS,member_body,1974-01-01,withdrawn,\n\
                    SN,ASN,ASN,member_body,1983-01-01,active,2000-01-01\n\
                    FJ,DNTMS,DNTMS,subscriber,1998-01-01,withdrawn,1990-01-01\n\
                    CH,SNV,SNV,member_body,1947-01-01,retired,\n";
        assert_eq!(
            lines(&members(text, &[]).unwrap_err()),
            [(2, Some("left_on")), (3, Some("left_on")), (4, Some("left_on")), (5, Some("status"))]
        );
    }

    #[test]
    fn duplicate_rows_are_refused() {
        let text = "country,name,acronym,category,joined_on\nKE,Alpha,KEBS,subscriber,2020-01-01\nke,Beta,kebs,subscriber,2020-01-01\n";
        let err = members(text, &[]).unwrap_err();
        assert_eq!(lines(&err), [(3, None)]);
        assert!(err[0].message.contains("line 2"));
    }

    fn participations(text: &str, existing: &[Held]) -> Result<Vec<ParticipationAction>, Vec<ImportProblem>> {
        let (sheet, mut problems) = Sheet::read(text, &PARTICIPATION_REQUIRED, &PARTICIPATION_OPTIONAL)?;
        let rows = participation_rows(&sheet, today(), &mut problems);
        let refs = [
            MemberRef { id: Uuid::from_u128(1), country: "KE".into(), acronym: "KEBS".into(), current: true },
            MemberRef { id: Uuid::from_u128(2), country: "SN".into(), acronym: "ASN".into(), current: true },
            MemberRef { id: Uuid::from_u128(3), country: "FJ".into(), acronym: "OLD".into(), current: false },
        ];
        let actions = plan_participations(rows, &refs, existing, &mut problems);
        problems.sort_by_key(|p| p.line);
        if problems.is_empty() { Ok(actions) } else { Err(problems) }
    }

    #[test]
    fn participation_rows_are_checked_and_matched() {
        let text = "country,committee,role,since,until\n\
                    KE,ISO/TC 176,P,2001-01-01,\n\
                    KE,iso/tc 207,o,2005-01-01,2010-12-31\n\
                    SN,ISO/TC 176,secretariat,2010-01-01,\n";
        let actions = participations(text, &[]).unwrap();
        assert_eq!(actions.len(), 3);
        let ParticipationAction::Create { participation, .. } = &actions[1] else { panic!() };
        assert_eq!(participation.committee.as_str(), "ISO/TC 207");

        // Re-importing what is recorded changes nothing; a new end date updates.
        let recorded = Held {
            id: Some(Uuid::from_u128(77)),
            member_id: Uuid::from_u128(1),
            committee: "ISO/TC 176".into(),
            role: ParticipationRole::P,
            span: Span { since: day(2001, 1, 1), until: None },
        };
        let again = "country,committee,role,since\nKE,ISO/TC 176,P,2001-01-01\n";
        assert_eq!(
            participations(again, std::slice::from_ref(&recorded)).unwrap(),
            [ParticipationAction::Unchanged { line: 2, id: Uuid::from_u128(77) }]
        );
        let ended = "country,committee,role,since,until\nKE,ISO/TC 176,P,2001-01-01,2020-12-31\n";
        assert_eq!(
            participations(ended, &[recorded]).unwrap(),
            [ParticipationAction::Update { line: 2, id: Uuid::from_u128(77), until: Some(day(2020, 12, 31)) }]
        );
    }

    #[test]
    fn bad_participation_rows_are_all_reported() {
        let text = "country,committee,role,since,until,acronym\n\
                    KE,ISO/TC 176,P,2001-01-01,,\n\
                    KE,ISO/TC 176,O,2005-01-01,,\n\
                    CH,ISO/TC 176,P,2001-01-01,,\n\
                    KE,TC 999,X,2001-13-01,,\n\
                    FJ,ISO/TC 176,P,2001-01-01,2000-01-01,\n\
                    FJ,ISO/TC 176,P,2001-01-01,,OLD\n\
                    KE,ISO/TC 176,P,2001-01-01,,\n";
        let err = participations(text, &[]).unwrap_err();
        assert_eq!(
            lines(&err),
            [
                (2, None),
                (3, None),
                (4, Some("country")),
                (5, Some("role")),
                (5, Some("since")),
                (5, Some("committee")),
                (6, Some("until")),
                (8, None),
            ]
        );
        assert!(err[2].message.contains("CH has no current member"), "{}", err[2].message);
        assert!(err[0].message.contains("(line 3)"), "{}", err[0].message);
    }
}
