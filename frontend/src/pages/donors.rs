//! Donors: the list (staff and committee), the staff's "add donor" form and a donor's own
//! profile.

use api_types::Page;
use api_types::Role;
use api_types::funding::{CreateDonor, DonorResponse, DonorType};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::params::ParamsMap;

use crate::api::{self, ApiError};
use crate::components::{
    Created, CreatedNotice, CsvLink, DemoBadge, PageHeader, Pagination, async_view, created_id, short_date, use_flash,
};
use crate::fetch::use_fetch;
use crate::filters::{ClearFilters, SearchFilter, SelectFilter, use_go};
use crate::forms::{Form, FormActions, SelectField, TextField};
use crate::i18n::{K, Lang, donor_type_key, tr, use_i18n};
use crate::query::{self, PER_PAGE, Query};
use crate::reference::{CountryNames, use_country_names};
use crate::session::use_session;

const PATH: &str = "/donors";
const NAME_MAX: usize = 200;

#[derive(Debug, Clone, Default, PartialEq)]
struct Filters {
    donor_type: Option<DonorType>,
    q: Option<String>,
    page: u32,
}

impl Filters {
    fn from_query(map: &ParamsMap) -> Filters {
        Filters {
            donor_type: query::text(map, "donor_type").and_then(|t| DonorType::parse(&t)),
            q: query::text(map, "q"),
            page: query::page(map),
        }
    }

    fn without_page(&self) -> Query {
        Query::new().opt("donor_type", self.donor_type.map(DonorType::as_str)).opt("q", self.q.as_deref())
    }

    fn api_query(&self) -> Query {
        self.without_page().set("page", self.page).set("per_page", PER_PAGE)
    }
}

#[component]
pub fn DonorsPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let can_add = Memo::new(move |_| session.role() == Some(Role::Staff));
    let query_map = use_query_map();
    let filters = Memo::new(move |_| Filters::from_query(&query_map.read()));
    let donors = use_fetch(move || filters.get().api_query(), |q| async move { api::donors(&q).await });
    let countries = use_country_names();

    let go = use_go(PATH);
    let apply = move |change: &dyn Fn(&mut Filters)| {
        let mut next = filters.get_untracked();
        change(&mut next);
        go(next.without_page());
    };
    let type_options = Signal::derive(move || {
        let lang = i18n.get();
        DonorType::ALL.iter().map(|t| (t.as_str().to_owned(), donor_type_key(*t).text(lang).to_owned())).collect()
    });

    view! {
        <section class="page" data-testid="donors">
            <PageHeader title=K::DonorsTitle intro=K::DescDonors>
                {move || {
                    can_add
                        .get()
                        .then(|| {
                            view! {
                                <a class="button" href="/donors/new" data-testid="add-donor">
                                    {tr(K::AddDonor)}
                                </a>
                            }
                        })
                }}
                {move || view! { <CsvLink api_path="/api/funding/donors" filters=filters.get().without_page() /> }}
            </PageHeader>
            <CreatedNotice what=K::DonorCreated />
            <div class="filters" role="group" aria-label=tr(K::Filters)>
                <SelectFilter
                    id="filter-type"
                    label=K::ColDonorType
                    all=K::AllTypes
                    options=type_options
                    selected=Signal::derive(move || filters.get().donor_type.map(|t| t.as_str().to_owned()))
                    on_select={
                        let apply = apply.clone();
                        move |v: Option<String>| {
                            apply(&|f: &mut Filters| f.donor_type = v.as_deref().and_then(DonorType::parse))
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
            {async_view(donors, move |page| view! { <DonorTable page filters=filters.get_untracked() countries /> })}
        </section>
    }
}

#[component]
fn DonorTable(page: Page<DonorResponse>, filters: Filters, countries: CountryNames) -> impl IntoView {
    let i18n = use_i18n();
    if page.items.is_empty() {
        return view! {
            <p class="empty" data-testid="empty">
                {tr(if filters.without_page().is_empty() { K::NoDonorsYet } else { K::NoDonors })}
            </p>
        }
        .into_any();
    }
    let (current, pages, total) = (page.page, page.page_count(), page.total);
    let rows = page.items;
    let highlight = created_id(K::DonorCreated);
    view! {
        <div class="table-wrap">
            <table class="data-table" data-testid="donors-table">
                <thead>
                    <tr>
                        <th scope="col">{tr(K::ColName)}</th>
                        <th scope="col">{tr(K::ColDonorType)}</th>
                        <th scope="col">{tr(K::ColCountry)}</th>
                        <th scope="col">{tr(K::ColCreated)}</th>
                    </tr>
                </thead>
                <tbody>
                    {move || {
                        let lang = i18n.get();
                        rows.iter().map(|d| donor_row(lang, d, countries, highlight == Some(d.id))).collect_view()
                    }}
                </tbody>
            </table>
        </div>
        <Pagination path=PATH filters=filters.without_page() page=current pages total />
    }
    .into_any()
}

fn donor_row(lang: Lang, d: &DonorResponse, countries: CountryNames, new: bool) -> impl IntoView + use<> {
    let country = match &d.country {
        Some(code) => format!("{} ({code})", countries.name(lang, code)),
        None => K::International.text(lang).to_owned(),
    };
    view! {
        <tr data-id=d.id.to_string() class:row-new=new>
            <th scope="row">{d.name.clone()} " " <DemoBadge demo=d.demo /></th>
            <td>{donor_type_key(d.donor_type).text(lang)}</td>
            <td>{country}</td>
            <td class="nowrap">{short_date(&d.created_at)}</td>
        </tr>
    }
}

/// A country field is optional; when given it must look like an ISO 3166-1 alpha-2 code.
fn country_code(input: &str) -> Result<Option<String>, K> {
    let code = input.trim().to_ascii_uppercase();
    if code.is_empty() {
        Ok(None)
    } else if code.len() == 2 && code.bytes().all(|b| b.is_ascii_uppercase()) {
        Ok(Some(code))
    } else {
        Err(K::ErrCountryCode)
    }
}

/// The staff's form to add a donor.
#[component]
pub fn NewDonorPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let flash = use_flash();
    let navigate = use_navigate();
    let name = RwSignal::new(String::new());
    let donor_type = RwSignal::new(String::new());
    let country = RwSignal::new(String::new());
    let form = Form::new();

    let submit = move |ev: SubmitEvent| {
        if !form.begin(&ev) {
            return;
        }
        let name = form.require_text("name", &name.get_untracked(), NAME_MAX);
        let donor_type = form.require("donor_type", DonorType::parse(&donor_type.get_untracked()));
        let country = country_code(&country.get_untracked());
        if let Err(k) = &country {
            form.fields.local("country", *k);
        }
        if !form.locally_valid() {
            return;
        }
        let (Some(donor_type), Ok(country)) = (donor_type, country) else {
            return;
        };
        let body = CreateDonor { name, donor_type, country, publicly_named: false, contact: Default::default() };
        let navigate = navigate.clone();
        form.send(session, async move { api::create_donor(&body, &session.csrf()).await }, move |donor| {
            flash.0.set(Some(Created { id: donor.id, what: K::DonorCreated, label: donor.name }));
            navigate(PATH, NavigateOptions::default());
        });
    };
    let types = DonorType::ALL
        .into_iter()
        .map(|t| (t.as_str().to_owned(), Signal::derive(move || i18n.t(donor_type_key(t)).to_owned())))
        .collect();

    view! {
        <section class="page narrow" data-testid="new-donor-page">
            <PageHeader title=K::AddDonorTitle intro=K::DescDonors />
            {form.error_box()}
            <form class="form panel" on:submit=submit novalidate=true>
                <TextField form field="name" label=K::FieldName value=name maxlength=NAME_MAX />
                <SelectField form field="donor_type" label=K::FieldDonorType value=donor_type options=types />
                <TextField
                    form
                    field="country"
                    label=K::FieldCountry
                    value=country
                    optional=true
                    hint=K::HintCountry
                    class="short"
                    maxlength=2
                    autocomplete="country"
                />
                <FormActions form label=K::AddDonor cancel=PATH />
            </form>
        </section>
    }
}

