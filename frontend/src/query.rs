//! Query strings: list filters live in the page URL (so they survive reload and back/forward)
//! and are passed on to the API unchanged.

use std::fmt;

use leptos_router::params::ParamsMap;

/// Rows per page on every list.
pub const PER_PAGE: u32 = 50;

/// An ordered `?key=value&...` string; empty values are left out.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    pairs: Vec<(&'static str, String)>,
}

impl Query {
    pub fn new() -> Query {
        Query::default()
    }

    /// Adds `key=value` unless `value` is empty.
    pub fn set(mut self, key: &'static str, value: impl ToString) -> Query {
        let value = value.to_string();
        if !value.is_empty() {
            self.pairs.push((key, value));
        }
        self
    }

    pub fn opt<V: ToString>(self, key: &'static str, value: Option<V>) -> Query {
        match value {
            Some(v) => self.set(key, v),
            None => self,
        }
    }

    /// No parameter at all (for lists: no filter is set).
    pub fn is_empty(&self) -> bool {
        self.pairs.is_empty()
    }

    /// Adds `key=true` only when `flag` is set.
    pub fn flag(self, key: &'static str, flag: bool) -> Query {
        if flag { self.set(key, "true") } else { self }
    }
}

impl fmt::Display for Query {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, (key, value)) in self.pairs.iter().enumerate() {
            let sep = if i == 0 { '?' } else { '&' };
            write!(f, "{sep}{key}={}", encode(value))?;
        }
        Ok(())
    }
}

/// Percent-encodes one query component (everything but RFC 3986 unreserved characters).
pub fn encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for byte in value.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(char::from(byte));
            }
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

/// A text parameter of the page URL, `None` when absent or blank.
pub fn text(map: &ParamsMap, key: &str) -> Option<String> {
    map.get(key).map(|v| v.trim().to_owned()).filter(|v| !v.is_empty())
}

/// The 1-based page number of the page URL.
pub fn page(map: &ParamsMap) -> u32 {
    map.get("page").and_then(|p| p.parse().ok()).filter(|p| *p >= 1).unwrap_or(1)
}

/// A yes/no parameter of the page URL.
pub fn flag(map: &ParamsMap, key: &str) -> bool {
    matches!(map.get(key).as_deref(), Some("true" | "1" | "yes"))
}

/// `next` after sign-in: only a path of this site, so a crafted link cannot send people away.
pub fn safe_next(next: Option<String>) -> String {
    match next {
        Some(n) if n.starts_with('/') && !n.starts_with("//") && !n.starts_with("/\\") => n,
        _ => "/".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_strings_skip_empty_values_and_encode_the_rest() {
        let q = Query::new().set("q", "côte d'i").set("region", "").flag("developing", true).set("page", 2);
        assert_eq!(q.to_string(), "?q=c%C3%B4te%20d%27i&developing=true&page=2");
        assert_eq!(Query::new().to_string(), "");
    }

    #[test]
    fn next_stays_on_this_site() {
        assert_eq!(safe_next(Some("/members?page=2".into())), "/members?page=2");
        assert_eq!(safe_next(Some("//evil.example".into())), "/");
        assert_eq!(safe_next(Some("https://evil.example".into())), "/");
        assert_eq!(safe_next(None), "/");
    }
}
