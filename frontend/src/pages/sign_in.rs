//! Sign-in: email and password, clear errors, and the demo accounts to try the platform with.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::NavigateOptions;
use leptos_router::hooks::{use_navigate, use_query_map};

use crate::api;
use crate::components::{PageHeader, error_text};
use crate::forms::{Form, TextField};
use crate::i18n::{K, role_key, tr, use_i18n};
use crate::query::{safe_next, text};
use crate::session::use_session;

/// The demo accounts of the seeded data, offered on the sign-in page to help people try it.
const DEMO_ACCOUNTS: [(&str, api_types::Role); 6] = [
    ("admin@trellis.test", api_types::Role::Admin),
    ("staff@trellis.test", api_types::Role::Staff),
    ("staff2@trellis.test", api_types::Role::Staff),
    ("committee@trellis.test", api_types::Role::Committee),
    ("donor@trellis.test", api_types::Role::Donor),
    ("member@trellis.test", api_types::Role::Member),
];
const DEMO_PASSWORD: &str = "trellis-demo";

#[component]
pub fn SignInPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let navigate = use_navigate();
    let query = use_query_map();
    let next = Memo::new(move |_| safe_next(text(&query.read(), "next")));
    let asked_for_page = Memo::new(move |_| text(&query.read(), "next").is_some());

    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let form = Form::new();

    let submit = move |ev: SubmitEvent| {
        if !form.begin(&ev) {
            return;
        }
        let email_value = form.require_text("email", &email.get_untracked(), usize::MAX);
        // A password is sent as typed: spaces may be part of it.
        let password_value = password.get_untracked();
        if password_value.is_empty() {
            form.fields.local("password", K::Required);
        }
        if !form.locally_valid() {
            return;
        }
        form.busy.set(true);
        let navigate = navigate.clone();
        // Not `Form::send`: a 401 here means wrong credentials, not an expired session.
        spawn_local(async move {
            match api::login(email_value, password_value).await {
                Ok(me) => {
                    session.signed_in(me);
                    let to = next.get_untracked();
                    navigate(&to, NavigateOptions { replace: true, ..NavigateOptions::default() });
                }
                Err(error) => form.failed(error),
            }
        });
    };

    let use_account = move |address: &'static str| {
        email.set(address.to_owned());
        password.set(DEMO_PASSWORD.to_owned());
        form.clear();
    };

    view! {
        <section class="page sign-in" data-testid="sign-in">
            <div class="sign-in-grid">
                <div class="panel">
                    <PageHeader title=K::SignInTitle intro=K::DescSignIn />
                    {move || {
                        session
                            .me()
                            .map(|me| {
                                view! {
                                    <div class="alert alert-info" role="status">
                                        <p>
                                            {tr(K::AlreadySignedIn)} " " <strong>{me.email}</strong> " · "
                                            <a href="/">{tr(K::BackHome)}</a>
                                        </p>
                                    </div>
                                }
                            })
                    }}
                    {move || {
                        asked_for_page
                            .get()
                            .then(|| {
                                view! {
                                    <div class="alert alert-info" role="status" data-testid="sign-in-required">
                                        <p>{tr(K::SignInRequired)}</p>
                                    </div>
                                }
                            })
                    }}
                    {move || {
                        form.failure
                            .get()
                            .map(|error| {
                                view! {
                                    <div class="alert alert-error" role="alert" data-testid="sign-in-error">
                                        <p>{move || error_text(i18n.get(), &error)}</p>
                                    </div>
                                }
                            })
                    }}
                    <form class="form" on:submit=submit novalidate=true>
                        <TextField
                            form
                            field="email"
                            label=K::Email
                            value=email
                            kind="email"
                            autocomplete="username"
                        />
                        <TextField
                            form
                            field="password"
                            label=K::Password
                            value=password
                            kind="password"
                            autocomplete="current-password"
                        />
                        <div class="form-actions">
                            <button
                                type="submit"
                                class="button"
                                data-testid="sign-in-submit"
                                disabled=move || form.busy.get()
                                aria-busy=move || form.busy.get().to_string()
                            >
                                {move || if form.busy.get() { i18n.t(K::SigningIn) } else { i18n.t(K::SignIn) }}
                            </button>
                        </div>
                    </form>
                </div>
                <aside class="panel demo-accounts" aria-labelledby="demo-accounts-title">
                    <h2 id="demo-accounts-title">
                        {tr(K::DemoAccounts)} " " <span class="badge badge-demo">{tr(K::Demo)}</span>
                    </h2>
                    <p>{tr(K::DemoAccountsIntro)} " " <code>{DEMO_PASSWORD}</code></p>
                    <ul class="demo-list">
                        {DEMO_ACCOUNTS
                            .into_iter()
                            .map(|(address, role)| {
                                view! {
                                    <li>
                                        <span class="demo-email">{address}</span>
                                        <span class="role-badge" data-role=role.as_str()>
                                            {tr(role_key(role))}
                                        </span>
                                        <button
                                            type="button"
                                            class="button secondary small"
                                            data-demo=address
                                            on:click=move |_| use_account(address)
                                        >
                                            {tr(K::UseAccount)}
                                            <span class="visually-hidden">": " {address}</span>
                                        </button>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                </aside>
            </div>
        </section>
    }
}
