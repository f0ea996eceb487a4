//! The filter bar of list pages. Filters are read from the page URL and a change navigates to
//! the new URL (back at page 1), so reload and back/forward keep them.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::use_navigate;

use crate::i18n::{K, tr};
use crate::query::Query;

/// A function that moves the list at `path` to new filters.
pub fn use_go(path: &'static str) -> impl Fn(Query) + Clone + 'static {
    let navigate = use_navigate();
    move |query: Query| {
        // Filtering should not throw the reader back to the top of the page.
        navigate(&format!("{path}{query}"), NavigateOptions { scroll: false, ..NavigateOptions::default() });
    }
}

/// A `<select>` whose first option means "any".
#[component]
pub fn SelectFilter(
    id: &'static str,
    label: K,
    /// The label of the empty choice ("All regions").
    all: K,
    /// `(value, label)` pairs, in the current language.
    #[prop(into)]
    options: Signal<Vec<(String, String)>>,
    #[prop(into)] selected: Signal<Option<String>>,
    #[prop(into)] on_select: Callback<Option<String>>,
) -> impl IntoView {
    view! {
        <div class="field">
            <label for=id>{tr(label)}</label>
            <select
                id=id
                data-testid=id
                on:change=move |ev| {
                    let value = event_target_value(&ev);
                    on_select.run(Some(value).filter(|v| !v.is_empty()));
                }
            >
                <option value="" selected=move || selected.with(Option::is_none)>
                    {tr(all)}
                </option>
                {move || {
                    let current = selected.get();
                    options
                        .get()
                        .into_iter()
                        .map(|(value, text)| {
                            let is_selected = current.as_deref() == Some(value.as_str());
                            view! {
                                <option value=value selected=is_selected>
                                    {text}
                                </option>
                            }
                        })
                        .collect_view()
                }}
            </select>
        </div>
    }
}

/// A checkbox filter.
#[component]
pub fn CheckFilter(
    id: &'static str,
    label: K,
    #[prop(into)] checked: Signal<bool>,
    #[prop(into)] on_toggle: Callback<bool>,
) -> impl IntoView {
    view! {
        <div class="field field-check">
            <input
                id=id
                type="checkbox"
                data-testid=id
                prop:checked=move || checked.get()
                on:change=move |ev| on_toggle.run(event_target_checked(&ev))
            />
            <label for=id>{tr(label)}</label>
        </div>
    }
}

/// A text search applied on Enter or with its button.
#[component]
pub fn SearchFilter(
    id: &'static str,
    #[prop(into)] value: Signal<Option<String>>,
    #[prop(into)] on_search: Callback<Option<String>>,
) -> impl IntoView {
    let input = NodeRef::<leptos::html::Input>::new();
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let text = input.get().map(|i| i.value()).unwrap_or_default();
        on_search.run(Some(text.trim().to_owned()).filter(|t| !t.is_empty()));
    };
    // Its own form, so that Enter submits just the search.
    view! {
        <form class="field field-grow" role="search" on:submit=submit>
            <label for=id>{tr(K::Search)}</label>
            <div class="search-row">
                <input
                    id=id
                    type="search"
                    data-testid=id
                    node_ref=input
                    placeholder=tr(K::SearchPlaceholder)
                    prop:value=move || value.get().unwrap_or_default()
                />
                <button type="submit" class="button">
                    {tr(K::Search)}
                </button>
            </div>
        </form>
    }
}

/// The "clear filters" button.
#[component]
pub fn ClearFilters(#[prop(into)] on_clear: Callback<()>) -> impl IntoView {
    view! {
        <div class="field field-end">
            <button type="button" class="button link" data-testid="clear-filters" on:click=move |_| on_clear.run(())>
                {tr(K::ClearFilters)}
            </button>
        </div>
    }
}
