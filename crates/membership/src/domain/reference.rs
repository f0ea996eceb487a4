//! Reference data of the membership service: countries and territories, and the default
//! liaison regions.
//!
//! This module is pure (no HTTP, no database, no file system). It owns:
//!
//! * [`LIAISON_REGIONS`]: the eight default liaison regions of the programme, with English and
//!   French names and their display order (staff may later edit the stored copies);
//! * [`countries()`]: one [`CountryRecord`] per country or territory that has an ISO 3166-1
//!   alpha-2 code, with its UN M49 region / sub-region / intermediate region, World Bank income
//!   level, UN LDC / LLDC / SIDS flags, independence, English and French short names, and the
//!   default liaison region of every country that is developing by income level;
//! * [`default_liaison_region`]: the documented rule that maps a developing country to exactly
//!   one liaison region.
//!
//! # Where the data comes from
//!
//! Two CSV files are compiled into the binary with `include_str!` from `crates/membership/data/`
//! (see `ATTRIBUTION.md` there); nothing is read at run time.
//!
//! * `countries-territories-taxonomy.csv`: the OCHA "Countries & Territories Taxonomy" as shipped
//!   in the PyPI package hdx-python-country 4.2.5 (MIT licence). This is the primary source: ISO
//!   codes, M49 code and regions, World Bank income level, independence and short names.
//!   Deprecated rows (`Deprecated` = `Y`) and rows without an ISO alpha-2 code (Azores, Canary
//!   Islands, Channel Islands, Galápagos, Sark, Kosovo) are skipped.
//! * `country-codes.csv`: datasets/country-codes (ODC-PDDL 1.0, public domain). Joined on the ISO
//!   alpha-2 code; it provides the LDC / LLDC / SIDS flags, the `Languages` column used by the
//!   liaison rule, and fallbacks for names, codes and regions.
//!
//! Columns are looked up by header name, never by position. Names fall back in this order:
//! English: taxonomy `English Short`, `Preferred Term`, `M49 English`, then country-codes
//! `official_name_en`, `UNTERM English Short`, `CLDR display name`; French: taxonomy
//! `French Short`, `M49 French`, then country-codes `official_name_fr`, `UNTERM French Short`,
//! and finally the English name. Regions come from the taxonomy when it gives a region, otherwise
//! from country-codes (both leave Antarctica without a region).
//!
//! # Developing countries
//!
//! A country is *developing by income* when its World Bank income level is low, lower-middle or
//! upper-middle ([`CountryRecord::developing_by_income`]). Countries and territories without an
//! income level in the data (e.g. Venezuela, Cook Islands, Niue, the Holy See and most
//! dependent territories) are **not** developing by income and get no default liaison region;
//! the service may mark them developing by a staff decision and then use
//! [`geographic_liaison_region`] to suggest a region.
//!
//! # The default liaison-region rule
//!
//! Applied only to countries that are developing by income; the first matching step wins:
//!
//! 1. **Arab region** (`arab`): members of the League of Arab States ([`ARAB_LEAGUE`]: Algeria,
//!    Bahrain, Comoros, Djibouti, Egypt, Iraq, Jordan, Kuwait, Lebanon, Libya, Mauritania,
//!    Morocco, Oman, Palestine, Qatar, Saudi Arabia, Somalia, Sudan, Syria, Tunisia, United Arab
//!    Emirates, Yemen), whatever their M49 region.
//! 2. Other countries of M49 region **Africa**: **Africa (francophone)** (`africa-francophone`)
//!    if French is among the country's languages in country-codes `Languages` (a language tag
//!    whose primary subtag is `fr`, e.g. `fr` or `fr-SN`; `frp`, Arpitan, is not French),
//!    otherwise **Africa (anglophone)** (`africa-anglophone`). Lusophone, hispanophone and other
//!    countries (e.g. Angola, Mozambique, Cabo Verde, Eritrea) therefore default to Africa
//!    (anglophone). Bilingual countries that list French (e.g. Cameroon, Rwanda, Mauritius,
//!    Equatorial Guinea) default to Africa (francophone).
//! 3. M49 region **Americas**: intermediate region `Caribbean` → **Caribbean** (`caribbean`);
//!    everything else (Central America including Mexico, South America) → **Latin America**
//!    (`latin-america`).
//! 4. M49 region **Oceania** → **Pacific** (`pacific`).
//! 5. M49 region **Europe**, M49 sub-region **Central Asia**, and the Caucasus and Türkiye
//!    ([`CEECA_WESTERN_ASIA`]: Armenia, Azerbaijan, Georgia, Türkiye) → **Central and Eastern
//!    Europe and Central Asia** (`ceeca`).
//! 6. The rest of M49 region **Asia** → **Asia** (`asia`).
//!
//! A developing country without an M49 region would get no region; the embedded data has none.

use std::collections::{BTreeMap, HashMap};

use api_types::membership::IncomeLevel;

/// The OCHA Countries & Territories Taxonomy (hdx-python-country 4.2.5, MIT).
const TAXONOMY_CSV: &str = include_str!("../../data/countries-territories-taxonomy.csv");
/// datasets/country-codes (ODC-PDDL 1.0).
const COUNTRY_CODES_CSV: &str = include_str!("../../data/country-codes.csv");

