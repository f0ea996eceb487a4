//! Members (national standards bodies): the list for staff, committee and admin, and
//! "my organisation" for a member.

use std::collections::BTreeMap;

use api_types::Page;
use api_types::membership::{MemberCategory, MemberResponse};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use leptos_router::params::ParamsMap;
use uuid::Uuid;

use crate::api::{self, ApiError};
use crate::components::{CsvLink, DemoBadge, PageHeader, Pagination, async_view, yes_no};
use crate::fetch::use_fetch;
use crate::filters::{ClearFilters, SearchFilter, SelectFilter, use_go};
use crate::i18n::{K, Lang, category_key, tr, use_i18n};
use crate::query::{self, PER_PAGE, Query};
use crate::reference::{CountryNames, Regions, region_name, use_country_names, use_regions};
use crate::session::use_session;

const PATH: &str = "/members";
const CATEGORIES: [MemberCategory; 3] =
    [MemberCategory::MemberBody, MemberCategory::Correspondent, MemberCategory::Subscriber];

#[derive(Debug, Clone, Default, PartialEq)]
struct Filters {
    /// `true`, `false` or any.
    developing: Option<bool>,
    region: Option<String>,
    category: Option<MemberCategory>,
    q: Option<String>,
    page: u32,
}

impl Filters {
    fn from_query(map: &ParamsMap) -> Filters {
        Filters {
            developing: query::text(map, "developing").and_then(|d| d.parse().ok()),
            region: query::text(map, "region"),
            category: query::text(map, "category").and_then(|c| MemberCategory::parse(&c)),
            q: query::text(map, "q"),
            page: query::page(map),
        }
    }

    fn without_page(&self) -> Query {
        Query::new()
            .opt("developing", self.developing)
            .opt("region", self.region.as_deref())
            .opt("category", self.category.map(MemberCategory::as_str))
            .opt("q", self.q.as_deref())
    }

    fn api_query(&self) -> Query {
        self.without_page().set("page", self.page).set("per_page", PER_PAGE)
    }
}

#[component]
pub fn MembersPage() -> impl IntoView {
    let i18n = use_i18n();
    let query_map = use_query_map();
    let filters = Memo::new(move |_| Filters::from_query(&query_map.read()));
    let regions = use_regions();
    let countries = use_country_names();
    let members = use_fetch(move || filters.get().api_query(), |q| async move { api::members(&q).await });

    let go = use_go(PATH);
    let apply = move |change: &dyn Fn(&mut Filters)| {
        let mut next = filters.get_untracked();
        change(&mut next);
        go(next.without_page());
    };
    let region_options = Signal::derive(move || {
        let lang = i18n.get();
        regions.list().into_iter().map(|r| (r.code.clone(), lang.pick(&r.name_en, &r.name_fr).to_owned())).collect()
    });
    let category_options = Signal::derive(move || {
        let lang = i18n.get();
        CATEGORIES.iter().map(|c| (c.as_str().to_owned(), category_key(*c).text(lang).to_owned())).collect()
    });
    let developing_options = Signal::derive(move || {
        let lang = i18n.get();
        vec![
            ("true".to_owned(), K::DevelopingOnly.text(lang).to_owned()),
            ("false".to_owned(), K::DevelopedOnly.text(lang).to_owned()),
        ]
    });

    view! {
        <section class="page" data-testid="members">
            <PageHeader title=K::MembersTitle intro=K::DescMembers>
                {move || view! { <CsvLink api_path="/api/membership/members" filters=filters.get().without_page() /> }}
            </PageHeader>
            <div class="filters" role="group" aria-label=tr(K::Filters)>
                <SelectFilter
                    id="filter-region"
                    label=K::ColLiaisonRegion
                    all=K::AllRegions
                    options=region_options
                    selected=Signal::derive(move || filters.get().region)
                    on_select={
                        let apply = apply.clone();
                        move |v: Option<String>| apply(&|f: &mut Filters| f.region.clone_from(&v))
                    }
                />
                <SelectFilter
                    id="filter-category"
                    label=K::ColCategory
                    all=K::AllCategories
                    options=category_options
                    selected=Signal::derive(move || filters.get().category.map(|c| c.as_str().to_owned()))
                    on_select={
                        let apply = apply.clone();
                        move |v: Option<String>| {
                            apply(&|f: &mut Filters| f.category = v.as_deref().and_then(MemberCategory::parse))
                        }
                    }
                />
                <SelectFilter
                    id="filter-developing"
                    label=K::ColDeveloping
                    all=K::AnyStatus
                    options=developing_options
                    selected=Signal::derive(move || filters.get().developing.map(|d| d.to_string()))
                    on_select={
                        let apply = apply.clone();
                        move |v: Option<String>| {
                            apply(&|f: &mut Filters| f.developing = v.as_deref().and_then(|d| d.parse().ok()))
                        }
                    }
                />
                <SearchFilter
                    id="filter-q"
                    value=Signal::derive(move || filters.get().q)
                    on_search={
                        let apply = apply.clone();
                        move |q: Option<String>| apply(&|f: &mut Filters| f.q.clone_from(&q))
                    }
                />
                <ClearFilters on_clear=move |()| apply(&|f: &mut Filters| *f = Filters::default()) />
            </div>
            {async_view(members, move |page| view! { <MemberTable page filters=filters.get_untracked() regions countries /> })}
        </section>
    }
}

