//! Sign-in: email and password, clear errors, and the demo accounts to try the platform with.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::NavigateOptions;
use leptos_router::hooks::{use_navigate, use_query_map};

use crate::api::{self, ApiError};
use crate::components::{FieldErrors, Label, PageHeader, error_text, focus_first_invalid};
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
    let busy = RwSignal::new(false);
    let failure = RwSignal::new(None::<ApiError>);
    let fields = FieldErrors::new();

    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        failure.set(None);
        fields.clear();
        let email_value = email.get_untracked().trim().to_owned();
        let password_value = password.get_untracked();
        if email_value.is_empty() {
            fields.local("email", K::Required);
        }
        if password_value.is_empty() {
            fields.local("password", K::Required);
        }
        if !fields.is_empty() {
            focus_first_invalid();
            return;
        }
        busy.set(true);
        let navigate = navigate.clone();
        spawn_local(async move {
            match api::login(email_value, password_value).await {
                Ok(me) => {
                    session.signed_in(me);
                    let to = next.get_untracked();
                    navigate(&to, NavigateOptions { replace: true, ..NavigateOptions::default() });
                }
                Err(error) => {
                    if fields.from_server(&error) {
                        focus_first_invalid();
                    }
                    failure.try_set(Some(error));
                    busy.try_set(false);
                }
            }
        });
    };

    let use_account = move |address: &'static str| {
        email.set(address.to_owned());
        password.set(DEMO_PASSWORD.to_owned());
        failure.set(None);
        fields.clear();
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
                        failure
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
                        <div class="field">
                            <Label field="email" text=K::Email />
                            <input
                                id="email"
                                name="email"
                                type="email"
                                autocomplete="username"
                                required=true
                                aria-invalid=fields.invalid("email")
                                aria-describedby="email-error"
                                prop:value=move || email.get()
                                on:input=move |ev| email.set(event_target_value(&ev))
                            />
                            {fields.view("email")}
                        </div>
                        <div class="field">
                            <Label field="password" text=K::Password />
                            <input
                                id="password"
                                name="password"
                                type="password"
                                autocomplete="current-password"
                                required=true
                                aria-invalid=fields.invalid("password")
                                aria-describedby="password-error"
                                prop:value=move || password.get()
                                on:input=move |ev| password.set(event_target_value(&ev))
                            />
                            {fields.view("password")}
                        </div>
                        <div class="form-actions">
                            <button
                                type="submit"
                                class="button"
                                data-testid="sign-in-submit"
                                disabled=move || busy.get()
                                aria-busy=move || busy.get().to_string()
                            >
                                {move || if busy.get() { i18n.t(K::SigningIn) } else { i18n.t(K::SignIn) }}
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