/// A donor's own record.
#[component]
pub fn DonorProfilePage() -> impl IntoView {
    let session = use_session();
    let donor_id = Memo::new(move |_| session.me().and_then(|me| me.donor_id));
    // A donor lists only its own record; there is no `GET /donors/{id}` to call.
    let countries = use_country_names();
    let record = use_fetch(
        move || donor_id.get(),
        |id| async move {
            match id {
                Some(id) => {
                    let page = api::donors(&Query::new().set("per_page", PER_PAGE)).await?;
                    Ok(page.items.into_iter().find(|d| d.id == id))
                }
                None => Ok::<_, ApiError>(None),
            }
        },
    );
    view! {
        <section class="page narrow" data-testid="donor-profile">
            <PageHeader title=K::DonorProfileTitle intro=K::DescDonorProfile />
            {async_view(record, move |donor| match donor {
                Some(d) => view! { <DonorCard donor=d countries /> }.into_any(),
                None => view! { <p class="empty">{tr(K::NoDonorLink)}</p> }.into_any(),
            })}
        </section>
    }
}

#[component]
fn DonorCard(donor: DonorResponse, countries: CountryNames) -> impl IntoView {
    let i18n = use_i18n();
    let d = donor;
    let country = d.country.clone();
    view! {
        <article class="panel record" data-testid="donor-record">
            <h2>{d.name.clone()} " " <DemoBadge demo=d.demo /></h2>
            <dl class="facts">
                <dt>{tr(K::ColDonorType)}</dt>
                <dd>{tr(donor_type_key(d.donor_type))}</dd>
                <dt>{tr(K::ColCountry)}</dt>
                <dd>
                    {move || match &country {
                        Some(code) => format!("{} ({code})", countries.name(i18n.get(), code)),
                        None => i18n.t(K::International).to_owned(),
                    }}
                </dd>
                <dt>{tr(K::ColCreated)}</dt>
                <dd>{short_date(&d.created_at)}</dd>
            </dl>
        </article>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn country_codes_are_two_letters_or_nothing() {
        assert_eq!(country_code(" ch "), Ok(Some("CH".to_owned())));
        assert_eq!(country_code(""), Ok(None));
        assert_eq!(country_code("CHE"), Err(K::ErrCountryCode));
        assert_eq!(country_code("C1"), Err(K::ErrCountryCode));
    }
}