#[component]
fn MemberTable(
    page: Page<MemberResponse>,
    filters: Filters,
    regions: Regions,
    countries: CountryNames,
) -> impl IntoView {
    let i18n = use_i18n();
    if page.items.is_empty() {
        return view! {
            <p class="empty" data-testid="empty">
                {tr(if filters.without_page().is_empty() { K::NoMembersYet } else { K::NoMembers })}
            </p>
        }
        .into_any();
    }
    let (current, pages, total) = (page.page, page.page_count(), page.total);
    let rows = page.items;
    view! {
        <div class="table-wrap">
            <table class="data-table" data-testid="members-table">
                <thead>
                    <tr>
                        <th scope="col">{tr(K::ColName)}</th>
                        <th scope="col">{tr(K::ColAcronym)}</th>
                        <th scope="col">{tr(K::ColCountry)}</th>
                        <th scope="col">{tr(K::ColCategory)}</th>
                        <th scope="col">{tr(K::ColDeveloping)}</th>
                        <th scope="col">{tr(K::ColLiaisonRegion)}</th>
                        <th scope="col">{tr(K::ColJoined)}</th>
                        <th scope="col">{tr(K::ColDevco)}</th>
                    </tr>
                </thead>
                <tbody>
                    {move || {
                        let lang = i18n.get();
                        rows.iter().map(|m| member_row(lang, m, regions, countries)).collect_view()
                    }}
                </tbody>
            </table>
        </div>
        <Pagination path=PATH filters=filters.without_page() page=current pages total />
    }
    .into_any()
}

fn member_row(lang: Lang, m: &MemberResponse, regions: Regions, countries: CountryNames) -> impl IntoView + use<> {
    let region = m.liaison_region.as_deref().map(|code| region_name(lang, regions, code)).unwrap_or_default();
    view! {
        <tr data-id=m.id.to_string() data-region=m.liaison_region.clone().unwrap_or_default()>
            <th scope="row">{m.name.clone()} " " <DemoBadge demo=m.demo /></th>
            <td>{m.acronym.clone()}</td>
            <td>
                {countries.name(lang, &m.country)} " " <span class="code muted">{m.country.clone()}</span>
            </td>
            <td>{category_key(m.category).text(lang)}</td>
            <td>{yes_no(m.developing)}</td>
            <td>{region}</td>
            <td class="nowrap">{m.joined_on.to_string()}</td>
            <td>{yes_no(m.devco)}</td>
        </tr>
    }
}

