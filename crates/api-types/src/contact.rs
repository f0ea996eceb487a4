//! The rules of contact details (`membership::ContactDetails`), shared by every service that
//! keeps them (member bodies, donors) and usable by the SPA before it sends a form.

use std::collections::BTreeMap;

use crate::membership::ContactDetails;

pub const CONTACT_PERSON_MAX: usize = 200;
pub const EMAIL_MAX: usize = 254;
pub const PHONE_MAX: usize = 40;
pub const WEBSITE_MAX: usize = 300;
pub const ADDRESS_MAX: usize = 1_000;

impl ContactDetails {
    /// Every field trimmed (blank = absent) and checked; each bad one is reported under its own
    /// name (`email`, `phone`, …).
    pub fn normalized(&self) -> Result<ContactDetails, BTreeMap<String, String>> {
        let mut problems = BTreeMap::new();
        let mut field = |name: &str, result: Result<Option<String>, String>| match result {
            Ok(value) => value,
            Err(problem) => {
                problems.insert(name.to_owned(), problem);
                None
            }
        };
        let details = ContactDetails {
            contact_person: field(
                "contact_person",
                optional(self.contact_person.as_deref(), CONTACT_PERSON_MAX).map(|v| v.map(|p| squash(&p))),
            ),
            email: field("email", email(self.email.as_deref())),
            phone: field("phone", phone(self.phone.as_deref())),
            website: field("website", website(self.website.as_deref())),
            postal_address: field("postal_address", optional(self.postal_address.as_deref(), ADDRESS_MAX)),
        };
        if problems.is_empty() { Ok(details) } else { Err(problems) }
    }
}

fn squash(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Trimmed; empty means none; at most `max` characters.
fn optional(text: Option<&str>, max: usize) -> Result<Option<String>, String> {
    match text.map(str::trim).filter(|t| !t.is_empty()) {
        None => Ok(None),
        Some(t) if t.chars().count() > max => Err(format!("must be at most {max} characters")),
        Some(t) => Ok(Some(t.to_owned())),
    }
}

/// An e-mail address: one `@`, something before it, a domain with a dot after it, no spaces.
/// Deliberately simple: the only real check of an address is a message that arrives.
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

/// A telephone number: digits with the usual separators, an optional leading `+`, 6 to 20
/// digits.
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
        Err(format!("{number:?} is not a telephone number such as +254 20 6948000"))
    }
}

/// A web address starting with `http://` or `https://`, with a host name that has a dot.
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
    fn contact_rules() {
        assert!(email(Some("a@b.co")).unwrap().is_some());
        for bad in ["a@b", "@b.co", "a b@c.co", "a@@b.co", "a@.co", "a@b."] {
            assert!(email(Some(bad)).is_err(), "{bad}");
        }
        assert_eq!(phone(Some(" +41  22 749 01 11 ")).unwrap().as_deref(), Some("+41 22 749 01 11"));
        assert!(phone(Some("12345")).is_err());
        assert!(phone(Some("41+22749011")).is_err());
        assert!(website(Some("http://iso.org")).unwrap().is_some());
        assert!(website(Some("https://www.iso.org/member/1.html?x=1")).unwrap().is_some());
        assert!(website(Some("ftp://iso.org")).is_err());
        assert!(website(Some("https://localhost")).is_err());
        assert_eq!(ContactDetails::default().normalized().unwrap(), ContactDetails::default());
    }
}
