//! A donor's contact details: the same rules as a member body's, which are part of the contract
//! (`api_types::contact`).

use std::collections::BTreeMap;

use api_types::membership::ContactDetails;

/// Trims and checks every field by the contract's rules (`ContactDetails::normalized`), adding
/// each bad one to `problems` under its own name.
pub fn parse(input: &ContactDetails, problems: &mut BTreeMap<String, String>) -> ContactDetails {
    input.normalized().unwrap_or_else(|found| {
        problems.extend(found);
        ContactDetails::default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn good_details_are_trimmed_and_bad_ones_named() {
        let mut problems = BTreeMap::new();
        let ok = parse(
            &ContactDetails {
                contact_person: Some("  Ana   Silva ".into()),
                email: Some(" ana@example.org ".into()),
                phone: Some("+41 22 000 00 00".into()),
                website: Some("https://example.org".into()),
                postal_address: Some("   ".into()),
            },
            &mut problems,
        );
        assert!(problems.is_empty());
        assert_eq!(ok.contact_person.as_deref(), Some("Ana Silva"));
        assert_eq!(ok.email.as_deref(), Some("ana@example.org"));
        assert_eq!(ok.postal_address, None);
        let bad = ContactDetails {
            email: Some("ana at example".into()),
            phone: Some("call me".into()),
            website: Some("example.org".into()),
            ..Default::default()
        };
        parse(&bad, &mut problems);
        assert_eq!(problems.keys().collect::<Vec<_>>(), ["email", "phone", "website"]);
    }
}
