//! The password policy: what a new password must be (NIST SP 800-63B in spirit: length over
//! composition rules, no known-bad passwords, nothing derived from the account's email).
//! Pure rules; each refusal names its rule so the form can explain it.

/// Shortest accepted password, in characters.
pub const MIN_CHARS: usize = 12;
/// Longest accepted password, in characters: generous for passphrases, and a bound on the work
/// an attacker can make us hash.
pub const MAX_CHARS: usize = 128;
/// Fewest distinct characters: `aaaaaaaaaaaa` is long but guessed at once.
pub const MIN_DISTINCT: usize = 5;

/// Passwords too well known to accept whatever their length (lowercase). The demo password
/// is public, so it is here too: demo accounts are seeded, never created through the API.
const KNOWN_BAD: [&str; 12] = [
    "trellis-demo",
    "password1234",
    "password12345",
    "123456789012",
    "qwertyuiopas",
    "iloveyou1234",
    "administrator",
    "letmein12345",
    "welcome12345",
    "changeme1234",
    "passwordpassword",
    "correcthorsebatterystaple",
];

/// Why a password was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field}: {message} (rule {rule})")]
pub struct PolicyViolation {
    /// The request field that held the password.
    pub field: &'static str,
    /// Stable rule name: `min_length`, `max_length`, `too_few_distinct_characters`,
    /// `known_password`, `contains_email`, `unchanged`.
    pub rule: &'static str,
    pub message: String,
}

/// Checks `password` for the account with `email`; `field` names it in the refusal.
pub fn check(field: &'static str, password: &str, email: &str) -> Result<(), PolicyViolation> {
    let refuse = |rule, message: String| Err(PolicyViolation { field, rule, message });
    let chars = password.chars().count();
    if chars < MIN_CHARS {
        return refuse("min_length", format!("must be at least {MIN_CHARS} characters long"));
    }
    if chars > MAX_CHARS {
        return refuse("max_length", format!("must be at most {MAX_CHARS} characters long"));
    }
    let distinct: std::collections::BTreeSet<char> = password.chars().collect();
    if distinct.len() < MIN_DISTINCT {
        return refuse("too_few_distinct_characters", format!("must use at least {MIN_DISTINCT} different characters"));
    }
    let lower = password.to_lowercase();
    if KNOWN_BAD.contains(&lower.as_str()) {
        return refuse("known_password", "is a well-known password; choose another".to_owned());
    }
    let local = email.split('@').next().unwrap_or_default().to_lowercase();
    if local.chars().count() >= 3 && lower.contains(&local) {
        return refuse("contains_email", "must not contain the account's email name".to_owned());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(password: &str) -> Option<&'static str> {
        check("password", password, "amina.diallo@asn.sn").err().map(|v| v.rule)
    }

    #[test]
    fn each_rule_is_named() {
        assert_eq!(rule("short-pw1"), Some("min_length"));
        assert_eq!(rule(&"ab3$-".repeat(26)), Some("max_length"));
        assert_eq!(rule("abababababababab"), Some("too_few_distinct_characters"));
        assert_eq!(rule("Trellis-Demo"), Some("known_password"));
        assert_eq!(rule("my Amina.Diallo pass"), Some("contains_email"));
        assert_eq!(rule("granite kettle orbit"), None);
    }

    #[test]
    fn length_counts_characters_not_bytes() {
        // 12 characters, 24 bytes.
        assert_eq!(rule("éàüöçñßøåæœî"), None);
        assert_eq!(rule("éàüöçñßøåæœ"), Some("min_length"));
    }

    #[test]
    fn the_refusal_names_field_and_rule() {
        let v = check("new_password", "short", "a@b.org").unwrap_err();
        assert_eq!(v.to_string(), "new_password: must be at least 12 characters long (rule min_length)");
    }
}