const TAXONOMY_FILE: &str = "countries-territories-taxonomy.csv";
const COUNTRY_CODES_FILE: &str = "country-codes.csv";

/// A default liaison region: the programme's own grouping of developing countries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct LiaisonRegionDefault {
    /// Stable code, e.g. `africa-francophone`.
    pub code: &'static str,
    pub name_en: &'static str,
    pub name_fr: &'static str,
    /// Position in lists (1-based).
    pub sort_order: i32,
}

/// Code of the liaison region Africa (anglophone).
pub const AFRICA_ANGLOPHONE: &str = "africa-anglophone";
/// Code of the liaison region Africa (francophone).
pub const AFRICA_FRANCOPHONE: &str = "africa-francophone";
/// Code of the liaison region Arab region.
pub const ARAB: &str = "arab";
/// Code of the liaison region Asia.
pub const ASIA: &str = "asia";
/// Code of the liaison region Pacific.
pub const PACIFIC: &str = "pacific";
/// Code of the liaison region Central and Eastern Europe and Central Asia.
pub const CEECA: &str = "ceeca";
/// Code of the liaison region Latin America.
pub const LATIN_AMERICA: &str = "latin-america";
/// Code of the liaison region Caribbean.
pub const CARIBBEAN: &str = "caribbean";

/// The eight default liaison regions, in display order.
pub const LIAISON_REGIONS: [LiaisonRegionDefault; 8] = [
    LiaisonRegionDefault {
        code: AFRICA_ANGLOPHONE,
        name_en: "Africa (anglophone)",
        name_fr: "Afrique (anglophone)",
        sort_order: 1,
    },
    LiaisonRegionDefault {
        code: AFRICA_FRANCOPHONE,
        name_en: "Africa (francophone)",
        name_fr: "Afrique (francophone)",
        sort_order: 2,
    },
    LiaisonRegionDefault { code: ARAB, name_en: "Arab region", name_fr: "Région arabe", sort_order: 3 },
    LiaisonRegionDefault { code: ASIA, name_en: "Asia", name_fr: "Asie", sort_order: 4 },
    LiaisonRegionDefault { code: PACIFIC, name_en: "Pacific", name_fr: "Pacifique", sort_order: 5 },
    LiaisonRegionDefault {
        code: CEECA,
        name_en: "Central and Eastern Europe and Central Asia",
        name_fr: "Europe centrale et orientale et Asie centrale",
        sort_order: 6,
    },
    LiaisonRegionDefault { code: LATIN_AMERICA, name_en: "Latin America", name_fr: "Amérique latine", sort_order: 7 },
    LiaisonRegionDefault { code: CARIBBEAN, name_en: "Caribbean", name_fr: "Caraïbes", sort_order: 8 },
];

/// The default liaison region with this code, if any.
pub fn liaison_region(code: &str) -> Option<&'static LiaisonRegionDefault> {
    LIAISON_REGIONS.iter().find(|r| r.code == code)
}

/// Members of the League of Arab States (ISO 3166-1 alpha-2), mapped to the Arab region.
pub const ARAB_LEAGUE: [&str; 22] = [
    "DZ", // Algeria
    "BH", // Bahrain
    "KM", // Comoros
    "DJ", // Djibouti
    "EG", // Egypt
    "IQ", // Iraq
    "JO", // Jordan
    "KW", // Kuwait
    "LB", // Lebanon
    "LY", // Libya
    "MR", // Mauritania
    "MA", // Morocco
    "OM", // Oman
    "PS", // Palestine
    "QA", // Qatar
    "SA", // Saudi Arabia
    "SO", // Somalia
    "SD", // Sudan
    "SY", // Syria
    "TN", // Tunisia
    "AE", // United Arab Emirates
    "YE", // Yemen
];

/// Countries of M49 Western Asia mapped to Central and Eastern Europe and Central Asia: the
/// Caucasus (Armenia, Azerbaijan, Georgia) and Türkiye.
pub const CEECA_WESTERN_ASIA: [&str; 4] = ["AM", "AZ", "GE", "TR"];

/// One country or territory of the reference data.
#[derive(Debug, Clone, PartialEq)]
pub struct CountryRecord {
    /// ISO 3166-1 alpha-2, e.g. `KE`.
    pub code: String,
    /// ISO 3166-1 alpha-3, e.g. `KEN`.
    pub alpha3: String,
    /// UN M49 numeric code as text, zero-padded to 3 digits (`004`).
    pub m49: String,
    /// Short English name.
    pub name_en: String,
    /// Short French name (falls back to other French columns, then to the English name).
    pub name_fr: String,
    /// UN M49 region (Africa, Americas, Asia, Europe, Oceania).
    pub m49_region: Option<String>,
    pub m49_sub_region: Option<String>,
    pub m49_intermediate_region: Option<String>,
    /// World Bank income level; `None` where the data gives none.
    pub income_level: Option<IncomeLevel>,
    /// Least developed country (UN).
    pub ldc: bool,
    /// Landlocked developing country (UN).
    pub lldc: bool,
    /// Small island developing state (UN).
    pub sids: bool,
    pub independent: bool,
    /// Default liaison region code; Some only for countries developing by income level.
    pub default_liaison_region: Option<&'static str>,
}

impl CountryRecord {
    /// Low, lower-middle and upper-middle income count as developing.
    pub fn developing_by_income(&self) -> bool {
        is_developing_income(self.income_level)
    }
}

