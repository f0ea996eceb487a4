//! Loading data for a page: a request that re-runs when its inputs change, with explicit
//! loading / ready / failed states for the view.
//!
//! Leptos' `LocalResource` hides whether a reload is under way; lists want to keep the current
//! rows on screen, dimmed and `aria-busy`, while the next page loads, so this keeps the last
//! answer and a separate `loading` flag. Answers that arrive after a newer request was started
//! are dropped, so fast filter changes never show stale rows.

use std::cell::Cell;
use std::future::Future;
use std::rc::Rc;

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::ApiError;
use crate::session::use_session;

/// The state of one fetch.
#[derive(Debug)]
pub struct Fetch<T: Send + Sync + 'static> {
    /// The last answer, `None` before the first one.
    pub data: RwSignal<Option<Result<T, ApiError>>>,
    /// A request is under way.
    pub loading: RwSignal<bool>,
    reload: RwSignal<u32>,
}

impl<T: Send + Sync + 'static> Clone for Fetch<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: Send + Sync + 'static> Copy for Fetch<T> {}

impl<T: Send + Sync + 'static> Fetch<T> {
    /// Runs the request again with the same inputs.
    pub fn reload(&self) {
        self.reload.update(|n| *n = n.wrapping_add(1));
    }

    /// `data-state` for the view (and the browser tests): loading, ready or error.
    pub fn state_name(&self) -> &'static str {
        if self.loading.get() {
            "loading"
        } else {
            match self.data.with(|d| d.as_ref().map(Result::is_ok)) {
                None => "loading",
                Some(true) => "ready",
                Some(false) => "error",
            }
        }
    }
}

/// Calls `fetch(source())` now and whenever a signal read by `source` changes.
///
/// A 401 means the session ended under us: the session is marked signed out, which sends the
/// person to sign-in (and back here afterwards) instead of showing a dead page.
pub fn use_fetch<S, T, F, Fut>(source: impl Fn() -> S + 'static, fetch: F) -> Fetch<T>
where
    S: 'static,
    T: Send + Sync + 'static,
    F: Fn(S) -> Fut + 'static,
    Fut: Future<Output = Result<T, ApiError>> + 'static,
{
    let state = Fetch { data: RwSignal::new(None), loading: RwSignal::new(true), reload: RwSignal::new(0) };
    let session = use_session();
    let generation = Rc::new(Cell::new(0_u64));
    Effect::new(move |_| {
        state.reload.track();
        let input = source();
        let this = generation.get().wrapping_add(1);
        generation.set(this);
        state.loading.set(true);
        let future = fetch(input);
        let generation = Rc::clone(&generation);
        spawn_local(async move {
            let result = future.await;
            if generation.get() != this {
                return;
            }
            if let Err(e) = &result
                && e.is_unauthorized()
            {
                session.signed_out();
            }
            // try_*: the page may have been left while the request was in flight.
            state.data.try_set(Some(result));
            state.loading.try_set(false);
        });
    });
    state
}
