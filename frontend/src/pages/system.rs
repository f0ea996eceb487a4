//! System health for the platform operator: every service behind the gateway, up or down,
//! with the latency of its readiness probe.

use api_types::health::{Status, SystemHealth};
use leptos::prelude::*;

use crate::api;
use crate::components::{PageHeader, async_view};
use crate::fetch::use_fetch;
use crate::i18n::{K, tr, use_i18n};

fn status_key(status: Status) -> K {
    match status {
        Status::Up => K::StatusUp,
        Status::Down => K::StatusDown,
    }
}

fn status_class(status: Status) -> &'static str {
    match status {
        Status::Up => "health health-up",
        Status::Down => "health health-down",
    }
}

fn status_name(status: Status) -> &'static str {
    match status {
        Status::Up => "up",
        Status::Down => "down",
    }
}

#[component]
pub fn SystemPage() -> impl IntoView {
    let health = use_fetch(|| (), |()| api::health());
    view! {
        <section class="page" data-testid="system">
            <PageHeader title=K::SystemTitle intro=K::SystemIntro>
                <button
                    type="button"
                    class="button secondary"
                    data-testid="refresh"
                    on:click=move |_| health.reload()
                    disabled=move || health.loading.get()
                >
                    {tr(K::Refresh)}
                </button>
                <a class="button secondary" href="/api/docs" rel="external">
                    {tr(K::NavApiDocs)}
                </a>
            </PageHeader>
            {async_view(health, |report| view! { <HealthTable report /> })}
        </section>
    }
}

#[component]
fn HealthTable(report: SystemHealth) -> impl IntoView {
    let i18n = use_i18n();
    let overall = report.status;
    let services: Vec<_> = report.services.into_iter().collect();
    view! {
        <p class="overall">
            {tr(K::Overall)} ": "
            <span class=status_class(overall) data-testid="overall" data-status=status_name(overall)>
                {tr(status_key(overall))}
            </span>
        </p>
        <div class="table-wrap">
            <table class="data-table" data-testid="health-table">
                <thead>
                    <tr>
                        <th scope="col">{tr(K::ColService)}</th>
                        <th scope="col">{tr(K::ColStatus)}</th>
                        <th scope="col" class="num">{tr(K::ColLatency)}</th>
                        <th scope="col">{tr(K::ColDetail)}</th>
                    </tr>
                </thead>
                <tbody>
                    {move || {
                        let lang = i18n.get();
                        services
                            .iter()
                            .map(|(name, service)| {
                                let detail = service.error.clone().unwrap_or_else(|| {
                                    service
                                        .readiness
                                        .as_ref()
                                        .map(|r| {
                                            r.checks
                                                .iter()
                                                .map(|(check, c)| format!("{check}: {}", status_key(c.status).text(lang)))
                                                .collect::<Vec<_>>()
                                                .join(" · ")
                                        })
                                        .unwrap_or_default()
                                });
                                let version = service.readiness.as_ref().map(|r| r.version.clone());
                                view! {
                                    <tr data-service=name.clone() data-status=status_name(service.status)>
                                        <th scope="row">
                                            {name.clone()}
                                            {version.map(|v| view! { <span class="muted">" " {v}</span> })}
                                        </th>
                                        <td>
                                            <span class=status_class(service.status)>
                                                {status_key(service.status).text(lang)}
                                            </span>
                                        </td>
                                        <td class="num">{format!("{} ms", service.latency_ms)}</td>
                                        <td class="detail">{detail}</td>
                                    </tr>
                                }
                            })
                            .collect_view()
                    }}
                </tbody>
            </table>
        </div>
    }
}
