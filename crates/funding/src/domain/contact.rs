//! A donor's contact details: the same rules as a member body's (membership's
//! `domain::member::Contact`), kept here because services share contracts, not code.

use std::collections::BTreeMap;

use api_types::membership::ContactDetails;

const CONTACT_PERSON_MAX: usize = 200;
const EMAIL_MAX: usize = 254;
const PHONE_MAX: usize = 40;
const WEBSITE_MAX: usize = 300;
const ADDRESS_MAX: usize = 1_000;

/// Trims every field (blank = absent) and checks it, reporting each bad one under its own name.
pub fn parse(input: &ContactDetails, problems: &mut BTreeMap<String, String>) -> ContactDetails {
    let mut field = |name: &str, result: Result<Option<String>, String>| match result {
        Ok(value) => value,
        Err(problem) => {
            problems.insert(name.to_owned(), problem);
            None
        }
    };
    ContactDetails {
        contact_person: field(
            "contact_person",
            optional(input.contact_person.as_deref(), CONTACT_PERSON_MAX).map(|v| v.map(|p| squash(&p))),
        ),
        email: field("email", email(input.email.as_deref())),
        phone: field("phone", phone(input.phone.as_deref())),
        website: field("website", website(input.website.as_deref())),
        postal_address: field("postal_address", optional(input.postal_address.as_deref(), ADDRESS_MAX)),
    }
}

fn squash(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn optional(text: Option<&str>, max: usize) -> Result<Option<String>, String> {
    match text.map(str::trim).filter(|t| !t.is_empty()) {
        None => Ok(None),
        Some(t) if t.chars().count() > max => Err(format!("must be at most {max} characters")),
        Some(t) => Ok(Some(t.to_owned())),
    }
}

/// One `@`, something before it, a domain with a dot after it, no spaces.
fn email(text: Option<&str>) -> Result<Option<String>, String> {
    let Some(address) = optional(text, EMAIL_MAX)? else { return Ok(None) };
    let valid = match address.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && !domain.contains('@')
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !address.chars().any(char::is_whitespace)
        }
        None => false,
    };
    if valid { Ok(Some(address)) } else { Err(format!("{address:?} is not an e-mail address")) }
}

/// Digits with the usual separators, an optional leading `+`, 6 to 20 digits.
fn phone(text: Option<&str>) -> Result<Option<String>, String> {
    let Some(number) = optional(text, PHONE_MAX)? else { return Ok(None) };
    let number = squash(&number);
    let allowed = number
        .chars()
        .enumerate()
        .all(|(i, c)| c.is_ascii_digit() || matches!(c, ' ' | '-' | '.' | '(' | ')' | '/') || (c == '+' && i == 0));
    let digits = number.chars().filter(char::is_ascii_digit).count();
    if allowed && (6..=20).contains(&digits) {
        Ok(Some(number))
    } else {
        Err(format!("{number:?} is not a telephone number such as +41 22 749 01 11"))
    }
}

/// Starts with `http://` or `https://`, with a host name that has a dot.
fn website(text: Option<&str>) -> Result<Option<String>, String> {
    let Some(url) = optional(text, WEBSITE_MAX)? else { return Ok(None) };
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .ok_or_else(|| format!("{url:?} must start with https:// or http://"))?;
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host_ok = host.contains('.')
        && !host.starts_with('.')
        && !host.ends_with('.')
        && host.chars().all(|c| c.is_alphanumeric() || matches!(c, '.' | '-' | ':'));
    if host_ok && !url.chars().any(char::is_whitespace) {
        Ok(Some(url))
    } else {
        Err(format!("{url:?} is not a web address"))
    }
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
