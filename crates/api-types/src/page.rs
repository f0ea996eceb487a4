//! Pagination: `?page=1&per_page=50` in, `{ items, total, page, per_page }` out.

use serde::{Deserialize, Serialize};

pub const DEFAULT_PER_PAGE: u32 = 50;
pub const MAX_PER_PAGE: u32 = 200;

/// One page of a list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Page<T> {
    pub items: Vec<T>,
    /// Rows matching the filters across all pages.
    pub total: u64,
    pub page: u32,
    pub per_page: u32,
}

impl<T> Page<T> {
    /// Number of pages needed for `total` rows (at least one, so an empty list is "page 1 of 1").
    pub fn page_count(&self) -> u32 {
        let per = u64::from(self.per_page.max(1));
        u32::try_from(self.total.div_ceil(per).max(1)).unwrap_or(u32::MAX)
    }
}

/// The pagination part of a list query. Out-of-range values are rejected by the server with a
/// 422 naming the field, never silently clamped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
pub struct PageQuery {
    /// 1-based page number.
    #[serde(default = "first_page")]
    pub page: u32,
    /// Rows per page, 1 to 200.
    #[serde(default = "default_per_page")]
    pub per_page: u32,
}

impl Default for PageQuery {
    fn default() -> Self {
        Self { page: first_page(), per_page: default_per_page() }
    }
}

impl PageQuery {
    /// Rows to skip before this page.
    pub fn offset(&self) -> u64 {
        u64::from(self.page.saturating_sub(1)) * u64::from(self.per_page)
    }

    /// The fields that are out of range, with a sentence each.
    pub fn problems(&self) -> Vec<(&'static str, String)> {
        let mut out = Vec::new();
        if self.page == 0 {
            out.push(("page", "page starts at 1".to_owned()));
        }
        if self.per_page == 0 || self.per_page > MAX_PER_PAGE {
            out.push(("per_page", format!("per_page must be between 1 and {MAX_PER_PAGE}")));
        }
        out
    }
}

fn first_page() -> u32 {
    1
}

fn default_per_page() -> u32 {
    DEFAULT_PER_PAGE
}

/// `?format=csv` on a list asks for the same rows as CSV.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum ListFormat {
    #[default]
    Json,
    Csv,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offset_and_page_count() {
        let q = PageQuery { page: 3, per_page: 50 };
        assert_eq!(q.offset(), 100);
        let page: Page<u8> = Page { items: vec![], total: 101, page: 1, per_page: 50 };
        assert_eq!(page.page_count(), 3);
        let empty: Page<u8> = Page { items: vec![], total: 0, page: 1, per_page: 50 };
        assert_eq!(empty.page_count(), 1);
    }

    #[test]
    fn out_of_range_values_are_reported_by_field() {
        assert!(PageQuery::default().problems().is_empty());
        let bad = PageQuery { page: 0, per_page: 201 };
        let fields: Vec<_> = bad.problems().into_iter().map(|(f, _)| f).collect();
        assert_eq!(fields, ["page", "per_page"]);
    }
}
