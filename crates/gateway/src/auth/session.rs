//! Cookie sessions: a random id in an HttpOnly, SameSite=Lax cookie (Secure over TLS); the
//! session itself in the backplane (Redis in production), expiring on its own. Each session has
//! a CSRF token that cookie-authenticated writes must echo in `X-CSRF-Token`.
//!
//! Sign-out deletes the session at once. Disabling an account or changing its password ends
//! all its sessions at once too: the account's "sessions valid from" mark is raised in the
//! backplane, and every session issued before it is refused (and deleted) on its next use.
//!
//! SameSite=Lax rather than Strict so that following a link to Trellis from an email or another
//! site arrives signed in; Lax still keeps the cookie off cross-site writes, and the CSRF token
//! guards them regardless.

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

use crate::error::{GatewayError, GatewayResult};
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
    /// Microseconds since the epoch when the session began; sessions issued before the
    /// account's mark (see [`end_all`]) are void. Absent in sessions older than the mark.
    #[serde(default)]
    pub issued_at_us: i64,
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

/// Microseconds since the Unix epoch.
pub fn now_us() -> i64 {
    chrono::Utc::now().timestamp_micros()
}

/// Stores a new session and returns its id.
pub async fn create(backplane: &Backplane, session: &Session, ttl: Duration) -> GatewayResult<String> {
    let id = random_token();
    let json = serde_json::to_string(session).map_err(|e| ApiError::Internal(e.into()))?;
    backplane.session_put(&id, &json, ttl).await?;
    Ok(id)
}

fn valid_from_key(account: Uuid) -> String {
    format!("sessions-valid-from:{account}")
}

/// Ends every session of `account` issued until now, and returns the mark: a session that
/// must survive (the one that changed its own password) is re-issued after it. The mark lives
/// as long as a session can, after which every older session has expired anyway.
pub async fn end_all(backplane: &Backplane, account: Uuid, session_ttl: Duration) -> GatewayResult<i64> {
    let mark = now_us();
    backplane.cache_set(&valid_from_key(account), &mark.to_string(), session_ttl).await?;
    Ok(mark)
}

/// The live session with this id, if any.
pub async fn load(backplane: &Backplane, id: &str) -> GatewayResult<Option<Session>> {
    let Some(json) = backplane.session_get(id).await? else { return Ok(None) };
    let session = match serde_json::from_str::<Session>(&json) {
        Ok(session) => session,
        Err(e) => {
            tracing::warn!(error = %e, "unreadable session; treating the caller as signed out");
            return Ok(None);
        }
    };
    let mark = backplane.cache_get(&valid_from_key(session.account_id)).await?;
    if mark.and_then(|m| m.parse::<i64>().ok()).is_some_and(|mark| session.issued_at_us <= mark) {
        backplane.session_delete(id).await?;
        return Ok(None);
    }
    Ok(Some(session))
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

/// `Set-Cookie` for a new session, or (with `None`) one that deletes it. `secure` when the
/// client reached us over TLS or the settings insist (see `gateway.session.secure_cookie`).
pub fn set_cookie(session_id: Option<&str>, ttl: Duration, secure: bool) -> HeaderValue {
    let secure = if secure { "; Secure" } else { "" };
    let value = match session_id {
        Some(id) => format!("{COOKIE_NAME}={id}; Path=/; HttpOnly; SameSite=Lax; Max-Age={}{secure}", ttl.as_secs()),
        None => format!("{COOKIE_NAME}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0{secure}"),
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

/// Without a session cookie the backplane is not asked, so public routes keep working while
/// it is down; with one, a down backplane is a 503 `session_store_unavailable`.
impl FromRequestParts<GatewayState> for CurrentSession {
    type Rejection = GatewayError;

    async fn from_request_parts(parts: &mut Parts, state: &GatewayState) -> Result<Self, Self::Rejection> {
        let Some(id) = cookie_value(&parts.headers) else { return Ok(CurrentSession(None)) };
        Ok(CurrentSession(load(&state.backplane, id).await?.map(|s| (id.to_owned(), s))))
    }
}

/// A signed-in caller whose CSRF token has been checked (on writes): 401 when signed out, 403
/// `csrf_token_invalid` on a write without the right token.
#[derive(Debug, Clone)]
pub struct SignedIn {
    pub id: String,
    pub session: Session,
}

impl FromRequestParts<GatewayState> for SignedIn {
    type Rejection = GatewayError;

    async fn from_request_parts(parts: &mut Parts, state: &GatewayState) -> Result<Self, Self::Rejection> {
        let CurrentSession(current) = CurrentSession::from_request_parts(parts, state).await?;
        let Some((id, session)) = current else { return Err(ApiError::unauthorized("You are not signed in.").into()) };
        session.check_csrf(&parts.method, &parts.headers)?;
        Ok(SignedIn { id, session })
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
            issued_at_us: now_us(),
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
    fn cookies_are_http_only_lax_and_secure_when_asked() {
        let c = set_cookie(Some("id"), Duration::from_secs(60), true);
        let c = c.to_str().unwrap();
        for part in ["trellis_session=id", "HttpOnly", "SameSite=Lax", "Max-Age=60", "Secure", "Path=/"] {
            assert!(c.contains(part), "{c} lacks {part}");
        }
        let gone = set_cookie(None, Duration::ZERO, false);
        let gone = gone.to_str().unwrap();
        assert!(gone.contains("Max-Age=0") && !gone.contains("Secure"), "{gone}");
    }

    #[tokio::test]
    async fn ending_all_sessions_voids_older_ones_only() {
        let backplane = Backplane::in_process();
        let ttl = Duration::from_secs(60);
        let old = session();
        let old_id = create(&backplane, &old, ttl).await.unwrap();
        let other = Session { account_id: Uuid::new_v4(), ..session() };
        let other_id = create(&backplane, &other, ttl).await.unwrap();
        let mark = end_all(&backplane, old.account_id, ttl).await.unwrap();
        let fresh = Session { issued_at_us: mark + 1, ..old.clone() };
        let fresh_id = create(&backplane, &fresh, ttl).await.unwrap();
        assert_eq!(load(&backplane, &old_id).await.unwrap(), None);
        assert_eq!(backplane.session_get(&old_id).await.unwrap(), None, "deleted on first use");
        assert_eq!(load(&backplane, &fresh_id).await.unwrap(), Some(fresh));
        assert_eq!(load(&backplane, &other_id).await.unwrap(), Some(other), "other accounts keep theirs");
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
