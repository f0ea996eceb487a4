//! Reference data shared by the whole app and loaded once: the eight liaison regions (they name
//! the region column of several lists and fill the region filters) and the country names
//! (lists carry ISO codes; people read names). Both come in English and French from the API.

use std::collections::BTreeMap;

use api_types::Page;
use api_types::membership::{CountryResponse, RegionResponse};
use api_types::page::MAX_PER_PAGE;
use leptos::prelude::*;

use crate::api::{self, ApiError};
use crate::fetch::{Fetch, use_fetch};
use crate::i18n::Lang;
use crate::query::Query;

/// The shared liaison regions.
#[derive(Debug, Clone, Copy)]
pub struct Regions(Fetch<Vec<RegionResponse>>);

impl Regions {
    /// Loads the regions (public reference data) and provides them.
    pub fn provide() -> Regions {
        let regions = Regions(use_fetch(|| (), |()| api::regions()));
        provide_context(regions);
        regions
    }

    /// The regions in display order, empty until loaded; tracked.
    pub fn list(&self) -> Vec<RegionResponse> {
        self.0.data.with(|d| match d {
            Some(Ok(list)) => list.clone(),
            _ => Vec::new(),
        })
    }

    /// Why the regions could not be loaded, if they could not; tracked.
    pub fn error(&self) -> Option<ApiError> {
        self.0.data.with(|d| match d {
            Some(Err(e)) => Some(e.clone()),
            _ => None,
        })
    }

    pub fn reload(&self) {
        self.0.reload();
    }
}

pub fn use_regions() -> Regions {
    match use_context::<Regions>() {
        Some(regions) => regions,
        None => Regions::provide(),
    }
}

/// The name of region `code` in `lang`; the code itself until the regions are loaded, so a
/// table is never left with blank cells. Tracked.
pub fn region_name(lang: Lang, regions: Regions, code: &str) -> String {
    regions.0.data.with(|d| {
        d.as_ref()
            .and_then(|r| r.as_ref().ok())
            .and_then(|list| list.iter().find(|r| r.code == code))
            .map_or_else(|| code.to_owned(), |r| lang.pick(&r.name_en, &r.name_fr).to_owned())
    })
}

/// English and French names by ISO alpha-2 code.
type NameTable = BTreeMap<String, (String, String)>;

/// Country names, loaded the first time a page asks for them (most pages never do).
#[derive(Debug, Clone, Copy)]
pub struct CountryNames {
    wanted: RwSignal<bool>,
    names: Fetch<NameTable>,
}

impl CountryNames {
    /// Provides the (not yet loaded) names.
    pub fn provide() -> CountryNames {
        let wanted = RwSignal::new(false);
        let names = use_fetch(
            move || wanted.get(),
            |wanted| async move { if wanted { all_country_names().await } else { Ok(NameTable::new()) } },
        );
        let country_names = CountryNames { wanted, names };
        provide_context(country_names);
        country_names
    }

    /// The name of country `code` in `lang`, or the code while the names load; tracked.
    pub fn name(&self, lang: Lang, code: &str) -> String {
        self.names.data.with(|d| {
            d.as_ref()
                .and_then(|r| r.as_ref().ok())
                .and_then(|names| names.get(code))
                .map_or_else(|| code.to_owned(), |(en, fr)| lang.pick(en, fr).to_owned())
        })
    }
}

/// The country names, loading them if nobody has yet. Call it from a component's body.
pub fn use_country_names() -> CountryNames {
    let names = use_context::<CountryNames>().unwrap_or_else(CountryNames::provide);
    if !names.wanted.get_untracked() {
        names.wanted.set(true);
    }
    names
}

/// Every country, a page of the maximum size at a time (about 250 rows in all).
async fn all_country_names() -> Result<NameTable, ApiError> {
    let mut names = NameTable::new();
    let mut page_number = 1_u32;
    loop {
        let query = Query::new().set("page", page_number).set("per_page", MAX_PER_PAGE);
        let page: Page<CountryResponse> = api::countries(&query).await?;
        let pages = page.page_count();
        names.extend(page.items.into_iter().map(|c| (c.code, (c.name_en, c.name_fr))));
        if page_number >= pages {
            return Ok(names);
        }
        page_number += 1;
    }
}
