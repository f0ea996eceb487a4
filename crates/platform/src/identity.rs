//! Signed caller identity between the gateway and the services.
//!
//! The gateway authenticates the browser (session cookie) and then, for every request it
//! forwards, signs who the caller is into the `x-trellis-identity` header: a short-lived
//! HS256 token with the account id, role and member/donor links. Services verify it with the
//! shared secret and reject a missing, expired or tampered one with 401, so a service reached
//! directly on its own port never trusts an unsigned caller. Signed-out visitors get a signed
//! anonymous identity, which public endpoints accept.

use std::time::Duration;

use api_types::Role;
use api_types::error::codes;
use axum::extract::{FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::middleware::Next;
use axum::response::Response;
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::error::ApiError;

/// The header that carries the signed identity on internal hops.
pub const IDENTITY_HEADER: &str = "x-trellis-identity";
const ISSUER: &str = "trellis-gateway";
const AUDIENCE: &str = "trellis-services";

/// A signed-in account, as services see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct User {
    pub id: Uuid,
    pub role: Role,
    pub member_id: Option<Uuid>,
    pub donor_id: Option<Uuid>,
}

/// Whoever made the request: a signed-in account or a signed-out visitor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Caller {
    Anonymous,
    User(User),
}

impl Caller {
    /// The signed-in account, or 401.
    pub fn user(&self) -> Result<&User, ApiError> {
        match self {
            Caller::User(u) => Ok(u),
            Caller::Anonymous => Err(ApiError::unauthorized("Sign in to do this.")),
        }
    }

    /// The signed-in account if its role is one of `roles`; 401 when signed out, 403 otherwise.
    pub fn require(&self, roles: &[Role]) -> Result<&User, ApiError> {
        let user = self.user()?;
        if roles.contains(&user.role) {
            Ok(user)
        } else {
            Err(ApiError::forbidden(format!("The {} role may not do this.", user.role)))
        }
    }

    pub fn role(&self) -> Option<Role> {
        match self {
            Caller::User(u) => Some(u.role),
            Caller::Anonymous => None,
        }
    }
}

#[derive(Debug, Serialize, Deserialize)]
struct Claims {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    sub: Option<Uuid>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    role: Option<Role>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    member_id: Option<Uuid>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    donor_id: Option<Uuid>,
    iss: String,
    aud: String,
    iat: i64,
    exp: i64,
}

/// Signs identities (the gateway) and verifies them (services).
#[derive(Clone)]
pub struct IdentityKeys {
    encoding: EncodingKey,
    decoding: DecodingKey,
    validation: Validation,
    ttl: Duration,
}

impl std::fmt::Debug for IdentityKeys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("IdentityKeys(..)")
    }
}

impl IdentityKeys {
    pub fn new(secret: &SecretString, ttl: Duration) -> IdentityKeys {
        let key = secret.expose_secret().as_bytes();
        let mut validation = Validation::new(Algorithm::HS256);
        validation.set_issuer(&[ISSUER]);
        validation.set_audience(&[AUDIENCE]);
        validation.set_required_spec_claims(&["exp", "iss", "aud"]);
        validation.leeway = 5;
        IdentityKeys {
            encoding: EncodingKey::from_secret(key),
            decoding: DecodingKey::from_secret(key),
            validation,
            ttl,
        }
    }

    /// The header value that vouches for `caller` for the next `ttl`.
    pub fn sign(&self, caller: &Caller) -> Result<String, ApiError> {
        let now = chrono::Utc::now().timestamp();
        let ttl = i64::try_from(self.ttl.as_secs()).unwrap_or(60);
        let user = match caller {
            Caller::User(u) => Some(u),
            Caller::Anonymous => None,
        };
        let claims = Claims {
            sub: user.map(|u| u.id),
            role: user.map(|u| u.role),
            member_id: user.and_then(|u| u.member_id),
            donor_id: user.and_then(|u| u.donor_id),
            iss: ISSUER.to_owned(),
            aud: AUDIENCE.to_owned(),
            iat: now,
            exp: now + ttl,
        };
        jsonwebtoken::encode(&Header::new(Algorithm::HS256), &claims, &self.encoding)
            .map_err(|e| ApiError::Internal(anyhow::Error::new(e).context("signing identity")))
    }

