//! Projects and proposals: one list seen differently by each role (a member's own proposals,
//! the staff's queue, the committee's read-only view, the donor's fundable work). One proposal,
//! and the form for a new one, are in [`crate::pages::proposal`].

use api_types::Page;
use api_types::Role;
use api_types::projects::{ProjectResponse, ProjectStatus, Theme};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use leptos_router::params::ParamsMap;

use crate::api;
use crate::components::{CreatedNotice, CsvLink, PageHeader, Pagination, async_view, created_id, short_date};
use crate::fetch::use_fetch;
use crate::filters::{ClearFilters, SelectFilter, use_go};
use crate::i18n::{K, Lang, objective_key, project_status_key, theme_key, tr, use_i18n};
use crate::pages::members::{MemberNames, use_member_names};
use crate::query::{self, PER_PAGE, Query};
use crate::session::use_session;

const PATH: &str = "/projects";

#[derive(Debug, Clone, Default, PartialEq)]
struct Filters {
    status: Option<ProjectStatus>,
    theme: Option<Theme>,
    page: u32,
}

impl Filters {
    fn from_query(map: &ParamsMap) -> Filters {
        Filters {
            status: query::text(map, "status").and_then(|s| ProjectStatus::parse(&s)),
            theme: query::text(map, "theme").and_then(|t| Theme::parse(&t)),
            page: query::page(map),
        }
    }

    fn without_page(&self) -> Query {
        Query::new().opt("status", self.status.map(ProjectStatus::as_str)).opt("theme", self.theme.map(Theme::as_str))
    }

    fn api_query(&self) -> Query {
        self.without_page().set("page", self.page).set("per_page", PER_PAGE)
    }
}

/// Title and introduction of the list for each role.
fn headings(role: Option<Role>) -> (K, K) {
    match role {
        Some(Role::Donor) => (K::FundableTitle, K::FundableIntro),
        Some(Role::Member) => (K::ProposalsTitle, K::ProposalsIntroMember),
        Some(Role::Staff) => (K::ProposalsTitle, K::ProposalsIntroStaff),
        Some(Role::Committee | Role::Admin) | None => (K::ProjectsTitle, K::ProjectsIntroCommittee),
    }
}

#[component]
pub fn ProjectsPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let role = Memo::new(move |_| session.role());
    let query_map = use_query_map();
    let filters = Memo::new(move |_| Filters::from_query(&query_map.read()));
    let projects = use_fetch(move || filters.get().api_query(), |q| async move { api::projects(&q).await });
    // Staff and committee see every member's projects: name the member. A member sees only
    // its own, and a donor may not list members, so the column is left out for them.
    let names = use_member_names(Signal::derive(move || matches!(role.get(), Some(Role::Staff | Role::Committee))));

    let go = use_go(PATH);
    let apply = move |change: &dyn Fn(&mut Filters)| {
        let mut next = filters.get_untracked();
        change(&mut next);
        go(next.without_page());
    };
    let status_options = Signal::derive(move || {
        let lang = i18n.get();
        ProjectStatus::ALL
            .iter()
            .map(|s| (s.as_str().to_owned(), project_status_key(*s).text(lang).to_owned()))
            .collect()
    });
    let theme_options = Signal::derive(move || {
        let lang = i18n.get();
        Theme::ALL.iter().map(|t| (t.as_str().to_owned(), theme_key(*t).text(lang).to_owned())).collect()
    });

    view! {
        <section class="page" data-testid="projects">
            {move || {
                let (title, intro) = headings(role.get());
                view! {
                    <PageHeader title intro>
                        {(role.get() == Some(Role::Member))
                            .then(|| {
                                view! {
                                    <a class="button" href="/projects/new" data-testid="new-proposal">
                                        {tr(K::NewProposal)}
                                    </a>
                                }
                            })}
                        {(role.get() == Some(Role::Donor))
                            .then(|| {
                                view! {
                                    <a class="button" href="/contribute" data-testid="contribute-link">
                                        {tr(K::ContributeTitle)}
                                    </a>
                                }
                            })}
                        {(role.get() == Some(Role::Staff))
                            .then(|| {
                                view! {
                                    <nav class="queue" aria-label=tr(K::ReviewQueue) data-testid="review-queue">
                                        <a class="button secondary" href="/projects?status=submitted">
                                            {tr(K::StatusSubmitted)}
                                        </a>
                                        <a class="button secondary" href="/projects?status=under_review">
                                            {tr(K::StatusUnderReview)}
                                        </a>
                                    </nav>
                                }
                            })}
                        <CsvLink api_path="/api/projects/projects" filters=filters.get().without_page() />
                    </PageHeader>
                }
            }}
            <CreatedNotice what=K::ProposalCreated />
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
                            apply(&|f: &mut Filters| f.status = v.as_deref().and_then(ProjectStatus::parse))
                        }
                    }
                />
                <SelectFilter
                    id="filter-theme"
                    label=K::ColTheme
                    all=K::AllThemes
                    options=theme_options
                    selected=Signal::derive(move || filters.get().theme.map(|t| t.as_str().to_owned()))
                    on_select={
                        let apply = apply.clone();
                        move |v: Option<String>| apply(&|f: &mut Filters| f.theme = v.as_deref().and_then(Theme::parse))
                    }
                />
                <ClearFilters on_clear=move |()| apply(&|f: &mut Filters| *f = Filters::default()) />
            </div>
            {async_view(projects, move |page| view! { <ProjectTable page filters=filters.get_untracked() names /> })}
        </section>
    }
}

