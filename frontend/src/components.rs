//! Pieces shared by the pages: loading and error states, the role guard, pagination, badges
//! and the "just created" notice. Form plumbing is in [`crate::forms`].

use api_types::Role;
use api_types::error::codes;
use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::{use_location, use_navigate};
use uuid::Uuid;

use crate::api::ApiError;
use crate::fetch::Fetch;
use crate::i18n::{self, K, Lang, role_key, tr, use_i18n};
use crate::query::{Query, encode};
use crate::session::{Auth, use_session};

/// The sentence to show for `error`: translated by `code` where the SPA knows it, otherwise the
/// server's own message.
pub fn error_text(lang: Lang, error: &ApiError) -> String {
    let known = |k: K| k.text(lang).to_owned();
    match error {
        ApiError::Network(_) => known(K::ErrNetwork),
        ApiError::Decode(_) => known(K::ErrDecode),
        ApiError::Server { status, body } => match body.code.as_str() {
            codes::INVALID_CREDENTIALS => known(K::ErrInvalidCredentials),
            codes::RATE_LIMITED => i18n::rate_limited(lang, error.retry_after_secs()),
            codes::SERVICE_UNAVAILABLE => i18n::service_unavailable(lang, error.service()),
            codes::UNAUTHORIZED => known(K::ErrUnauthorized),
            codes::FORBIDDEN => known(K::ErrForbidden),
            codes::CSRF_TOKEN_INVALID => known(K::ErrCsrf),
            codes::NOT_FOUND => known(K::ErrNotFound),
            codes::VALIDATION_FAILED => known(K::ErrValidation),
            codes::INTERNAL => known(K::ErrInternal),
            _ if body.message.is_empty() && *status >= 500 => known(K::ErrInternal),
            _ => body.message.clone(),
        },
    }
}

/// "Loading…" with a spinner, announced politely to screen readers.
#[component]
pub fn Loading() -> impl IntoView {
    view! {
        <div class="loading" role="status" aria-live="polite" aria-busy="true">
            <span class="spinner" aria-hidden="true"></span>
            <span>{tr(K::Loading)}</span>
        </div>
    }
}

/// An error message, with a retry button when the failed thing can be retried.
#[component]
pub fn ErrorBox(error: ApiError, #[prop(optional, into)] on_retry: Option<Callback<()>>) -> impl IntoView {
    let i18n = use_i18n();
    let text = move || error_text(i18n.get(), &error);
    view! {
        <div class="alert alert-error" role="alert" data-testid="error">
            <p class="alert-title">{tr(K::ErrorTitle)}</p>
            <p>{text}</p>
            {on_retry
                .map(|retry| {
                    view! {
                        <button type="button" class="button secondary" on:click=move |_| retry.run(())>
                            {tr(K::Retry)}
                        </button>
                    }
                })}
        </div>
    }
}

