//! `/api/auth/accounts` (administrators) and `/api/auth/password` (everyone signed in):
//! creating, listing, disabling accounts, resetting and changing passwords.
//!
//! A member account must link to a member body and a donor account to a donor; the link is
//! checked to exist by asking the owning service (through its typed client, as the admin), so
//! an account never points at nothing. Disabling an account or setting its password ends all
//! its sessions at once.

use std::time::Duration;

use api_types::auth::{AccountResponse, ChangePassword, CreateAccount, ListAccounts, Me, ResetPassword, UpdateAccount};
use api_types::{ErrorBody, Page, PageQuery, Role};
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use clients::{ClientError, FundingClient, MembershipClient, ServiceClient};
use platform::list::Window;
use platform::{ApiError, AppJson, AppPath, AppQuery};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use super::session::{self, Session, SignedIn};
use super::{password, policy};
use crate::error::{GatewayError, GatewayResult};
use crate::forwarded::Client;
use crate::state::GatewayState;
use crate::store::{self, accounts::NewAccount};

pub fn router() -> OpenApiRouter<GatewayState> {
    OpenApiRouter::new()
        .routes(routes!(list_accounts, create_account))
        .routes(routes!(get_account, update_account))
        .routes(routes!(reset_password))
        .routes(routes!(change_password))
}

fn admin(signed_in: &SignedIn) -> Result<(), ApiError> {
    signed_in.session.caller().require(&[Role::Admin]).map(|_| ())
}

async fn account(state: &GatewayState, id: Uuid) -> GatewayResult<store::accounts::Model> {
    Ok(store::accounts::find(&state.db, id).await?.ok_or_else(|| ApiError::not_found("account"))?)
}

/// Every account, by email; filters `role`, `disabled`, `q`; `?format=csv` for all rows.
#[utoipa::path(get, path = "/api/auth/accounts", tag = "accounts", params(ListAccounts, PageQuery), responses(
    (status = 200, body = Page<AccountResponse>), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
async fn list_accounts(
    State(state): State<GatewayState>,
    signed_in: SignedIn,
    AppQuery(filter): AppQuery<ListAccounts>,
    AppQuery(page): AppQuery<PageQuery>,
) -> GatewayResult<Response> {
    admin(&signed_in)?;
    let window = Window::new(filter.format, page)?;
    let (rows, total) = store::accounts::list(&state.db, &filter, window.limits()).await?;
    let items = rows.into_iter().map(AccountResponse::try_from).collect::<Result<Vec<_>, _>>()?;
    Ok(window.respond(items, total, "accounts")?)
}

/// Creates an account. `member` accounts need `member_id` (an existing member body), `donor`
/// accounts `donor_id` (an existing donor); other roles take neither. 409 `email_taken`.
#[utoipa::path(post, path = "/api/auth/accounts", tag = "accounts", request_body = CreateAccount, responses(
    (status = 201, body = AccountResponse), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
    (status = 409, body = ErrorBody, description = "email_taken"),
    (status = 422, body = ErrorBody, description = "validation_failed, or password_policy naming the rule"),
    (status = 503, body = ErrorBody, description = "The service that owns the link is down")))]
async fn create_account(
    State(state): State<GatewayState>,
    signed_in: SignedIn,
    AppJson(input): AppJson<CreateAccount>,
) -> GatewayResult<Response> {
    admin(&signed_in)?;
    let email = input.email.trim().to_lowercase();
    let mut problems = platform::error::FieldErrors::new();
    if !valid_email(&email) {
        problems.insert("email".to_owned(), "must be an email address".to_owned());
    }
    let (member_id, donor_id) = (input.member_id, input.donor_id);
    match input.role {
        Role::Member if member_id.is_none() => {
            problems.insert("member_id".to_owned(), "a member account needs its member body".to_owned());
        }
        Role::Donor if donor_id.is_none() => {
            problems.insert("donor_id".to_owned(), "a donor account needs its donor".to_owned());
        }
        _ => {}
    }
    if member_id.is_some() && input.role != Role::Member {
        problems.insert("member_id".to_owned(), "only member accounts link to a member body".to_owned());
    }
    if donor_id.is_some() && input.role != Role::Donor {
        problems.insert("donor_id".to_owned(), "only donor accounts link to a donor".to_owned());
    }
    ApiError::check(problems)?;
    policy::check("password", &input.password, &email)?;
    check_link(&state, &signed_in.session, member_id, donor_id).await?;
    if store::accounts::find_by_email(&state.db, &email).await?.is_some() {
        return Err(email_taken());
    }
    let hash = password::hash_async(input.password).await.map_err(ApiError::Internal)?;
    let row = store::accounts::insert(
        &state.db,
        &NewAccount { email: &email, password_hash: &hash, role: input.role, member_id, donor_id },
    )
    .await
    // Two admins creating the same email at once: the unique index decides.
    .map_err(|e| match ApiError::from(e) {
        ApiError::Conflict { .. } => email_taken(),
        other => other.into(),
    })?;
    tracing::info!(account = %row.id, role = %input.role, by = %signed_in.session.account_id, "account created");
    Ok((StatusCode::CREATED, AppJson(AccountResponse::try_from(row)?)).into_response())
}

