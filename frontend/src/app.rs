//! The application shell: contexts, the header with the role-aware navigation and the
//! language switch, and the routes.

use api_types::Role;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::{NavigateOptions, path};

use crate::components::{Flash, Guard};
use crate::i18n::{I18n, K, Lang, role_key, tr, use_i18n};
use crate::nav::{NavItem, allow, nav_for};
use crate::pages::contribute::ContributePage;
use crate::pages::countries::CountriesPage;
use crate::pages::donors::{DonorProfilePage, DonorsPage, NewDonorPage};
use crate::pages::home::HomePage;
use crate::pages::ict::{NewRequestPage, QuestionnairePage, RequestsPage};
use crate::pages::ict_request::SupportRequestPage;
use crate::pages::members::{MembersPage, OrganisationPage};
use crate::pages::not_found::NotFoundPage;
use crate::pages::projects::ProjectsPage;
use crate::pages::proposal::{EditProposalPage, NewProposalPage, ProposalPage};
use crate::pages::sign_in::SignInPage;
use crate::pages::system::SystemPage;
use crate::reference::{CountryNames, Regions};
use crate::session::{Auth, Session, use_session};

#[component]
pub fn App() -> impl IntoView {
    I18n::provide();
    Session::provide();
    Regions::provide();
    CountryNames::provide();
    provide_context(Flash(RwSignal::new(None)));
    let main_ref = NodeRef::<leptos::html::Main>::new();

    view! {
        <Router>
            <a
                class="skip-link"
                href="#main"
                on:click=move |ev| {
                    ev.prevent_default();
                    if let Some(main) = main_ref.get() {
                        let _ = main.focus();
                    }
                }
            >
                {tr(K::SkipToContent)}
            </a>
            <SiteHeader />
            <main id="main" tabindex="-1" node_ref=main_ref>
                <Routes fallback=NotFoundPage>
                    <Route path=path!("/") view=HomePage />
                    <Route path=path!("/sign-in") view=SignInPage />
                    <Route path=path!("/countries") view=CountriesPage />
                    <Route
                        path=path!("/members")
                        view=|| view! { <Guard allow=allow::MEMBERS><MembersPage /></Guard> }
                    />
                    <Route
                        path=path!("/organisation")
                        view=|| view! { <Guard allow=allow::ORGANISATION><OrganisationPage /></Guard> }
                    />
                    <Route
                        path=path!("/projects")
                        view=|| view! { <Guard allow=allow::PROJECTS><ProjectsPage /></Guard> }
                    />
                    <Route
                        path=path!("/projects/new")
                        view=|| view! { <Guard allow=allow::NEW_PROPOSAL><NewProposalPage /></Guard> }
                    />
                    <Route
                        path=path!("/projects/:id/edit")
                        view=|| view! { <Guard allow=allow::NEW_PROPOSAL><EditProposalPage /></Guard> }
                    />
                    <Route
                        path=path!("/projects/:id")
                        view=|| view! { <Guard allow=allow::PROJECTS><ProposalPage /></Guard> }
                    />
                    <Route
                        path=path!("/donors")
                        view=|| view! { <Guard allow=allow::DONORS><DonorsPage /></Guard> }
                    />
                    <Route
                        path=path!("/donors/new")
                        view=|| view! { <Guard allow=allow::NEW_DONOR><NewDonorPage /></Guard> }
                    />
                    <Route
                        path=path!("/contribute")
                        view=|| view! { <Guard allow=allow::CONTRIBUTE><ContributePage /></Guard> }
                    />
                    <Route
                        path=path!("/donor-profile")
                        view=|| view! { <Guard allow=allow::DONOR_PROFILE><DonorProfilePage /></Guard> }
                    />
                    <Route
                        path=path!("/ict-support")
                        view=|| view! { <Guard allow=allow::ICT_SUPPORT><RequestsPage /></Guard> }
                    />
                    <Route
                        path=path!("/ict-support/new")
                        view=|| view! { <Guard allow=allow::NEW_ICT_REQUEST><NewRequestPage /></Guard> }
                    />
                    <Route
                        path=path!("/ict-support/:id")
                        view=|| view! { <Guard allow=allow::ICT_SUPPORT><SupportRequestPage /></Guard> }
                    />
                    <Route
                        path=path!("/questionnaire")
                        view=|| view! { <Guard allow=allow::QUESTIONNAIRE><QuestionnairePage /></Guard> }
                    />
                    <Route
                        path=path!("/system")
                        view=|| view! { <Guard allow=allow::SYSTEM><SystemPage /></Guard> }
                    />
                </Routes>
            </main>
            <footer class="site-footer">
                <p>{tr(K::Footer)}</p>
            </footer>
        </Router>
    }
}