#[component]
fn ProjectTable(page: Page<ProjectResponse>, filters: Filters, names: MemberNames) -> impl IntoView {
    let i18n = use_i18n();
    if page.items.is_empty() {
        return view! {
            <p class="empty" data-testid="empty">
                {tr(if filters.without_page().is_empty() { K::NoProjectsYet } else { K::NoProjects })}
            </p>
        }
        .into_any();
    }
    let (current, pages, total) = (page.page, page.page_count(), page.total);
    let rows = page.items;
    let highlight = created_id(K::ProposalCreated);
    view! {
        <div class="table-wrap">
            <table class="data-table" data-testid="projects-table">
                <thead>
                    <tr>
                        <th scope="col">{tr(K::ColTitle)}</th>
                        <th scope="col">{tr(K::ColTheme)}</th>
                        <th scope="col">{tr(K::ColObjective)}</th>
                        <th scope="col">{tr(K::ColStatus)}</th>
                        {move || names.enabled().then(|| view! { <th scope="col">{tr(K::ColMember)}</th> })}
                        <th scope="col">{tr(K::ColCreated)}</th>
                    </tr>
                </thead>
                <tbody>
                    {move || {
                        let lang = i18n.get();
                        rows.iter().map(|p| project_row(lang, p, names, highlight == Some(p.id))).collect_view()
                    }}
                </tbody>
            </table>
        </div>
        <Pagination path=PATH filters=filters.without_page() page=current pages total />
    }
    .into_any()
}

fn project_row(lang: Lang, p: &ProjectResponse, names: MemberNames, new: bool) -> impl IntoView + use<> {
    let objective_title = objective_key(p.objective).map(|k| k.text(lang)).unwrap_or_default();
    view! {
        <tr data-id=p.id.to_string() data-status=p.status.as_str() class:row-new=new>
            <th scope="row">
                <a class="row-title" href=format!("{PATH}/{}", p.id)>{p.title.clone()}</a>
                <span class="row-summary">{p.summary.clone()}</span>
            </th>
            <td>{theme_key(p.theme).text(lang)}</td>
            <td>
                <abbr title=objective_title>{p.objective}</abbr>
            </td>
            <td>
                <span class=format!("status status-{}", p.status.as_str())>{project_status_key(p.status).text(lang)}</span>
            </td>
            {names.enabled().then(|| view! { <td>{names.name(p.member_id)}</td> })}
            <td class="nowrap">{short_date(&p.created_at)}</td>
        </tr>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_role_has_its_own_heading() {
        assert_eq!(headings(Some(Role::Donor)).0, K::FundableTitle);
        assert_eq!(headings(Some(Role::Member)).0, K::ProposalsTitle);
        assert_eq!(headings(Some(Role::Committee)).0, K::ProjectsTitle);
    }
}
