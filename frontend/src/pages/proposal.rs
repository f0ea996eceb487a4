//! One proposal: the member's full drafting form, and the proposal page with its status
//! timeline (from the audit trail), the member's submit / resubmit, and the staff's review:
//! scores against the four principles with the platform's geographic suggestion, and the
//! decision (approve, return, reject) with the two-approver rule in view.

use std::collections::BTreeSet;

use api_types::Role;
use api_types::membership::MemberResponse;
use api_types::money::{Currency, Money};
use api_types::projects::{
    BudgetCategory, BudgetLine, CreateApproval, CreateProject, CreateReview, DeliveryMethod, PrincipleScore,
    ProjectResponse, ProjectStatus, ReviewsResponse, Theme, TransitionRequest, TransitionResponse,
};
use chrono::NaiveDate;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::{use_navigate, use_params_map};
use uuid::Uuid;

use crate::api::{self, ApiError};
use crate::components::{Created, ErrorBox, PageHeader, async_view, short_date, use_flash};
use crate::fetch::use_fetch;
use crate::forms::{Form, FormActions, SelectField, TextField};
use crate::i18n::{
    self, K, Lang, budget_category_key, method_key, objective_key, project_status_key, role_key, theme_key, tr,
    use_i18n,
};
use crate::query::Query;
use crate::reference::{region_name, use_regions};
use crate::session::use_session;

const LIST: &str = "/projects";
const TITLE_MAX: usize = 200;
const SUMMARY_MAX: usize = 5000;
const DESCRIPTION_MAX: usize = 200;
const REASON_MAX: usize = 2000;
const COMMENT_MAX: usize = 2000;

/// One budget line as typed: text until the form is sent, so nothing typed is ever lost.
#[derive(Debug, Clone, Copy)]
struct LineRow {
    category: RwSignal<String>,
    description: RwSignal<String>,
    amount: RwSignal<String>,
    currency: RwSignal<String>,
}

impl LineRow {
    fn from_line(line: &BudgetLine) -> LineRow {
        LineRow {
            category: RwSignal::new(line.category.as_str().to_owned()),
            description: RwSignal::new(line.description.clone()),
            amount: RwSignal::new(line.amount.amount()),
            currency: RwSignal::new(line.amount.currency.code().to_owned()),
        }
    }

    fn new() -> LineRow {
        LineRow {
            category: RwSignal::new(String::new()),
            description: RwSignal::new(String::new()),
            amount: RwSignal::new(String::new()),
            currency: RwSignal::new("CHF".to_owned()),
        }
    }
}

/// The budget line `i` as the API wants it, after recording what is wrong with it.
fn parse_line(form: Form, i: usize, row: LineRow) -> Option<BudgetLine> {
    let field = |name: &str| format!("budget_lines[{i}].{name}");
    let category = BudgetCategory::parse(&row.category.get_untracked());
    if category.is_none() {
        form.fields.local(&field("category"), K::Required);
    }
    let description = row.description.get_untracked().trim().to_owned();
    if description.chars().count() > DESCRIPTION_MAX {
        form.fields.local(&field("description"), K::ErrTooLong);
    }
    let currency = Currency::parse(row.currency.get_untracked().trim().to_uppercase().as_str());
    if currency.is_none() {
        form.fields.local(&field("currency"), K::ErrCurrency);
    }
    let amount = currency.and_then(|c| Money::parse(&row.amount.get_untracked(), c).ok()).filter(|m| m.minor > 0);
    if currency.is_some() && amount.is_none() {
        form.fields.local(&field("amount"), K::ErrAmount);
    }
    Some(BudgetLine { category: category?, description, amount: amount? })
}

/// A date input's value: empty is "not set"; anything else must be a date.
fn parse_date(form: Form, field: &str, value: &str) -> Option<NaiveDate> {
    let value = value.trim();
    if value.is_empty() {
        return None;
    }
    let date = value.parse::<NaiveDate>().ok();
    if date.is_none() {
        form.fields.local(field, K::ErrDate);
    }
    date
}

/// `/projects/new`: the member's form for a new project proposal.
#[component]
pub fn NewProposalPage() -> impl IntoView {
    view! { <ProposalForm initial=None /> }
}

/// `/projects/{id}/edit`: the same form over a draft or returned proposal (sent whole, `PUT`).
#[component]
pub fn EditProposalPage() -> impl IntoView {
    let params = use_params_map();
    let id = Memo::new(move |_| params.read().get("id").and_then(|s| Uuid::parse_str(&s).ok()));
    let loaded = use_fetch(
        move || id.get(),
        |id| async move {
            match id {
                Some(id) => api::project(id).await,
                None => Err(api::not_found()),
            }
        },
    );
    async_view(loaded, |p: ProjectResponse| view! { <ProposalForm initial=Some(p) /> })
}

