//! The geographic equity measure: each liaison region's share of the funding allocated over a
//! rolling three years against its share of the developing members, with the regions that
//! receive less than three quarters of their parity flagged.
//!
//! Pure arithmetic on the two services' KPI answers, exact throughout: the flag is decided on
//! integers (`funding_r × members_total × 4 < 3 × members_r × funding_total`), and the shares
//! shown are `rust_decimal` quotients rounded to four places, never floats.

use std::collections::BTreeMap;

use api_types::membership::MembershipKpis;
use api_types::money::{CHF, Money};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// Below this fraction of parity a region is flagged (3/4, kept as a ratio of integers).
const THRESHOLD: (i128, i128) = (3, 4);
/// Places of the shares and parity ratios shown.
const PLACES: u32 = 4;

/// One liaison region's line of the equity measure.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct RegionEquity {
    /// Liaison region code.
    pub region: String,
    /// Developing members in the region now.
    pub developing_members: u64,
    /// The region's share of all developing members (decimal string, 0–1).
    pub member_share: String,
    /// CHF allocated to the region's beneficiaries over the last three years.
    pub funding: Money,
    /// The region's share of that funding (decimal string, 0–1); `None` when nothing was
    /// allocated anywhere.
    pub funding_share: Option<String>,
    /// `funding_share / member_share`: 1 is parity. `None` when the region has no developing
    /// members or nothing was allocated anywhere (parity is undefined then).
    pub parity: Option<String>,
    /// Below 75 % of parity.
    pub below_parity: bool,
}

/// The whole measure.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Equity {
    /// The fraction of parity under which a region is flagged ("0.75").
    pub threshold: String,
    pub total_developing_members: u64,
    /// CHF allocated over the last three years, all regions.
    pub total_funding: Money,
    /// Every liaison region membership knows, in its display order, then any region funding
    /// names that membership does not.
    pub regions: Vec<RegionEquity>,
    /// Codes of the flagged regions.
    pub flagged: Vec<String>,
}

/// Developing members per region now: the latest year of membership's time series.
pub fn developing_by_region(kpis: &MembershipKpis) -> Vec<(String, u64)> {
    let latest = kpis.developing_members.iter().max_by_key(|y| y.year);
    kpis.regions
        .iter()
        .map(|r| {
            let count =
                latest.and_then(|y| y.by_region.iter().find(|c| c.region == r.code)).map_or(0, |c| c.counts.total);
            (r.code.clone(), count)
        })
        .collect()
}

/// Computes the measure from developing members per region (in display order) and the CHF
/// funding per region. Funding in another currency is a contract breach by the funding
/// service and is ignored rather than added across currencies.
pub fn compute(members: &[(String, u64)], funding: &[(String, Money)]) -> Equity {
    let mut chf: BTreeMap<&str, i64> = BTreeMap::new();
    for (region, money) in funding.iter().filter(|(_, m)| m.currency == CHF) {
        let slot = chf.entry(region.as_str()).or_default();
        *slot = slot.saturating_add(money.minor);
    }
    let mut lines: Vec<(String, u64, i64)> =
        members.iter().map(|(r, n)| (r.clone(), *n, chf.get(r.as_str()).copied().unwrap_or(0))).collect();
    for (region, minor) in &chf {
        if !members.iter().any(|(r, _)| r == region) {
            lines.push(((*region).to_owned(), 0, *minor));
        }
    }
    let members_total: u64 = lines.iter().map(|l| l.1).sum();
    let funding_total: i64 = lines.iter().map(|l| l.2).fold(0_i64, i64::saturating_add);

    let regions: Vec<RegionEquity> = lines
        .into_iter()
        .map(|(region, count, minor)| {
            let member_share = ratio(i128::from(count), i128::from(members_total)).unwrap_or(Decimal::ZERO);
            let funding_share = ratio(i128::from(minor), i128::from(funding_total));
            let defined = count > 0 && funding_total > 0;
            let parity = if defined {
                // (minor / funding_total) / (count / members_total), as one quotient.
                ratio(i128::from(minor) * i128::from(members_total), i128::from(count) * i128::from(funding_total))
            } else {
                None
            };
            let below_parity = defined
                && i128::from(minor) * i128::from(members_total) * THRESHOLD.1
                    < THRESHOLD.0 * i128::from(count) * i128::from(funding_total);
            RegionEquity {
                region,
                developing_members: count,
                member_share: member_share.to_string(),
                funding: Money::new(minor, CHF),
                funding_share: funding_share.map(|d| d.to_string()),
                parity: parity.map(|d| d.to_string()),
                below_parity,
            }
        })
        .collect();
    let flagged = regions.iter().filter(|r| r.below_parity).map(|r| r.region.clone()).collect();
    Equity {
        threshold: "0.75".to_owned(),
        total_developing_members: members_total,
        total_funding: Money::new(funding_total, CHF),
        regions,
        flagged,
    }
}

