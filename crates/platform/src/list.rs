//! Lists: validated pagination, and the choice between a JSON page and CSV.
//!
//! `?format=csv` returns every row matching the filters (not one page), because an export
//! that silently stops at 50 rows is worse than useless.

use api_types::page::ListFormat;
use api_types::{Page, PageQuery};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use serde::Serialize;

use crate::error::{ApiError, ApiResult, FieldErrors};

/// The rows a list query asks for: one page (JSON) or all of them (CSV).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    pub format: ListFormat,
    pub page: PageQuery,
}

impl Window {
    /// Validates `page` (422 naming the field when out of range).
    pub fn new(format: ListFormat, page: PageQuery) -> ApiResult<Window> {
        let problems: FieldErrors = page.problems().into_iter().map(|(f, p)| (f.to_owned(), p)).collect();
        ApiError::check(problems)?;
        Ok(Window { format, page })
    }

    /// `(offset, limit)` to apply to the query, or `None` for every row.
    pub fn limits(&self) -> Option<(u64, u64)> {
        match self.format {
            ListFormat::Json => Some((self.page.offset(), u64::from(self.page.per_page))),
            ListFormat::Csv => None,
        }
    }

    /// The JSON page or the CSV download of `items`.
    pub fn respond<T: Serialize>(&self, items: Vec<T>, total: u64, csv_name: &str) -> ApiResult<Response> {
        match self.format {
            ListFormat::Json => {
                Ok(axum::Json(Page { items, total, page: self.page.page, per_page: self.page.per_page })
                    .into_response())
            }
            ListFormat::Csv => csv_response(&items, csv_name),
        }
    }
}

/// `items` as a CSV attachment named `<name>.csv`, with a header row.
pub fn csv_response<T: Serialize>(items: &[T], name: &str) -> ApiResult<Response> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    for item in items {
        writer.serialize(item).map_err(|e| ApiError::Internal(anyhow::Error::new(e).context("writing CSV")))?;
    }
    let bytes = writer.into_inner().map_err(|e| ApiError::Internal(anyhow::anyhow!("writing CSV: {e}")))?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{name}.csv\"")),
        ],
        bytes,
    )
        .into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Serialize)]
    struct Row {
        code: &'static str,
        developing: bool,
        region: Option<&'static str>,
    }

    #[tokio::test]
    async fn csv_has_a_header_and_every_row() {
        let rows = vec![
            Row { code: "KE", developing: true, region: Some("africa-anglophone") },
            Row { code: "CH", developing: false, region: None },
        ];
        let response = csv_response(&rows, "countries").unwrap();
        assert_eq!(response.headers()[header::CONTENT_TYPE], "text/csv; charset=utf-8");
        let body = axum::body::to_bytes(response.into_body(), 1 << 20).await.unwrap();
        assert_eq!(
            std::str::from_utf8(&body).unwrap(),
            "code,developing,region\nKE,true,africa-anglophone\nCH,false,\n"
        );
    }

    #[test]
    fn csv_asks_for_all_rows_and_json_for_one_page() {
        let page = PageQuery { page: 2, per_page: 10 };
        assert_eq!(Window::new(ListFormat::Json, page).unwrap().limits(), Some((10, 10)));
        assert_eq!(Window::new(ListFormat::Csv, page).unwrap().limits(), None);
        assert!(Window::new(ListFormat::Json, PageQuery { page: 1, per_page: 500 }).is_err());
    }
}