/// "My organisation": the member record linked to the signed-in member account.
#[component]
pub fn OrganisationPage() -> impl IntoView {
    let session = use_session();
    let member_id = Memo::new(move |_| session.me().and_then(|me| me.member_id));
    let regions = use_regions();
    let countries = use_country_names();
    let record = use_fetch(
        move || member_id.get(),
        |id| async move {
            match id {
                Some(id) => api::member(id).await.map(Some),
                None => Ok::<_, ApiError>(None),
            }
        },
    );
    view! {
        <section class="page narrow" data-testid="organisation">
            <PageHeader title=K::OrganisationTitle intro=K::DescOrganisation />
            {async_view(record, move |member| match member {
                Some(m) => view! { <MemberCard member=m regions countries /> }.into_any(),
                None => view! { <p class="empty">{tr(K::NoMemberLink)}</p> }.into_any(),
            })}
        </section>
    }
}

#[component]
fn MemberCard(member: MemberResponse, regions: Regions, countries: CountryNames) -> impl IntoView {
    let i18n = use_i18n();
    let m = member;
    let region_code = m.liaison_region.clone();
    let country = m.country.clone();
    view! {
        <article class="panel record" data-testid="member-record">
            <h2>
                {m.name.clone()} " " <span class="muted">"(" {m.acronym.clone()} ")"</span> " "
                <DemoBadge demo=m.demo />
            </h2>
            <dl class="facts">
                <dt>{tr(K::ColCountry)}</dt>
                <dd>
                    {move || countries.name(i18n.get(), &country)} " "
                    <span class="code muted">{m.country.clone()}</span>
                </dd>
                <dt>{tr(K::ColCategory)}</dt>
                <dd>{tr(category_key(m.category))}</dd>
                <dt>{tr(K::ColDeveloping)}</dt>
                <dd>{yes_no(m.developing)}</dd>
                <dt>{tr(K::ColLiaisonRegion)}</dt>
                <dd>
                    {move || {
                        region_code.as_deref().map(|c| region_name(i18n.get(), regions, c)).unwrap_or_default()
                    }}
                </dd>
                <dt>{tr(K::ColJoined)}</dt>
                <dd>{m.joined_on.to_string()}</dd>
                <dt>{tr(K::DevcoMember)}</dt>
                <dd>{yes_no(m.devco)}</dd>
            </dl>
        </article>
    }
}

/// Member names by id, for lists that show each row's member (staff and committee only: other
/// roles may not list members).
#[derive(Debug, Clone, Copy)]
pub struct MemberNames {
    enabled: Signal<bool>,
    names: Memo<BTreeMap<Uuid, String>>,
}

impl MemberNames {
    /// Whether the member column is shown; tracked.
    pub fn enabled(&self) -> bool {
        self.enabled.get()
    }

    /// `NAME (ACRONYM)`, or the start of the id while the names load or when one is missing.
    pub fn name(&self, id: Uuid) -> String {
        self.names.with(|n| n.get(&id).cloned()).unwrap_or_else(|| {
            let short = id.to_string();
            short.get(..8).unwrap_or_default().to_owned()
        })
    }
}

/// Loads the names of all members (one page of the maximum size: there are fewer than 200
/// national standards bodies) when `enabled`.
pub fn use_member_names(enabled: Signal<bool>) -> MemberNames {
    let fetch = use_fetch(
        move || enabled.get(),
        |on| async move {
            if on {
                api::members(&Query::new().set("per_page", api_types::page::MAX_PER_PAGE)).await.map(|p| p.items)
            } else {
                Ok(Vec::new())
            }
        },
    );
    let names = Memo::new(move |_| {
        fetch.data.with(|d| match d {
            Some(Ok(members)) => members.iter().map(|m| (m.id, format!("{} ({})", m.name, m.acronym))).collect(),
            _ => BTreeMap::new(),
        })
    });
    MemberNames { enabled, names }
}
