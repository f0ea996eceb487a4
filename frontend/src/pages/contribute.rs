//! The donor's page: fundable work (approved projects with money still missing) by region and
//! theme, with an SVG chart of the unmet need per liaison region drawn here; a pledge with an
//! earmark, showing before it is sent how much of today's unfunded work the earmark matches;
//! and "my contributions" with the statement (printable page and CSV).

use std::collections::{BTreeMap, BTreeSet};

use api_types::funding::{ContributionResponse, CreateContribution, EarmarkInput};
use api_types::money::{CHF, Currency, Money};
use api_types::projects::{ProjectResponse, Theme};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use uuid::Uuid;

use crate::api;
use crate::components::{PageHeader, async_view};
use crate::fetch::{Fetch, use_fetch};
use crate::forms::{Form, TextField};
use crate::i18n::{self, K, Lang, contribution_status_key, theme_key, tr, use_i18n};
use crate::query::Query;
use crate::reference::{Regions, region_name, use_regions};
use crate::session::use_session;

/// A fundable project and what it still needs, in CHF.
#[derive(Debug, Clone, PartialEq)]
struct Need {
    project: ProjectResponse,
    /// `None` when the budget is in other currencies the funding service has not converted yet.
    unmet: Option<Money>,
}

/// What a project still needs in CHF: its budget in CHF (as converted by the funding service, or
/// its own total when that is all in CHF) less what was allocated.
fn unmet(p: &ProjectResponse) -> Option<Money> {
    let budget = p.budget_chf.or_else(|| match p.budget_totals.as_slice() {
        [only] if only.currency == CHF => Some(*only),
        _ => None,
    })?;
    let allocated = p.allocated.unwrap_or(Money::zero(CHF));
    budget.checked_sub(allocated).map(|m| if m.minor < 0 { Money::zero(CHF) } else { m })
}

/// Whether `earmark` lets money go to `p` (the funding service's rule: every beneficiary region
/// among the chosen ones, the theme among the chosen ones, or that very project).
fn matches(earmark: &EarmarkInput, p: &ProjectResponse) -> bool {
    let in_regions = |regions: &Vec<String>| !p.regions.is_empty() && p.regions.iter().all(|r| regions.contains(r));
    match earmark {
        EarmarkInput::Unrestricted => true,
        EarmarkInput::Regions { regions } => in_regions(regions),
        EarmarkInput::Themes { themes } => themes.contains(&p.theme),
        EarmarkInput::RegionsAndThemes { regions, themes } => in_regions(regions) && themes.contains(&p.theme),
        EarmarkInput::Project { project_id } => p.id == *project_id,
    }
}

/// The unmet need per region code: a project that benefits several regions counts in each.
fn need_by_region(needs: &[Need]) -> BTreeMap<String, i64> {
    let mut by_region = BTreeMap::new();
    for n in needs {
        if let Some(m) = n.unmet {
            for r in &n.project.regions {
                *by_region.entry(r.clone()).or_insert(0_i64) += m.minor;
            }
        }
    }
    by_region
}

fn money(m: &Money) -> String {
    format!("{} {}", m.amount(), m.currency)
}

fn chf(minor: i64) -> String {
    money(&Money::new(minor, CHF))
}

async fn fundable() -> Result<Vec<Need>, api::ApiError> {
    let page =
        api::projects(&Query::new().set("status", "approved").set("per_page", api_types::page::MAX_PER_PAGE)).await?;
    Ok(page
        .items
        .into_iter()
        .map(|project| Need { unmet: unmet(&project), project })
        .filter(|n| n.unmet.is_none_or(|m| m.minor > 0))
        .collect())
}

/// `/contribute`.
#[component]
pub fn ContributePage() -> impl IntoView {
    let needs = use_fetch(|| (), |()| fundable());
    let contributions = use_fetch(|| (), |()| async move { api::contributions().await.map(|p| p.items) });
    view! {
        <section class="page" data-testid="contribute">
            <PageHeader title=K::ContributeTitle intro=K::ContributeIntro />
            {async_view(needs, move |list: Vec<Need>| view! { <Fundable needs=list contributions /> })}
            <MyContributions contributions />
        </section>
    }
}