fn email_taken() -> GatewayError {
    ApiError::conflict("email_taken", "An account with this email address exists already.").into()
}

fn valid_email(email: &str) -> bool {
    let Some((local, domain)) = email.split_once('@') else { return false };
    email.len() <= 254
        && !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !email.chars().any(|c| c.is_whitespace() || c.is_control())
        && !domain.contains('@')
}

/// Asks the owning service whether the linked member body or donor exists, as the admin.
async fn check_link(
    state: &GatewayState,
    admin: &Session,
    member_id: Option<Uuid>,
    donor_id: Option<Uuid>,
) -> GatewayResult<()> {
    let identity = state.identity.sign(&admin.caller())?;
    let client = |service: &str| {
        let base = state.settings.services.get(service).unwrap_or_default();
        ServiceClient::with_http(base, state.http.clone()).as_caller(identity.clone())
    };
    if let Some(id) = member_id {
        let found = MembershipClient(client("membership")).member(id).await.map(|_| ());
        link_result(found, "membership", "member_id", "no member body has this id")?;
    }
    if let Some(id) = donor_id {
        let found = FundingClient(client("funding")).donor(id).await.map(|_| ());
        link_result(found, "funding", "donor_id", "no donor has this id")?;
    }
    Ok(())
}

fn link_result(found: Result<(), ClientError>, service: &str, field: &str, missing: &str) -> Result<(), ApiError> {
    match found {
        Ok(()) => Ok(()),
        Err(ClientError::Api { status: 404, .. }) => Err(ApiError::invalid(field, missing)),
        Err(ClientError::Api { status: 503, .. } | ClientError::Unavailable(_)) => Err(ApiError::Unavailable {
            service: service.to_owned(),
            message: format!("the {service} service is not reachable to check {field}; try again shortly"),
        }),
        Err(e) => Err(ApiError::Internal(anyhow::Error::new(e).context(format!("checking {field}")))),
    }
}

/// One account.
#[utoipa::path(get, path = "/api/auth/accounts/{id}", tag = "accounts", params(("id" = Uuid, Path)), responses(
    (status = 200, body = AccountResponse), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
    (status = 404, body = ErrorBody)))]
async fn get_account(
    State(state): State<GatewayState>,
    signed_in: SignedIn,
    AppPath(id): AppPath<Uuid>,
) -> GatewayResult<AppJson<AccountResponse>> {
    admin(&signed_in)?;
    Ok(AppJson(AccountResponse::try_from(account(&state, id).await?)?))
}

/// Disables (`{"disabled": true}`) or re-enables an account. Disabling ends its sessions at
/// once; an administrator cannot disable their own account (409 `cannot_disable_self`), so
/// that the last one cannot lock everybody out by mistake.
#[utoipa::path(patch, path = "/api/auth/accounts/{id}", tag = "accounts", params(("id" = Uuid, Path)),
    request_body = UpdateAccount, responses(
    (status = 200, body = AccountResponse), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
    (status = 404, body = ErrorBody), (status = 409, body = ErrorBody, description = "cannot_disable_self")))]
async fn update_account(
    State(state): State<GatewayState>,
    signed_in: SignedIn,
    AppPath(id): AppPath<Uuid>,
    AppJson(input): AppJson<UpdateAccount>,
) -> GatewayResult<AppJson<AccountResponse>> {
    admin(&signed_in)?;
    let row = account(&state, id).await?;
    if input.disabled && id == signed_in.session.account_id {
        return Err(ApiError::conflict("cannot_disable_self", "You cannot disable your own account.").into());
    }
    store::accounts::set_disabled(&state.db, id, input.disabled).await?;
    if input.disabled {
        session::end_all(&state.backplane, id, session_ttl(&state)).await?;
    }
    tracing::info!(account = %id, disabled = input.disabled, by = %signed_in.session.account_id, "account updated");
    Ok(AppJson(AccountResponse::try_from(store::accounts::Model { disabled: input.disabled, ..row })?))
}

