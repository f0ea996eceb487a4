//! Staff override whether a country counts as developing, or return it to its World Bank income
//! level as the basis. The country's liaison-region mapping follows in the same transaction: a
//! country that becomes developing gets a region (the one staff name, or the one the documented
//! geographic rule suggests), one that stops being developing leaves its region, and the
//! mapping history records who, when and why.

use api_types::membership::{CountryResponse, DevelopingBasis, ReferenceChangeKind, SetDeveloping};
use chrono::Utc;
use platform::{ApiError, Caller};
use sea_orm::DatabaseConnection;

use super::{access, today};
use crate::domain::reference::{self, LiaisonInputs, is_developing_income};
use crate::domain::text;
use crate::store::{self, countries::DevelopingStatus, reference_changes::NewChange, region_mapping::Author};

pub async fn set_developing(
    db: &DatabaseConnection,
    caller: &Caller,
    code: &str,
    input: SetDeveloping,
) -> Result<CountryResponse, ApiError> {
    let user = access::editor(caller)?;
    let reason = text::reason(&input.reason).map_err(|p| ApiError::invalid("reason", p))?;
    let today = today();
    let on = input.effective_on.unwrap_or(today);
    let txn = store::write_txn(db).await?;
    let country = store::countries::find_for_update(&txn, &code.to_uppercase())
        .await?
        .ok_or_else(|| ApiError::not_found(format!("country {code}")))?;
    let income_level = country.income_level()?;
    let by_income = is_developing_income(income_level);
    let developing = input.developing.unwrap_or(by_income);
    let basis = match (input.developing, income_level) {
        (Some(_), _) => DevelopingBasis::StaffOverride,
        (None, Some(_)) => DevelopingBasis::IncomeLevel,
        (None, None) => DevelopingBasis::Unclassified,
    };
    let region = if developing {
        let region = match (&input.region, &country.liaison_region) {
            (Some(r), _) => r.clone(),
            (None, Some(current)) => current.clone(),
            (None, None) => suggested_region(&country)?.ok_or_else(|| {
                ApiError::invalid("region", "this country has no M49 region to suggest a liaison region from; name one")
            })?,
        };
        if store::regions::find(&txn, &region).await?.is_none() {
            return Err(ApiError::invalid("region", format!("no liaison region {region:?}")));
        }
        Some(region)
    } else {
        if input.region.is_some() {
            return Err(ApiError::invalid("region", "a country that is not developing has no liaison region"));
        }
        None
    };
    let unchanged = country.developing == developing
        && country.basis()? == basis
        && country.liaison_region == region
        && (basis != DevelopingBasis::StaffOverride || country.developing_reason.as_deref() == Some(reason.as_str()));
    if unchanged {
        txn.rollback().await?;
        return Ok(CountryResponse::try_from(country)?);
    }
    let history = store::region_mapping::history(&txn, &country.code).await?;
    let change = history.plan_set(region.as_deref(), on, today)?;
    let now = Utc::now();
    let who = Author { by: user.id, reason: &reason, at: now };
    if let Some(change) = &change {
        store::region_mapping::apply(&txn, &country.code, change, who).await?;
    }
    let before = describe(country.developing, country.basis()?, country.liaison_region.as_deref());
    let after = describe(developing, basis, region.as_deref());
    let code = country.code.clone();
    let decision = (basis == DevelopingBasis::StaffOverride).then_some((reason.as_str(), user.id, now));
    let updated = store::countries::set_developing(
        &txn,
        country,
        &DevelopingStatus { developing, basis, liaison_region: region.as_deref(), decision },
    )
    .await?;
    store::reference_changes::insert(
        &txn,
        NewChange {
            change: if input.developing.is_some() {
                ReferenceChangeKind::DevelopingOverride
            } else {
                ReferenceChangeKind::DevelopingReset
            },
            subject: &code,
            before: Some(before),
            after: Some(after),
            by: user.id,
            at: now,
            reason: &reason,
        },
    )
    .await?;
    txn.commit().await?;
    Ok(CountryResponse::try_from(updated)?)
}

/// The region the documented geographic rule gives a country (its M49 region and languages).
fn suggested_region(country: &store::countries::Model) -> Result<Option<String>, ApiError> {
    let languages = reference::country_languages().map_err(|e| ApiError::Internal(anyhow::Error::new(e)))?;
    let inputs = LiaisonInputs {
        code: &country.code,
        income_level: country.income_level()?,
        m49_region: country.m49_region.as_deref(),
        m49_sub_region: country.m49_sub_region.as_deref(),
        m49_intermediate_region: country.m49_intermediate_region.as_deref(),
        languages: languages.get(&country.code).map_or("", String::as_str),
    };
    Ok(reference::geographic_liaison_region(&inputs).map(str::to_owned))
}

/// `developing (staff override), region asia`, for the reference history.
fn describe(developing: bool, basis: DevelopingBasis, region: Option<&str>) -> String {
    let state = if developing { "developing" } else { "not developing" };
    match region {
        Some(r) => format!("{state} ({}), region {r}", basis.as_str()),
        None => format!("{state} ({})", basis.as_str()),
    }
}
