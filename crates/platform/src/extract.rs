//! Extractors whose rejections speak the JSON error format: a malformed body, a wrong type,
//! an unknown enum value, a bad query string or path all get an [`ApiError`], never axum's
//! plain-text default.

use api_types::error::codes;
use axum::extract::rejection::{JsonRejection, PathRejection, QueryRejection};
use axum::extract::{FromRequest, FromRequestParts};
use axum::response::{IntoResponse, Response};

use crate::error::ApiError;

/// `Json<T>` in and out, with JSON errors on rejection.
#[derive(Debug, Clone, Copy, Default, FromRequest)]
#[from_request(via(axum::Json), rejection(ApiError))]
pub struct AppJson<T>(pub T);

impl<T: serde::Serialize> IntoResponse for AppJson<T> {
    fn into_response(self) -> Response {
        axum::Json(self.0).into_response()
    }
}

impl From<JsonRejection> for ApiError {
    fn from(rejection: JsonRejection) -> Self {
        match rejection {
            // Well-formed JSON of the wrong shape: a missing field, a wrong type, an unknown
            // enum value. The text names the field and what was expected.
            JsonRejection::JsonDataError(e) => ApiError::Validation {
                message: e.body_text(),
                fields: crate::error::FieldErrors::from([(
                    "body".to_owned(),
                    e.body_text()
                        .trim_start_matches("Failed to deserialize the JSON body into the target type: ")
                        .to_owned(),
                )]),
            },
            JsonRejection::JsonSyntaxError(e) => ApiError::BadRequest {
                code: codes::MALFORMED_JSON,
                message: format!("The request body is not valid JSON: {}", e.body_text()),
            },
            JsonRejection::MissingJsonContentType(_) => ApiError::UnsupportedMediaType {
                message: "Send the body as JSON with `Content-Type: application/json`.".to_owned(),
            },
            JsonRejection::BytesRejection(e) if e.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE => {
                ApiError::PayloadTooLarge { message: "The request body is too large.".to_owned() }
            }
            other => ApiError::BadRequest { code: codes::MALFORMED_JSON, message: other.body_text() },
        }
    }
}

/// `Query<T>` with JSON errors (`invalid_query`, 400).
#[derive(Debug, Clone, Copy, Default, FromRequestParts)]
#[from_request(via(axum::extract::Query), rejection(ApiError))]
pub struct AppQuery<T>(pub T);

impl From<QueryRejection> for ApiError {
    fn from(rejection: QueryRejection) -> Self {
        ApiError::BadRequest { code: codes::INVALID_QUERY, message: rejection.body_text() }
    }
}

/// `Path<T>` with JSON errors (`invalid_path`, 400), e.g. for an id that is not a UUID.
#[derive(Debug, Clone, Copy, FromRequestParts)]
#[from_request(via(axum::extract::Path), rejection(ApiError))]
pub struct AppPath<T>(pub T);

impl From<PathRejection> for ApiError {
    fn from(rejection: PathRejection) -> Self {
        ApiError::BadRequest { code: codes::INVALID_PATH, message: rejection.body_text() }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::Router;
    use axum::body::Body;
    use axum::http::{Request, StatusCode};
    use axum::routing::post;
    use tower::ServiceExt;

    #[derive(Debug, serde::Deserialize, serde::Serialize)]
    #[serde(rename_all = "snake_case")]
    enum Colour {
        Red,
    }

    #[derive(Debug, serde::Deserialize, serde::Serialize)]
    struct Body1 {
        name: String,
        colour: Colour,
    }

    async fn echo(AppJson(body): AppJson<Body1>) -> AppJson<Body1> {
        AppJson(body)
    }

    async fn call(body: &'static str, content_type: Option<&str>) -> (StatusCode, serde_json::Value) {
        let app = Router::new().route("/", post(echo));
        let mut req = Request::post("/");
        if let Some(ct) = content_type {
            req = req.header("content-type", ct);
        }
        let res = app.oneshot(req.body(Body::from(body)).unwrap()).await.unwrap();
        let status = res.status();
        let bytes = axum::body::to_bytes(res.into_body(), 1 << 20).await.unwrap();
        (status, serde_json::from_slice(&bytes).unwrap())
    }

    #[tokio::test]
    async fn malformed_json_is_a_400_with_the_error_shape() {
        let (status, body) = call("{\"name\": ", Some("application/json")).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert_eq!(body["code"], "malformed_json");
        assert!(body["message"].as_str().unwrap().contains("not valid JSON"));
    }

    #[tokio::test]
    async fn unknown_enum_value_is_a_422_naming_the_field() {
        let (status, body) = call(r#"{"name":"a","colour":"blue"}"#, Some("application/json")).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(body["code"], "validation_failed");
        assert!(body["message"].as_str().unwrap().contains("colour"), "{body}");
    }

    #[tokio::test]
    async fn wrong_type_is_a_422() {
        let (status, body) = call(r#"{"name":5,"colour":"red"}"#, Some("application/json")).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(body["message"].as_str().unwrap().contains("name"), "{body}");
    }

    #[tokio::test]
    async fn missing_content_type_is_a_415() {
        let (status, body) = call(r#"{"name":"a","colour":"red"}"#, None).await;
        assert_eq!(status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
        assert_eq!(body["code"], "unsupported_media_type");
    }

    #[tokio::test]
    async fn valid_body_passes_through() {
        let (status, body) = call(r#"{"name":"a","colour":"red"}"#, Some("application/json")).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(body["colour"], "red");
    }
}
