//! A new donor, parsed from what staff typed.

use std::collections::BTreeMap;

use api_types::funding::{CreateDonor, DonorType};

/// A donor that passed every rule; only [`NewDonor::parse`] makes one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewDonor {
    name: String,
    donor_type: DonorType,
    country: Option<String>,
    publicly_named: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid donor: {0:?}")]
pub struct InvalidDonor(pub BTreeMap<String, String>);

impl NewDonor {
    pub fn parse(input: CreateDonor) -> Result<NewDonor, InvalidDonor> {
        let mut problems = BTreeMap::new();
        // Collapse runs of whitespace so that "Nordic  Fund" and "Nordic Fund" are one donor.
        let name = input.name.split_whitespace().collect::<Vec<_>>().join(" ");
        match name.chars().count() {
            0..=1 => {
                problems.insert("name".to_owned(), "must be at least 2 characters".to_owned());
            }
            201.. => {
                problems.insert("name".to_owned(), "must be at most 200 characters".to_owned());
            }
            _ => {}
        }
        let country = input.country.map(|c| c.trim().to_uppercase()).filter(|c| !c.is_empty());
        if let Some(c) = &country
            && !(c.len() == 2 && c.chars().all(|ch| ch.is_ascii_uppercase()))
        {
            problems.insert("country".to_owned(), "must be an ISO 3166-1 alpha-2 code such as CH".to_owned());
        }
        if problems.is_empty() {
            Ok(NewDonor { name, donor_type: input.donor_type, country, publicly_named: input.publicly_named })
        } else {
            Err(InvalidDonor(problems))
        }
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

#[cfg(test)]
mod tests {
    use super::*;

    fn input(name: &str, country: Option<&str>) -> CreateDonor {
        CreateDonor {
            name: name.into(),
            donor_type: DonorType::Foundation,
            country: country.map(Into::into),
            publicly_named: false,
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
}
