//! `/api/auth`: sign in, sign out, who am I; and the sign-in limits.

use std::time::Duration;

use api_types::ErrorBody;
use api_types::auth::{LoginRequest, Me};
use api_types::error::codes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use platform::{ApiError, AppJson};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::accounts::ClientInfo;
use super::password;
use super::session::{self, CurrentSession, Session};
use crate::error::GatewayResult;
use crate::forwarded::Client;
use crate::state::GatewayState;
use crate::store;

pub fn router() -> OpenApiRouter<GatewayState> {
    OpenApiRouter::new()
        .routes(routes!(login))
        .routes(routes!(logout))
        .routes(routes!(me))
        .merge(super::accounts::router())
}

/// Failed password checks are limited per account (email) and, ten times higher, per client
/// address, so that neither guessing one password nor spraying one guess over many accounts
/// gets far. Only failures count and nothing ever resets a counter: a correct password from
/// one client neither unlocks nor is hindered by another client's address lock, and a busy
/// office behind one address keeps signing in. The counters live in the backplane (Redis), so
/// every gateway replica sees the same ones.
pub struct FailureLimits {
    keys: [(String, u64); 2],
    window: Duration,
}

impl FailureLimits {
    pub fn new(state: &GatewayState, client: &Client, email: &str) -> FailureLimits {
        let limits = &state.settings.login;
        FailureLimits {
            keys: [
                (format!("login-failures:ip:{}", client.key()), limits.max_attempts.saturating_mul(10)),
                (format!("login-failures:email:{email}"), limits.max_attempts),
            ],
            window: Duration::from_secs(limits.window_secs),
        }
    }

    /// 429 with `Retry-After` when either counter is full.
    pub async fn check(&self, state: &GatewayState) -> GatewayResult<()> {
        for (key, limit) in &self.keys {
            state.backplane.rate_check(key, *limit, self.window).await?.enforce()?;
        }
        Ok(())
    }

    /// Counts one failure against both.
    pub async fn count(&self, state: &GatewayState) -> GatewayResult<()> {
        for (key, limit) in &self.keys {
            state.backplane.rate_limit(key, *limit, self.window).await?;
        }
        Ok(())
    }
}

fn invalid_credentials() -> ApiError {
    ApiError::Unauthorized {
        code: codes::INVALID_CREDENTIALS,
        message: "The email or the password is wrong.".to_owned(),
    }
}

/// Signs in with email and password. Sets the HttpOnly session cookie and returns the account
/// with its CSRF token. Failed attempts are limited per email and per client address (429).
#[utoipa::path(post, path = "/api/auth/login", tag = "auth", request_body = LoginRequest, responses(
    (status = 200, body = Me, description = "Signed in; the session cookie is set"),
    (status = 401, body = ErrorBody, description = "invalid_credentials"),
    (status = 422, body = ErrorBody), (status = 429, body = ErrorBody),
    (status = 503, body = ErrorBody, description = "session_store_unavailable")))]
async fn login(
    State(state): State<GatewayState>,
    ClientInfo(client): ClientInfo,
    AppJson(input): AppJson<LoginRequest>,
) -> GatewayResult<Response> {
    let email = input.email.trim().to_lowercase();
    let mut problems = platform::error::FieldErrors::new();
    if !email.contains('@') || email.len() > 254 {
        problems.insert("email".to_owned(), "must be an email address".to_owned());
    }
    if input.password.is_empty() {
        problems.insert("password".to_owned(), "must not be empty".to_owned());
    }
    ApiError::check(problems)?;

    let limits = FailureLimits::new(&state, &client, &email);
    limits.check(&state).await?;

    let account = store::accounts::find_by_email(&state.db, &email).await?;
    let hash = account.as_ref().map_or_else(|| password::decoy_hash().to_owned(), |a| a.password_hash.clone());
    let matches = password::verify_async(input.password, hash).await;
    let account = match account {
        Some(a) if matches && !a.disabled => a,
        _ => {
            limits.count(&state).await?;
            tracing::info!(%email, ip = %client.key(), "sign-in refused");
            return Err(invalid_credentials().into());
        }
    };
    let session = Session {
        account_id: account.id,
        role: account.role()?,
        email: account.email,
        member_id: account.member_id,
        donor_id: account.donor_id,
        csrf_token: session::random_token(),
        issued_at_us: session::now_us(),
    };
    let ttl = Duration::from_secs(state.settings.session.ttl_secs);
    let id = session::create(&state.backplane, &session, ttl).await?;
    tracing::info!(account = %session.account_id, role = %session.role, "signed in");
    let cookie = session::set_cookie(Some(&id), ttl, state.settings.session.secure_cookie || client.https);
    Ok(([(header::SET_COOKIE, cookie)], AppJson(session.me())).into_response())
}

/// Signs out: ends the session and clears the cookie. Needs the CSRF token when signed in.
#[utoipa::path(post, path = "/api/auth/logout", tag = "auth", responses(
    (status = 204, description = "Signed out"), (status = 403, body = ErrorBody, description = "csrf_token_invalid")))]
async fn logout(
    State(state): State<GatewayState>,
    current: CurrentSession,
    ClientInfo(client): ClientInfo,
    method: axum::http::Method,
    headers: HeaderMap,
) -> GatewayResult<Response> {
    if let Some((id, session)) = &current.0 {
        session.check_csrf(&method, &headers)?;
        state.backplane.session_delete(id).await?;
        tracing::info!(account = %session.account_id, "signed out");
    }
    let cookie = session::set_cookie(None, Duration::ZERO, state.settings.session.secure_cookie || client.https);
    Ok((StatusCode::NO_CONTENT, [(header::SET_COOKIE, cookie)]).into_response())
}

/// The signed-in account, with the CSRF token to send on writes.
#[utoipa::path(get, path = "/api/auth/me", tag = "auth", responses(
    (status = 200, body = Me), (status = 401, body = ErrorBody, description = "Not signed in"),
    (status = 503, body = ErrorBody, description = "session_store_unavailable")))]
async fn me(current: CurrentSession) -> GatewayResult<AppJson<Me>> {
    match current.0 {
        Some((_, session)) => Ok(AppJson(session.me())),
        None => Err(ApiError::unauthorized("You are not signed in.").into()),
    }
}