#[component]
fn Fundable(needs: Vec<Need>, contributions: Fetch<Vec<ContributionResponse>>) -> impl IntoView {
    let i18n = use_i18n();
    let regions = use_regions();
    let region = RwSignal::new(String::new());
    let theme = RwSignal::new(String::new());
    let shown = {
        let needs = needs.clone();
        move || {
            let (r, t) = (region.get(), Theme::parse(&theme.get()));
            needs
                .iter()
                .filter(|n| r.is_empty() || n.project.regions.contains(&r))
                .filter(|n| t.is_none_or(|t| n.project.theme == t))
                .cloned()
                .collect::<Vec<_>>()
        }
    };
    let chart_needs = shown.clone();
    view! {
        <section class="panel" aria-labelledby="fundable-h">
            <h2 id="fundable-h">{tr(K::FundableTitle)}</h2>
            <div class="filters" role="group" aria-label=tr(K::Filters)>
                <div class="field">
                    <label for="need-region">{tr(K::GeoRegion)}</label>
                    <select id="need-region" on:change=move |ev| region.set(event_target_value(&ev))>
                        <option value="">{tr(K::AllRegions)}</option>
                        {move || {
                            let lang = i18n.get();
                            regions
                                .list()
                                .into_iter()
                                .map(|r| view! { <option value=r.code.clone()>{lang.pick(&r.name_en, &r.name_fr).to_owned()}</option> })
                                .collect_view()
                        }}
                    </select>
                </div>
                <div class="field">
                    <label for="need-theme">{tr(K::ColTheme)}</label>
                    <select id="need-theme" on:change=move |ev| theme.set(event_target_value(&ev))>
                        <option value="">{tr(K::AllThemes)}</option>
                        {Theme::ALL
                            .into_iter()
                            .map(|t| view! { <option value=t.as_str()>{tr(theme_key(t))}</option> })
                            .collect_view()}
                    </select>
                </div>
            </div>
            {move || need_chart(i18n.get(), regions, &chart_needs())}
            {move || {
                let list = shown();
                if list.is_empty() {
                    return view! { <p class="empty" data-testid="empty">{tr(K::NoFundable)}</p> }.into_any();
                }
                let lang = i18n.get();
                view! {
                    <div class="table-wrap">
                        <table class="data-table" data-testid="fundable-table">
                            <thead>
                                <tr>
                                    <th scope="col">{tr(K::ColTitle)}</th>
                                    <th scope="col">{tr(K::ColTheme)}</th>
                                    <th scope="col">{tr(K::FieldRegions)}</th>
                                    <th scope="col" class="num">{tr(K::ColUnmet)}</th>
                                </tr>
                            </thead>
                            <tbody>
                                {list
                                    .into_iter()
                                    .map(|n| {
                                        let names = n
                                            .project
                                            .regions
                                            .iter()
                                            .map(|c| region_name(lang, regions, c))
                                            .collect::<Vec<_>>()
                                            .join(", ");
                                        view! {
                                            <tr data-id=n.project.id.to_string()>
                                                <th scope="row">
                                                    <a class="row-title" href=format!("/projects/{}", n.project.id)>
                                                        {n.project.title.clone()}
                                                    </a>
                                                </th>
                                                <td>{theme_key(n.project.theme).text(lang)}</td>
                                                <td>{names}</td>
                                                <td class="num nowrap">
                                                    {n
                                                        .unmet
                                                        .map(|m| money(&m))
                                                        .unwrap_or_else(|| K::NotConverted.text(lang).to_owned())}
                                                </td>
                                            </tr>
                                        }
                                    })
                                    .collect_view()}
                            </tbody>
                        </table>
                    </div>
                }
                    .into_any()
            }}
        </section>
        <ContributeForm needs contributions />
    }
}

const CHART_WIDTH: i64 = 600;
const ROW_HEIGHT: i64 = 40;

