//! Countries and territories: the reference data, filterable by liaison region, developing
//! status and text, 50 rows a page. The filters live in the URL so that a reload, a shared link
//! or back/forward shows the same list.

use api_types::Page;
use api_types::membership::CountryResponse;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use leptos_router::params::ParamsMap;

use crate::api;
use crate::components::{CsvLink, ErrorBox, PageHeader, Pagination, async_view, yes_no};
use crate::fetch::use_fetch;
use crate::filters::{CheckFilter, ClearFilters, SearchFilter, SelectFilter, use_go};
use crate::i18n::{self, K, Lang, income_key, tr, use_i18n};
use crate::query::{self, PER_PAGE, Query};
use crate::reference::{Regions, region_name, use_regions};

const PATH: &str = "/countries";

/// The list's state, as read from and written to the page URL.
#[derive(Debug, Clone, Default, PartialEq)]
struct Filters {
    region: Option<String>,
    developing: bool,
    q: Option<String>,
    page: u32,
}

impl Filters {
    fn from_query(map: &ParamsMap) -> Filters {
        Filters {
            region: query::text(map, "region"),
            developing: query::flag(map, "developing"),
            q: query::text(map, "q"),
            page: query::page(map),
        }
    }

    /// The filters without the page: what the CSV export and the pagination links keep.
    fn without_page(&self) -> Query {
        Query::new()
            .opt("region", self.region.as_deref())
            .flag("developing", self.developing)
            .opt("q", self.q.as_deref())
    }

    /// The page to fetch, sorted by the names the reader sees.
    fn api_query(&self, lang: Lang) -> Query {
        let sort = match lang {
            Lang::En => "name_en",
            Lang::Fr => "name_fr",
        };
        self.without_page().set("page", self.page).set("per_page", PER_PAGE).set("sort", sort)
    }
}

#[component]
pub fn CountriesPage() -> impl IntoView {
    let query_map = use_query_map();
    let filters = Memo::new(move |_| Filters::from_query(&query_map.read()));
    let regions = use_regions();
    let i18n = use_i18n();
    let countries = use_fetch(move || filters.get().api_query(i18n.get()), |q| async move { api::countries(&q).await });

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

    view! {
        <section class="page" data-testid="countries">
            <PageHeader title=K::CountriesTitle intro=K::CountriesIntro>
                {move || view! { <CsvLink api_path="/api/membership/countries" filters=filters.get().without_page() /> }}
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
                        move |region: Option<String>| apply(&|f: &mut Filters| f.region.clone_from(&region))
                    }
                />
                <CheckFilter
                    id="filter-developing"
                    label=K::DevelopingOnly
                    checked=Signal::derive(move || filters.get().developing)
                    on_toggle={
                        let apply = apply.clone();
                        move |on: bool| apply(&|f: &mut Filters| f.developing = on)
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
            {move || {
                regions
                    .error()
                    .map(|error| view! { <ErrorBox error on_retry=move |()| regions.reload() /> })
            }}
            {async_view(countries, move |page| view! { <CountryTable page filters=filters.get_untracked() regions /> })}
        </section>
    }
}

#[component]
fn CountryTable(page: Page<CountryResponse>, filters: Filters, regions: Regions) -> impl IntoView {
    let pages = page.page_count();
    let total = page.total;
    let current = page.page;
    if page.items.is_empty() {
        return view! {
            <p class="empty" data-testid="empty">
                {tr(K::NoCountries)}
            </p>
        }
        .into_any();
    }
    let rows = page.items;
    let i18n = use_i18n();
    view! {
        <div class="table-wrap">
            <table class="data-table" data-testid="countries-table">
                <thead>
                    <tr>
                        <th scope="col">{tr(K::ColName)}</th>
                        <th scope="col">{tr(K::ColIso)}</th>
                        <th scope="col">{tr(K::ColM49Region)}</th>
                        <th scope="col">{tr(K::ColIncome)}</th>
                        <th scope="col">{tr(K::ColDeveloping)}</th>
                        <th scope="col">{tr(K::ColGroups)}</th>
                        <th scope="col">{tr(K::ColLiaisonRegion)}</th>
                    </tr>
                </thead>
                <tbody>
                    {move || {
                        let lang = i18n.get();
                        rows.iter().map(|c| country_row(lang, c, regions)).collect_view()
                    }}
                </tbody>
            </table>
        </div>
        <Pagination path=PATH filters=filters.without_page() page=current pages total />
    }
    .into_any()
}

fn country_row(lang: Lang, c: &CountryResponse, regions: Regions) -> impl IntoView + use<> {
    let region_code = c.liaison_region.clone().unwrap_or_default();
    let region_label = c.liaison_region.as_deref().map(|code| region_name(lang, regions, code)).unwrap_or_default();
    let m49 = c.m49_region.as_deref().map(|r| i18n::m49_region(lang, r)).unwrap_or_default();
    let badge = |on: bool, short: K, long: K| {
        on.then(|| {
            view! {
                <abbr class="badge" title=long.text(lang)>
                    {short.text(lang)}
                </abbr>
            }
        })
    };
    view! {
        <tr data-code=c.code.clone() data-region=region_code>
            <th scope="row" class="name">{lang.pick(&c.name_en, &c.name_fr).to_owned()}</th>
            <td class="code">
                <span data-testid="iso">{c.code.clone()}</span>
                " "
                <span class="muted">{c.alpha3.clone()}</span>
            </td>
            <td>{m49}</td>
            <td>{income_key(c.income_level).text(lang)}</td>
            <td>
                <span class=if c.developing { "pill pill-yes" } else { "pill pill-no" }>{yes_no(c.developing)}</span>
            </td>
            <td class="badges">
                {badge(c.ldc, K::Ldc, K::LdcTitle)} {badge(c.lldc, K::Lldc, K::LldcTitle)}
                {badge(c.sids, K::Sids, K::SidsTitle)}
            </td>
            <td data-testid="liaison-region">{region_label}</td>
        </tr>
    }
}
