//! Small text rules shared by the other domain modules: names, reasons, optional free text.

/// Longest reason or justification accepted.
pub const REASON_MAX: usize = 2_000;

/// Runs of whitespace collapsed to one space, ends trimmed.
pub fn squash(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A required one-line text of `min..=max` characters, whitespace collapsed.
pub fn required_line(text: &str, min: usize, max: usize) -> Result<String, String> {
    let text = squash(text);
    match text.chars().count() {
        0 => Err("must not be empty".to_owned()),
        n if n < min => Err(format!("must be at least {min} characters")),
        n if n > max => Err(format!("must be at most {max} characters")),
        _ => Ok(text),
    }
}

/// Why a change is made: required, trimmed, at most [`REASON_MAX`] characters. Line breaks
/// are kept (a reason may be a short paragraph).
pub fn reason(text: &str) -> Result<String, String> {
    let text = text.trim();
    if text.is_empty() {
        Err("a reason is required".to_owned())
    } else if text.chars().count() > REASON_MAX {
        Err(format!("must be at most {REASON_MAX} characters"))
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
        assert_eq!(required_line("  Kenya   Bureau ", 2, 20).unwrap(), "Kenya Bureau");
        assert!(required_line("   ", 2, 20).unwrap_err().contains("empty"));
        assert!(required_line("K", 2, 20).unwrap_err().contains("at least 2"));
        assert!(required_line(&"x".repeat(21), 2, 20).unwrap_err().contains("at most 20"));
    }

    #[test]
    fn reasons_are_required_and_optional_text_may_be_blank() {
        assert!(reason(" \n ").is_err());
        assert_eq!(reason(" economy in transition\n").unwrap(), "economy in transition");
        assert!(reason(&"r".repeat(REASON_MAX + 1)).is_err());
        assert_eq!(optional(Some("   "), 10).unwrap(), None);
        assert_eq!(optional(Some(" a "), 10).unwrap().as_deref(), Some("a"));
        assert!(optional(Some("abcdef"), 3).is_err());
        assert_eq!(optional(None, 3).unwrap(), None);
    }
}