/// Horizontal bars of the unmet need per region, the longest the largest need.
fn need_chart(lang: Lang, regions: Regions, needs: &[Need]) -> impl IntoView + use<> {
    let by_region = need_by_region(needs);
    // Every region in display order, so that "nothing needed" shows as an empty bar.
    let mut codes: Vec<String> = regions.list().into_iter().map(|r| r.code).collect();
    for code in by_region.keys() {
        if !codes.contains(code) {
            codes.push(code.clone());
        }
    }
    let max = by_region.values().copied().max().unwrap_or(0).max(1);
    let height = ROW_HEIGHT * codes.len() as i64 + 4;
    let bars = codes
        .iter()
        .enumerate()
        .map(|(i, code)| {
            let need = by_region.get(code).copied().unwrap_or(0);
            let y = ROW_HEIGHT * i as i64;
            // Integer arithmetic: the width is a share of the chart, rounded down.
            let width = (i128::from(need) * i128::from(CHART_WIDTH) / i128::from(max)) as i64;
            let name = region_name(lang, regions, code);
            view! {
                <g class="bar" data-region=code.clone() data-minor=need>
                    <text x="0" y=y + 13 class="bar-label">
                        {format!("{name} · {}", chf(need))}
                    </text>
                    <rect x="0" y=y + 18 width=CHART_WIDTH height="14" class="bar-track" />
                    <rect x="0" y=y + 18 width=width height="14" class="bar-fill">
                        <title>{format!("{name}: {}", chf(need))}</title>
                    </rect>
                </g>
            }
        })
        .collect_view();
    view! {
        <figure class="chart-figure">
            <figcaption>{K::ChartNeedLabel.text(lang)}</figcaption>
            <svg
                class="chart"
                viewBox=format!("0 0 {CHART_WIDTH} {height}")
                role="img"
                aria-label=K::ChartNeedLabel.text(lang)
                data-testid="need-chart"
            >
                {bars}
            </svg>
        </figure>
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Kind {
    Unrestricted,
    Regions,
    Themes,
    RegionsAndThemes,
    Project,
}

impl Kind {
    const ALL: [Kind; 5] = [Kind::Unrestricted, Kind::Regions, Kind::Themes, Kind::RegionsAndThemes, Kind::Project];

    fn code(self) -> &'static str {
        match self {
            Kind::Unrestricted => "unrestricted",
            Kind::Regions => "regions",
            Kind::Themes => "themes",
            Kind::RegionsAndThemes => "regions_and_themes",
            Kind::Project => "project",
        }
    }

    fn label(self) -> K {
        match self {
            Kind::Unrestricted => K::EarmarkUnrestricted,
            Kind::Regions => K::EarmarkRegions,
            Kind::Themes => K::EarmarkThemes,
            Kind::RegionsAndThemes => K::EarmarkRegionsAndThemes,
            Kind::Project => K::EarmarkProject,
        }
    }
}

/// The earmark as chosen; `None` while the choice is incomplete (no region ticked yet, …).
fn earmark(kind: Kind, regions: &BTreeSet<String>, themes: &BTreeSet<String>, project: &str) -> Option<EarmarkInput> {
    let regions: Vec<String> = regions.iter().cloned().collect();
    let themes: Vec<Theme> = themes.iter().filter_map(|t| Theme::parse(t)).collect();
    match kind {
        Kind::Unrestricted => Some(EarmarkInput::Unrestricted),
        Kind::Regions if !regions.is_empty() => Some(EarmarkInput::Regions { regions }),
        Kind::Themes if !themes.is_empty() => Some(EarmarkInput::Themes { themes }),
        Kind::RegionsAndThemes if !regions.is_empty() && !themes.is_empty() => {
            Some(EarmarkInput::RegionsAndThemes { regions, themes })
        }
        Kind::Project => Uuid::parse_str(project).ok().map(|project_id| EarmarkInput::Project { project_id }),
        _ => None,
    }
}

#[component]
fn ContributeForm(needs: Vec<Need>, contributions: Fetch<Vec<ContributionResponse>>) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let regions = use_regions();
    let form = Form::new();
    let amount = RwSignal::new(String::new());
    let currency = RwSignal::new("CHF".to_owned());
    let kind = RwSignal::new(Kind::Unrestricted);
    let chosen_regions = RwSignal::new(BTreeSet::<String>::new());
    let chosen_themes = RwSignal::new(BTreeSet::<String>::new());
    let project = RwSignal::new(String::new());
    let done = RwSignal::new(None::<ContributionResponse>);
    let current = move || earmark(kind.get(), &chosen_regions.get(), &chosen_themes.get(), &project.get());
    let preview = {
        let needs = needs.clone();
        move || {
            current().map(|e| {
                let matched: Vec<&Need> = needs.iter().filter(|n| matches(&e, &n.project)).collect();
                let total: i64 = matched.iter().filter_map(|n| n.unmet).map(|m| m.minor).sum();
                (matched.len(), total)
            })
        }
    };
    let submit = move |ev: SubmitEvent| {
        if !form.begin(&ev) {
            return;
        }
        done.set(None);
        let currency = Currency::parse(currency.get_untracked().trim().to_uppercase().as_str());
        if currency.is_none() {
            form.fields.local("currency", K::ErrCurrency);
        }
        let pledged = currency.and_then(|c| Money::parse(&amount.get_untracked(), c).ok()).filter(|m| m.minor > 0);
        if currency.is_some() && pledged.is_none() {
            form.fields.local("amount", K::ErrAmount);
        }
        let earmark = current_untracked(kind, chosen_regions, chosen_themes, project);
        if earmark.is_none() {
            form.fields.local("earmark", K::ErrEarmark);
        }
        if !form.locally_valid() {
            return;
        }
        let (Some(amount), Some(earmark)) = (pledged, earmark) else {
            return;
        };
        let body = CreateContribution { donor_id: None, amount, earmark };
        form.send(session, async move { api::create_contribution(&body, &session.csrf()).await }, move |c| {
            done.try_set(Some(c));
            form.busy.try_set(false);
            contributions.reload();
        });
    };
    let needs_for_select = needs.clone();
    view! {
        <section class="panel" aria-labelledby="contribute-h">
            <h2 id="contribute-h">{tr(K::ContributeFormTitle)}</h2>
            {form.error_box()}
            {move || {
                done.get()
                    .map(|c| {
                        view! {
                            <div class="alert alert-success" role="status" data-testid="pledged" data-id=c.id.to_string()>
                                <p>{tr(K::Pledged)} " " <strong>{money(&c.pledged)}</strong></p>
                            </div>
                        }
                    })
            }}
            <form class="form" on:submit=submit novalidate=true>
                <div class="field-row">
                    <TextField form field="amount" label=K::FieldAmount value=amount />
                    <TextField form field="currency" label=K::FieldCurrency value=currency maxlength=3 />
                </div>
                <fieldset class="field checks" id="earmark" aria-invalid=form.fields.invalid("earmark")>
                    <legend>{tr(K::FieldEarmark)}</legend>
                    {Kind::ALL
                        .into_iter()
                        .map(|k| {
                            let id = format!("earmark-{}", k.code());
                            let label_for = id.clone();
                            view! {
                                <label class="check" for=label_for>
                                    <input
                                        type="radio"
                                        name="earmark-kind"
                                        id=id
                                        value=k.code()
                                        prop:checked=move || kind.get() == k
                                        on:change=move |_| kind.set(k)
                                    />
                                    {tr(k.label())}
                                </label>
                            }
                        })
                        .collect_view()}
                    {form.fields.view("earmark")}
                </fieldset>
                {move || {
                    matches!(kind.get(), Kind::Regions | Kind::RegionsAndThemes)
                        .then(|| {
                            let lang = i18n.get();
                            view! {
                                <fieldset class="field checks">
                                    <legend>{tr(K::FieldRegions)}</legend>
                                    {regions
                                        .list()
                                        .into_iter()
                                        .map(|r| {
                                            let id = format!("e-region-{}", r.code);
                                            let label_for = id.clone();
                                            let code = r.code.clone();
                                            let checked = code.clone();
                                            view! {
                                                <label class="check" for=label_for>
                                                    <input
                                                        type="checkbox"
                                                        id=id
                                                        prop:checked=move || chosen_regions.with(|s| s.contains(&checked))
                                                        on:change=move |ev| {
                                                            let on = event_target_checked(&ev);
                                                            let code = code.clone();
                                                            chosen_regions.update(|s| toggle(s, code, on));
                                                        }
                                                    />
                                                    {lang.pick(&r.name_en, &r.name_fr).to_owned()}
                                                </label>
                                            }
                                        })
                                        .collect_view()}
                                </fieldset>
                            }
                        })
                }}
                {move || {
                    matches!(kind.get(), Kind::Themes | Kind::RegionsAndThemes)
                        .then(|| {
                            view! {
                                <fieldset class="field checks">
                                    <legend>{tr(K::FieldTheme)}</legend>
                                    {Theme::ALL
                                        .into_iter()
                                        .map(|t| {
                                            let id = format!("e-theme-{}", t.as_str());
                                            let label_for = id.clone();
                                            view! {
                                                <label class="check" for=label_for>
                                                    <input
                                                        type="checkbox"
                                                        id=id
                                                        prop:checked=move || chosen_themes.with(|s| s.contains(t.as_str()))
                                                        on:change=move |ev| {
                                                            let on = event_target_checked(&ev);
                                                            chosen_themes.update(|s| toggle(s, t.as_str().to_owned(), on));
                                                        }
                                                    />
                                                    {tr(theme_key(t))}
                                                </label>
                                            }
                                        })
                                        .collect_view()}
                                </fieldset>
                            }
                        })
                }}
                {
                    let needs = needs_for_select.clone();
                    move || {
                        (kind.get() == Kind::Project)
                            .then(|| {
                                view! {
                                    <div class="field">
                                        <label for="earmark-project-id">{tr(K::EarmarkProject)}</label>
                                        <select id="earmark-project-id" on:change=move |ev| project.set(event_target_value(&ev))>
                                            <option value="">{tr(K::Choose)}</option>
                                            {needs
                                                .iter()
                                                .map(|n| {
                                                    let id = n.project.id.to_string();
                                                    let chosen = id.clone();
                                                    view! {
                                                        <option value=id selected=move || project.get() == chosen>
                                                            {n.project.title.clone()}
                                                        </option>
                                                    }
                                                })
                                                .collect_view()}
                                        </select>
                                    </div>
                                }
                            })
                    }
                }
                <p class="preview" data-testid="earmark-preview" aria-live="polite">
                    {move || match preview() {
                        Some((count, total)) => i18n::earmark_matches(i18n.get(), count, &chf(total)),
                        None => i18n.t(K::ErrEarmark).to_owned(),
                    }}
                </p>
                <div class="form-actions">
                    <button type="submit" class="button" data-testid="pledge" disabled=move || form.busy.get()>
                        {move || if form.busy.get() { i18n.t(K::Saving) } else { i18n.t(K::Pledge) }}
                    </button>
                </div>
            </form>
        </section>
    }
}

