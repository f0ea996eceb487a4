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
