//! `POST /import?kind=members|participations` with a CSV body.

use api_types::ErrorBody;
use api_types::error::codes as shared_codes;
use api_types::membership::{ImportProblem, ImportQuery, ImportReport};
use axum::body::Bytes;
use axum::extract::State;
use axum::extract::rejection::BytesRejection;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use platform::{ApiError, AppJson, AppQuery, Caller};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::AppState;
use crate::domain::codes;
use crate::ops::{self, access, import::ImportFailure};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(import))
}

/// Staff import members or participations from CSV (`Content-Type: text/csv`, UTF-8, the first
/// line naming the columns). Every row is checked first; if any is wrong the answer is a 422
/// whose `details.rows` lists every problem with its line (and `details.fields` the same by
/// `line N`), and nothing is imported. Otherwise everything is imported in one transaction;
/// importing the same file again changes nothing. Member columns: `country, name, acronym,
/// category, joined_on` and optionally `status, left_on, devco, contact_person, email, phone,
/// website, postal_address`. Participation columns: `country, committee, role, since` and
/// optionally `until, acronym` (to name a past member of the country).
#[utoipa::path(post, path = "/import", tag = "import", params(ImportQuery),
    request_body(content = String, content_type = "text/csv", description = "The CSV file"), responses(
    (status = 200, body = ImportReport), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
    (status = 403, body = ErrorBody), (status = 409, body = ErrorBody), (status = 413, body = ErrorBody),
    (status = 415, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn import(
    State(state): State<AppState>,
    caller: Caller,
    AppQuery(query): AppQuery<ImportQuery>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<AppJson<ImportReport>, ImportResponse> {
    access::editor(&caller)?;
    check_content_type(&headers)?;
    let body = body.map_err(|e| match e.status() {
        StatusCode::PAYLOAD_TOO_LARGE => ApiError::PayloadTooLarge { message: "The CSV file is too large.".to_owned() },
        _ => ApiError::BadRequest { code: codes::MALFORMED_CSV, message: e.body_text() },
    })?;
    let text = std::str::from_utf8(&body).map_err(|e| {
        let line = body[..e.valid_up_to()].iter().filter(|b| **b == b'\n').count() + 1;
        ApiError::BadRequest {
            code: codes::MALFORMED_CSV,
            message: format!("The file is not UTF-8 text: line {line} has a byte that is not; save it as CSV UTF-8."),
        }
    })?;
    Ok(AppJson(ops::import::import(&state.db, &caller, query.kind, text).await.map_err(ImportResponse)?))
}

/// `text/csv`, with no charset or UTF-8.
fn check_content_type(headers: &HeaderMap) -> Result<(), ApiError> {
    let value =
        headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or_default().to_ascii_lowercase();
    let mut parts = value.split(';').map(str::trim);
    let is_csv = parts.next() == Some("text/csv");
    let utf8 = parts.all(|p| !p.starts_with("charset=") || matches!(p, "charset=utf-8" | "charset=\"utf-8\""));
    if is_csv && utf8 {
        Ok(())
    } else {
        Err(ApiError::UnsupportedMediaType {
            message: "Send the file as CSV in UTF-8 with `Content-Type: text/csv`.".to_owned(),
        })
    }
}

/// The answer of a failed import.
#[derive(Debug)]
pub struct ImportResponse(ImportFailure);

impl From<ApiError> for ImportResponse {
    fn from(e: ApiError) -> Self {
        ImportResponse(ImportFailure::Api(e))
    }
}

impl IntoResponse for ImportResponse {
    fn into_response(self) -> Response {
        match self.0 {
            ImportFailure::Api(e) => e.into_response(),
            ImportFailure::Rows(problems) => {
                (StatusCode::UNPROCESSABLE_ENTITY, axum::Json(rejection(&problems))).into_response()
            }
        }
    }
}

/// The 422 body of a rejected file.
fn rejection(problems: &[ImportProblem]) -> ErrorBody {
    let mut lines: Vec<u64> = problems.iter().map(|p| p.line).collect();
    lines.dedup();
    let mut fields = std::collections::BTreeMap::<String, String>::new();
    for p in problems {
        let text = match &p.column {
            Some(c) => format!("{c}: {}", p.message),
            None => p.message.clone(),
        };
        fields.entry(format!("line {}", p.line)).and_modify(|t| *t = format!("{t}; {text}")).or_insert(text);
    }
    let rows = if lines.len() == 1 { "line" } else { "lines" };
    ErrorBody {
        code: shared_codes::VALIDATION_FAILED.to_owned(),
        message: format!(
            "Nothing was imported: {} problem(s) on {} {rows} ({}).",
            problems.len(),
            lines.len(),
            lines.iter().map(u64::to_string).collect::<Vec<_>>().join(", ")
        ),
        details: serde_json::json!({ "rows": problems, "fields": fields }),
    }
}