    /// The caller a header value vouches for, or 401 if it is not a valid signature of ours.
    pub fn verify(&self, token: &str) -> Result<Caller, ApiError> {
        let data = jsonwebtoken::decode::<Claims>(token, &self.decoding, &self.validation).map_err(|e| {
            tracing::info!(error = %e, "rejected a signed identity");
            ApiError::Unauthorized {
                code: codes::INVALID_IDENTITY,
                message: "The caller identity is invalid or expired.".to_owned(),
            }
        })?;
        let c = data.claims;
        match (c.sub, c.role) {
            (Some(id), Some(role)) => Ok(Caller::User(User { id, role, member_id: c.member_id, donor_id: c.donor_id })),
            (None, None) => Ok(Caller::Anonymous),
            _ => Err(ApiError::Unauthorized {
                code: codes::INVALID_IDENTITY,
                message: "The caller identity is incomplete.".to_owned(),
            }),
        }
    }
}

/// Middleware for a service's API routes: no valid signed identity, no entry. On success the
/// [`Caller`] is stored in the request for handlers to extract.
pub async fn require_signed_identity(State(keys): State<IdentityKeys>, mut request: Request, next: Next) -> Response {
    use axum::response::IntoResponse;
    let Some(token) = request.headers().get(IDENTITY_HEADER).and_then(|v| v.to_str().ok()) else {
        return ApiError::Unauthorized {
            code: codes::INVALID_IDENTITY,
            message: "This service only answers requests that come through the gateway.".to_owned(),
        }
        .into_response();
    };
    match keys.verify(token) {
        Ok(caller) => {
            request.extensions_mut().insert(caller);
            next.run(request).await
        }
        Err(e) => e.into_response(),
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Caller {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        parts.extensions.get::<Caller>().cloned().ok_or_else(|| ApiError::Unauthorized {
            code: codes::INVALID_IDENTITY,
            message: "No verified caller identity on this request.".to_owned(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(secret: &str) -> IdentityKeys {
        IdentityKeys::new(&SecretString::from(secret), Duration::from_secs(60))
    }

    fn staff() -> Caller {
        Caller::User(User { id: Uuid::new_v4(), role: Role::Staff, member_id: None, donor_id: None })
    }

    #[test]
    fn a_signed_identity_verifies_to_the_same_caller() {
        let k = keys("s3cret");
        let caller = staff();
        assert_eq!(k.verify(&k.sign(&caller).unwrap()).unwrap(), caller);
        assert_eq!(k.verify(&k.sign(&Caller::Anonymous).unwrap()).unwrap(), Caller::Anonymous);
    }

    #[test]
    fn another_key_or_a_changed_payload_is_rejected() {
        let token = keys("s3cret").sign(&staff()).unwrap();
        assert!(keys("other").verify(&token).is_err());
        // Swap the payload for one that claims admin, keeping the signature.
        let parts: Vec<&str> = token.split('.').collect();
        let forged_claims = base64_url(
            &serde_json::json!({"sub": Uuid::new_v4(), "role": "admin", "iss": ISSUER, "aud": AUDIENCE, "iat": 0, "exp": i64::MAX / 2})
                .to_string(),
        );
        let forged = format!("{}.{}.{}", parts[0], forged_claims, parts[2]);
        let err = keys("s3cret").verify(&forged).unwrap_err();
        assert_eq!(err.body().code, "invalid_identity");
    }

    #[test]
    fn an_expired_identity_is_rejected() {
        let k = IdentityKeys::new(&SecretString::from("s3cret"), Duration::from_secs(0));
        let mut claims = serde_json::to_value(Claims {
            sub: None,
            role: None,
            member_id: None,
            donor_id: None,
            iss: ISSUER.into(),
            aud: AUDIENCE.into(),
            iat: 0,
            exp: chrono::Utc::now().timestamp() - 3600,
        })
        .unwrap();
        claims["exp"] = serde_json::json!(chrono::Utc::now().timestamp() - 3600);
        let token = jsonwebtoken::encode(&Header::new(Algorithm::HS256), &claims, &k.encoding).unwrap();
        assert!(k.verify(&token).is_err());
    }

    #[test]
    fn roles_are_enforced() {
        let caller = staff();
        assert!(caller.require(&[Role::Staff, Role::Admin]).is_ok());
        assert_eq!(caller.require(&[Role::Donor]).unwrap_err().status(), axum::http::StatusCode::FORBIDDEN);
        assert_eq!(
            Caller::Anonymous.require(&[Role::Staff]).unwrap_err().status(),
            axum::http::StatusCode::UNAUTHORIZED
        );
    }

    fn base64_url(s: &str) -> String {
        const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        let bytes = s.as_bytes();
        let mut out = String::new();
        for chunk in bytes.chunks(3) {
            let b = [chunk[0], *chunk.get(1).unwrap_or(&0), *chunk.get(2).unwrap_or(&0)];
            let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
            for i in 0..=chunk.len() {
                out.push(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize] as char);
            }
        }
        out
    }
}
