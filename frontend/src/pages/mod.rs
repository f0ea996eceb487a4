//! One module per area of the product. Each page component is mounted by a route in
//! [`crate::app`]; protected pages are wrapped in [`crate::components::Guard`] there.

pub mod contribute;
pub mod countries;
pub mod donors;
pub mod home;
pub mod ict;
pub mod ict_request;
pub mod members;
pub mod not_found;
pub mod projects;
pub mod proposal;
pub mod sign_in;
pub mod system;