/// Sets a new password for an account (someone who lost theirs). Its sessions end at once.
#[utoipa::path(post, path = "/api/auth/accounts/{id}/password", tag = "accounts", params(("id" = Uuid, Path)),
    request_body = ResetPassword, responses(
    (status = 204, description = "Password set; the account's sessions have ended"),
    (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
    (status = 422, body = ErrorBody, description = "password_policy naming the rule")))]
async fn reset_password(
    State(state): State<GatewayState>,
    signed_in: SignedIn,
    AppPath(id): AppPath<Uuid>,
    AppJson(input): AppJson<ResetPassword>,
) -> GatewayResult<StatusCode> {
    admin(&signed_in)?;
    let row = account(&state, id).await?;
    policy::check("password", &input.password, &row.email)?;
    let hash = password::hash_async(input.password).await.map_err(ApiError::Internal)?;
    store::accounts::set_password_hash(&state.db, id, &hash).await?;
    session::end_all(&state.backplane, id, session_ttl(&state)).await?;
    tracing::info!(account = %id, by = %signed_in.session.account_id, "password reset");
    Ok(StatusCode::NO_CONTENT)
}

/// Changes the signed-in user's own password; the current one is required (a wrong one counts
/// as a failed sign-in). Every other session of the account ends; this one continues with a
/// new cookie and CSRF token, returned as with sign-in.
#[utoipa::path(post, path = "/api/auth/password", tag = "auth", request_body = ChangePassword, responses(
    (status = 200, body = Me, description = "Changed; a new session cookie is set"),
    (status = 401, body = ErrorBody), (status = 403, body = ErrorBody, description = "csrf_token_invalid"),
    (status = 422, body = ErrorBody, description = "current_password wrong, or password_policy naming the rule"),
    (status = 429, body = ErrorBody)))]
async fn change_password(
    State(state): State<GatewayState>,
    signed_in: SignedIn,
    client: ClientInfo,
    AppJson(input): AppJson<ChangePassword>,
) -> GatewayResult<Response> {
    let SignedIn { id: old_id, session } = signed_in;
    let limits = super::handlers::FailureLimits::new(&state, &client.0, &session.email);
    limits.check(&state).await?;
    let row = account(&state, session.account_id).await?;
    if !password::verify_async(input.current_password.clone(), row.password_hash.clone()).await {
        limits.count(&state).await?;
        return Err(ApiError::invalid("current_password", "is not your current password").into());
    }
    if input.new_password == input.current_password {
        return Err(policy::PolicyViolation {
            field: "new_password",
            rule: "unchanged",
            message: "must differ from the current password".to_owned(),
        }
        .into());
    }
    policy::check("new_password", &input.new_password, &row.email)?;
    let hash = password::hash_async(input.new_password).await.map_err(ApiError::Internal)?;
    store::accounts::set_password_hash(&state.db, row.id, &hash).await?;
    let ttl = session_ttl(&state);
    let mark = session::end_all(&state.backplane, row.id, ttl).await?;
    state.backplane.session_delete(&old_id).await?;
    let renewed = Session { csrf_token: session::random_token(), issued_at_us: mark + 1, ..session };
    let new_id = session::create(&state.backplane, &renewed, ttl).await?;
    tracing::info!(account = %row.id, "password changed");
    let cookie = session::set_cookie(Some(&new_id), ttl, state.settings.session.secure_cookie || client.0.https);
    Ok(([(header::SET_COOKIE, cookie)], AppJson(renewed.me())).into_response())
}

fn session_ttl(state: &GatewayState) -> Duration {
    Duration::from_secs(state.settings.session.ttl_secs)
}

/// The request's [`Client`], as an extractor.
#[derive(Debug, Clone, Copy)]
pub struct ClientInfo(pub Client);

impl axum::extract::FromRequestParts<GatewayState> for ClientInfo {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        state: &GatewayState,
    ) -> Result<Self, Self::Rejection> {
        Ok(ClientInfo(Client::of(&state.trusted_proxies, &parts.extensions, &parts.headers)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_checked_for_shape() {
        for ok in ["a@b.org", "amina.diallo@asn.sn", "x+tag@sub.example.com"] {
            assert!(valid_email(ok), "{ok}");
        }
        for bad in ["", "a", "a@b", "@b.org", "a@.org", "a@b.", "a b@c.org", "a@b@c.org"] {
            assert!(!valid_email(bad), "{bad}");
        }
    }
}