/// Everything a proposal says, all but the four basics optional while it is a draft; filled
/// from `initial` when editing.
#[component]
fn ProposalForm(initial: Option<ProjectResponse>) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let flash = use_flash();
    let navigate = use_navigate();
    let regions = use_regions();
    let editing = initial.as_ref().map(|p| p.id);
    let p = initial.as_ref();
    let text = |f: fn(&ProjectResponse) -> String| RwSignal::new(p.map(f).unwrap_or_default());
    let title = text(|p| p.title.clone());
    let summary = text(|p| p.summary.clone());
    let objective = text(|p| p.objective.to_string());
    let theme = text(|p| p.theme.as_str().to_owned());
    let methods =
        RwSignal::new(p.map(|p| p.delivery_methods.iter().copied().collect::<BTreeSet<_>>()).unwrap_or_default());
    let beneficiary_regions =
        RwSignal::new(p.map(|p| p.beneficiary_regions.iter().cloned().collect::<BTreeSet<_>>()).unwrap_or_default());
    let beneficiary_members =
        RwSignal::new(p.map(|p| p.beneficiary_members.iter().copied().collect::<BTreeSet<_>>()).unwrap_or_default());
    let lines =
        RwSignal::new(p.map(|p| p.budget_lines.iter().map(LineRow::from_line).collect::<Vec<_>>()).unwrap_or_default());
    let start = text(|p| p.planned_start.map(|d| d.to_string()).unwrap_or_default());
    let end = text(|p| p.planned_end.map(|d| d.to_string()).unwrap_or_default());
    let form = Form::new();
    // The member bodies the account may name: a member account sees its own.
    let members = use_fetch(
        || (),
        |()| async move {
            api::members(&Query::new().set("per_page", api_types::page::MAX_PER_PAGE)).await.map(|p| p.items)
        },
    );

    let submit = move |ev: SubmitEvent| {
        if !form.begin(&ev) {
            return;
        }
        let title = form.require_text("title", &title.get_untracked(), TITLE_MAX);
        let summary = form.require_text("summary", &summary.get_untracked(), SUMMARY_MAX);
        let objective = objective.get_untracked().parse::<u8>().ok().filter(|o| objective_key(*o).is_some());
        let objective = form.require("objective", objective);
        let theme = form.require("theme", Theme::parse(&theme.get_untracked()));
        let budget: Vec<Option<BudgetLine>> =
            lines.get_untracked().into_iter().enumerate().map(|(i, row)| parse_line(form, i, row)).collect();
        let planned_start = parse_date(form, "planned_start", &start.get_untracked());
        let planned_end = parse_date(form, "planned_end", &end.get_untracked());
        if !form.locally_valid() {
            return;
        }
        let (Some(objective), Some(theme)) = (objective, theme) else {
            return;
        };
        let Some(budget_lines) = budget.into_iter().collect::<Option<Vec<_>>>() else {
            return;
        };
        let body = CreateProject {
            delivery_methods: methods.get_untracked().into_iter().collect(),
            beneficiary_members: beneficiary_members.get_untracked().into_iter().collect(),
            beneficiary_regions: beneficiary_regions.get_untracked().into_iter().collect(),
            budget_lines,
            planned_start,
            planned_end,
            ..CreateProject::new(title, summary, objective, theme)
        };
        let navigate = navigate.clone();
        match editing {
            Some(id) => {
                form.send(session, async move { api::update_project(id, &body, &session.csrf()).await }, move |_| {
                    navigate(&format!("{LIST}/{id}"), NavigateOptions::default());
                })
            }
            None => {
                form.send(session, async move { api::create_project(&body, &session.csrf()).await }, move |project| {
                    flash.0.set(Some(Created { id: project.id, what: K::ProposalCreated, label: project.title }));
                    navigate(LIST, NavigateOptions::default());
                })
            }
        }
    };
    let objectives =
        (1..=5_u8).map(|o| (o.to_string(), Signal::derive(move || i18n::objective_label(i18n.get(), o)))).collect();
    let themes = Theme::ALL
        .into_iter()
        .map(|t| (t.as_str().to_owned(), Signal::derive(move || i18n.t(theme_key(t)).to_owned())))
        .collect();

    view! {
        <section class="page narrow" data-testid=if editing.is_some() { "edit-proposal-page" } else { "new-proposal-page" }>
            {if editing.is_some() {
                view! { <PageHeader title=K::EditProposalTitle intro=K::EditProposalIntro /> }.into_any()
            } else {
                view! { <PageHeader title=K::NewProposalTitle intro=K::NewProposalIntro /> }.into_any()
            }}
            {form.error_box()}
            <form class="form panel" on:submit=submit novalidate=true>
                <TextField form field="title" label=K::FieldTitle value=title maxlength=TITLE_MAX />
                <TextField form field="summary" label=K::FieldSummary value=summary rows=6 hint=K::HintSummary />
                <SelectField form field="objective" label=K::FieldObjective value=objective options=objectives />
                <SelectField form field="theme" label=K::FieldTheme value=theme options=themes />
                <p class="hint">{tr(K::HintDraft)}</p>
                <fieldset class="field checks" id="delivery_methods" aria-invalid=form.fields.invalid("delivery_methods")>
                    <legend>{tr(K::FieldDeliveryMethods)}</legend>
                    {DeliveryMethod::ALL
                        .into_iter()
                        .map(|m| {
                            let id = format!("method-{}", m.as_str());
                            let label_for = id.clone();
                            view! {
                                <label class="check" for=label_for>
                                    <input
                                        type="checkbox"
                                        id=id
                                        value=m.as_str()
                                        prop:checked=move || methods.with(|s| s.contains(&m))
                                        on:change=move |ev| {
                                            let on = event_target_checked(&ev);
                                            methods.update(|s| { if on { s.insert(m); } else { s.remove(&m); } });
                                        }
                                    />
                                    {tr(method_key(m))}
                                </label>
                            }
                        })
                        .collect_view()}
                    {form.fields.view("delivery_methods")}
                </fieldset>
                <fieldset class="field checks" id="beneficiary_regions">
                    <legend>{tr(K::FieldRegions)}</legend>
                    <p class="hint">{tr(K::HintBeneficiaries)}</p>
                    {move || regions.error().map(|error| view! { <ErrorBox error on_retry=move |()| regions.reload() /> })}
                    {move || {
                        let lang = i18n.get();
                        regions
                            .list()
                            .into_iter()
                            .map(|r| {
                                let id = format!("region-{}", r.code);
                            let label_for = id.clone();
                                let code = r.code.clone();
                                let checked = code.clone();
                                view! {
                                    <label class="check" for=label_for>
                                        <input
                                            type="checkbox"
                                            id=id
                                            value=r.code.clone()
                                            prop:checked=move || beneficiary_regions.with(|s| s.contains(&checked))
                                            on:change=move |ev| {
                                                let on = event_target_checked(&ev);
                                                let code = code.clone();
                                                beneficiary_regions.update(|s| { if on { s.insert(code); } else { s.remove(&code); } });
                                            }
                                        />
                                        {lang.pick(&r.name_en, &r.name_fr).to_owned()}
                                    </label>
                                }
                            })
                            .collect_view()
                    }}
                    {form.fields.view("beneficiary_regions")}
                    {form.fields.view("beneficiaries")}
                </fieldset>
                <fieldset class="field checks" id="beneficiary_members">
                    <legend>{tr(K::FieldMembers)}</legend>
                    {async_view(members, move |list: Vec<MemberResponse>| {
                        if list.is_empty() {
                            return view! { <p class="empty">{tr(K::NoMembersToChoose)}</p> }.into_any();
                        }
                        list.into_iter()
                            .map(|m| {
                                let id = format!("member-{}", m.id);
                            let label_for = id.clone();
                                let member = m.id;
                                view! {
                                    <label class="check" for=label_for>
                                        <input
                                            type="checkbox"
                                            id=id
                                            prop:checked=move || beneficiary_members.with(|s| s.contains(&member))
                                            on:change=move |ev| {
                                                let on = event_target_checked(&ev);
                                                beneficiary_members.update(|s| { if on { s.insert(member); } else { s.remove(&member); } });
                                            }
                                        />
                                        {format!("{} ({})", m.name, m.acronym)}
                                    </label>
                                }
                            })
                            .collect_view()
                            .into_any()
                    })}
                    {form.fields.view("beneficiary_members")}
                </fieldset>
                <BudgetEditor form lines />
                <div class="field-row">
                    <TextField form field="planned_start" label=K::FieldPlannedStart value=start kind="date" optional=true />
                    <TextField form field="planned_end" label=K::FieldPlannedEnd value=end kind="date" optional=true />
                </div>
                <FormActions form label=if editing.is_some() { K::SaveChanges } else { K::CreateProposal } cancel=LIST />
            </form>
        </section>
    }
}