fn current_untracked(
    kind: RwSignal<Kind>,
    regions: RwSignal<BTreeSet<String>>,
    themes: RwSignal<BTreeSet<String>>,
    project: RwSignal<String>,
) -> Option<EarmarkInput> {
    earmark(kind.get_untracked(), &regions.get_untracked(), &themes.get_untracked(), &project.get_untracked())
}

fn toggle(set: &mut BTreeSet<String>, value: String, on: bool) {
    if on {
        set.insert(value);
    } else {
        set.remove(&value);
    }
}

fn earmark_text(lang: Lang, regions: Regions, e: &EarmarkInput) -> String {
    let names =
        |codes: &Vec<String>| codes.iter().map(|c| region_name(lang, regions, c)).collect::<Vec<_>>().join(", ");
    let themes = |ts: &Vec<Theme>| ts.iter().map(|t| theme_key(*t).text(lang)).collect::<Vec<_>>().join(", ");
    match e {
        EarmarkInput::Unrestricted => K::EarmarkUnrestricted.text(lang).to_owned(),
        EarmarkInput::Regions { regions } => names(regions),
        EarmarkInput::Themes { themes: t } => themes(t),
        EarmarkInput::RegionsAndThemes { regions, themes: t } => format!("{} · {}", names(regions), themes(t)),
        EarmarkInput::Project { .. } => K::EarmarkProject.text(lang).to_owned(),
    }
}