/// Renders `fetch`: a spinner before the first answer, the error with a retry button, or
/// `render(data)`. While a reload runs, the previous content stays, dimmed and `aria-busy`.
pub fn async_view<T, V>(fetch: Fetch<T>, render: impl Fn(T) -> V + Send + Sync + 'static) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
    V: IntoView + 'static,
{
    view! {
        <div
            class="async"
            class:reloading=move || fetch.loading.get() && fetch.data.with(Option::is_some)
            aria-busy=move || fetch.loading.get().to_string()
            data-state=move || fetch.state_name()
        >
            {move || match fetch.data.get() {
                None => view! { <Loading /> }.into_any(),
                Some(Ok(data)) => render(data).into_any(),
                Some(Err(error)) => {
                    view! { <ErrorBox error on_retry=move |()| fetch.reload() /> }.into_any()
                }
            }}
        </div>
    }
}

/// The guard's verdict; a memo of it re-renders the page only when the verdict changes.
#[derive(Debug, Clone, PartialEq)]
enum Verdict {
    Wait,
    Failed(ApiError),
    Allowed,
    Denied(Role),
}

/// Shows `children` only to the roles in `allow`. A signed-out visitor is sent to sign-in
/// with `next` pointing back here; a signed-in role that may not see the page is told so.
#[component]
pub fn Guard(allow: &'static [Role], children: ChildrenFn) -> impl IntoView {
    let session = use_session();
    let location = use_location();
    let navigate = use_navigate();
    let verdict = Memo::new(move |_| match session.auth.get() {
        Auth::Unknown | Auth::SignedOut => Verdict::Wait,
        Auth::Failed(e) => Verdict::Failed(e),
        Auth::SignedIn(me) if allow.contains(&me.role) => Verdict::Allowed,
        Auth::SignedIn(me) => Verdict::Denied(me.role),
    });
    Effect::new(move |_| {
        if matches!(session.auth.get(), Auth::SignedOut) {
            let path = location.pathname.get_untracked();
            let search = location.search.get_untracked();
            let next = if search.is_empty() { path } else { format!("{path}?{search}") };
            let to = format!("/sign-in?next={}", encode(&next));
            navigate(&to, NavigateOptions { replace: true, ..NavigateOptions::default() });
        }
    });
    move || match verdict.get() {
        Verdict::Wait => view! { <Loading /> }.into_any(),
        Verdict::Failed(error) => view! { <ErrorBox error on_retry=move |()| session.refresh() /> }.into_any(),
        Verdict::Allowed => children(),
        Verdict::Denied(role) => view! { <NotAllowed role /> }.into_any(),
    }
}

#[component]
fn NotAllowed(role: Role) -> impl IntoView {
    view! {
        <section class="page narrow" data-testid="not-allowed">
            <h1>{tr(K::NotAllowedTitle)}</h1>
            <p>{tr(K::NotAllowedBody)} " " <strong>{tr(role_key(role))}</strong></p>
            <p>
                <a href="/">{tr(K::BackHome)}</a>
            </p>
        </section>
    }
}

/// The title block of a page, with optional actions on the right.
#[component]
pub fn PageHeader(
    title: K,
    #[prop(optional)] intro: Option<K>,
    #[prop(optional)] children: Option<Children>,
) -> impl IntoView {
    let i18n = use_i18n();
    // The tab title follows the page (and the language), for history, bookmarks and screen
    // readers announcing the new page.
    Effect::new(move |_| {
        let page = i18n.t(title);
        let app = i18n.t(K::AppName);
        document().set_title(&if page.contains(app) { page.to_owned() } else { format!("{page} · {app}") });
    });
    view! {
        <header class="page-header">
            <div>
                <h1>{tr(title)}</h1>
                {intro.map(|k| view! { <p class="intro">{tr(k)}</p> })}
            </div>
            {children.map(|c| view! { <div class="page-actions">{c()}</div> })}
        </header>
    }
}

/// "Page x of y" with previous/next links that keep the rest of the query.
#[component]
pub fn Pagination(
    /// The list's path, e.g. `/countries`.
    path: &'static str,
    /// The current filters, without `page`.
    filters: Query,
    page: u32,
    pages: u32,
    total: u64,
) -> impl IntoView {
    let i18n = use_i18n();
    let href = move |p: u32| {
        let q = if p > 1 { filters.clone().set("page", p) } else { filters.clone() };
        format!("{path}{q}")
    };
    let prev = (page > 1).then(|| href(page - 1));
    let next = (page < pages).then(|| href(page + 1));
    view! {
        <nav class="pagination" aria-label=tr(K::Pagination) data-testid="pagination">
            <span class="count">{move || i18n::result_count(i18n.get(), total)}</span>
            {match prev {
                Some(h) => {
                    view! {
                        <a class="button secondary" href=h rel="prev" data-testid="prev-page">
                            "← "
                            {tr(K::Previous)}
                        </a>
                    }
                        .into_any()
                }
                None => {
                    view! {
                        <span class="button secondary disabled" aria-disabled="true">
                            "← "
                            {tr(K::Previous)}
                        </span>
                    }
                        .into_any()
                }
            }}
            <span class="page-of" data-testid="page-of">
                {move || i18n::page_of(i18n.get(), page, pages)}
            </span>
            {match next {
                Some(h) => {
                    view! {
                        <a class="button secondary" href=h rel="next" data-testid="next-page">
                            {tr(K::Next)}
                            " →"
                        </a>
                    }
                        .into_any()
                }
                None => {
                    view! {
                        <span class="button secondary disabled" aria-disabled="true">
                            {tr(K::Next)}
                            " →"
                        </span>
                    }
                        .into_any()
                }
            }}
        </nav>
    }
}

/// A plain link to the CSV export of a list: the browser downloads it, the router keeps out.
#[component]
pub fn CsvLink(api_path: &'static str, filters: Query) -> impl IntoView {
    let href = format!("{api_path}{}", filters.set("format", "csv"));
    view! {
        <a class="button secondary" href=href download="" data-testid="csv-link">
            {tr(K::DownloadCsv)}
        </a>
    }
}

/// The "demo" label on generated records.
#[component]
pub fn DemoBadge(demo: bool) -> impl IntoView {
    demo.then(|| {
        view! {
            <span class="badge badge-demo" title=tr(K::DemoTitle)>
                {tr(K::Demo)}
            </span>
        }
    })
}

/// Yes/No in the current language.
pub fn yes_no(flag: bool) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    tr(if flag { K::Yes } else { K::No })
}

/// "Just created" notice carried from a form to its list (which highlights the new row).
#[derive(Debug, Clone, PartialEq)]
pub struct Created {
    pub id: Uuid,
    pub what: K,
    pub label: String,
}

/// Context holder for [`Created`], set by forms and shown once by the list.
#[derive(Debug, Clone, Copy)]
pub struct Flash(pub RwSignal<Option<Created>>);

pub fn use_flash() -> Flash {
    use_context::<Flash>().unwrap_or_else(|| Flash(RwSignal::new(None)))
}

/// Shows the notice of the last creation, if it belongs to this list.
#[component]
pub fn CreatedNotice(what: K) -> impl IntoView {
    let flash = use_flash();
    // Shown once: leaving the list forgets it.
    on_cleanup(move || {
        flash.0.try_set(None);
    });
    move || {
        flash.0.get().filter(|c| c.what == what).map(|c| {
            view! {
                <div class="alert alert-success" role="status" data-testid="created">
                    <p>{tr(c.what)} " " <strong>{c.label}</strong></p>
                </div>
            }
        })
    }
}

/// The id of the row just created, to highlight it.
pub fn created_id(what: K) -> Option<Uuid> {
    use_flash().0.with(|c| c.as_ref().filter(|c| c.what == what).map(|c| c.id))
}

/// A date as `YYYY-MM-DD`, the same in both languages and sortable. (Written out rather than
/// with `format("%Y-%m-%d")`, which pulls chrono's strftime machinery into the wasm.)
pub fn short_date(at: &chrono::DateTime<chrono::Utc>) -> String {
    use chrono::Datelike;
    format!("{:04}-{:02}-{:02}", at.year(), at.month(), at.day())
}
