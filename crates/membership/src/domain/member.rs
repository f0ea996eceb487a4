//! Member bodies: what a new member, a change and contact details must satisfy, and what a
//! change of category or status means.

use api_types::membership::{ContactDetails, CreateMember, MemberCategory, MemberStatus, UpdateMember};
use chrono::NaiveDate;

use super::text::{self, REASON_MAX};
use super::{Problems, Refusal, codes};

pub const NAME_MAX: usize = 200;
pub const ACRONYM_MAX: usize = 32;

/// An ISO 3166-1 alpha-2 code in upper case. Whether the country exists is the reference data's
/// business (the store knows).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CountryCode(String);

impl CountryCode {
    pub fn parse(text: &str) -> Result<CountryCode, String> {
        let code = text.trim().to_ascii_uppercase();
        if code.len() == 2 && code.bytes().all(|b| b.is_ascii_uppercase()) {
            Ok(CountryCode(code))
        } else {
            Err(format!("{:?} is not an ISO 3166-1 alpha-2 country code such as KE", text.trim()))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Validated contact details; every field optional.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Contact {
    pub contact_person: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub website: Option<String>,
    pub postal_address: Option<String>,
}

impl Contact {
    /// Parses every field, reporting each bad one under its own name (the rules are the
    /// contract's: `ContactDetails::normalized`).
    pub fn parse(input: &ContactDetails) -> Result<Contact, Problems> {
        let d = input.normalized()?;
        Ok(Contact {
            contact_person: d.contact_person,
            email: d.email,
            phone: d.phone,
            website: d.website,
            postal_address: d.postal_address,
        })
    }
}

/// A member body that passed every rule; only [`NewMember::parse`] makes one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewMember {
    pub country: CountryCode,
    pub name: String,
    pub acronym: String,
    pub category: MemberCategory,
    pub joined_on: NaiveDate,
    pub devco: bool,
    pub contact: Contact,
}

impl NewMember {
    /// Every bad field at once. `today` bounds the joining date.
    pub fn parse(input: &CreateMember, today: NaiveDate) -> Result<NewMember, Problems> {
        let mut problems = Problems::new();
        let country = CountryCode::parse(&input.country).map_err(|p| problems.insert("country".to_owned(), p)).ok();
        let name =
            text::required_line(&input.name, 2, NAME_MAX).map_err(|p| problems.insert("name".to_owned(), p)).ok();
        let acronym = acronym(&input.acronym).map_err(|p| problems.insert("acronym".to_owned(), p)).ok();
        if input.joined_on > today {
            problems.insert("joined_on".to_owned(), "must not be in the future".to_owned());
        }
        let contact = Contact::parse(&ContactDetails {
            contact_person: input.contact_person.clone(),
            email: input.email.clone(),
            phone: input.phone.clone(),
            website: input.website.clone(),
            postal_address: input.postal_address.clone(),
        })
        .map_err(|p| problems.extend(p))
        .ok();
        match (country, name, acronym, contact) {
            (Some(country), Some(name), Some(acronym), Some(contact)) if problems.is_empty() => Ok(NewMember {
                country,
                name,
                acronym,
                category: input.category,
                joined_on: input.joined_on,
                devco: input.devco,
                contact,
            }),
            _ => Err(problems),
        }
    }
}

/// An acronym: one word-ish token such as `KEBS` or `AFNOR`, kept as written.
pub fn acronym(text: &str) -> Result<String, String> {
    let acronym = text::required_line(text, 1, ACRONYM_MAX)?;
    if acronym.chars().all(|c| c.is_alphanumeric() || matches!(c, ' ' | '-' | '.' | '&' | '/' | '\'')) {
        Ok(acronym)
    } else {
        Err(format!("{acronym:?} may contain only letters, digits, spaces and - . & / '"))
    }
}

/// Whether a member in `status` is the current member body of its country (at most one per
/// country may be).
pub fn is_current(status: MemberStatus) -> bool {
    !matches!(status, MemberStatus::Withdrawn)
}

/// Checks a change of status. Suspension can be lifted; withdrawal is final.
pub fn check_status_change(from: MemberStatus, to: MemberStatus) -> Result<(), Refusal> {
    match (from, to) {
        (a, b) if a == b => Ok(()),
        (MemberStatus::Withdrawn, _) => Err(Refusal::conflict(
            codes::MEMBER_WITHDRAWN,
            "The member has withdrawn, which is final; register the body again if it rejoins.",
        )),
        _ => Ok(()),
    }
}

/// What a member is now, as far as a change needs to know.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemberState {
    pub country: String,
    pub name: String,
    pub acronym: String,
    pub category: MemberCategory,
    pub status: MemberStatus,
    pub joined_on: NaiveDate,
    pub left_on: Option<NaiveDate>,
    pub devco: bool,
    /// When the current category started (the latest entry of the category history).
    pub category_since: NaiveDate,
    /// The second entry of the category history, if any: the joining date may not move past it.
    pub first_change: Option<NaiveDate>,
}

/// A category change to record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CategoryChange {
    pub from: MemberCategory,
    pub to: MemberCategory,
    pub effective_on: NaiveDate,
}

