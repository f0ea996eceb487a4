//! ICT support: a member's requests (the staff see everyone's), the member's request form and
//! the assessment questionnaire.

use api_types::Page;
use api_types::Role;
use api_types::assessments::{
    CreateSupportRequest, QuestionnaireResponse, RequestStatus, SupportRequestResponse, Urgency,
};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::params::ParamsMap;

use crate::api;
use crate::components::{
    Created, CreatedNotice, CsvLink, PageHeader, Pagination, async_view, created_id, short_date, use_flash,
};
use crate::fetch::use_fetch;
use crate::filters::{ClearFilters, SelectFilter, use_go};
use crate::forms::{Form, FormActions, TextField};
use crate::i18n::{self, K, Lang, answer_kind_key, request_status_key, tr, urgency_key, use_i18n};
use crate::pages::members::{MemberNames, use_member_names};
use crate::query::{self, PER_PAGE, Query};
use crate::session::use_session;

const PATH: &str = "/ict-support";
const TEXT_MAX: usize = 5000;
const STATUSES: [RequestStatus; 5] = [
    RequestStatus::Open,
    RequestStatus::Assessing,
    RequestStatus::Scored,
    RequestStatus::Accepted,
    RequestStatus::Closed,
];
const URGENCIES: [Urgency; 3] = [Urgency::Low, Urgency::Medium, Urgency::High];

#[derive(Debug, Clone, Default, PartialEq)]
struct Filters {
    status: Option<RequestStatus>,
    page: u32,
}

impl Filters {
    fn from_query(map: &ParamsMap) -> Filters {
        Filters { status: query::text(map, "status").and_then(|s| RequestStatus::parse(&s)), page: query::page(map) }
    }

    fn without_page(&self) -> Query {
        Query::new().opt("status", self.status.map(RequestStatus::as_str))
    }

    fn api_query(&self) -> Query {
        self.without_page().set("page", self.page).set("per_page", PER_PAGE)
    }
}

#[component]
pub fn RequestsPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let role = Memo::new(move |_| session.role());
    let is_member = Memo::new(move |_| role.get() == Some(Role::Member));
    let query_map = use_query_map();
    let filters = Memo::new(move |_| Filters::from_query(&query_map.read()));
    let requests = use_fetch(move || filters.get().api_query(), |q| async move { api::support_requests(&q).await });
    let names = use_member_names(Signal::derive(move || role.get() == Some(Role::Staff)));

    let go = use_go(PATH);
    let apply = move |change: &dyn Fn(&mut Filters)| {
        let mut next = filters.get_untracked();
        change(&mut next);
        go(next.without_page());
    };
    let status_options = Signal::derive(move || {
        let lang = i18n.get();
        STATUSES.iter().map(|s| (s.as_str().to_owned(), request_status_key(*s).text(lang).to_owned())).collect()
    });

    view! {
        <section class="page" data-testid="ict-requests">
            {move || {
                let (title, intro) = if is_member.get() {
                    (K::IctTitleMember, K::IctIntroMember)
                } else {
                    (K::IctTitleStaff, K::IctIntroStaff)
                };
                view! {
                    <PageHeader title intro>
                        {is_member
                            .get()
                            .then(|| {
                                view! {
                                    <a class="button" href="/ict-support/new" data-testid="new-request">
                                        {tr(K::RequestIct)}
                                    </a>
                                }
                            })}
                        <a class="button secondary" href="/questionnaire" data-testid="questionnaire-link">
                            {tr(K::QuestionnaireTitle)}
                        </a>
                        <CsvLink api_path="/api/assessments/requests" filters=filters.get().without_page() />
                    </PageHeader>
                }
            }}
            <CreatedNotice what=K::RequestCreated />
            <div class="filters" role="group" aria-label=tr(K::Filters)>
                <SelectFilter
                    id="filter-status"
                    label=K::ColStatus
                    all=K::AllStatuses
                    options=status_options
                    selected=Signal::derive(move || filters.get().status.map(|s| s.as_str().to_owned()))
                    on_select={
                        let apply = apply.clone();
                        move |v: Option<String>| {
                            apply(&|f: &mut Filters| f.status = v.as_deref().and_then(RequestStatus::parse))
                        }
                    }
                />
                <ClearFilters on_clear=move |()| apply(&|f: &mut Filters| *f = Filters::default()) />
            </div>
            {async_view(requests, move |page| view! { <RequestTable page filters=filters.get_untracked() names /> })}
        </section>
    }
}

#[component]
fn RequestTable(page: Page<SupportRequestResponse>, filters: Filters, names: MemberNames) -> impl IntoView {
    let i18n = use_i18n();
    if page.items.is_empty() {
        return view! {
            <p class="empty" data-testid="empty">
                {tr(if filters.without_page().is_empty() { K::NoRequestsYet } else { K::NoRequests })}
            </p>
        }
        .into_any();
    }
    let (current, pages, total) = (page.page, page.page_count(), page.total);
    let rows = page.items;
    let highlight = created_id(K::RequestCreated);
    view! {
        <div class="table-wrap">
            <table class="data-table" data-testid="requests-table">
                <thead>
                    <tr>
                        <th scope="col">{tr(K::ColNeeds)}</th>
                        {move || names.enabled().then(|| view! { <th scope="col">{tr(K::ColMember)}</th> })}
                        <th scope="col">{tr(K::ColUrgency)}</th>
                        <th scope="col">{tr(K::ColStatus)}</th>
                        <th scope="col">{tr(K::ColCreated)}</th>
                    </tr>
                </thead>
                <tbody>
                    {move || {
                        let lang = i18n.get();
                        rows.iter().map(|r| request_row(lang, r, names, highlight == Some(r.id))).collect_view()
                    }}
                </tbody>
            </table>
        </div>
        <Pagination path=PATH filters=filters.without_page() page=current pages total />
    }
    .into_any()
}

