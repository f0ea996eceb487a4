//! Conversion to CHF at a recorded rate. Rates are exact decimals (CHF per one unit of the
//! currency); a converted amount is rounded once, to the centime, half to even, so that many
//! conversions carry no systematic bias. Nothing ever adds amounts of different currencies:
//! totals are made of the CHF values kept beside each original amount.

use std::str::FromStr;

use api_types::money::CHF;
use api_types::{Currency, Money};
use rust_decimal::{Decimal, RoundingStrategy};

/// Most decimals a rate may have; more would suggest a unit mistake and could overflow.
const MAX_RATE_DECIMALS: u32 = 10;

/// A positive exchange rate: CHF per one unit of a currency.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rate(Decimal);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FxError {
    #[error("must be a positive decimal number such as 0.9412 with at most {MAX_RATE_DECIMALS} decimals")]
    BadRate,
    #[error("the converted amount is too large")]
    Overflow,
}

impl Rate {
    pub fn parse(s: &str) -> Result<Rate, FxError> {
        let s = s.trim();
        // Only plain decimals: no exponents, signs or spaces, which `Decimal` would also accept.
        if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
            return Err(FxError::BadRate);
        }
        let d = Decimal::from_str(s).map_err(|_| FxError::BadRate)?;
        if d <= Decimal::ZERO || d.scale() > MAX_RATE_DECIMALS || d > Decimal::from(1_000_000) {
            return Err(FxError::BadRate);
        }
        Ok(Rate(d.normalize()))
    }

    /// The rate as stored and shown: a plain decimal string.
    pub fn as_string(&self) -> String {
        self.0.to_string()
    }

    /// The rate of CHF itself.
    pub fn one() -> Rate {
        Rate(Decimal::ONE)
    }

    /// `amount` in CHF centimes at this rate, rounded half to even.
    pub fn to_chf(&self, amount: Money) -> Result<i64, FxError> {
        if amount.currency == CHF {
            return Ok(amount.minor);
        }
        let major = Decimal::from_i128_with_scale(i128::from(amount.minor), u32::from(amount.currency.exponent()));
        let chf = major.checked_mul(self.0).ok_or(FxError::Overflow)?;
        let centimes = chf
            .checked_mul(Decimal::ONE_HUNDRED)
            .ok_or(FxError::Overflow)?
            .round_dp_with_strategy(0, RoundingStrategy::MidpointNearestEven);
        i64::try_from(centimes).map_err(|_| FxError::Overflow)
    }
}

/// Whether `currency` needs a rate to become CHF.
pub fn needs_rate(currency: Currency) -> bool {
    currency != CHF
}

#[cfg(test)]
mod tests {
    use super::*;

    fn money(amount: &str, code: &str) -> Money {
        Money::parse(amount, Currency::parse(code).unwrap()).unwrap()
    }

    #[test]
    fn conversion_is_exact_and_rounds_half_to_even() {
        let eur = Rate::parse("0.9412").unwrap();
        assert_eq!(eur.to_chf(money("1000.00", "EUR")).unwrap(), 94_120);
        // 0.125 CHF rounds to 0.12, 0.135 to 0.14.
        assert_eq!(Rate::parse("0.125").unwrap().to_chf(money("1", "USD")).unwrap(), 12);
        assert_eq!(Rate::parse("0.135").unwrap().to_chf(money("1", "USD")).unwrap(), 14);
        // Currencies without decimals and with three.
        assert_eq!(Rate::parse("0.0061").unwrap().to_chf(money("1000000", "JPY")).unwrap(), 610_000);
        assert_eq!(Rate::parse("2.9").unwrap().to_chf(money("1.005", "KWD")).unwrap(), 291);
        // A float would make 0.1 * 3 = 0.30000000000000004; decimals do not.
        assert_eq!(Rate::parse("0.1").unwrap().to_chf(money("3.00", "EUR")).unwrap(), 30);
        assert_eq!(Rate::one().to_chf(money("12.34", "CHF")).unwrap(), 1234);
    }

    #[test]
    fn bad_rates_are_refused() {
        for bad in ["", "0", "-1", "1e3", "abc", "0.00000000001", "2000000", " 1 1"] {
            assert_eq!(Rate::parse(bad), Err(FxError::BadRate), "{bad:?}");
        }
        assert_eq!(Rate::parse("0.94120").unwrap().as_string(), "0.9412");
    }

    #[test]
    fn overflow_is_an_error_not_a_wrap() {
        let huge = Money::new(i64::MAX, Currency::parse("EUR").unwrap());
        assert_eq!(Rate::parse("1000").unwrap().to_chf(huge), Err(FxError::Overflow));
    }
}
