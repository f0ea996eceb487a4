//! The page for addresses that match no route.

use leptos::prelude::*;

use crate::components::PageHeader;
use crate::i18n::{K, tr};

#[component]
pub fn NotFoundPage() -> impl IntoView {
    view! {
        <section class="page narrow" data-testid="not-found">
            <PageHeader title=K::NotFoundTitle intro=K::NotFoundBody />
            <p>
                <a href="/">{tr(K::BackHome)}</a>
            </p>
        </section>
    }
}