/// The donor's contributions: pledged, received, allocated, disbursed, still open; and the
/// statement.
#[component]
fn MyContributions(contributions: Fetch<Vec<ContributionResponse>>) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let regions = use_regions();
    let donor = session.me().and_then(|m| m.donor_id);
    view! {
        <section class="panel" aria-labelledby="mine-h" data-testid="my-contributions">
            <h2 id="mine-h">{tr(K::MyContributions)}</h2>
            {donor
                .map(|d| {
                    view! {
                        <p class="page-actions">
                            <a
                                class="button secondary"
                                href=format!("/api/funding/donors/{d}/statement?format=html")
                                target="_blank"
                                data-testid="statement-link"
                            >
                                {tr(K::StatementPage)}
                            </a>
                            <a
                                class="button secondary"
                                href=format!("/api/funding/donors/{d}/statement?format=csv")
                                download=""
                                data-testid="statement-csv"
                            >
                                {tr(K::DownloadCsv)}
                            </a>
                        </p>
                    }
                })}
            {async_view(contributions, move |list: Vec<ContributionResponse>| {
                if list.is_empty() {
                    return view! { <p class="empty">{tr(K::NoContributions)}</p> }.into_any();
                }
                view! {
                    <div class="table-wrap">
                        <table class="data-table" data-testid="contributions-table">
                            <thead>
                                <tr>
                                    <th scope="col">{tr(K::ColPledged)}</th>
                                    <th scope="col">{tr(K::FieldEarmark)}</th>
                                    <th scope="col">{tr(K::ColStatus)}</th>
                                    <th scope="col" class="num">{tr(K::ColReceived)}</th>
                                    <th scope="col" class="num">{tr(K::ColAllocated)}</th>
                                    <th scope="col" class="num">{tr(K::ColDisbursed)}</th>
                                    <th scope="col" class="num">{tr(K::ColBalance)}</th>
                                </tr>
                            </thead>
                            <tbody>
                                {move || {
                                    let lang = i18n.get();
                                    list.iter()
                                        .map(|c| {
                                            view! {
                                                <tr data-id=c.id.to_string() data-earmark=earmark_kind(&c.earmark)>
                                                    <th scope="row" class="nowrap">{money(&c.pledged)}</th>
                                                    <td>{earmark_text(lang, regions, &c.earmark)}</td>
                                                    <td>{contribution_status_key(c.status).text(lang)}</td>
                                                    <td class="num nowrap">{money(&c.balances.received)}</td>
                                                    <td class="num nowrap">{money(&c.balances.allocated)}</td>
                                                    <td class="num nowrap">{money(&c.balances.disbursed)}</td>
                                                    <td class="num nowrap">{money(&c.balances.open)}</td>
                                                </tr>
                                            }
                                        })
                                        .collect_view()
                                }}
                            </tbody>
                        </table>
                    </div>
                }
                    .into_any()
            })}
        </section>
    }
}

