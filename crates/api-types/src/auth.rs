//! Roles, sign-in and the signed-in caller as the SPA sees it.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// What a signed-in account may do. Each role has its own section of the SPA.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// A donor agency, government, foundation or member body giving money.
    Donor,
    /// Staff of a national standards body (an ISO member).
    Member,
    /// Programme officers of the secretariat's development unit.
    Staff,
    /// The monitoring committee: reads KPIs, changes nothing.
    Committee,
    /// The platform operator.
    Admin,
}

impl Role {
    pub const ALL: [Role; 5] = [Role::Donor, Role::Member, Role::Staff, Role::Committee, Role::Admin];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Donor => "donor",
            Role::Member => "member",
            Role::Staff => "staff",
            Role::Committee => "committee",
            Role::Admin => "admin",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == s)
    }
}

impl std::fmt::Display for Role {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// `POST /api/auth/login`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LoginRequest {
    pub email: String,
    pub password: String,
}

/// `GET /api/auth/me` and the answer to a successful login.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Me {
    pub id: Uuid,
    pub email: String,
    pub role: Role,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub member_id: Option<Uuid>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub donor_id: Option<Uuid>,
    /// Send back as `X-CSRF-Token` on every state-changing request made with the session cookie.
    pub csrf_token: String,
}

/// `POST /api/auth/accounts` (admin): a new account. A `member` account links to its member
/// body (`member_id`), a `donor` account to its donor (`donor_id`); other roles link to neither.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreateAccount {
    pub email: String,
    /// The first password; the password policy applies (422 naming the rule).
    pub password: String,
    pub role: Role,
    #[serde(default)]
    pub member_id: Option<Uuid>,
    #[serde(default)]
    pub donor_id: Option<Uuid>,
}

/// An account as an administrator sees it (never the password hash).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AccountResponse {
    pub id: Uuid,
    pub email: String,
    pub role: Role,
    pub member_id: Option<Uuid>,
    pub donor_id: Option<Uuid>,
    /// A disabled account cannot sign in and its sessions have ended.
    pub disabled: bool,
    pub created_at: chrono::DateTime<chrono::Utc>,
}

/// `GET /api/auth/accounts` filters.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
pub struct ListAccounts {
    pub role: Option<Role>,
    pub disabled: Option<bool>,
    /// Case-insensitive search in the email address.
    pub q: Option<String>,
    #[serde(default)]
    pub format: crate::page::ListFormat,
}

/// `PATCH /api/auth/accounts/{id}` (admin): disable or re-enable an account.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UpdateAccount {
    pub disabled: bool,
}

/// `POST /api/auth/accounts/{id}/password` (admin): set a new password for someone who lost
/// theirs. Their sessions end.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ResetPassword {
    pub password: String,
}

/// `POST /api/auth/password`: the signed-in user changes their own password. Their other
/// sessions end; this one continues with a fresh cookie.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ChangePassword {
    pub current_password: String,
    pub new_password: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn role_round_trips_through_its_name() {
        for role in Role::ALL {
            assert_eq!(Role::parse(role.as_str()), Some(role));
            let json = serde_json::to_string(&role).unwrap_or_default();
            assert_eq!(json, format!("\"{}\"", role.as_str()));
        }
        assert_eq!(Role::parse("root"), None);
    }
}
