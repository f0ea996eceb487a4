//! One ICT-support request: the member (or the assigned assessor) answers the maturity
//! questionnaire section by section — each section saved on its own, so the work can be left and
//! resumed — and submits it; the maturity per area is drawn as an SVG chart rendered here, with
//! what held each area back and the recommended package. Staff assign themselves as assessor,
//! edit the package and accept it, which turns it into a project proposal.

use std::collections::BTreeMap;

use api_types::Role;
use api_types::assessments::{
    AcceptPackage, AnswerKind, AnswerValue, AssessmentResponse, AssessmentStatus, AssignAssessor, ProposalResponse,
    ProposalState, QuestionnaireResponse, RecommendationResponse, RequestStatus, SaveSection, ScoreResponse, Section,
    SupportRequestResponse, UpdateRecommendation,
};
use api_types::money::{CHF, Money};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use uuid::Uuid;

use crate::api::{self, ApiError};
use crate::components::{PageHeader, async_view};
use crate::fetch::use_fetch;
use crate::forms::Form;
use crate::i18n::{self, K, Lang, budget_category_key, request_status_key, tr, use_i18n};
use crate::session::use_session;

const LIST: &str = "/ict-support";

/// Everything the page shows, loaded together so that it changes at once after an action.
#[derive(Debug, Clone)]
struct Loaded {
    request: SupportRequestResponse,
    questionnaire: QuestionnaireResponse,
    assessment: Option<AssessmentResponse>,
    score: Option<ScoreResponse>,
    recommendations: Vec<RecommendationResponse>,
    proposal: Option<ProposalResponse>,
}

async fn load(id: Uuid) -> Result<Loaded, ApiError> {
    let request = api::support_request(id).await?;
    let questionnaire = api::questionnaire().await?;
    let assessment = api::assessment(id).await?;
    let scored = matches!(request.status, RequestStatus::Scored | RequestStatus::Accepted);
    let (score, recommendations) =
        if scored { (Some(api::score(id).await?), api::recommendations(id).await?) } else { (None, Vec::new()) };
    let proposal = if request.status == RequestStatus::Accepted { api::package_proposal(id).await? } else { None };
    Ok(Loaded { request, questionnaire, assessment, score, recommendations, proposal })
}

/// `/ict-support/{id}`.
#[component]
pub fn SupportRequestPage() -> impl IntoView {
    let params = use_params_map();
    let id = Memo::new(move |_| params.read().get("id").and_then(|s| Uuid::parse_str(&s).ok()));
    let loaded = use_fetch(
        move || id.get(),
        |id| async move {
            match id {
                Some(id) => load(id).await,
                None => Err(api::not_found()),
            }
        },
    );
    let reload = Callback::new(move |()| loaded.reload());
    view! {
        <section class="page" data-testid="ict-request">
            <PageHeader title=K::IctRequestTitle>
                <a class="button secondary" href=LIST>
                    "← "
                    {tr(K::BackToRequests)}
                </a>
            </PageHeader>
            {async_view(loaded, move |l: Loaded| view! { <RequestView loaded=l reload /> })}
        </section>
    }
}

#[component]
fn RequestView(loaded: Loaded, reload: Callback<()>) -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let me = session.me();
    let role = me.as_ref().map(|m| m.role);
    let Loaded { request, questionnaire, assessment, score, recommendations, proposal } = loaded;
    let status = request.status;
    // Saving a section moves an open request to "assessing" without reloading the page (which
    // would redraw the questionnaire under the person's hands).
    let shown_status = RwSignal::new(status);
    let assessor = me.as_ref().is_some_and(|m| request.assessor_id == Some(m.id));
    let may_answer = matches!(status, RequestStatus::Open | RequestStatus::Assessing)
        && (role == Some(Role::Member) || (role == Some(Role::Staff) && assessor));
    let staff = role == Some(Role::Staff);
    let open = matches!(status, RequestStatus::Open | RequestStatus::Assessing);
    let me_id = me.map(|m| m.id);
    view! {
        <article class="ict-request" data-id=request.id.to_string() data-status=status.as_str()>
            <header class="proposal-head">
                <h2>{request.needs.clone()}</h2>
                <span
                    class=move || format!("status status-{}", shown_status.get().as_str())
                    data-testid="request-status"
                    data-status=move || shown_status.get().as_str()
                >
                    {move || i18n.t(request_status_key(shown_status.get()))}
                </span>
            </header>
            <p class="summary">{request.context.clone()}</p>
            {(staff && open && !assessor)
                .then(|| {
                    me_id.map(|me| view! { <AssignButton id=request.id me reload /> })
                })}
            {may_answer
                .then(|| {
                    view! {
                        <Questionnaire
                            id=request.id
                            questionnaire=questionnaire.clone()
                            assessment=assessment.clone()
                            status=shown_status
                            reload
                        />
                    }
                })}
            {score.map(|s| view! { <Maturity score=s /> })}
            {(!recommendations.is_empty() || status == RequestStatus::Scored)
                .then(|| {
                    view! {
                        <Package
                            id=request.id
                            items=recommendations.clone()
                            editable=staff && status == RequestStatus::Scored
                            reload
                        />
                    }
                })}
            {proposal.map(|p| view! { <ProposalNotice proposal=p /> })}
        </article>
    }
}

