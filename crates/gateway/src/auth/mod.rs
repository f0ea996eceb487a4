//! Authentication: sign-in, sessions, sign-out, CSRF, passwords and their policy, account
//! administration, and the demo accounts.

pub mod accounts;
pub mod handlers;
pub mod password;
pub mod policy;
pub mod seed;
pub mod session;

pub use handlers::router;
pub use session::{CurrentSession, Session, SignedIn};