/// What a staff change does, after every rule passed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemberUpdate {
    pub name: String,
    pub acronym: String,
    /// Set when the country is corrected.
    pub new_country: Option<CountryCode>,
    pub category_change: Option<CategoryChange>,
    pub status: MemberStatus,
    pub left_on: Option<NaiveDate>,
    pub joined_on: NaiveDate,
    pub devco: bool,
    /// Why (present whenever the category or status changes).
    pub reason: Option<String>,
}

impl MemberUpdate {
    /// Whether the update changes anything at all.
    pub fn changes(&self, current: &MemberState) -> bool {
        self.name != current.name
            || self.acronym != current.acronym
            || self.new_country.is_some()
            || self.category_change.is_some()
            || self.status != current.status
            || self.left_on != current.left_on
            || self.joined_on != current.joined_on
            || self.devco != current.devco
    }
}

/// Applies a staff change to `current`: absent fields stay, present ones are parsed, and the
/// rules of category and status changes are checked against the current state.
pub fn plan_update(current: &MemberState, input: &UpdateMember, today: NaiveDate) -> Result<MemberUpdate, Refusal> {
    let mut problems = Problems::new();
    let mut note = |field: &str, problem: String| {
        problems.insert(field.to_owned(), problem);
    };
    let name = match &input.name {
        Some(n) => text::required_line(n, 2, NAME_MAX).unwrap_or_else(|p| {
            note("name", p);
            current.name.clone()
        }),
        None => current.name.clone(),
    };
    let acronym = match &input.acronym {
        Some(a) => acronym(a).unwrap_or_else(|p| {
            note("acronym", p);
            current.acronym.clone()
        }),
        None => current.acronym.clone(),
    };
    let new_country = match &input.country {
        Some(c) => match CountryCode::parse(c) {
            Ok(code) if code.as_str() == current.country => None,
            Ok(code) => Some(code),
            Err(p) => {
                note("country", p);
                None
            }
        },
        None => None,
    };
    let joined_on = input.joined_on.unwrap_or(current.joined_on);
    if joined_on > today {
        note("joined_on", "must not be in the future".to_owned());
    }
    if let Some(first_change) = current.first_change
        && joined_on > first_change
    {
        note("joined_on", format!("must not be after the member's first category change on {first_change}"));
    }
    let effective_on = input.effective_on.unwrap_or(today);
    if effective_on > today {
        note("effective_on", "must not be in the future".to_owned());
    }
    let reason = match input.reason.as_deref() {
        Some(r) => text::reason(r).map_err(|p| note("reason", p)).ok(),
        None => None,
    };
    let status = input.status.unwrap_or(current.status);
    let category = input.category.unwrap_or(current.category);
    let category_change =
        (category != current.category).then_some(CategoryChange { from: current.category, to: category, effective_on });
    if category_change.is_some() && effective_on < current.category_since {
        note("effective_on", format!("must not be before the current category's start on {}", current.category_since));
    }
    if (category_change.is_some() || status != current.status) && input.reason.is_none() {
        note(
            "reason",
            format!("a reason is required to change the category or the status (at most {REASON_MAX} characters)"),
        );
    }
    let left_on = match (current.status, status) {
        (_, MemberStatus::Withdrawn) if current.status != MemberStatus::Withdrawn => Some(effective_on),
        (MemberStatus::Withdrawn, MemberStatus::Withdrawn) => current.left_on,
        _ => None,
    };
    if let Some(left) = left_on
        && left < joined_on
    {
        note("effective_on", format!("a withdrawal must not be before the joining date {joined_on}"));
    }
    Refusal::check(problems)?;
    check_status_change(current.status, status)?;
    if category_change.is_some() && current.status == MemberStatus::Withdrawn {
        return Err(Refusal::conflict(codes::MEMBER_WITHDRAWN, "A withdrawn member's category cannot change."));
    }
    Ok(MemberUpdate {
        name,
        acronym,
        new_country,
        category_change,
        status,
        left_on,
        joined_on,
        devco: input.devco.unwrap_or(current.devco),
        reason,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    const TODAY: (i32, u32, u32) = (2026, 6, 30);

    fn today() -> NaiveDate {
        day(TODAY.0, TODAY.1, TODAY.2)
    }

    fn create() -> CreateMember {
        CreateMember {
            country: " ke ".into(),
            name: " Kenya  Bureau of Standards ".into(),
            acronym: "KEBS".into(),
            category: MemberCategory::MemberBody,
            joined_on: day(1974, 1, 1),
            devco: true,
            contact_person: Some("  Jane   Doe ".into()),
            email: Some("info@kebs.example.org".into()),
            phone: Some("+254 20 6948000".into()),
            website: Some("https://www.kebs.example.org/".into()),
            postal_address: Some("Popo Road\nNairobi".into()),
        }
    }

    fn state() -> MemberState {
        MemberState {
            country: "KE".into(),
            name: "Kenya Bureau of Standards".into(),
            acronym: "KEBS".into(),
            category: MemberCategory::Correspondent,
            status: MemberStatus::Active,
            joined_on: day(1974, 1, 1),
            left_on: None,
            devco: false,
            category_since: day(1974, 1, 1),
            first_change: None,
        }
    }

    #[test]
    fn a_complete_member_parses_normalised() {
        let m = NewMember::parse(&create(), today()).unwrap();
        assert_eq!(m.country.as_str(), "KE");
        assert_eq!(m.name, "Kenya Bureau of Standards");
        assert_eq!(m.contact.contact_person.as_deref(), Some("Jane Doe"));
        assert_eq!(m.contact.postal_address.as_deref(), Some("Popo Road\nNairobi"));
    }

    #[test]
    fn every_bad_field_is_named() {
        let input = CreateMember {
            country: "KEN".into(),
            name: " ".into(),
            acronym: "K<>".into(),
            joined_on: day(2027, 1, 1),
            email: Some("not-an-address".into()),
            phone: Some("call us".into()),
            website: Some("www.kebs.org".into()),
            ..create()
        };
        let problems = NewMember::parse(&input, today()).unwrap_err();
        assert_eq!(
            problems.keys().map(String::as_str).collect::<Vec<_>>(),
            ["acronym", "country", "email", "joined_on", "name", "phone", "website"]
        );
    }

    #[test]
    fn empty_contact_details_are_no_contact() {
        assert_eq!(Contact::parse(&ContactDetails::default()).unwrap(), Contact::default());
    }

    #[test]
    fn withdrawal_is_final() {
        assert!(check_status_change(MemberStatus::Active, MemberStatus::Suspended).is_ok());
        assert!(check_status_change(MemberStatus::Suspended, MemberStatus::Active).is_ok());
        assert!(check_status_change(MemberStatus::Suspended, MemberStatus::Withdrawn).is_ok());
        let err = check_status_change(MemberStatus::Withdrawn, MemberStatus::Active).unwrap_err();
        assert!(matches!(err, Refusal::Conflict { code: codes::MEMBER_WITHDRAWN, .. }));
    }

    #[test]
    fn a_category_change_needs_a_reason_and_a_date_in_order() {
        let input = UpdateMember { category: Some(MemberCategory::MemberBody), ..Default::default() };
        let Refusal::Invalid(problems) = plan_update(&state(), &input, today()).unwrap_err() else { panic!() };
        assert!(problems.contains_key("reason"));

        let input = UpdateMember {
            category: Some(MemberCategory::MemberBody),
            reason: Some("council resolution 12/2026".into()),
            effective_on: Some(day(2026, 1, 1)),
            ..Default::default()
        };
        let plan = plan_update(&state(), &input, today()).unwrap();
        assert_eq!(
            plan.category_change,
            Some(CategoryChange {
                from: MemberCategory::Correspondent,
                to: MemberCategory::MemberBody,
                effective_on: day(2026, 1, 1)
            })
        );

        let early = UpdateMember { effective_on: Some(day(1970, 1, 1)), ..input.clone() };
        let Refusal::Invalid(problems) = plan_update(&state(), &early, today()).unwrap_err() else { panic!() };
        assert!(problems["effective_on"].contains("1974-01-01"));
        let future = UpdateMember { effective_on: Some(day(2027, 1, 1)), ..input };
        assert!(plan_update(&state(), &future, today()).is_err());
    }

    #[test]
    fn withdrawing_sets_the_leaving_day_and_then_nothing_moves() {
        let input = UpdateMember {
            status: Some(MemberStatus::Withdrawn),
            reason: Some("letter of 3 May".into()),
            effective_on: Some(day(2026, 5, 3)),
            ..Default::default()
        };
        let plan = plan_update(&state(), &input, today()).unwrap();
        assert_eq!((plan.status, plan.left_on), (MemberStatus::Withdrawn, Some(day(2026, 5, 3))));

        let withdrawn = MemberState { status: MemberStatus::Withdrawn, left_on: Some(day(2026, 5, 3)), ..state() };
        let back = UpdateMember { status: Some(MemberStatus::Active), reason: Some("x".into()), ..Default::default() };
        assert!(matches!(plan_update(&withdrawn, &back, today()), Err(Refusal::Conflict { .. })));
        let upgrade =
            UpdateMember { category: Some(MemberCategory::MemberBody), reason: Some("x".into()), ..Default::default() };
        assert!(matches!(plan_update(&withdrawn, &upgrade, today()), Err(Refusal::Conflict { .. })));
        // A withdrawn member's name can still be corrected, and it keeps its leaving day.
        let rename = UpdateMember { name: Some("Kenya Bureau of Standards (KEBS)".into()), ..Default::default() };
        let plan = plan_update(&withdrawn, &rename, today()).unwrap();
        assert_eq!(plan.left_on, Some(day(2026, 5, 3)));
        assert!(plan.changes(&withdrawn));
    }

    #[test]
    fn an_empty_change_changes_nothing() {
        let plan = plan_update(&state(), &UpdateMember::default(), today()).unwrap();
        assert!(!plan.changes(&state()));
        let same_country = UpdateMember { country: Some("ke".into()), ..Default::default() };
        assert!(!plan_update(&state(), &same_country, today()).unwrap().changes(&state()));
    }

    #[test]
    fn the_joining_day_cannot_pass_the_first_category_change() {
        let s = MemberState { first_change: Some(day(1990, 1, 1)), ..state() };
        let input = UpdateMember { joined_on: Some(day(1991, 1, 1)), ..Default::default() };
        assert!(plan_update(&s, &input, today()).is_err());
        let input = UpdateMember { joined_on: Some(day(1960, 1, 1)), ..Default::default() };
        assert_eq!(plan_update(&s, &input, today()).unwrap().joined_on, day(1960, 1, 1));
    }

    proptest! {
        #[test]
        fn country_codes_are_two_letters(code in "\\PC{0,4}") {
            let parsed = CountryCode::parse(&code);
            let trimmed = code.trim();
            prop_assert_eq!(parsed.is_ok(), trimmed.len() == 2 && trimmed.bytes().all(|b| b.is_ascii_alphabetic()));
        }
    }
}
