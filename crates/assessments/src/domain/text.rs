//! Free text people type: trimmed, required or optional, bounded.

use super::Problems;

/// `text` trimmed; a problem under `field` when it is blank or longer than `max` characters.
pub fn required(problems: &mut Problems, field: &str, text: &str, max: usize) -> String {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        problems.insert(field.to_owned(), "must not be empty".to_owned());
    } else if trimmed.chars().count() > max {
        problems.insert(field.to_owned(), format!("must be at most {max} characters"));
    }
    trimmed.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_and_long_texts_are_problems_and_good_ones_are_trimmed() {
        let mut p = Problems::new();
        assert_eq!(required(&mut p, "a", "  ok ", 5), "ok");
        required(&mut p, "b", "   ", 5);
        required(&mut p, "c", "toolong", 5);
        assert_eq!(p.keys().collect::<Vec<_>>(), ["b", "c"]);
    }
}