/// The `kind` of an earmark as on the wire, for the browser tests.
fn earmark_kind(e: &EarmarkInput) -> &'static str {
    match e {
        EarmarkInput::Unrestricted => "unrestricted",
        EarmarkInput::Regions { .. } => "regions",
        EarmarkInput::Themes { .. } => "themes",
        EarmarkInput::RegionsAndThemes { .. } => "regions_and_themes",
        EarmarkInput::Project { .. } => "project",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn project(regions: &[&str], theme: Theme) -> ProjectResponse {
        let json = serde_json::json!({
            "id": Uuid::nil(), "title": "t", "summary": "s", "objective": 1, "theme": theme, "status": "approved",
            "member_id": Uuid::nil(), "created_by": Uuid::nil(),
            "created_at": "2026-01-01T00:00:00Z", "updated_at": "2026-01-01T00:00:00Z",
            "regions": regions, "budget_totals": [{"amount": "100.00", "currency": "CHF"}],
            "planned_start": null, "planned_end": null,
            "allocated": {"amount": "40.00", "currency": "CHF"}, "budget_chf": null
        });
        serde_json::from_value(json).expect("a valid project")
    }

    #[test]
    fn earmarks_match_like_the_funding_service() {
        let p = project(&["asia", "pacific"], Theme::IctSupport);
        let regions = |r: &[&str]| EarmarkInput::Regions { regions: r.iter().map(|s| s.to_string()).collect() };
        assert!(matches(&EarmarkInput::Unrestricted, &p));
        assert!(matches(&regions(&["asia", "pacific", "caribbean"]), &p));
        assert!(!matches(&regions(&["asia"]), &p), "every beneficiary region must be covered");
        assert!(matches(&EarmarkInput::Themes { themes: vec![Theme::IctSupport] }, &p));
        assert!(!matches(&EarmarkInput::Project { project_id: Uuid::from_u128(1) }, &p));
    }

    #[test]
    fn unmet_need_is_budget_less_allocated_and_counts_in_every_region() {
        let p = project(&["asia", "pacific"], Theme::IctSupport);
        assert_eq!(unmet(&p), Some(Money::new(6000, CHF)));
        let by_region = need_by_region(&[Need { unmet: unmet(&p), project: p }]);
        assert_eq!(by_region.get("asia"), Some(&6000));
        assert_eq!(by_region.get("pacific"), Some(&6000));
    }
}