#[component]
fn SiteHeader() -> impl IntoView {
    let session = use_session();
    view! {
        <header class="site-header">
            <div class="header-inner">
                <a class="brand" href="/">
                    <img src="/favicon.svg" alt="" width="28" height="28" />
                    <span class="brand-name">{tr(K::AppName)}</span>
                    <span class="brand-tagline">{tr(K::Tagline)}</span>
                </a>
                <div class="header-tools">
                    <UserBox />
                    <LangSwitch />
                </div>
            </div>
            <MainNav role=Signal::derive(move || session.role()) />
        </header>
    }
}

#[component]
fn MainNav(role: Signal<Option<Role>>) -> impl IntoView {
    let location = use_location();
    view! {
        <nav class="main-nav" data-testid="main-nav" aria-label=tr(K::MainNavLabel)>
            <ul>
                {move || {
                    nav_for(role.get())
                        .iter()
                        .map(|item| view! { <NavLink item=*item path=location.pathname /> })
                        .collect_view()
                }}
            </ul>
        </nav>
    }
}

#[component]
fn NavLink(item: NavItem, path: Memo<String>) -> impl IntoView {
    let target = item.href.split('?').next().unwrap_or(item.href);
    // A section is current on its own page and on the pages below it (`/projects/new`).
    let current = move || {
        let path = path.get();
        let here = if target == "/" { path == "/" } else { path == target || path.starts_with(&format!("{target}/")) };
        here.then_some("page")
    };
    view! {
        <li>
            <a
                href=item.href
                data-nav=item.key
                aria-current=current
                rel=item.external.then_some("external")
            >
                {tr(item.label)}
            </a>
        </li>
    }
}

#[component]
fn UserBox() -> impl IntoView {
    let session = use_session();
    let navigate = use_navigate();
    let busy = RwSignal::new(false);
    let sign_out = move |_| {
        busy.set(true);
        // Leave the page first: a protected page that saw the session end would otherwise send
        // the person to sign-in, as if the session had expired.
        navigate("/", NavigateOptions::default());
        spawn_local(async move {
            session.sign_out().await;
            busy.try_set(false);
        });
    };
    move || match session.auth.get() {
        Auth::SignedIn(me) => {
            let role = me.role;
            view! {
                <div class="user-box">
                    <span class="user-email" data-testid="user-email" title=tr(K::SignedInAs)>
                        {me.email}
                    </span>
                    <span class="role-badge" data-testid="user-role" data-role=role.as_str()>
                        {tr(role_key(role))}
                    </span>
                    <button
                        type="button"
                        class="button secondary small"
                        data-testid="sign-out"
                        disabled=move || busy.get()
                        on:click=sign_out.clone()
                    >
                        {move || if busy.get() { tr(K::SigningOut)() } else { tr(K::SignOut)() }}
                    </button>
                </div>
            }
            .into_any()
        }
        _ => ().into_any(),
    }
}

#[component]
fn LangSwitch() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="lang-switch" role="group" aria-label=tr(K::Language)>
            {Lang::ALL
                .into_iter()
                .map(|lang| {
                    view! {
                        <button
                            type="button"
                            lang=lang.code()
                            data-lang=lang.code()
                            aria-pressed=move || (i18n.get() == lang).to_string()
                            on:click=move |_| i18n.set(lang)
                        >
                            {lang.native_name()}
                        </button>
                    }
                })
                .collect_view()}
        </div>
    }
}
