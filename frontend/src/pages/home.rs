//! The home page: what Trellis is for the caller's role, with a card per section.

use api_types::Role;
use leptos::prelude::*;

use crate::components::PageHeader;
use crate::i18n::{K, tr};
use crate::nav::nav_for;
use crate::session::use_session;

/// The welcome sentence for each role (and for visitors).
fn welcome(role: Option<Role>) -> K {
    match role {
        None => K::HomePublic,
        Some(Role::Donor) => K::HomeDonor,
        Some(Role::Member) => K::HomeMember,
        Some(Role::Staff) => K::HomeStaff,
        Some(Role::Committee) => K::HomeCommittee,
        Some(Role::Admin) => K::HomeAdmin,
    }
}

#[component]
pub fn HomePage() -> impl IntoView {
    let session = use_session();
    let role = Memo::new(move |_| session.role());
    view! {
        <section class="page" data-testid="home">
            <PageHeader title=K::HomeTitle />
            <div class="welcome">
                {move || {
                    let role = role.get();
                    view! {
                        <p class="lead">{tr(welcome(role))}</p>
                        {role
                            .is_none()
                            .then(|| {
                                view! {
                                    <p>
                                        <a class="button" href="/sign-in">
                                            {tr(K::SignIn)}
                                        </a>
                                        " "
                                        <span class="muted">{tr(K::HomeSignInPrompt)}</span>
                                    </p>
                                }
                            })}
                    }
                }}
            </div>
            <h2>{tr(K::HomeSections)}</h2>
            <ul class="cards">
                {move || {
                    nav_for(role.get())
                        .iter()
                        .filter(|item| item.key != "home")
                        .map(|item| {
                            view! {
                                <li class="card">
                                    <a
                                        href=item.href
                                        rel=item.external.then_some("external")
                                        data-card=item.key
                                    >
                                        <span class="card-title">{tr(item.label)}</span>
                                        <span class="card-desc">{tr(item.desc)}</span>
                                    </a>
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
        </section>
    }
}