/// `num / den` rounded to [`PLACES`], or `None` when `den` is zero (or out of range).
fn ratio(num: i128, den: i128) -> Option<Decimal> {
    if den == 0 {
        return None;
    }
    let num = Decimal::from_i128_with_scale(num, 0);
    let den = Decimal::from_i128_with_scale(den, 0);
    num.checked_div(den).map(|d| d.round_dp(PLACES).normalize())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chf(francs: i64) -> Money {
        Money::new(francs * 100, CHF)
    }

    fn line<'a>(e: &'a Equity, region: &str) -> &'a RegionEquity {
        e.regions.iter().find(|r| r.region == region).unwrap()
    }

    #[test]
    fn a_region_below_three_quarters_of_parity_is_flagged() {
        // Members 50/30/20 %; funding 60/15/25 %: parity 1.2, 0.5, 1.25.
        let members = [("africa_en".to_owned(), 5), ("asia".to_owned(), 3), ("pacific".to_owned(), 2)];
        let funding =
            [("africa_en".to_owned(), chf(600)), ("asia".to_owned(), chf(150)), ("pacific".to_owned(), chf(250))];
        let e = compute(&members, &funding);
        assert_eq!(e.flagged, vec!["asia"]);
        assert_eq!(line(&e, "asia").parity.as_deref(), Some("0.5"));
        assert_eq!(line(&e, "asia").member_share, "0.3");
        assert_eq!(line(&e, "africa_en").funding_share.as_deref(), Some("0.6"));
        assert_eq!(line(&e, "pacific").parity.as_deref(), Some("1.25"));
        assert_eq!(e.total_funding, chf(1000));
        assert_eq!(e.total_developing_members, 10);
    }

    #[test]
    fn exactly_three_quarters_is_not_flagged_and_a_centime_less_is() {
        // Two regions with equal members: parity 0.75 needs a 3 : 5 funding split.
        let members = [("a".to_owned(), 1), ("b".to_owned(), 1)];
        let e = compute(&members, &[("a".to_owned(), Money::new(300, CHF)), ("b".to_owned(), Money::new(500, CHF))]);
        assert_eq!(line(&e, "a").parity.as_deref(), Some("0.75"));
        assert!(e.flagged.is_empty());
        let e = compute(&members, &[("a".to_owned(), Money::new(299, CHF)), ("b".to_owned(), Money::new(500, CHF))]);
        assert_eq!(e.flagged, vec!["a"]);
    }

    #[test]
    fn a_region_without_developing_members_has_no_parity_and_no_flag() {
        let members = [("a".to_owned(), 4), ("empty".to_owned(), 0)];
        let funding = [("a".to_owned(), chf(10)), ("empty".to_owned(), chf(90))];
        let e = compute(&members, &funding);
        let empty = line(&e, "empty");
        assert_eq!((empty.member_share.as_str(), empty.parity.as_deref(), empty.below_parity), ("0", None, false));
        assert_eq!(empty.funding_share.as_deref(), Some("0.9"));
        // The only region with members got 10 % against a 100 % member share.
        assert_eq!(e.flagged, vec!["a"]);
    }

    #[test]
    fn no_funding_at_all_flags_nothing_and_unknown_regions_are_kept() {
        let e = compute(&[("a".to_owned(), 3)], &[]);
        assert_eq!((line(&e, "a").funding_share.as_deref(), line(&e, "a").parity.as_deref()), (None, None));
        assert!(e.flagged.is_empty());
        let e = compute(&[("a".to_owned(), 3)], &[("gone".to_owned(), chf(5))]);
        assert_eq!(line(&e, "gone").developing_members, 0);
        assert_eq!(e.flagged, vec!["a"]);
    }

    #[test]
    fn other_currencies_are_never_added_to_chf() {
        let e = compute(
            &[("a".to_owned(), 1)],
            &[("a".to_owned(), Money::new(100, api_types::money::Currency::parse("EUR").unwrap()))],
        );
        assert_eq!(e.total_funding, chf(0));
    }
}