#[component]
fn AssignButton(id: Uuid, me: Uuid, reload: Callback<()>) -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let form = Form::new();
    let click = move |_| {
        if form.busy.get_untracked() {
            return;
        }
        form.clear();
        let body = AssignAssessor { assessor_id: me };
        form.send(session, async move { api::assign_assessor(id, &body, &session.csrf()).await }, move |_| {
            reload.run(())
        });
    };
    view! {
        <div class="action-box">
            {form.error_box()}
            <button type="button" class="button" data-testid="assign-me" disabled=move || form.busy.get() on:click=click>
                {move || if form.busy.get() { i18n.t(K::Working) } else { i18n.t(K::AssignMe) }}
            </button>
        </div>
    }
}

/// The text of an answer in an input: `""` for none, `"true"`/`"false"`, or the number.
fn answer_text(value: Option<AnswerValue>) -> String {
    match value {
        None => String::new(),
        Some(AnswerValue::Bool(b)) => b.to_string(),
        Some(AnswerValue::Int(n)) => n.to_string(),
    }
}

/// An input's text as an answer of `kind`: `Ok(None)` when empty, `Err(())` when it is not one.
fn parse_answer(kind: AnswerKind, text: &str) -> Result<Option<AnswerValue>, ()> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    match kind {
        AnswerKind::YesNo => match text {
            "true" => Ok(Some(AnswerValue::Bool(true))),
            "false" => Ok(Some(AnswerValue::Bool(false))),
            _ => Err(()),
        },
        AnswerKind::Scale => {
            text.parse::<i64>().ok().filter(|n| (0..=4).contains(n)).map(|n| Some(AnswerValue::Int(n))).ok_or(())
        }
        AnswerKind::Number => text.parse::<i64>().ok().filter(|n| *n >= 0).map(|n| Some(AnswerValue::Int(n))).ok_or(()),
    }
}

