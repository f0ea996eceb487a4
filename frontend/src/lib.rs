//! Trellis single-page app: Leptos, client-side rendered, compiled to WebAssembly.
//!
//! The gateway serves `index.html` for every non-API path, and this crate takes over in the
//! browser: [`start`] mounts [`app::App`], which routes with the history API.
//!
//! Layout: [`api`] is the typed client of the gateway, [`session`] knows who is signed in,
//! [`i18n`] holds every visible string in English and French, [`nav`] the role-aware
//! navigation, [`components`], [`fetch`] and [`forms`] the shared pieces, and [`pages`] one
//! module per area of the product.

pub mod api;
pub mod app;
pub mod components;
pub mod fetch;
pub mod filters;
pub mod forms;
pub mod i18n;
pub mod nav;
pub mod pages;
pub mod query;
pub mod reference;
pub mod session;

use wasm_bindgen::prelude::wasm_bindgen;

/// Entry point called by the wasm-bindgen glue as soon as the module is instantiated.
#[wasm_bindgen(start)]
pub fn start() {
    // Panics then reach the browser console with a message instead of "unreachable".
    console_error_panic_hook::set_once();
    // index.html shows a spinner until the app is up; the app replaces it.
    if let Some(boot) = leptos::prelude::document().get_element_by_id("boot") {
        boot.remove();
    }
    leptos::mount::mount_to_body(app::App);
}
