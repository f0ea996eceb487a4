//! Cookie sessions: a random id in an HttpOnly, SameSite=Strict cookie; the session itself in
//! the backplane (Redis in production), expiring on its own. Each session has a CSRF token
//! that cookie-authenticated writes must echo in `X-CSRF-Token`.

use std::time::Duration;

use api_types::Role;
use api_types::auth::Me;
use api_types::error::codes;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, Method, header};
use base64::Engine;
use platform::identity::{Caller, User};
use platform::{ApiError, Backplane};
use rand::RngCore;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::state::GatewayState;

pub const COOKIE_NAME: &str = "trellis_session";
pub const CSRF_HEADER: &str = "x-csrf-token";

/// What the gateway remembers about a signed-in browser.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Session {
    pub account_id: Uuid,
    pub email: String,
    pub role: Role,
    pub member_id: Option<Uuid>,
    pub donor_id: Option<Uuid>,
    pub csrf_token: String,
}

impl Session {
    pub fn caller(&self) -> Caller {
        Caller::User(User { id: self.account_id, role: self.role, member_id: self.member_id, donor_id: self.donor_id })
    }

    pub fn me(&self) -> Me {
        Me {
            id: self.account_id,
            email: self.email.clone(),
            role: self.role,
            member_id: self.member_id,
            donor_id: self.donor_id,
            csrf_token: self.csrf_token.clone(),
        }
    }

    /// Writes need the session's CSRF token: a page on another site can make the browser
    /// send our cookie, but it cannot read the token.
    pub fn check_csrf(&self, method: &Method, headers: &HeaderMap) -> Result<(), ApiError> {
        if matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS) {
            return Ok(());
        }
        let sent = headers.get(CSRF_HEADER).and_then(|v| v.to_str().ok()).unwrap_or_default();
        if constant_time_eq(sent.as_bytes(), self.csrf_token.as_bytes()) {
            Ok(())
        } else {
            Err(ApiError::Forbidden {
                code: codes::CSRF_TOKEN_INVALID,
                message: "Missing or wrong X-CSRF-Token header; get the token from GET /api/auth/me.".to_owned(),
            })
        }
    }
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// 32 random bytes, base64url: unguessable session ids and CSRF tokens.
pub fn random_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// Stores a new session and returns its id.
pub async fn create(backplane: &Backplane, session: &Session, ttl: Duration) -> Result<String, ApiError> {
    let id = random_token();
    let json = serde_json::to_string(session).map_err(|e| ApiError::Internal(e.into()))?;
    backplane.session_put(&id, &json, ttl).await?;
    Ok(id)
}

/// The session id in the request's cookie, if any.
pub fn cookie_value(headers: &HeaderMap) -> Option<&str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == COOKIE_NAME)
        .map(|(_, value)| value)
        .filter(|v| !v.is_empty())
}

/// `Set-Cookie` for a new session, or (with `None`) one that deletes it.
pub fn set_cookie(session_id: Option<&str>, ttl: Duration, secure: bool) -> HeaderValue {
    let secure = if secure { "; Secure" } else { "" };
    let value = match session_id {
        Some(id) => format!("{COOKIE_NAME}={id}; Path=/; HttpOnly; SameSite=Strict; Max-Age={}{secure}", ttl.as_secs()),
        None => format!("{COOKIE_NAME}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0{secure}"),
    };
    HeaderValue::from_str(&value).unwrap_or_else(|_| HeaderValue::from_static("trellis_session=; Max-Age=0"))
}

/// The request's session, if its cookie names a live one.
#[derive(Debug, Clone)]
pub struct CurrentSession(pub Option<(String, Session)>);

impl CurrentSession {
    pub fn caller(&self) -> Caller {
        self.0.as_ref().map_or(Caller::Anonymous, |(_, s)| s.caller())
    }
}

impl FromRequestParts<GatewayState> for CurrentSession {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &GatewayState) -> Result<Self, Self::Rejection> {
        let Some(id) = cookie_value(&parts.headers) else { return Ok(CurrentSession(None)) };
        let Some(json) = state.backplane.session_get(id).await? else { return Ok(CurrentSession(None)) };
        match serde_json::from_str::<Session>(&json) {
            Ok(session) => Ok(CurrentSession(Some((id.to_owned(), session)))),
            Err(e) => {
                tracing::warn!(error = %e, "unreadable session; treating the caller as signed out");
                Ok(CurrentSession(None))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn session() -> Session {
        Session {
            account_id: Uuid::new_v4(),
            email: "staff@trellis.test".into(),
            role: Role::Staff,
            member_id: None,
            donor_id: None,
            csrf_token: "t0ken".into(),
        }
    }

    #[test]
    fn the_session_cookie_is_found_among_others() {
        let mut headers = HeaderMap::new();
        headers.insert(header::COOKIE, HeaderValue::from_static("theme=dark; trellis_session=abc123; lang=fr"));
        assert_eq!(cookie_value(&headers), Some("abc123"));
        headers.insert(header::COOKIE, HeaderValue::from_static("trellis_session_old=x"));
        assert_eq!(cookie_value(&headers), None);
    }

    #[test]
    fn cookies_are_http_only_strict_and_secure_when_asked() {
        let c = set_cookie(Some("id"), Duration::from_secs(60), true);
        let c = c.to_str().unwrap();
        for part in ["trellis_session=id", "HttpOnly", "SameSite=Strict", "Max-Age=60", "Secure", "Path=/"] {
            assert!(c.contains(part), "{c} lacks {part}");
        }
        assert!(set_cookie(None, Duration::ZERO, false).to_str().unwrap().contains("Max-Age=0"));
    }

    #[test]
    fn writes_need_the_csrf_token_reads_do_not() {
        let s = session();
        let mut headers = HeaderMap::new();
        assert!(s.check_csrf(&Method::GET, &headers).is_ok());
        assert_eq!(s.check_csrf(&Method::POST, &headers).unwrap_err().body().code, "csrf_token_invalid");
        headers.insert(CSRF_HEADER, HeaderValue::from_static("wrong"));
        assert!(s.check_csrf(&Method::DELETE, &headers).is_err());
        headers.insert(CSRF_HEADER, HeaderValue::from_static("t0ken"));
        assert!(s.check_csrf(&Method::POST, &headers).is_ok());
    }

    #[test]
    fn tokens_are_long_and_distinct() {
        let (a, b) = (random_token(), random_token());
        assert_eq!(a.len(), 43);
        assert_ne!(a, b);
    }
}