/// The questionnaire, one section at a time, with each section's progress in the tabs.
#[component]
fn Questionnaire(
    id: Uuid,
    questionnaire: QuestionnaireResponse,
    assessment: Option<AssessmentResponse>,
    status: RwSignal<RequestStatus>,
    reload: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let form = Form::new();
    let saved = RwSignal::new(false);
    let sections = questionnaire.sections.clone();
    let given: BTreeMap<String, AnswerValue> = assessment
        .as_ref()
        .map(|a| a.answers.iter().map(|x| (x.question.clone(), x.value)).collect())
        .unwrap_or_default();
    // One signal per question, kept while the person moves between sections: nothing typed in
    // an unsaved section is lost by looking at another.
    let answers: BTreeMap<String, RwSignal<String>> = sections
        .iter()
        .flat_map(|s| s.questions.iter())
        .map(|q| (q.code.clone(), RwSignal::new(answer_text(given.get(&q.code).copied()))))
        .collect();
    // Resume where the work stopped: the first section with a required answer missing.
    let first_open =
        assessment.as_ref().and_then(|a| a.progress.iter().position(|p| !p.missing.is_empty())).unwrap_or(0);
    let current = RwSignal::new(first_open);
    // What the service said after the last save: progress per section, and whether complete.
    let state = RwSignal::new(assessment);
    let complete = move || {
        state.with(|a| {
            a.as_ref().is_some_and(|a| {
                a.status != AssessmentStatus::Submitted && a.progress.iter().all(|p| p.missing.is_empty())
            })
        })
    };
    let count = sections.len();

    let save = {
        let sections = sections.clone();
        let answers = answers.clone();
        move |then_next: bool| {
            if form.busy.get_untracked() {
                return;
            }
            form.clear();
            saved.set(false);
            let Some(section) = sections.get(current.get_untracked()) else {
                return;
            };
            let mut body = BTreeMap::new();
            for q in &section.questions {
                let text = answers.get(&q.code).map(|s| s.get_untracked()).unwrap_or_default();
                match parse_answer(q.kind, &text) {
                    Ok(value) => {
                        body.insert(q.code.clone(), value);
                    }
                    Err(()) => form.fields.local(&format!("q-{}", q.code), K::ErrAnswer),
                }
            }
            if !form.locally_valid() {
                return;
            }
            let code = section.code.clone();
            let body = SaveSection { answers: body };
            form.send(
                session,
                async move { api::save_section(id, &code, &body, &session.csrf()).await },
                move |answer| {
                    state.try_set(Some(answer));
                    status.try_set(RequestStatus::Assessing);
                    saved.try_set(true);
                    form.busy.try_set(false);
                    if then_next && current.get_untracked() + 1 < count {
                        current.update(|c| *c += 1);
                    }
                },
            );
        }
    };
    let submit_form = Form::new();
    let submit = move |_| {
        if submit_form.busy.get_untracked() {
            return;
        }
        submit_form.clear();
        submit_form
            .send(session, async move { api::submit_assessment(id, &session.csrf()).await }, move |_| reload.run(()));
    };

    let tabs = sections
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let code = s.code.clone();
            let questions = s.questions.len() as u32;
            let progress = move || {
                state.with(|a| {
                    a.as_ref()
                        .and_then(|a| a.progress.iter().find(|p| p.section == code).map(|p| (p.answered, p.questions)))
                        .unwrap_or((0, questions))
                })
            };
            let title = s.clone();
            view! {
                <li>
                    <button
                        type="button"
                        class="tab"
                        data-section=s.code.clone()
                        aria-current=move || (current.get() == i).then_some("step")
                        on:click=move |_| {
                            form.clear();
                            saved.set(false);
                            current.set(i);
                        }
                    >
                        <span>{move || i18n.get().pick(&title.title_en, &title.title_fr).to_owned()}</span>
                        <span class="tab-progress">
                            {move || {
                                let (answered, total) = progress();
                                i18n::section_progress(i18n.get(), answered, total)
                            }}
                        </span>
                    </button>
                </li>
            }
        })
        .collect_view();

    view! {
        <section class="panel questionnaire" aria-labelledby="q-h" data-testid="questionnaire">
            <h3 id="q-h">{tr(K::AnswerTitle)}</h3>
            <p class="hint">{tr(K::QuestionnaireResume)}</p>
            <nav aria-label=tr(K::SectionsNav)>
                <ol class="tabs">{tabs}</ol>
            </nav>
            {form.error_box()}
            {move || saved.get().then(|| view! { <p class="alert alert-success" role="status" data-testid="section-saved">{tr(K::SectionSaved)}</p> })}
            {
                let sections = sections.clone();
                let answers = answers.clone();
                move || {
                    sections
                        .get(current.get())
                        .map(|s| view! { <SectionForm section=s.clone() answers=answers.clone() form /> })
                }
            }
            <div class="form-actions">
                <button
                    type="button"
                    class="button"
                    data-testid="save-next"
                    disabled=move || form.busy.get()
                    on:click={
                        let save = save.clone();
                        move |_| save(true)
                    }
                >
                    {move || if form.busy.get() { i18n.t(K::Saving) } else { i18n.t(K::SaveAndNext) }}
                </button>
                <button
                    type="button"
                    class="button secondary"
                    data-testid="save-section"
                    disabled=move || form.busy.get()
                    on:click=move |_| save(false)
                >
                    {tr(K::SaveSection)}
                </button>
            </div>
            {move || complete()
                .then(|| {
                    view! {
                        <div class="submit-box">
                            <p class="hint">{tr(K::SubmitAssessmentHint)}</p>
                            {submit_form.error_box()}
                            <button
                                type="button"
                                class="button"
                                data-testid="submit-assessment"
                                disabled=move || submit_form.busy.get()
                                on:click=submit
                            >
                                {tr(K::SubmitAssessment)}
                            </button>
                        </div>
                    }
                })}
        </section>
    }
}

