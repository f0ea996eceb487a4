//! Authentication: sign-in, sessions, sign-out, CSRF, and the demo accounts.

pub mod handlers;
pub mod password;
pub mod seed;
pub mod session;

pub use handlers::router;
pub use session::{CurrentSession, Session};
