//! Who is signed in, shared through context.
//!
//! The session cookie is HttpOnly, so the SPA cannot see it: it asks `GET /api/auth/me` at
//! start-up and keeps the answer (with the CSRF token that writes must send back).

use api_types::Role;
use api_types::auth::Me;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::{self, ApiError};

/// What the SPA knows about the caller.
#[derive(Debug, Clone, PartialEq)]
pub enum Auth {
    /// `/api/auth/me` has not answered yet.
    Unknown,
    SignedOut,
    SignedIn(Me),
    /// `/api/auth/me` failed for another reason than "not signed in" (gateway down...).
    Failed(ApiError),
}

#[derive(Debug, Clone, Copy)]
pub struct Session {
    pub auth: RwSignal<Auth>,
}

impl Session {
    /// Creates the session, provides it and asks the gateway who is signed in.
    pub fn provide() -> Session {
        let session = Session { auth: RwSignal::new(Auth::Unknown) };
        provide_context(session);
        session.refresh();
        session
    }

    /// Asks `/api/auth/me` again.
    pub fn refresh(self) {
        spawn_local(async move {
            let auth = match api::me().await {
                Ok(Some(me)) => Auth::SignedIn(me),
                Ok(None) => Auth::SignedOut,
                Err(e) => Auth::Failed(e),
            };
            self.auth.try_set(auth);
        });
    }

    /// The signed-in caller, tracked.
    pub fn me(&self) -> Option<Me> {
        self.auth.with(|a| match a {
            Auth::SignedIn(me) => Some(me.clone()),
            _ => None,
        })
    }

    pub fn role(&self) -> Option<Role> {
        self.auth.with(|a| match a {
            Auth::SignedIn(me) => Some(me.role),
            _ => None,
        })
    }

    /// The CSRF token to send with writes, read without tracking (it is used in handlers).
    pub fn csrf(&self) -> String {
        self.auth.with_untracked(|a| match a {
            Auth::SignedIn(me) => me.csrf_token.clone(),
            _ => String::new(),
        })
    }

    pub fn signed_in(&self, me: Me) {
        self.auth.try_set(Auth::SignedIn(me));
    }

    /// Forgets the caller, e.g. after a 401 showed that the session expired.
    pub fn signed_out(&self) {
        self.auth.try_set(Auth::SignedOut);
    }

    /// Ends the session on the server, then here. A failure on the server still signs the
    /// person out of this tab: leaving them "signed in" after they asked to leave is worse.
    pub async fn sign_out(self) {
        let csrf = self.csrf();
        let _ = api::logout(&csrf).await;
        self.signed_out();
    }
}

pub fn use_session() -> Session {
    use_context::<Session>().unwrap_or_else(|| Session { auth: RwSignal::new(Auth::Unknown) })
}