#[component]
fn SectionForm(section: Section, answers: BTreeMap<String, RwSignal<String>>, form: Form) -> impl IntoView {
    let i18n = use_i18n();
    let title = section.clone();
    view! {
        <fieldset class="q-section" data-section=section.code.clone()>
            <legend>{move || i18n.get().pick(&title.title_en, &title.title_fr).to_owned()}</legend>
            {section
                .questions
                .into_iter()
                .map(|q| {
                    let field = format!("q-{}", q.code);
                    let value = answers.get(&q.code).copied().unwrap_or_else(|| RwSignal::new(String::new()));
                    let text = (q.text_en.clone(), q.text_fr.clone());
                    let help = (q.help_en.clone(), q.help_fr.clone());
                    let has_help = !q.help_en.is_empty();
                    let input = match q.kind {
                        AnswerKind::Number => {
                            view! {
                                <input
                                    id=field.clone()
                                    type="number"
                                    min="0"
                                    step="1"
                                    inputmode="numeric"
                                    data-kind="number"
                                    aria-invalid=form.fields.invalid_at(field.clone())
                                    prop:value=move || value.get()
                                    on:input=move |ev| value.set(event_target_value(&ev))
                                />
                            }
                                .into_any()
                        }
                        kind => {
                            let options: Vec<(String, K)> = match kind {
                                AnswerKind::YesNo => vec![("true".to_owned(), K::Yes), ("false".to_owned(), K::No)],
                                _ => (0..=4)
                                    .map(|n| {
                                        let k = match n {
                                            0 => K::Scale0,
                                            1 => K::Scale1,
                                            2 => K::Scale2,
                                            3 => K::Scale3,
                                            _ => K::Scale4,
                                        };
                                        (n.to_string(), k)
                                    })
                                    .collect(),
                            };
                            view! {
                                <select
                                    id=field.clone()
                                    data-kind=if kind == AnswerKind::YesNo { "yes_no" } else { "scale" }
                                    aria-invalid=form.fields.invalid_at(field.clone())
                                    on:change=move |ev| value.set(event_target_value(&ev))
                                >
                                    <option value="" selected=move || value.get().is_empty()>
                                        {tr(K::NotAnswered)}
                                    </option>
                                    {options
                                        .into_iter()
                                        .map(|(v, k)| {
                                            let chosen = v.clone();
                                            view! {
                                                <option value=v selected=move || value.get() == chosen>
                                                    {tr(k)}
                                                </option>
                                            }
                                        })
                                        .collect_view()}
                                </select>
                            }
                                .into_any()
                        }
                    };
                    view! {
                        <div class="field question" data-code=q.code.clone()>
                            <label for=field.clone()>
                                {move || i18n.get().pick(&text.0, &text.1).to_owned()}
                                {(!q.required).then(|| view! { <span class="optional">" (" {tr(K::Optional)} ")"</span> })}
                            </label>
                            {has_help
                                .then(|| view! { <p class="hint">{move || i18n.get().pick(&help.0, &help.1).to_owned()}</p> })}
                            {input}
                            {form.fields.view_at(field)}
                        </div>
                    }
                })
                .collect_view()}
        </fieldset>
    }
}

/// The maturity levels per area as horizontal bars (SVG drawn here, no chart library), and what
/// held each area back.
#[component]
fn Maturity(score: ScoreResponse) -> impl IntoView {
    let i18n = use_i18n();
    let level = score.level;
    let sections = score.sections.clone();
    view! {
        <section class="panel maturity" aria-labelledby="m-h" data-testid="maturity" data-level=level>
            <h3 id="m-h">{tr(K::MaturityTitle)}</h3>
            <p>
                <strong>{move || i18n::maturity_level(i18n.get(), level)}</strong>
            </p>
            {move || maturity_chart(i18n.get(), &sections)}
            <div class="drags">
                {score
                    .sections
                    .iter()
                    .filter(|s| !s.pulled_down_by.is_empty())
                    .map(|s| {
                        let s = s.clone();
                        view! {
                            <details>
                                <summary>
                                    {
                                        let s = s.clone();
                                        move || {
                                            format!(
                                                "{} — {}",
                                                i18n.get().pick(&s.title_en, &s.title_fr),
                                                i18n.t(K::HeldBackBy),
                                            )
                                        }
                                    }
                                </summary>
                                <ul>
                                    {s
                                        .pulled_down_by
                                        .iter()
                                        .map(|d| {
                                            let d = d.clone();
                                            view! { <li>{move || i18n.get().pick(&d.text_en, &d.text_fr).to_owned()}</li> }
                                        })
                                        .collect_view()}
                                </ul>
                            </details>
                        }
                    })
                    .collect_view()}
            </div>
        </section>
    }
}

const CHART_WIDTH: u32 = 600;
const ROW_HEIGHT: u32 = 44;