/// Low, lower-middle and upper-middle income count as developing; high income and an unknown
/// income level do not.
pub fn is_developing_income(income_level: Option<IncomeLevel>) -> bool {
    matches!(income_level, Some(IncomeLevel::Low | IncomeLevel::LowerMiddle | IncomeLevel::UpperMiddle))
}

/// Why the embedded reference data could not be read. Since the data is compiled in, any of
/// these is a defect of the data files, caught by the unit tests.
#[derive(Debug, thiserror::Error)]
pub enum ReferenceError {
    #[error("cannot parse embedded {file}: {source}")]
    Csv {
        file: &'static str,
        #[source]
        source: csv::Error,
    },
    #[error("embedded {file} has no column {column:?}")]
    MissingColumn { file: &'static str, column: &'static str },
    #[error("{file}: country {code:?}: invalid {field} {value:?}")]
    InvalidValue { file: &'static str, code: String, field: &'static str, value: String },
    #[error("country {code:?} has no {field} in either source")]
    MissingValue { code: String, field: &'static str },
    #[error("{file}: duplicate country code {code:?}")]
    DuplicateCode { file: &'static str, code: String },
}

/// What the liaison-region rule looks at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct LiaisonInputs<'a> {
    /// ISO 3166-1 alpha-2.
    pub code: &'a str,
    pub income_level: Option<IncomeLevel>,
    pub m49_region: Option<&'a str>,
    pub m49_sub_region: Option<&'a str>,
    pub m49_intermediate_region: Option<&'a str>,
    /// The comma-separated `Languages` value of country-codes, e.g. `fr-SN,wo,fuc,mnk`.
    pub languages: &'a str,
}

/// The documented default mapping: the liaison region of a country that is developing by
/// income level, `None` for every other country (see the module documentation for the rule).
pub fn default_liaison_region(inputs: &LiaisonInputs<'_>) -> Option<&'static str> {
    if is_developing_income(inputs.income_level) { geographic_liaison_region(inputs) } else { None }
}

/// The geographic part of the rule, ignoring the income level: the region a country would
/// belong to if it were developing (e.g. when staff mark a country developing by decision).
/// `None` only for a country without an M49 region.
pub fn geographic_liaison_region(inputs: &LiaisonInputs<'_>) -> Option<&'static str> {
    let code = inputs.code.trim();
    if ARAB_LEAGUE.iter().any(|c| c.eq_ignore_ascii_case(code)) {
        return Some(ARAB);
    }
    match inputs.m49_region? {
        "Africa" => Some(if speaks_french(inputs.languages) { AFRICA_FRANCOPHONE } else { AFRICA_ANGLOPHONE }),
        "Americas" => Some(if inputs.m49_intermediate_region == Some("Caribbean") { CARIBBEAN } else { LATIN_AMERICA }),
        "Oceania" => Some(PACIFIC),
        "Europe" => Some(CEECA),
        "Asia" => Some(
            if inputs.m49_sub_region == Some("Central Asia")
                || CEECA_WESTERN_ASIA.iter().any(|c| c.eq_ignore_ascii_case(code))
            {
                CEECA
            } else {
                ASIA
            },
        ),
        _ => None,
    }
}

/// True when a comma-separated list of language tags contains French: a tag whose primary
/// subtag is `fr` (`fr`, `fr-CM`), not merely one starting with the letters `fr` (`frp`).
pub fn speaks_french(languages: &str) -> bool {
    languages
        .split(',')
        .any(|tag| tag.trim().split(['-', '_']).next().is_some_and(|primary| primary.eq_ignore_ascii_case("fr")))
}

/// Parses the embedded CSVs: one record per country/territory with an ISO alpha-2 code, sorted by code.
pub fn countries() -> Result<Vec<CountryRecord>, ReferenceError> {
    Ok(parse_all()?.into_iter().map(|(record, _)| record).collect())
}

/// The raw country-codes `Languages` value of every country, keyed by ISO alpha-2 (countries
/// without languages in the data are left out). With a [`CountryRecord`] this is all
/// [`geographic_liaison_region`] needs.
pub fn country_languages() -> Result<BTreeMap<String, String>, ReferenceError> {
    Ok(parse_all()?
        .into_iter()
        .filter(|(_, languages)| !languages.is_empty())
        .map(|(record, languages)| (record.code, languages))
        .collect())
}

/// The inputs of the liaison rule for a record and its country-codes `Languages` value.
pub fn liaison_inputs<'a>(record: &'a CountryRecord, languages: &'a str) -> LiaisonInputs<'a> {
    LiaisonInputs {
        code: &record.code,
        income_level: record.income_level,
        m49_region: record.m49_region.as_deref(),
        m49_sub_region: record.m49_sub_region.as_deref(),
        m49_intermediate_region: record.m49_intermediate_region.as_deref(),
        languages,
    }
}

/// A parsed CSV file with its header row.
struct Table {
    file: &'static str,
    headers: Vec<String>,
    rows: Vec<csv::StringRecord>,
}

impl Table {
    fn parse(file: &'static str, text: &str) -> Result<Self, ReferenceError> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut reader = csv::ReaderBuilder::new().has_headers(true).from_reader(text.as_bytes());
        let headers = reader
            .headers()
            .map_err(|source| ReferenceError::Csv { file, source })?
            .iter()
            .map(|h| h.trim().to_owned())
            .collect();
        let rows =
            reader.records().collect::<Result<Vec<_>, _>>().map_err(|source| ReferenceError::Csv { file, source })?;
        Ok(Self { file, headers, rows })
    }

    fn column(&self, name: &'static str) -> Result<Column, ReferenceError> {
        self.headers
            .iter()
            .position(|h| h == name)
            .map(Column)
            .ok_or(ReferenceError::MissingColumn { file: self.file, column: name })
    }
}

/// The index of a column in a [`Table`].
#[derive(Clone, Copy)]
struct Column(usize);

impl Column {
    /// The trimmed value of this column in a row ("" when absent).
    fn get(self, row: &csv::StringRecord) -> &str {
        row.get(self.0).map_or("", str::trim)
    }

    /// The trimmed value, `None` when empty.
    fn opt(self, row: &csv::StringRecord) -> Option<&str> {
        Some(self.get(row)).filter(|v| !v.is_empty())
    }
}

/// The first non-empty value.
fn first<'a>(candidates: impl IntoIterator<Item = Option<&'a str>>) -> Option<&'a str> {
    candidates.into_iter().flatten().next()
}

fn is_alpha2(code: &str) -> bool {
    code.len() == 2 && code.bytes().all(|b| b.is_ascii_uppercase())
}

/// The data of country-codes.csv that the records use.
struct CountryCodesRow {
    alpha3: Option<String>,
    m49: Option<String>,
    name_en: Option<String>,
    name_fr: Option<String>,
    region: Option<String>,
    sub_region: Option<String>,
    intermediate_region: Option<String>,
    ldc: bool,
    lldc: bool,
    sids: bool,
    independent: bool,
    languages: String,
}

fn parse_country_codes() -> Result<HashMap<String, CountryCodesRow>, ReferenceError> {
    let table = Table::parse(COUNTRY_CODES_FILE, COUNTRY_CODES_CSV)?;
    let alpha2 = table.column("ISO3166-1-Alpha-2")?;
    let alpha3 = table.column("ISO3166-1-Alpha-3")?;
    let m49 = table.column("M49")?;
    let official_en = table.column("official_name_en")?;
    let unterm_en = table.column("UNTERM English Short")?;
    let cldr = table.column("CLDR display name")?;
    let official_fr = table.column("official_name_fr")?;
    let unterm_fr = table.column("UNTERM French Short")?;
    let region = table.column("Region Name")?;
    let sub_region = table.column("Sub-region Name")?;
    let intermediate = table.column("Intermediate Region Name")?;
    let ldc = table.column("Least Developed Countries (LDC)")?;
    let lldc = table.column("Land Locked Developing Countries (LLDC)")?;
    let sids = table.column("Small Island Developing States (SIDS)")?;
    let independent = table.column("is_independent")?;
    let languages = table.column("Languages")?;

    let flag = |column: Column, row: &csv::StringRecord| column.get(row).eq_ignore_ascii_case("x");
    let owned = |value: Option<&str>| value.map(str::to_owned);

    let mut out = HashMap::with_capacity(table.rows.len());
    for row in &table.rows {
        let Some(code) = alpha2.opt(row) else {
            continue;
        };
        if !is_alpha2(code) {
            return Err(ReferenceError::InvalidValue {
                file: COUNTRY_CODES_FILE,
                code: code.to_owned(),
                field: "ISO3166-1-Alpha-2",
                value: code.to_owned(),
            });
        }
        let parsed = CountryCodesRow {
            alpha3: owned(alpha3.opt(row)),
            m49: owned(m49.opt(row)),
            name_en: owned(first([official_en.opt(row), unterm_en.opt(row), cldr.opt(row)])),
            name_fr: owned(first([official_fr.opt(row), unterm_fr.opt(row)])),
            region: owned(region.opt(row)),
            sub_region: owned(sub_region.opt(row)),
            intermediate_region: owned(intermediate.opt(row)),
            ldc: flag(ldc, row),
            lldc: flag(lldc, row),
            sids: flag(sids, row),
            independent: independent.get(row).eq_ignore_ascii_case("yes"),
            languages: languages.get(row).to_owned(),
        };
        if out.insert(code.to_owned(), parsed).is_some() {
            return Err(ReferenceError::DuplicateCode { file: COUNTRY_CODES_FILE, code: code.to_owned() });
        }
    }
    Ok(out)
}

/// A World Bank income level as written in the taxonomy.
fn parse_income_level(value: &str) -> Result<Option<IncomeLevel>, ()> {
    match value.trim().to_ascii_lowercase().as_str() {
        "" => Ok(None),
        "low" => Ok(Some(IncomeLevel::Low)),
        "lower middle" => Ok(Some(IncomeLevel::LowerMiddle)),
        "upper middle" => Ok(Some(IncomeLevel::UpperMiddle)),
        "high" => Ok(Some(IncomeLevel::High)),
        _ => Err(()),
    }
}

/// An M49 code as three zero-padded digits.
fn normalise_m49(value: &str) -> Option<String> {
    let value = value.trim();
    if value.is_empty() || value.len() > 3 || !value.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    value.parse::<u16>().ok().map(|n| format!("{n:03}"))
}

/// Every record with its country-codes `Languages` value, sorted by code.
fn parse_all() -> Result<Vec<(CountryRecord, String)>, ReferenceError> {
    let country_codes = parse_country_codes()?;

    let table = Table::parse(TAXONOMY_FILE, TAXONOMY_CSV)?;
    let deprecated = table.column("Deprecated")?;
    let alpha2 = table.column("ISO 3166-1 Alpha 2-Codes")?;
    let alpha3 = table.column("ISO 3166-1 Alpha 3-Codes")?;
    let m49 = table.column("m49 numerical code")?;
    let english_short = table.column("English Short")?;
    let preferred = table.column("Preferred Term")?;
    let m49_english = table.column("M49 English")?;
    let french_short = table.column("French Short")?;
    let m49_french = table.column("M49 French")?;
    let region = table.column("Region Name")?;
    let sub_region = table.column("Sub-region Name")?;
    let intermediate = table.column("Intermediate Region Name")?;
    let income = table.column("World Bank Income Level")?;
    let independent = table.column("Independent")?;

    let mut records: Vec<(CountryRecord, String)> = Vec::with_capacity(table.rows.len());
    for row in &table.rows {
        if deprecated.get(row).eq_ignore_ascii_case("y") {
            continue;
        }
        let Some(code) = alpha2.opt(row) else {
            continue;
        };
        let invalid = |field: &'static str, value: &str| ReferenceError::InvalidValue {
            file: TAXONOMY_FILE,
            code: code.to_owned(),
            field,
            value: value.to_owned(),
        };
        let missing = |field: &'static str| ReferenceError::MissingValue { code: code.to_owned(), field };
        if !is_alpha2(code) {
            return Err(invalid("ISO 3166-1 Alpha 2-Codes", code));
        }
        let cc = country_codes.get(code);

        let alpha3 = first([alpha3.opt(row), cc.and_then(|c| c.alpha3.as_deref())])
            .ok_or_else(|| missing("ISO 3166-1 alpha-3 code"))?;
        let m49_raw = first([m49.opt(row), cc.and_then(|c| c.m49.as_deref())]).ok_or_else(|| missing("M49 code"))?;
        let m49 = normalise_m49(m49_raw).ok_or_else(|| invalid("M49 code", m49_raw))?;

        let name_en = first([
            english_short.opt(row),
            preferred.opt(row),
            m49_english.opt(row),
            cc.and_then(|c| c.name_en.as_deref()),
        ])
        .ok_or_else(|| missing("English name"))?;
        let name_fr = first([french_short.opt(row), m49_french.opt(row), cc.and_then(|c| c.name_fr.as_deref())])
            .unwrap_or(name_en);

        // Take the taxonomy's regions as a whole when it has a region, otherwise
        // country-codes', so that region, sub-region and intermediate region stay consistent.
        let (m49_region, m49_sub_region, m49_intermediate_region) = match region.opt(row) {
            Some(r) => {
                (Some(r.to_owned()), sub_region.opt(row).map(str::to_owned), intermediate.opt(row).map(str::to_owned))
            }
            None => cc.map_or((None, None, None), |c| {
                (c.region.clone(), c.sub_region.clone(), c.intermediate_region.clone())
            }),
        };

        let income_raw = income.get(row);
        let income_level = parse_income_level(income_raw).map_err(|()| invalid("income level", income_raw))?;

        let independent = match independent.get(row) {
            "Y" | "y" => true,
            "N" | "n" => false,
            "" => cc.is_some_and(|c| c.independent),
            other => return Err(invalid("Independent", other)),
        };

        let languages = cc.map(|c| c.languages.clone()).unwrap_or_default();
        let mut record = CountryRecord {
            code: code.to_owned(),
            alpha3: alpha3.to_owned(),
            m49,
            name_en: name_en.to_owned(),
            name_fr: name_fr.to_owned(),
            m49_region,
            m49_sub_region,
            m49_intermediate_region,
            income_level,
            ldc: cc.is_some_and(|c| c.ldc),
            lldc: cc.is_some_and(|c| c.lldc),
            sids: cc.is_some_and(|c| c.sids),
            independent,
            default_liaison_region: None,
        };
        record.default_liaison_region = default_liaison_region(&liaison_inputs(&record, &languages));
        records.push((record, languages));
    }

