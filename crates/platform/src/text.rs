//! Text folding for search: lowercase with diacritics removed, done in Rust so that matching
//! behaves the same on SQLite (whose `lower()` only folds ASCII) and PostgreSQL.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// `"Égypte (l')"` → `"egypte (l')"`.
pub fn fold(text: &str) -> String {
    text.nfd().filter(|c| !is_combining_mark(*c)).flat_map(char::to_lowercase).collect()
}

/// The parts joined into one folded search text, separated so that a match cannot span two.
pub fn search_text<'a>(parts: impl IntoIterator<Item = &'a str>) -> String {
    parts.into_iter().map(fold).collect::<Vec<_>>().join(" | ")
}

/// A `LIKE` pattern that finds `query` (folded) anywhere, with `%`, `_` and `\` taken literally
/// (use with `ESCAPE '\'`).
pub fn contains_pattern(query: &str) -> String {
    let escaped = fold(query.trim()).replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_");
    format!("%{escaped}%")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_and_accents() {
        assert_eq!(fold("Égypte"), "egypte");
        assert_eq!(fold("Côte d’Ivoire"), "cote d’ivoire");
        assert_eq!(fold("SÃO TOMÉ"), "sao tome");
        assert_eq!(search_text(["Sénégal", "SN"]), "senegal | sn");
    }

    #[test]
    fn wildcards_are_literal() {
        assert_eq!(contains_pattern(" 100%_x "), "%100\\%\\_x%");
    }
}
