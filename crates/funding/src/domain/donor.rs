//! A new donor, parsed from what staff typed, and a change to one.

use std::collections::BTreeMap;

use api_types::funding::{CreateDonor, DonorType, UpdateDonor};
use api_types::membership::ContactDetails;

use super::contact;

/// A donor that passed every rule; only [`NewDonor::parse`] makes one.
#[derive(Debug, Clone, PartialEq)]
pub struct NewDonor {
    name: String,
    donor_type: DonorType,
    country: Option<String>,
    publicly_named: bool,
    contact: ContactDetails,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid donor: {0:?}")]
pub struct InvalidDonor(pub BTreeMap<String, String>);

/// Collapses runs of whitespace so that "Nordic  Fund" and "Nordic Fund" are one donor.
fn name(input: &str, problems: &mut BTreeMap<String, String>) -> String {
    let name = input.split_whitespace().collect::<Vec<_>>().join(" ");
    match name.chars().count() {
        0..=1 => {
            problems.insert("name".to_owned(), "must be at least 2 characters".to_owned());
        }
        201.. => {
            problems.insert("name".to_owned(), "must be at most 200 characters".to_owned());
        }
        _ => {}
    }
    name
}

/// Upper case; blank means none.
fn country(input: Option<&str>, problems: &mut BTreeMap<String, String>) -> Option<String> {
    let country = input.map(|c| c.trim().to_uppercase()).filter(|c| !c.is_empty());
    if let Some(c) = &country
        && !(c.len() == 2 && c.chars().all(|ch| ch.is_ascii_uppercase()))
    {
        problems.insert("country".to_owned(), "must be an ISO 3166-1 alpha-2 code such as CH".to_owned());
    }
    country
}

/// Contact problems are reported as `contact.<field>`.
fn contact_details(input: &ContactDetails, problems: &mut BTreeMap<String, String>) -> ContactDetails {
    let mut found = BTreeMap::new();
    let parsed = contact::parse(input, &mut found);
    problems.extend(found.into_iter().map(|(field, problem)| (format!("contact.{field}"), problem)));
    parsed
}

impl NewDonor {
    pub fn parse(input: CreateDonor) -> Result<NewDonor, InvalidDonor> {
        let mut problems = BTreeMap::new();
        let name = name(&input.name, &mut problems);
        let country = country(input.country.as_deref(), &mut problems);
        let contact = contact_details(&input.contact, &mut problems);
        if problems.is_empty() {
            Ok(NewDonor { name, donor_type: input.donor_type, country, publicly_named: input.publicly_named, contact })
        } else {
            Err(InvalidDonor(problems))
        }
    }

    pub fn contact(&self) -> &ContactDetails {
        &self.contact
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    pub fn donor_type(&self) -> DonorType {
        self.donor_type
    }

    pub fn country(&self) -> Option<&str> {
        self.country.as_deref()
    }

    /// Whether the donor agreed to be named on the public portal.
    pub fn publicly_named(&self) -> bool {
        self.publicly_named
    }
}

/// A checked change to a donor: `None` leaves a field as it is; `country: Some(None)` clears it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DonorChange {
    pub name: Option<String>,
    pub donor_type: Option<DonorType>,
    pub country: Option<Option<String>>,
    pub publicly_named: Option<bool>,
    pub contact: Option<ContactDetails>,
}

impl DonorChange {
    pub fn parse(input: UpdateDonor) -> Result<DonorChange, InvalidDonor> {
        let mut problems = BTreeMap::new();
        let change = DonorChange {
            name: input.name.as_deref().map(|n| name(n, &mut problems)),
            donor_type: input.donor_type,
            country: input.country.as_deref().map(|c| country(Some(c), &mut problems)),
            publicly_named: input.publicly_named,
            contact: input.contact.as_ref().map(|c| contact_details(c, &mut problems)),
        };
        if problems.is_empty() { Ok(change) } else { Err(InvalidDonor(problems)) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(name: &str, country: Option<&str>) -> CreateDonor {
        CreateDonor {
            name: name.into(),
            donor_type: DonorType::Foundation,
            country: country.map(Into::into),
            publicly_named: false,
            contact: ContactDetails::default(),
        }
    }

    #[test]
    fn names_are_normalised_and_countries_uppercased() {
        let d = NewDonor::parse(input("  Open   Quality Foundation ", Some(" ch "))).unwrap();
        assert_eq!(d.name(), "Open Quality Foundation");
        assert_eq!(d.country(), Some("CH"));
        assert_eq!(NewDonor::parse(input("Fund", Some(""))).unwrap().country(), None);
    }

    #[test]
    fn bad_names_and_countries_are_reported() {
        let err = NewDonor::parse(input(" x ", Some("CHE"))).unwrap_err();
        assert_eq!(err.0.keys().collect::<Vec<_>>(), ["country", "name"]);
        assert!(NewDonor::parse(input(&"y".repeat(201), None)).is_err());
    }

    #[test]
    fn changes_check_only_what_they_carry() {
        assert_eq!(DonorChange::parse(UpdateDonor::default()).unwrap(), DonorChange::default());
        let clear = DonorChange::parse(UpdateDonor { country: Some(" ".into()), ..Default::default() }).unwrap();
        assert_eq!(clear.country, Some(None));
        let bad = UpdateDonor {
            name: Some("x".into()),
            contact: Some(ContactDetails { email: Some("nope".into()), ..Default::default() }),
            ..Default::default()
        };
        assert_eq!(DonorChange::parse(bad).unwrap_err().0.keys().collect::<Vec<_>>(), ["contact.email", "name"]);
    }
}