    records.sort_by(|(a, _), (b, _)| a.code.cmp(&b.code));
    if let Some(pair) = records.windows(2).find(|w| w[0].0.code == w[1].0.code) {
        return Err(ReferenceError::DuplicateCode { file: TAXONOMY_FILE, code: pair[0].0.code.clone() });
    }
    Ok(records)
}

#[cfg(test)]
mod tests {
    use std::collections::{BTreeMap, HashSet};

    use proptest::prelude::*;

    use super::*;

    fn all() -> Vec<CountryRecord> {
        countries().expect("embedded reference data parses")
    }

    fn by_code(code: &str) -> CountryRecord {
        all().into_iter().find(|c| c.code == code).unwrap_or_else(|| panic!("country {code} is in the reference data"))
    }

    fn region_of(code: &str) -> Option<&'static str> {
        by_code(code).default_liaison_region
    }

    // ---- the pure rule, with named examples ----

    fn inputs<'a>(
        code: &'a str,
        income: Option<IncomeLevel>,
        region: &'a str,
        sub_region: &'a str,
        intermediate: Option<&'a str>,
        languages: &'a str,
    ) -> LiaisonInputs<'a> {
        LiaisonInputs {
            code,
            income_level: income,
            m49_region: Some(region),
            m49_sub_region: Some(sub_region),
            m49_intermediate_region: intermediate,
            languages,
        }
    }

    const LOW: Option<IncomeLevel> = Some(IncomeLevel::Low);
    const LOWER: Option<IncomeLevel> = Some(IncomeLevel::LowerMiddle);
    const UPPER: Option<IncomeLevel> = Some(IncomeLevel::UpperMiddle);
    const HIGH: Option<IncomeLevel> = Some(IncomeLevel::High);

    #[test]
    fn rule_arab_league_wins_over_africa_and_french() {
        let morocco = inputs("MA", LOWER, "Africa", "Northern Africa", None, "ar-MA,ber,fr");
        assert_eq!(default_liaison_region(&morocco), Some(ARAB));
        let comoros = inputs("KM", LOWER, "Africa", "Sub-Saharan Africa", Some("Eastern Africa"), "ar,fr-KM");
        assert_eq!(default_liaison_region(&comoros), Some(ARAB));
        let jordan = inputs("JO", LOWER, "Asia", "Western Asia", None, "ar-JO,en");
        assert_eq!(default_liaison_region(&jordan), Some(ARAB));
    }

    #[test]
    fn rule_africa_by_french_language() {
        let senegal = inputs("SN", LOWER, "Africa", "Sub-Saharan Africa", Some("Western Africa"), "fr-SN,wo,fuc,mnk");
        assert_eq!(default_liaison_region(&senegal), Some(AFRICA_FRANCOPHONE));
        let kenya = inputs("KE", LOWER, "Africa", "Sub-Saharan Africa", Some("Eastern Africa"), "en-KE,sw-KE");
        assert_eq!(default_liaison_region(&kenya), Some(AFRICA_ANGLOPHONE));
        // Lusophone countries default to anglophone.
        let angola = inputs("AO", LOWER, "Africa", "Sub-Saharan Africa", Some("Middle Africa"), "pt-AO");
        assert_eq!(default_liaison_region(&angola), Some(AFRICA_ANGLOPHONE));
        // No language data at all: anglophone.
        let unknown = inputs("ZZ", LOW, "Africa", "Sub-Saharan Africa", None, "");
        assert_eq!(default_liaison_region(&unknown), Some(AFRICA_ANGLOPHONE));
    }

    #[test]
    fn speaks_french_matches_the_primary_subtag_only() {
        assert!(speaks_french("fr"));
        assert!(speaks_french("en-CM,fr-CM"));
        assert!(speaks_french("ar-MA, ber, fr"));
        assert!(speaks_french("FR_be"));
        assert!(!speaks_french("it-IT,de-IT,frp"));
        assert!(!speaks_french("fur,frr"));
        assert!(!speaks_french(""));
    }

    #[test]
    fn rule_americas_caribbean_or_latin_america() {
        let haiti = inputs("HT", LOW, "Americas", "Latin America and the Caribbean", Some("Caribbean"), "ht,fr-HT");
        assert_eq!(default_liaison_region(&haiti), Some(CARIBBEAN));
        let mexico =
            inputs("MX", UPPER, "Americas", "Latin America and the Caribbean", Some("Central America"), "es-MX");
        assert_eq!(default_liaison_region(&mexico), Some(LATIN_AMERICA));
        let brazil =
            inputs("BR", UPPER, "Americas", "Latin America and the Caribbean", Some("South America"), "pt-BR,es,en,fr");
        assert_eq!(default_liaison_region(&brazil), Some(LATIN_AMERICA));
    }

    #[test]
    fn rule_oceania_europe_and_asia() {
        let fiji = inputs("FJ", UPPER, "Oceania", "Melanesia", None, "en-FJ,fj");
        assert_eq!(default_liaison_region(&fiji), Some(PACIFIC));
        let ukraine = inputs("UA", UPPER, "Europe", "Eastern Europe", None, "uk,ru-UA");
        assert_eq!(default_liaison_region(&ukraine), Some(CEECA));
        let kazakhstan = inputs("KZ", UPPER, "Asia", "Central Asia", None, "kk,ru");
        assert_eq!(default_liaison_region(&kazakhstan), Some(CEECA));
        for code in CEECA_WESTERN_ASIA {
            let caucasus = inputs(code, UPPER, "Asia", "Western Asia", None, "");
            assert_eq!(default_liaison_region(&caucasus), Some(CEECA), "{code}");
        }
        let iran = inputs("IR", UPPER, "Asia", "Southern Asia", None, "fa-IR,ku");
        assert_eq!(default_liaison_region(&iran), Some(ASIA));
        let india = inputs("IN", LOWER, "Asia", "Southern Asia", None, "en-IN,hi");
        assert_eq!(default_liaison_region(&india), Some(ASIA));
    }

    #[test]
    fn rule_gives_nothing_to_high_or_unknown_income_or_no_region() {
        let swiss = inputs("CH", HIGH, "Europe", "Western Europe", None, "de-CH,fr-CH");
        assert_eq!(default_liaison_region(&swiss), None);
        assert_eq!(geographic_liaison_region(&swiss), Some(CEECA));
        let venezuela =
            inputs("VE", None, "Americas", "Latin America and the Caribbean", Some("South America"), "es-VE");
        assert_eq!(default_liaison_region(&venezuela), None);
        assert_eq!(geographic_liaison_region(&venezuela), Some(LATIN_AMERICA));
        let nowhere = LiaisonInputs { code: "AQ", income_level: LOW, ..LiaisonInputs::default() };
        assert_eq!(default_liaison_region(&nowhere), None);
    }

    #[test]
    fn developing_by_income_levels() {
        assert!(is_developing_income(LOW));
        assert!(is_developing_income(LOWER));
        assert!(is_developing_income(UPPER));
        assert!(!is_developing_income(HIGH));
        assert!(!is_developing_income(None));
    }

    proptest! {
        #[test]
        fn rule_is_some_exactly_for_developing_countries_with_a_region(
            code in "[A-Z]{2}",
            income in prop::option::of(prop::sample::select(vec![
                IncomeLevel::Low,
                IncomeLevel::LowerMiddle,
                IncomeLevel::UpperMiddle,
                IncomeLevel::High,
            ])),
            region in prop::option::of(prop::sample::select(vec![
                "Africa", "Americas", "Asia", "Europe", "Oceania",
            ])),
            sub_region in prop::option::of("[A-Za-z ]{0,20}"),
            intermediate in prop::option::of(prop::sample::select(vec![
                "Caribbean", "Central America", "South America", "Eastern Africa",
            ])),
            languages in "[a-z]{2,3}(-[A-Z]{2})?(,[a-z]{2,3}(-[A-Z]{2})?){0,4}",
        ) {
            let inputs = LiaisonInputs {
                code: &code,
                income_level: income,
                m49_region: region,
                m49_sub_region: sub_region.as_deref(),
                m49_intermediate_region: intermediate,
                languages: &languages,
            };
            let result = default_liaison_region(&inputs);
            let expected_some = is_developing_income(income)
                && (region.is_some() || ARAB_LEAGUE.contains(&code.as_str()));
            prop_assert_eq!(result.is_some(), expected_some);
            if let Some(code) = result {
                prop_assert!(liaison_region(code).is_some());
            }
        }
    }

    // ---- the liaison regions ----

    #[test]
    fn liaison_regions_are_the_eight_defaults_in_order() {
        let codes: Vec<_> = LIAISON_REGIONS.iter().map(|r| r.code).collect();
        assert_eq!(
            codes,
            [
                "africa-anglophone",
                "africa-francophone",
                "arab",
                "asia",
                "pacific",
                "ceeca",
                "latin-america",
                "caribbean",
            ]
        );
        let orders: Vec<_> = LIAISON_REGIONS.iter().map(|r| r.sort_order).collect();
        assert_eq!(orders, [1, 2, 3, 4, 5, 6, 7, 8]);
        assert_eq!(
            liaison_region("ceeca").map(|r| (r.name_en, r.name_fr)),
            Some(("Central and Eastern Europe and Central Asia", "Europe centrale et orientale et Asie centrale"))
        );
        assert_eq!(liaison_region("arab").map(|r| r.name_fr), Some("Région arabe"));
        assert_eq!(liaison_region("caribbean").map(|r| r.name_fr), Some("Caraïbes"));
        assert!(liaison_region("europe").is_none());
        for region in LIAISON_REGIONS {
            assert!(!region.name_en.is_empty() && !region.name_fr.is_empty());
        }
    }

    // ---- the embedded data ----

    #[test]
    fn countries_parse_sorted_without_duplicates() {
        let countries = all();
        assert!(countries.len() > 200, "{} records", countries.len());
        let codes: Vec<_> = countries.iter().map(|c| c.code.as_str()).collect();
        let mut sorted = codes.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(codes, sorted, "sorted by code, no duplicates");
        let alpha3: HashSet<_> = countries.iter().map(|c| c.alpha3.as_str()).collect();
        assert_eq!(alpha3.len(), countries.len(), "no duplicate alpha-3 codes");
        for c in &countries {
            assert!(is_alpha2(&c.code), "{}", c.code);
            assert_eq!(c.alpha3.len(), 3, "{}", c.code);
            assert_eq!(c.m49.len(), 3, "{} {}", c.code, c.m49);
            assert!(!c.name_en.is_empty(), "{}", c.code);
            assert!(!c.name_fr.is_empty(), "{}", c.code);
        }
    }

    #[test]
    fn deprecated_rows_and_rows_without_alpha2_are_skipped() {
        let countries = all();
        // Netherlands Antilles (deprecated, no alpha-2) and Kosovo (no alpha-2).
        assert!(!countries.iter().any(|c| c.code == "AN" || c.code == "XK"));
        assert!(!countries.iter().any(|c| c.name_en.contains("Netherlands Antilles") || c.name_en == "Kosovo"));
    }

    #[test]
    fn fields_of_known_countries() {
        let afghanistan = by_code("AF");
        assert_eq!(afghanistan.alpha3, "AFG");
        assert_eq!(afghanistan.m49, "004");
        assert_eq!(afghanistan.m49_region.as_deref(), Some("Asia"));
        assert_eq!(afghanistan.m49_sub_region.as_deref(), Some("Southern Asia"));
        assert_eq!(afghanistan.income_level, LOW);
        assert!(afghanistan.ldc && afghanistan.lldc && !afghanistan.sids);

        // "NA" is Namibia, not a missing value.
        let namibia = by_code("NA");
        assert_eq!(namibia.name_en, "Namibia");
        assert_eq!(namibia.name_fr, "Namibie");

        let switzerland = by_code("CH");
        assert_eq!(switzerland.name_fr, "Suisse");
        assert_eq!(switzerland.income_level, HIGH);
        assert!(switzerland.independent);

        let jamaica = by_code("JM");
        assert_eq!(jamaica.m49_intermediate_region.as_deref(), Some("Caribbean"));
        assert!(jamaica.sids);

        // Taiwan has French only in country-codes `official_name_fr`.
        assert_eq!(by_code("TW").name_fr, "Taïwan");
        // Antarctica has no region in either source.
        assert_eq!(by_code("AQ").m49_region, None);
        // Taxonomy-only intermediate region.
        assert_eq!(by_code("JE").m49_intermediate_region.as_deref(), Some("Channel Islands"));
        assert!(!by_code("GU").independent);
    }

    #[test]
    fn countries_without_income_level_are_not_developing() {
        for code in ["VE", "CK", "NU", "VA", "AQ"] {
            let c = by_code(code);
            assert_eq!(c.income_level, None, "{code}");
            assert!(!c.developing_by_income(), "{code}");
            assert_eq!(c.default_liaison_region, None, "{code}");
        }
    }

    #[test]
    fn every_developing_country_has_exactly_one_region_and_others_none() {
        let countries = all();
        let developing = countries.iter().filter(|c| c.developing_by_income()).count();
        assert!(developing > 100, "{developing} developing countries");
        for c in &countries {
            if c.developing_by_income() {
                let region =
                    c.default_liaison_region.unwrap_or_else(|| panic!("{} {} has no region", c.code, c.name_en));
                assert!(liaison_region(region).is_some(), "{}: {region}", c.code);
            } else {
                assert_eq!(c.default_liaison_region, None, "{}", c.code);
            }
        }
    }

    #[test]
    fn every_liaison_region_has_a_developing_country() {
        let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
        for c in all() {
            if let Some(region) = c.default_liaison_region {
                *counts.entry(region).or_default() += 1;
            }
        }
        for region in LIAISON_REGIONS {
            assert!(counts.get(region.code).copied().unwrap_or(0) > 0, "{} has no developing country", region.code);
        }
        assert_eq!(counts.len(), LIAISON_REGIONS.len());
    }

    #[test]
    fn named_countries_map_to_their_regions() {
        assert_eq!(region_of("KE"), Some(AFRICA_ANGLOPHONE));
        assert_eq!(region_of("SN"), Some(AFRICA_FRANCOPHONE));
        assert_eq!(region_of("EG"), Some(ARAB));
        assert_eq!(region_of("MA"), Some(ARAB));
        assert_eq!(region_of("IN"), Some(ASIA));
        assert_eq!(region_of("FJ"), Some(PACIFIC));
        assert_eq!(region_of("UA"), Some(CEECA));
        assert_eq!(region_of("MD"), Some(CEECA));
        assert_eq!(region_of("KZ"), Some(CEECA));
        assert_eq!(region_of("TR"), Some(CEECA));
        assert_eq!(region_of("BR"), Some(LATIN_AMERICA));
        assert_eq!(region_of("MX"), Some(LATIN_AMERICA));
        assert_eq!(region_of("JM"), Some(CARIBBEAN));
        assert_eq!(region_of("HT"), Some(CARIBBEAN));
        assert_eq!(region_of("AO"), Some(AFRICA_ANGLOPHONE));
        assert_eq!(region_of("KM"), Some(ARAB));
        assert_eq!(region_of("CH"), None);
    }

    #[test]
    fn cameroon_lists_french_and_is_francophone() {
        let languages = country_languages().expect("embedded reference data parses");
        let cameroon = languages.get("CM").map(String::as_str);
        assert_eq!(cameroon, Some("en-CM,fr-CM"));
        assert_eq!(region_of("CM"), Some(AFRICA_FRANCOPHONE));
    }

    #[test]
    fn liaison_inputs_reproduce_the_stored_default() {
        let languages = country_languages().expect("embedded reference data parses");
        for c in all() {
            let langs = languages.get(&c.code).map_or("", String::as_str);
            assert_eq!(default_liaison_region(&liaison_inputs(&c, langs)), c.default_liaison_region, "{}", c.code);
        }
    }

    #[test]
    fn french_names_present_for_every_independent_country() {
        let countries = all();
        let independent: Vec<_> = countries.iter().filter(|c| c.independent).collect();
        assert!(independent.len() > 180, "{} independent", independent.len());
        for c in independent {
            assert!(!c.name_fr.trim().is_empty(), "{} has no French name", c.code);
        }
        // A few French names that differ from English.
        assert_eq!(by_code("DE").name_fr, "Allemagne");
        assert_eq!(by_code("CI").name_fr, "Côte d'Ivoire");
        assert_eq!(by_code("EG").name_fr, "Égypte");
    }

    #[test]
    fn arab_league_codes_are_in_the_data() {
        let codes: HashSet<_> = all().into_iter().map(|c| c.code).collect();
        for code in ARAB_LEAGUE.iter().chain(CEECA_WESTERN_ASIA.iter()) {
            assert!(codes.contains(*code), "{code}");
        }
    }
}