fn request_row(lang: Lang, r: &SupportRequestResponse, names: MemberNames, new: bool) -> impl IntoView + use<> {
    view! {
        <tr data-id=r.id.to_string() data-status=r.status.as_str() class:row-new=new>
            <th scope="row">
                <a class="row-title" href=format!("{PATH}/{}", r.id)>{r.needs.clone()}</a>
                <span class="row-summary">{r.context.clone()}</span>
            </th>
            {names.enabled().then(|| view! { <td>{names.name(r.member_id)}</td> })}
            <td>
                <span class=format!("urgency urgency-{}", r.urgency.as_str())>{urgency_key(r.urgency).text(lang)}</span>
            </td>
            <td>{request_status_key(r.status).text(lang)}</td>
            <td class="nowrap">{short_date(&r.created_at)}</td>
        </tr>
    }
}

/// The member's "request ICT support" form.
#[component]
pub fn NewRequestPage() -> impl IntoView {
    let session = use_session();
    let flash = use_flash();
    let navigate = use_navigate();
    let needs = RwSignal::new(String::new());
    let context = RwSignal::new(String::new());
    let urgency = RwSignal::new(Urgency::Medium);
    let form = Form::new();

    let submit = move |ev: SubmitEvent| {
        if !form.begin(&ev) {
            return;
        }
        let needs = form.require_text("needs", &needs.get_untracked(), TEXT_MAX);
        let context = form.require_text("context", &context.get_untracked(), TEXT_MAX);
        if !form.locally_valid() {
            return;
        }
        let body = CreateSupportRequest { needs, context, urgency: urgency.get_untracked() };
        let navigate = navigate.clone();
        form.send(session, async move { api::create_support_request(&body, &session.csrf()).await }, move |request| {
            let label = request.needs.chars().take(80).collect();
            flash.0.set(Some(Created { id: request.id, what: K::RequestCreated, label }));
            navigate(PATH, NavigateOptions::default());
        });
    };

    view! {
        <section class="page narrow" data-testid="new-request-page">
            <PageHeader title=K::RequestIct intro=K::RequestIctIntro />
            {form.error_box()}
            <form class="form panel" on:submit=submit novalidate=true>
                <TextField form field="needs" label=K::FieldNeeds value=needs rows=4 />
                <TextField form field="context" label=K::FieldContext value=context rows=6 />
                <fieldset class="field">
                    <legend>{tr(K::FieldUrgency)}</legend>
                    <div class="radio-row">
                        {URGENCIES
                            .into_iter()
                            .map(|u| {
                                let id = format!("urgency-{}", u.as_str());
                                let label_for = id.clone();
                                view! {
                                    <label class="radio" for=label_for>
                                        <input
                                            type="radio"
                                            id=id
                                            name="urgency"
                                            value=u.as_str()
                                            prop:checked=move || urgency.get() == u
                                            on:change=move |_| urgency.set(u)
                                        />
                                        {tr(urgency_key(u))}
                                    </label>
                                }
                            })
                            .collect_view()}
                    </div>
                    {form.fields.view("urgency")}
                </fieldset>
                <FormActions form label=K::SendRequest cancel=PATH />
            </form>
        </section>
    }
}

/// The current ICT assessment questionnaire, read-only.
#[component]
pub fn QuestionnairePage() -> impl IntoView {
    let questionnaire = use_fetch(|| (), |()| api::questionnaire());
    view! {
        <section class="page" data-testid="questionnaire">
            <PageHeader title=K::QuestionnaireTitle intro=K::QuestionnaireIntro>
                <a class="button secondary" href=PATH>
                    {tr(K::NavIctSupport)}
                </a>
            </PageHeader>
            {async_view(questionnaire, |q| view! { <Questionnaire q /> })}
        </section>
    }
}

#[component]
fn Questionnaire(q: QuestionnaireResponse) -> impl IntoView {
    let i18n = use_i18n();
    let published = short_date(&q.published_at);
    let version = q.version;
    let sections = q.sections;
    view! {
        <p class="muted">{move || i18n::questionnaire_version(i18n.get(), version, &published)}</p>
        {move || {
            let lang = i18n.get();
            sections.iter().map(|s| section_view(lang, s)).collect_view()
        }}
    }
}

fn section_view(lang: Lang, s: &api_types::assessments::Section) -> impl IntoView + use<> {
    view! {
        <section class="panel q-section" data-section=s.code.clone()>
            <h2>{lang.pick(&s.title_en, &s.title_fr).to_owned()}</h2>
            <div class="table-wrap">
                <table class="data-table">
                    <thead>
                        <tr>
                            <th scope="col">{K::ColQuestion.text(lang)}</th>
                            <th scope="col">{K::ColAnswer.text(lang)}</th>
                            <th scope="col" class="num">{K::ColWeight.text(lang)}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {s
                            .questions
                            .iter()
                            .map(|question| {
                                view! {
                                    <tr data-code=question.code.clone()>
                                        <td>{lang.pick(&question.text_en, &question.text_fr).to_owned()}</td>
                                        <td>{answer_kind_key(question.kind).text(lang)}</td>
                                        <td class="num">{question.weight}</td>
                                    </tr>
                                }
                            })
                            .collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }
}