/// One bar per area, the area's name above it, level 1 to 5 as a fifth of the width each.
fn maturity_chart(lang: Lang, sections: &[api_types::assessments::SectionScore]) -> impl IntoView + use<> {
    let height = ROW_HEIGHT * sections.len() as u32 + 24;
    let unit = CHART_WIDTH / 5;
    let label = K::ChartMaturityLabel.text(lang);
    let rows = sections
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let y = ROW_HEIGHT * i as u32;
            let name = lang.pick(&s.title_en, &s.title_fr).to_owned();
            let width = unit * u32::from(s.level.clamp(1, 5));
            view! {
                <g class="bar" data-section=s.section.clone() data-level=s.level>
                    <text x="0" y=y + 14 class="bar-label">{name.clone()}</text>
                    <rect x="0" y=y + 20 width=CHART_WIDTH height="16" class="bar-track" />
                    <rect x="0" y=y + 20 width=width height="16" class=format!("bar-fill level-{}", s.level)>
                        <title>{format!("{name}: {}", s.level)}</title>
                    </rect>
                    <text x=width.saturating_sub(6) y=y + 33 text-anchor="end" class="bar-value">
                        {s.level.to_string()}
                    </text>
                </g>
            }
        })
        .collect_view();
    let ticks = (1..=5_u32)
        .map(|n| {
            view! {
                <text x=unit * n - 2 y=height - 4 text-anchor="end" class="tick">
                    {n.to_string()}
                </text>
            }
        })
        .collect_view();
    view! {
        <svg
            class="chart"
            viewBox=format!("0 0 {CHART_WIDTH} {height}")
            role="img"
            aria-label=label
            data-testid="maturity-chart"
            preserveAspectRatio="xMinYMin meet"
        >
            {rows}
            {ticks}
        </svg>
    }
}

fn money(m: &Money) -> String {
    format!("{} {}", m.amount(), m.currency)
}

/// The recommended package; staff change a line's cost or title, then accept the whole.
#[component]
fn Package(id: Uuid, items: Vec<RecommendationResponse>, editable: bool, reload: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let accept_form = Form::new();
    let total = items.iter().try_fold(Money::zero(CHF), |sum, r| sum.checked_add(r.cost));
    let accept = move |_| {
        if accept_form.busy.get_untracked() {
            return;
        }
        accept_form.clear();
        let body = AcceptPackage::default();
        accept_form.send(session, async move { api::accept_package(id, &body, &session.csrf()).await }, move |_| {
            reload.run(())
        });
    };
    view! {
        <section class="panel package" aria-labelledby="pkg-h" data-testid="package">
            <h3 id="pkg-h">{tr(K::RecommendationsTitle)}</h3>
            {if items.is_empty() {
                view! { <p class="empty">{tr(K::NoRecommendations)}</p> }.into_any()
            } else {
                view! {
                    <ul class="recommendations">
                        {items
                            .into_iter()
                            .map(|r| view! { <Recommendation id rec=r editable reload /> })
                            .collect_view()}
                    </ul>
                }
                    .into_any()
            }}
            {total
                .map(|t| {
                    view! {
                        <p class="package-total">
                            <strong>{tr(K::BudgetTotal)} ": " <span data-testid="package-total">{money(&t)}</span></strong>
                        </p>
                    }
                })}
            {editable
                .then(|| {
                    view! {
                        <div class="action-box">
                            {accept_form.error_box()}
                            <button
                                type="button"
                                class="button"
                                data-testid="accept-package"
                                disabled=move || accept_form.busy.get()
                                on:click=accept
                            >
                                {move || if accept_form.busy.get() { i18n.t(K::Working) } else { i18n.t(K::AcceptPackage) }}
                            </button>
                        </div>
                    }
                })}
        </section>
    }
}