/// The budget lines: one group of inputs per line, added and removed by buttons.
#[component]
fn BudgetEditor(form: Form, lines: RwSignal<Vec<LineRow>>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <fieldset class="field budget" id="budget_lines" data-testid="budget">
            <legend>{tr(K::FieldBudget)}</legend>
            <p class="hint">{tr(K::HintBudget)}</p>
            {move || {
                let rows = lines.get();
                if rows.is_empty() {
                    return view! { <p class="empty">{tr(K::NoBudgetLines)}</p> }.into_any();
                }
                rows.into_iter()
                    .enumerate()
                    .map(|(i, row)| view! { <BudgetLineInputs form i row lines /> })
                    .collect_view()
                    .into_any()
            }}
            {form.fields.view("budget_lines")}
            <button
                type="button"
                class="button secondary small"
                data-testid="add-line"
                on:click=move |_| lines.update(|l| l.push(LineRow::new()))
            >
                "+ "
                {move || i18n.t(K::AddBudgetLine)}
            </button>
        </fieldset>
    }
}

#[component]
fn BudgetLineInputs(form: Form, i: usize, row: LineRow, lines: RwSignal<Vec<LineRow>>) -> impl IntoView {
    let i18n = use_i18n();
    let field = move |name: &str| format!("budget_lines[{i}].{name}");
    let id = move |name: &str| format!("line-{i}-{name}");
    let text_input = move |name: &'static str, label: K, value: RwSignal<String>, mode: &'static str| {
        view! {
            <div class="field">
                <label for=id(name)>{tr(label)}</label>
                <input
                    id=id(name)
                    type="text"
                    inputmode=mode
                    aria-invalid=form.fields.invalid_at(field(name))
                    aria-describedby=format!("{}-error", field(name))
                    prop:value=move || value.get()
                    on:input=move |ev| value.set(event_target_value(&ev))
                />
                {form.fields.view_at(field(name))}
            </div>
        }
    };
    view! {
        <div class="budget-line" role="group" aria-label=move || i18n::budget_line_label(i18n.get(), i + 1) data-line=i>
            <div class="field">
                <label for=id("category")>{tr(K::FieldCategory)}</label>
                <select
                    id=id("category")
                    aria-invalid=form.fields.invalid_at(field("category"))
                    aria-describedby=format!("{}-error", field("category"))
                    on:change=move |ev| row.category.set(event_target_value(&ev))
                >
                    <option value="" selected=move || row.category.get().is_empty()>
                        {tr(K::Choose)}
                    </option>
                    {BudgetCategory::ALL
                        .into_iter()
                        .map(|c| {
                            view! {
                                <option value=c.as_str() selected=move || row.category.get() == c.as_str()>
                                    {tr(budget_category_key(c))}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
                {form.fields.view_at(field("category"))}
            </div>
            {text_input("description", K::FieldDescription, row.description, "text")}
            {text_input("amount", K::FieldAmount, row.amount, "decimal")}
            {text_input("currency", K::FieldCurrency, row.currency, "text")}
            <button
                type="button"
                class="button secondary small"
                aria-label=move || format!("{} ({})", i18n.t(K::RemoveLine), i18n::budget_line_label(i18n.get(), i + 1))
                on:click=move |_| {
                    // Server and local problems name lines by position: after a removal they
                    // would point at the wrong line.
                    form.fields.clear();
                    lines.update(|l| {
                        if i < l.len() {
                            l.remove(i);
                        }
                    });
                }
            >
                "×"
            </button>
        </div>
    }
}

/// Everything the proposal page shows, loaded together so that it changes all at once after an
/// action.
#[derive(Debug, Clone)]
struct Loaded {
    project: ProjectResponse,
    trail: Vec<TransitionResponse>,
    /// Staff and committee only, and only once the review has begun.
    reviews: Option<ReviewsResponse>,
}

async fn load(id: Uuid, role: Option<Role>) -> Result<Loaded, ApiError> {
    let project = api::project(id).await?;
    let trail = api::transitions(id).await?;
    let reviews = match (role, project.status) {
        (Some(Role::Staff | Role::Committee), ProjectStatus::UnderReview) => Some(api::reviews(id).await?),
        _ => None,
    };
    Ok(Loaded { project, trail, reviews })
}

/// `/projects/{id}`: one proposal or project.
#[component]
pub fn ProposalPage() -> impl IntoView {
    let params = use_params_map();
    let session = use_session();
    let id = Memo::new(move |_| params.read().get("id").and_then(|s| Uuid::parse_str(&s).ok()));
    let role = Memo::new(move |_| session.role());
    let loaded = use_fetch(
        move || (id.get(), role.get()),
        |(id, role)| async move {
            match id {
                Some(id) => load(id, role).await,
                None => Err(api::not_found()),
            }
        },
    );
    let reload = Callback::new(move |()| loaded.reload());
    view! {
        <section class="page" data-testid="proposal">
            <PageHeader title=K::ProposalTitle>
                <a class="button secondary" href=LIST>
                    "← "
                    {tr(K::BackToProposals)}
                </a>
            </PageHeader>
            {async_view(loaded, move |l: Loaded| view! { <ProposalView loaded=l role=role.get_untracked() reload /> })}
        </section>
    }
}

#[component]
fn ProposalView(loaded: Loaded, role: Option<Role>, reload: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let regions = use_regions();
    let Loaded { project: p, trail, reviews } = loaded;
    let status = p.status;
    let returned_reason = (status == ProjectStatus::Returned)
        .then(|| {
            trail
                .iter()
                .rev()
                .find(|t| t.to == ProjectStatus::Returned && t.from != t.to)
                .and_then(|t| t.reason.clone())
        })
        .flatten();
    let member_actions = role == Some(Role::Member) && matches!(status, ProjectStatus::Draft | ProjectStatus::Returned);
    let staff = role == Some(Role::Staff);
    let project_for_review = p.clone();
    view! {
        <article class="proposal" data-id=p.id.to_string() data-status=status.as_str()>
            <header class="proposal-head">
                <h2 data-testid="proposal-title">{p.title.clone()}</h2>
                <span class=format!("status status-{}", status.as_str()) data-testid="proposal-status">
                    {tr(project_status_key(status))}
                </span>
            </header>
            {returned_reason
                .map(|reason| {
                    view! {
                        <div class="alert alert-warning" role="status" data-testid="returned-reason">
                            <p class="alert-title">{tr(K::ReturnedBecause)}</p>
                            <p>{reason}</p>
                        </div>
                    }
                })}
            {member_actions
                .then(|| {
                    view! {
                        <p>
                            <a class="button secondary" href=format!("{LIST}/{}/edit", p.id) data-testid="edit-proposal">
                                {tr(K::EditProposal)}
                            </a>
                        </p>
                        <SubmitBox id=p.id status reload />
                    }
                })}
            {(staff && status == ProjectStatus::Submitted)
                .then(|| {
                    view! {
                        <ActionButton
                            id=p.id
                            to=ProjectStatus::UnderReview
                            label=K::StartReview
                            testid="start-review"
                            reload
                        />
                    }
                })}
            <div class="proposal-grid">
                <section class="panel" aria-labelledby="details-h">
                    <h3 id="details-h">{tr(K::SectionDetails)}</h3>
                    <p class="summary">{p.summary.clone()}</p>
                    <dl class="facts">
                        <dt>{tr(K::FieldObjective)}</dt>
                        <dd>{move || i18n::objective_label(i18n.get(), p.objective)}</dd>
                        <dt>{tr(K::FieldTheme)}</dt>
                        <dd>{tr(theme_key(p.theme))}</dd>
                        <dt>{tr(K::FieldDeliveryMethods)}</dt>
                        <dd data-testid="methods">
                            {dash_list(p.delivery_methods.iter().map(|m| method_key(*m)).collect())}
                        </dd>
                        <dt>{tr(K::FieldRegions)}</dt>
                        <dd data-testid="regions">
                            {
                                let codes = p.regions.clone();
                                move || {
                                    let lang = i18n.get();
                                    names_or_dash(codes.iter().map(|c| region_name(lang, regions, c)).collect())
                                }
                            }
                        </dd>
                        <dt>{tr(K::PlannedDates)}</dt>
                        <dd>
                            {format!(
                                "{} – {}",
                                p.planned_start.map(|d| d.to_string()).unwrap_or_else(|| "…".to_owned()),
                                p.planned_end.map(|d| d.to_string()).unwrap_or_else(|| "…".to_owned()),
                            )}
                        </dd>
                    </dl>
                    <BudgetTable project=p.clone() />
                </section>
                <section class="panel" aria-labelledby="timeline-h">
                    <h3 id="timeline-h">{tr(K::SectionTimeline)}</h3>
                    <Timeline created=p.created_at trail />
                </section>
            </div>
            {(staff || role == Some(Role::Committee))
                .then(|| {
                    view! { <ApprovalsLine project=p.clone() /> }
                })}
            {(staff && status == ProjectStatus::UnderReview)
                .then(move || {
                    view! {
                        <ReviewForm project=project_for_review.clone() reviews=reviews.clone() reload />
                        <DecisionForm project=project_for_review.clone() reload />
                    }
                })}
        </article>
    }
}

fn dash_list(keys: Vec<K>) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        let lang = i18n.get();
        names_or_dash(keys.iter().map(|k| k.text(lang).to_owned()).collect())
    }
}

fn names_or_dash(names: Vec<String>) -> String {
    if names.is_empty() { "—".to_owned() } else { names.join(", ") }
}

fn money(m: &Money) -> String {
    format!("{} {}", m.amount(), m.currency)
}

#[component]
fn BudgetTable(project: ProjectResponse) -> impl IntoView {
    if project.budget_lines.is_empty() {
        return view! { <p class="empty">{tr(K::NoBudgetLines)}</p> }.into_any();
    }
    view! {
        <div class="table-wrap">
            <table class="data-table" data-testid="budget-table">
                <caption>{tr(K::FieldBudget)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{tr(K::FieldCategory)}</th>
                        <th scope="col">{tr(K::FieldDescription)}</th>
                        <th scope="col" class="num">{tr(K::FieldAmount)}</th>
                    </tr>
                </thead>
                <tbody>
                    {project
                        .budget_lines
                        .iter()
                        .map(|l| {
                            view! {
                                <tr>
                                    <td>{tr(budget_category_key(l.category))}</td>
                                    <td>{l.description.clone()}</td>
                                    <td class="num nowrap">{money(&l.amount)}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
                <tfoot>
                    {project
                        .budget_totals
                        .iter()
                        .map(|t| {
                            view! {
                                <tr>
                                    <th scope="row" colspan="2">{tr(K::BudgetTotal)}</th>
                                    <td class="num nowrap" data-testid="budget-total">{money(t)}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tfoot>
            </table>
        </div>
    }
    .into_any()
}

/// The reason of a step of the trail: a person's words, or the fields an edit changed (named
/// by the service, shown with the form's labels).
#[derive(Debug, Clone)]
enum Reason {
    Said(String),
    Edited(String),
}

impl Reason {
    fn text(&self, lang: Lang) -> String {
        match self {
            Reason::Said(words) => words.clone(),
            Reason::Edited(fields) => fields
                .split(", ")
                .map(|f| field_label(f).map(|k| k.text(lang).to_owned()).unwrap_or_else(|| f.to_owned()))
                .collect::<Vec<_>>()
                .join(", "),
        }
    }
}

/// The form's label of a proposal field, by its name on the wire.
fn field_label(field: &str) -> Option<K> {
    Some(match field {
        "title" => K::FieldTitle,
        "summary" => K::FieldSummary,
        "objective" => K::FieldObjective,
        "theme" => K::FieldTheme,
        "delivery_methods" => K::FieldDeliveryMethods,
        "beneficiary_members" => K::FieldMembers,
        "beneficiary_regions" => K::FieldRegions,
        "budget_lines" => K::FieldBudget,
        "planned_start" => K::FieldPlannedStart,
        "planned_end" => K::FieldPlannedEnd,
        _ => return None,
    })
}

/// The audit trail as a timeline, oldest first, beginning with the draft.
#[component]
fn Timeline(created: chrono::DateTime<chrono::Utc>, trail: Vec<TransitionResponse>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <ol class="timeline" data-testid="timeline">
            <li data-to="draft">
                <span class="when">{short_date(&created)}</span>
                <span class="what">{tr(K::TimelineDrafted)}</span>
            </li>
            {trail
                .into_iter()
                .map(|t| {
                    let who = Role::parse(&t.by_role).map(role_key).unwrap_or(K::ByFunding);
                    // An edit is a step that keeps the status; its reason names the fields.
                    let edited = t.from == t.to;
                    let label = if edited { K::TimelineEdited } else { project_status_key(t.to) };
                    let reason = t.reason.map(|r| match r.strip_prefix("edited: ").filter(|_| edited) {
                        Some(fields) => Reason::Edited(fields.to_owned()),
                        None => Reason::Said(r),
                    });
                    view! {
                        <li data-to=t.to.as_str() data-edit=edited.then_some("true")>
                            <span class="when">{short_date(&t.at)}</span>
                            <span class="what">
                                <span class=format!("status status-{}", if edited { "edited" } else { t.to.as_str() })>
                                    {tr(label)}
                                </span>
                                " · "
                                <span class="who">{tr(who)}</span>
                            </span>
                            {reason.map(|r| view! { <p class="reason">{move || r.text(i18n.get())}</p> })}
                        </li>
                    }
                })
                .collect_view()}
        </ol>
    }
}

/// "Approvals: 1 of 2 needed", and why two may be needed.
#[component]
fn ApprovalsLine(project: ProjectResponse) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let given = project.approved_by.len();
    let needed = project.approvals_needed;
    let me = session.auth.with_untracked(|a| match a {
        crate::session::Auth::SignedIn(me) => Some(me.id),
        _ => None,
    });
    let mine = me.is_some_and(|me| project.approved_by.contains(&me));
    view! {
        <div class="approvals panel" data-testid="approvals" data-given=given data-needed=needed>
            <p>
                <strong>{move || i18n::approvals_count(i18n.get(), given, needed)}</strong>
            </p>
            <p class="hint">{tr(K::TwoApproverRule)}</p>
            {(mine && (given as u32) < needed)
                .then(|| view! { <p class="alert alert-info" role="status">{tr(K::ApprovedByYou)}</p> })}
        </div>
    }
}

/// A button that moves the project to `to` and reloads the page, showing a failure next to it.
#[component]
fn ActionButton(id: Uuid, to: ProjectStatus, label: K, testid: &'static str, reload: Callback<()>) -> impl IntoView {
    let session = use_session();
    let form = Form::new();
    let i18n = use_i18n();
    let click = move |_| {
        if form.busy.get_untracked() {
            return;
        }
        form.clear();
        let body = TransitionRequest { to, reason: None };
        form.send(session, async move { api::transition(id, &body, &session.csrf()).await }, move |_| reload.run(()));
    };
    view! {
        <div class="action-box">
            {form.error_box()}
            <button type="button" class="button" data-testid=testid disabled=move || form.busy.get() on:click=click>
                {move || if form.busy.get() { i18n.t(K::Working) } else { i18n.t(label) }}
            </button>
        </div>
    }
}

/// The member's "submit" (or "resubmit" after a return), listing what is missing when the
/// service says the proposal is incomplete.
#[component]
fn SubmitBox(id: Uuid, status: ProjectStatus, reload: Callback<()>) -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let form = Form::new();
    let missing = RwSignal::new(Vec::<(String, String)>::new());
    let label = if status == ProjectStatus::Returned { K::ResubmitProposal } else { K::SubmitProposal };
    let click = move |_| {
        if form.busy.get_untracked() {
            return;
        }
        form.clear();
        missing.set(Vec::new());
        let body = TransitionRequest { to: ProjectStatus::Submitted, reason: None };
        form.busy.set(true);
        leptos::task::spawn_local(async move {
            match api::transition(id, &body, &session.csrf()).await {
                Ok(_) => reload.run(()),
                Err(error) => {
                    if error.is_unauthorized() {
                        session.signed_out();
                    }
                    missing.try_set(error.field_errors().into_iter().collect());
                    form.failed(error);
                }
            }
        });
    };
    view! {
        <div class="panel submit-box" data-testid="submit-box">
            <p class="hint">{tr(K::SubmitHint)}</p>
            {form.error_box()}
            {move || {
                let list = missing.get();
                (!list.is_empty())
                    .then(|| {
                        view! {
                            <div class="alert alert-warning" data-testid="missing">
                                <p class="alert-title">{tr(K::Incomplete)}</p>
                                <ul>
                                    {list
                                        .into_iter()
                                        .map(|(field, problem)| view! { <li data-field=field>{problem}</li> })
                                        .collect_view()}
                                </ul>
                            </div>
                        }
                    })
            }}
            <button
                type="button"
                class="button"
                data-testid="submit-proposal"
                disabled=move || form.busy.get()
                on:click=click
            >
                {move || if form.busy.get() { i18n.t(K::Working) } else { i18n.t(label) }}
            </button>
        </div>
    }
}

/// One principle's score and comment.
#[derive(Debug, Clone, Copy)]
struct Principle {
    field: &'static str,
    label: K,
    score: RwSignal<String>,
    comment: RwSignal<String>,
}

impl Principle {
    fn new(field: &'static str, label: K, given: Option<&PrincipleScore>) -> Principle {
        Principle {
            field,
            label,
            score: RwSignal::new(given.map(|g| g.score.to_string()).unwrap_or_default()),
            comment: RwSignal::new(given.map(|g| g.comment.clone()).unwrap_or_default()),
        }
    }

    fn read(&self, form: Form) -> Option<PrincipleScore> {
        let score = self.score.get_untracked().parse::<i64>().ok().filter(|s| (0..=5).contains(s));
        let score = form.require(&format!("{}.score", self.field), score);
        // The service wants every score explained.
        let comment = form.require_text(&format!("{}.comment", self.field), &self.comment.get_untracked(), COMMENT_MAX);
        Some(PrincipleScore { score: score?, comment })
    }
}

/// The staff's scores for the four principles, pre-filled with the reviewer's own earlier
/// scores of this round, with the geographic suggestion beside the geographic score.
#[component]
fn ReviewForm(project: ProjectResponse, reviews: Option<ReviewsResponse>, reload: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let regions = use_regions();
    let form = Form::new();
    let saved = RwSignal::new(false);
    let me = session.auth.with_untracked(|a| match a {
        crate::session::Auth::SignedIn(me) => Some(me.id),
        _ => None,
    });
    let reviews = reviews.unwrap_or(ReviewsResponse { items: Vec::new(), geographic_suggestion: None });
    let mine = reviews.items.iter().find(|r| Some(r.reviewer) == me).cloned();
    let suggestion = reviews.geographic_suggestion.clone();
    let principles = [
        Principle::new("objective_oriented", K::PrincipleObjective, mine.as_ref().map(|r| &r.objective_oriented)),
        Principle::new("topic_oriented", K::PrincipleTopic, mine.as_ref().map(|r| &r.topic_oriented)),
        Principle::new("delivery_oriented", K::PrincipleDelivery, mine.as_ref().map(|r| &r.delivery_oriented)),
        Principle::new(
            "geographic",
            K::PrincipleGeographic,
            mine.as_ref().map(|r| &r.geographic).or(suggestion
                .as_ref()
                .map(|s| PrincipleScore { score: i64::from(s.score), comment: String::new() })
                .as_ref()),
        ),
    ];
    let id = project.id;
    let submit = move |ev: SubmitEvent| {
        if !form.begin(&ev) {
            return;
        }
        saved.set(false);
        let read: Vec<Option<PrincipleScore>> = principles.iter().map(|p| p.read(form)).collect();
        if !form.locally_valid() {
            return;
        }
        let Some([o, t, d, g]) = read.into_iter().collect::<Option<Vec<_>>>().and_then(|v| <[_; 4]>::try_from(v).ok())
        else {
            return;
        };
        let body = CreateReview { objective_oriented: o, topic_oriented: t, delivery_oriented: d, geographic: g };
        form.send(session, async move { api::create_review(id, &body, &session.csrf()).await }, move |_| {
            saved.set(true);
            reload.run(());
        });
    };
    let others = reviews.items.clone();
    view! {
        <section class="panel review" aria-labelledby="review-h" data-testid="review">
            <h3 id="review-h">{tr(K::SectionReview)}</h3>
            {match suggestion {
                Some(s) => {
                    let rows = s.regions.clone();
                    view! {
                        <div class="suggestion" data-testid="geo-suggestion" data-score=s.score>
                            <p>{move || i18n::geo_suggestion(i18n.get(), s.score)}</p>
                            {(!rows.is_empty()).then(|| view! {
                            <table class="data-table compact">
                                <thead>
                                    <tr>
                                        <th scope="col">{tr(K::GeoRegion)}</th>
                                        <th scope="col" class="num">{tr(K::GeoReceived)}</th>
                                    </tr>
                                </thead>
                                <tbody>
                                    {rows
                                        .into_iter()
                                        .map(|r| {
                                            let code = r.region.clone();
                                            view! {
                                                <tr>
                                                    <td>{move || region_name(i18n.get(), regions, &code)}</td>
                                                    <td class="num nowrap">{money(&r.allocated)}</td>
                                                </tr>
                                            }
                                        })
                                        .collect_view()}
                                </tbody>
                            </table>
                            })}
                        </div>
                    }
                        .into_any()
                }
                None => {
                    view! {
                        <p class="hint" data-testid="geo-suggestion" data-score="">
                            {tr(K::GeoUnavailable)}
                        </p>
                    }
                        .into_any()
                }
            }}
            {form.error_box()}
            {move || saved.get().then(|| view! { <p class="alert alert-success" role="status">{tr(K::ReviewSaved)}</p> })}
            <form class="form" on:submit=submit novalidate=true>
                {principles
                    .into_iter()
                    .map(|p| {
                        let score_id = format!("{}.score", p.field);
                        let comment_id = format!("{}.comment", p.field);
                        view! {
                            <fieldset class="principle">
                                <legend>{tr(p.label)}</legend>
                                <div class="field-row">
                                    <div class="field">
                                        <label for=score_id.clone()>{tr(K::FieldScore)}</label>
                                        <select
                                            id=score_id.clone()
                                            aria-invalid=form.fields.invalid_at(score_id.clone())
                                            aria-describedby=format!("{score_id}-error")
                                            on:change=move |ev| p.score.set(event_target_value(&ev))
                                        >
                                            <option value="" selected=move || p.score.get().is_empty()>
                                                {tr(K::Choose)}
                                            </option>
                                            {(0..=5)
                                                .map(|n| {
                                                    let v = n.to_string();
                                                    let chosen = v.clone();
                                                    view! {
                                                        <option value=v.clone() selected=move || p.score.get() == chosen>
                                                            {v.clone()}
                                                        </option>
                                                    }
                                                })
                                                .collect_view()}
                                        </select>
                                        {form.fields.view_at(score_id.clone())}
                                    </div>
                                    <div class="field grow">
                                        <label for=comment_id.clone()>{tr(K::FieldComment)}</label>
                                        <input
                                            id=comment_id.clone()
                                            type="text"
                                            prop:value=move || p.comment.get()
                                            on:input=move |ev| p.comment.set(event_target_value(&ev))
                                        />
                                        {form.fields.view_at(comment_id)}
                                    </div>
                                </div>
                            </fieldset>
                        }
                    })
                    .collect_view()}
                <button type="submit" class="button" data-testid="save-review" disabled=move || form.busy.get()>
                    {move || if form.busy.get() { i18n.t(K::Saving) } else { i18n.t(K::SaveReview) }}
                </button>
            </form>
            {(!others.is_empty())
                .then(|| {
                    view! {
                        <h4>{tr(K::ReviewsSoFar)}</h4>
                        <ul class="reviews" data-testid="reviews">
                            {others
                                .into_iter()
                                .map(|r| {
                                    view! {
                                        <li data-total=r.total>
                                            {short_date(&r.updated_at)}
                                            " · "
                                            {move || i18n::review_total(i18n.get(), r.total)}
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ul>
                    }
                })}
        </section>
    }
}

/// Approve, return or reject, with the reason the member will read.
#[component]
fn DecisionForm(project: ProjectResponse, reload: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let form = Form::new();
    let reason = RwSignal::new(String::new());
    let id = project.id;
    let decide = move |to: ProjectStatus| {
        if form.busy.get_untracked() {
            return;
        }
        form.clear();
        let text = reason.get_untracked().trim().to_owned();
        let needs_reason = to != ProjectStatus::Approved;
        if needs_reason {
            form.require_text("reason", &text, REASON_MAX);
        }
        if !form.locally_valid() {
            return;
        }
        let reason = (!text.is_empty()).then_some(text);
        let csrf = session.csrf();
        form.send(
            session,
            async move {
                if to == ProjectStatus::Approved {
                    api::approve(id, &CreateApproval { reason }, &csrf).await
                } else {
                    api::transition(id, &TransitionRequest { to, reason }, &csrf).await
                }
            },
            move |_| reload.run(()),
        );
    };
    let button = move |to: ProjectStatus, label: K, class: &'static str, testid: &'static str| {
        view! {
            <button
                type="button"
                class=class
                data-testid=testid
                disabled=move || form.busy.get()
                on:click=move |_| decide(to)
            >
                {move || i18n.t(label)}
            </button>
        }
    };
    view! {
        <section class="panel decision" aria-labelledby="decision-h" data-testid="decision">
            <h3 id="decision-h">{tr(K::SectionDecision)}</h3>
            {form.error_box()}
            <TextField form field="reason" label=K::FieldReason value=reason rows=3 optional=true hint=K::HintReason />
            <div class="form-actions">
                {button(ProjectStatus::Approved, K::Approve, "button", "approve")}
                {button(ProjectStatus::Returned, K::ReturnToMember, "button secondary", "return")}
                {button(ProjectStatus::Rejected, K::Reject, "button danger", "reject")}
            </div>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn budget_lines_are_checked_and_named_by_position() {
        let owner = Owner::new();
        owner.with(|| {
            let form = Form::new();
            let good = LineRow::new();
            good.category.set("travel".to_owned());
            good.amount.set("1250.50".to_owned());
            let line = parse_line(form, 0, good);
            assert_eq!(line.map(|l| l.amount.minor), Some(125_050));
            assert!(form.fields.is_empty());

            let bad = LineRow::new();
            bad.amount.set("12.345".to_owned());
            bad.currency.set("XYZ".to_owned());
            assert!(parse_line(form, 3, bad).is_none());
            assert!(!form.fields.is_empty());
        });
    }

    #[test]
    fn an_edit_names_the_changed_fields_with_the_form_labels() {
        let edit = Reason::Edited("summary, budget_lines, something_new".to_owned());
        assert_eq!(edit.text(Lang::En), "Summary, Budget, something_new");
        assert_eq!(edit.text(Lang::Fr), "Résumé, Budget, something_new");
    }

    #[test]
    fn names_or_a_dash() {
        assert_eq!(names_or_dash(Vec::new()), "—");
        assert_eq!(names_or_dash(vec!["a".to_owned(), "b".to_owned()]), "a, b");
    }
}
