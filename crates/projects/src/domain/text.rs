//! Small text rules shared by the other domain modules.

/// Longest reason or comment accepted.
pub const REASON_MAX: usize = 2_000;

/// A required one-line text of `min..=max` characters, whitespace collapsed.
pub fn required_line(text: &str, min: usize, max: usize) -> Result<String, String> {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    match text.chars().count() {
        0 => Err("must not be empty".to_owned()),
        n if n < min => Err(format!("must be at least {min} characters")),
        n if n > max => Err(format!("must be at most {max} characters")),
        _ => Ok(text),
    }
}

/// A required paragraph: trimmed, not empty, at most `max` characters.
pub fn required_text(text: &str, max: usize) -> Result<String, String> {
    let text = text.trim();
    if text.is_empty() {
        Err("must not be empty".to_owned())
    } else if text.chars().count() > max {
        Err(format!("must be at most {max} characters"))
    } else {
        Ok(text.to_owned())
    }
}

/// An optional free text: trimmed, empty means none, at most `max` characters.
pub fn optional(text: Option<&str>, max: usize) -> Result<Option<String>, String> {
    match text.map(str::trim).filter(|t| !t.is_empty()) {
        None => Ok(None),
        Some(t) if t.chars().count() > max => Err(format!("must be at most {max} characters")),
        Some(t) => Ok(Some(t.to_owned())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_squashed_and_bounded() {
        assert_eq!(required_line("  a   b ", 1, 5).unwrap(), "a b");
        assert!(required_line("   ", 1, 5).is_err());
        assert!(required_line("abcdef", 1, 5).is_err());
        assert_eq!(optional(Some("  "), 5).unwrap(), None);
        assert!(required_text(" x ", 5).is_ok());
    }
}