#[component]
fn Recommendation(id: Uuid, rec: RecommendationResponse, editable: bool, reload: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let form = Form::new();
    let editing = RwSignal::new(false);
    let title = RwSignal::new(rec.title.clone());
    let cost = RwSignal::new(rec.cost.amount());
    let rec_id = rec.id;
    let field_title = format!("rec-{rec_id}-title");
    let field_cost = format!("rec-{rec_id}-cost");
    let save = {
        let (field_title, field_cost) = (field_title.clone(), field_cost.clone());
        move |_| {
            if form.busy.get_untracked() {
                return;
            }
            form.clear();
            let new_title = form.require_text(&field_title, &title.get_untracked(), 200);
            let new_cost = Money::parse(&cost.get_untracked(), CHF).ok().filter(|m| m.minor > 0);
            if new_cost.is_none() {
                form.fields.local(&field_cost, K::ErrAmount);
            }
            if !form.locally_valid() {
                return;
            }
            let body =
                UpdateRecommendation { title: Some(new_title), cost: new_cost, ..UpdateRecommendation::default() };
            form.send(
                session,
                async move { api::update_recommendation(id, rec_id, &body, &session.csrf()).await },
                move |_| reload.run(()),
            );
        }
    };
    let shown = rec.clone();
    view! {
        <li class="recommendation" data-id=rec_id.to_string()>
            <div class="rec-head">
                <strong>{shown.title.clone()}</strong>
                <span class="nowrap" data-testid="rec-cost">{money(&shown.cost)}</span>
            </div>
            <p class="hint">{tr(budget_category_key(shown.category))} " · " {shown.description.clone()}</p>
            {editable
                .then(|| {
                    view! {
                        <button
                            type="button"
                            class="button secondary small"
                            data-testid="edit-rec"
                            aria-expanded=move || editing.get().to_string()
                            on:click=move |_| editing.update(|e| *e = !*e)
                        >
                            {tr(K::Edit)}
                        </button>
                    }
                })}
            {move || {
                editing
                    .get()
                    .then(|| {
                        let (ft, fc) = (field_title.clone(), field_cost.clone());
                        let save = save.clone();
                        view! {
                            <div class="rec-edit">
                                {form.error_box()}
                                <div class="field-row">
                                    <div class="field grow">
                                        <label for=ft.clone()>{tr(K::FieldTitle)}</label>
                                        <input
                                            id=ft.clone()
                                            type="text"
                                            aria-invalid=form.fields.invalid_at(ft.clone())
                                            prop:value=move || title.get()
                                            on:input=move |ev| title.set(event_target_value(&ev))
                                        />
                                        {form.fields.view_at(ft)}
                                    </div>
                                    <div class="field">
                                        <label for=fc.clone()>{tr(K::FieldCost)}</label>
                                        <input
                                            id=fc.clone()
                                            type="text"
                                            inputmode="decimal"
                                            aria-invalid=form.fields.invalid_at(fc.clone())
                                            prop:value=move || cost.get()
                                            on:input=move |ev| cost.set(event_target_value(&ev))
                                        />
                                        {form.fields.view_at(fc)}
                                    </div>
                                </div>
                                <button
                                    type="button"
                                    class="button small"
                                    data-testid="save-rec"
                                    disabled=move || form.busy.get()
                                    on:click=save
                                >
                                    {move || if form.busy.get() { i18n.t(K::Saving) } else { i18n.t(K::SaveChanges) }}
                                </button>
                            </div>
                        }
                    })
            }}
        </li>
    }
}

#[component]
fn ProposalNotice(proposal: ProposalResponse) -> impl IntoView {
    let state = match proposal.state {
        ProposalState::Pending => "pending",
        ProposalState::Created => "created",
    };
    view! {
        <div class="alert alert-success" role="status" data-testid="package-proposal" data-state=state>
            {match proposal.project_id {
                Some(project) => {
                    view! {
                        <p>
                            <strong>{proposal.title.clone()}</strong>
                            " · "
                            <a href=format!("/projects/{project}") data-testid="proposal-link">
                                {tr(K::OpenProposal)}
                            </a>
                        </p>
                    }
                        .into_any()
                }
                None => view! { <p>{tr(K::ProposalPending)}</p> }.into_any(),
            }}
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_are_read_by_kind() {
        assert_eq!(parse_answer(AnswerKind::Scale, ""), Ok(None));
        assert_eq!(parse_answer(AnswerKind::Scale, "4"), Ok(Some(AnswerValue::Int(4))));
        assert_eq!(parse_answer(AnswerKind::Scale, "5"), Err(()));
        assert_eq!(parse_answer(AnswerKind::YesNo, "true"), Ok(Some(AnswerValue::Bool(true))));
        assert_eq!(parse_answer(AnswerKind::YesNo, "4"), Err(()));
        assert_eq!(parse_answer(AnswerKind::Number, "120"), Ok(Some(AnswerValue::Int(120))));
        assert_eq!(parse_answer(AnswerKind::Number, "-1"), Err(()));
        assert_eq!(answer_text(Some(AnswerValue::Bool(false))), "false");
        assert_eq!(answer_text(None), "");
    }
}
