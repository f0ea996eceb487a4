//! Money on the wire and in memory: integer minor units of an ISO 4217 currency, never
//! floating point.
//!
//! On the wire an amount is a decimal string with at most the currency's number of decimals:
//! `{ "amount": "1234.50", "currency": "CHF" }`. Parsing is exact (no float in between) and
//! rejects what would lose precision, such as `"0.001"` francs. Amounts of different currencies
//! are never added: [`Money::checked_add`] refuses, and totals are made in one currency (CHF)
//! after conversion at a recorded rate.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::currencies::CURRENCIES;

/// An ISO 4217 currency in use, with its number of minor units.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Currency {
    code: [u8; 3],
    exponent: u8,
}

/// The programme's reporting currency.
pub const CHF: Currency = Currency { code: *b"CHF", exponent: 2 };

impl Currency {
    /// The currency with ISO code `code` (upper case), if it is one in use.
    pub fn parse(code: &str) -> Option<Currency> {
        let i = CURRENCIES.binary_search_by(|(c, _)| (*c).cmp(code)).ok()?;
        let (c, exponent) = CURRENCIES[i];
        let bytes = c.as_bytes();
        Some(Currency { code: [bytes[0], bytes[1], bytes[2]], exponent })
    }

    pub fn code(&self) -> &str {
        // Only built from the ASCII table above.
        std::str::from_utf8(&self.code).unwrap_or("XXX")
    }

    /// Decimal places of the minor unit: 2 for CHF, 0 for JPY, 3 for KWD.
    pub fn exponent(&self) -> u8 {
        self.exponent
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl Serialize for Currency {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.code())
    }
}

impl<'de> Deserialize<'de> for Currency {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let code = String::deserialize(d)?;
        Currency::parse(&code)
            .ok_or_else(|| serde::de::Error::custom(format!("{code:?} is not an ISO 4217 currency code in use")))
    }
}

/// An exact amount: `minor` units (centimes for CHF) of `currency`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Money {
    pub minor: i64,
    pub currency: Currency,
}

/// Why a decimal string is not an amount of a currency.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AmountError {
    /// Not of the form `-123.45`.
    NotADecimal,
    /// More decimals than the currency has (e.g. `1.234` CHF).
    TooPrecise { exponent: u8 },
    /// Beyond what 64-bit minor units hold.
    TooLarge,
}

impl fmt::Display for AmountError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AmountError::NotADecimal => f.write_str("must be a decimal number such as 1234.50"),
            AmountError::TooPrecise { exponent } => write!(f, "has more than {exponent} decimal places"),
            AmountError::TooLarge => f.write_str("is too large"),
        }
    }
}

impl Money {
    pub fn new(minor: i64, currency: Currency) -> Money {
        Money { minor, currency }
    }

    pub fn zero(currency: Currency) -> Money {
        Money { minor: 0, currency }
    }

    /// Parses `"1234.5"` as 123450 minor units of CHF; exact, no float.
    pub fn parse(amount: &str, currency: Currency) -> Result<Money, AmountError> {
        let s = amount.trim();
        let (negative, digits) = match s.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, s),
        };
        let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
        let is_digits = |p: &str| p.bytes().all(|b| b.is_ascii_digit());
        if whole.is_empty()
            || !is_digits(whole)
            || !is_digits(fraction)
            || (digits.contains('.') && fraction.is_empty())
        {
            return Err(AmountError::NotADecimal);
        }
        let exponent = currency.exponent;
        if fraction.len() > usize::from(exponent) {
            return Err(AmountError::TooPrecise { exponent });
        }
        // i128 so that the most negative amount, whose magnitude is no i64, parses too.
        let mut magnitude: i128 = 0;
        let padded = fraction.bytes().chain(std::iter::repeat(b'0')).take(usize::from(exponent));
        for b in whole.bytes().chain(padded) {
            magnitude = magnitude
                .checked_mul(10)
                .and_then(|m| m.checked_add(i128::from(b - b'0')))
                .ok_or(AmountError::TooLarge)?;
        }
        let minor = i64::try_from(if negative { -magnitude } else { magnitude }).map_err(|_| AmountError::TooLarge)?;
        Ok(Money { minor, currency })
    }

    /// The amount as a decimal string with exactly the currency's decimals: `"1234.50"`.
    pub fn amount(&self) -> String {
        let exponent = u32::from(self.currency.exponent);
        let sign = if self.minor < 0 { "-" } else { "" };
        let abs = self.minor.unsigned_abs();
        if exponent == 0 {
            return format!("{sign}{abs}");
        }
        let scale = 10u64.pow(exponent);
        format!("{sign}{}.{:0width$}", abs / scale, abs % scale, width = exponent as usize)
    }

    /// The sum, if both are in the same currency and it fits.
    pub fn checked_add(self, other: Money) -> Option<Money> {
        (self.currency == other.currency)
            .then(|| self.minor.checked_add(other.minor))
            .flatten()
            .map(|minor| Money { minor, currency: self.currency })
    }

    /// The difference, if both are in the same currency and it fits.
    pub fn checked_sub(self, other: Money) -> Option<Money> {
        (self.currency == other.currency)
            .then(|| self.minor.checked_sub(other.minor))
            .flatten()
            .map(|minor| Money { minor, currency: self.currency })
    }
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.amount(), self.currency)
    }
}

#[derive(Serialize, Deserialize)]
struct Wire {
    amount: String,
    currency: Currency,
}

impl Serialize for Money {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        Wire { amount: self.amount(), currency: self.currency }.serialize(s)
    }
}

impl<'de> Deserialize<'de> for Money {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let wire = Wire::deserialize(d)?;
        Money::parse(&wire.amount, wire.currency)
            .map_err(|e| serde::de::Error::custom(format!("amount {:?} {e}", wire.amount)))
    }
}

#[cfg(feature = "openapi")]
impl utoipa::PartialSchema for Money {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        use utoipa::openapi::schema::{ObjectBuilder, SchemaType, Type};
        ObjectBuilder::new()
            .description(Some(
                "An exact amount: a decimal string with at most the currency's decimals, and an ISO 4217 code.",
            ))
            .property(
                "amount",
                ObjectBuilder::new()
                    .schema_type(SchemaType::Type(Type::String))
                    .examples([serde_json::json!("1234.50")]),
            )
            .required("amount")
            .property(
                "currency",
                ObjectBuilder::new().schema_type(SchemaType::Type(Type::String)).examples([serde_json::json!("CHF")]),
            )
            .required("currency")
            .into()
    }
}

#[cfg(feature = "openapi")]
impl utoipa::ToSchema for Money {}

#[cfg(test)]
mod tests {
    use super::*;

    fn cur(code: &str) -> Currency {
        Currency::parse(code).unwrap()
    }

    #[test]
    fn currencies_know_their_minor_units() {
        assert_eq!(cur("CHF"), CHF);
        assert_eq!(cur("JPY").exponent(), 0);
        assert_eq!(cur("KWD").exponent(), 3);
        assert_eq!(Currency::parse("chf"), None);
        assert_eq!(Currency::parse("XYZ"), None);
    }

    #[test]
    fn amounts_parse_exactly() {
        assert_eq!(Money::parse("1234.5", CHF).unwrap().minor, 123_450);
        assert_eq!(Money::parse("1234.50", CHF).unwrap().minor, 123_450);
        assert_eq!(Money::parse("-0.05", CHF).unwrap().minor, -5);
        assert_eq!(Money::parse("7", cur("JPY")).unwrap().minor, 7);
        assert_eq!(Money::parse("1.234", cur("KWD")).unwrap().minor, 1_234);
        // Float-hostile values stay exact.
        assert_eq!(Money::parse("123456789012345.67", CHF).unwrap().minor, 12_345_678_901_234_567);
    }

    #[test]
    fn what_would_lose_precision_or_is_not_a_number_is_refused() {
        assert_eq!(Money::parse("0.001", CHF), Err(AmountError::TooPrecise { exponent: 2 }));
        assert_eq!(Money::parse("1.5", cur("JPY")), Err(AmountError::TooPrecise { exponent: 0 }));
        for bad in ["", "-", ".5", "5.", "1e3", "1,5", "12 34", "+1", "NaN", "0x10"] {
            assert_eq!(Money::parse(bad, CHF), Err(AmountError::NotADecimal), "{bad:?}");
        }
        assert_eq!(Money::parse("99999999999999999999", CHF), Err(AmountError::TooLarge));
    }

    #[test]
    fn amounts_format_with_the_currency_decimals() {
        assert_eq!(Money::new(123_450, CHF).amount(), "1234.50");
        assert_eq!(Money::new(-5, CHF).amount(), "-0.05");
        assert_eq!(Money::new(7, cur("JPY")).amount(), "7");
        assert_eq!(Money::new(1_234, cur("KWD")).to_string(), "1.234 KWD");
        assert_eq!(Money::new(i64::MIN, CHF).amount(), "-92233720368547758.08");
        for extreme in [i64::MIN, i64::MAX] {
            assert_eq!(Money::parse(&Money::new(extreme, CHF).amount(), CHF).unwrap().minor, extreme);
        }
    }

    #[test]
    fn the_wire_format_round_trips_and_rejects_bad_input() {
        let m = Money::new(123_450, CHF);
        let json = serde_json::to_string(&m).unwrap();
        assert_eq!(json, r#"{"amount":"1234.50","currency":"CHF"}"#);
        assert_eq!(serde_json::from_str::<Money>(&json).unwrap(), m);
        let err = serde_json::from_str::<Money>(r#"{"amount":"1.001","currency":"CHF"}"#).unwrap_err().to_string();
        assert!(err.contains("decimal places"), "{err}");
        let err = serde_json::from_str::<Money>(r#"{"amount":"1","currency":"ABC"}"#).unwrap_err().to_string();
        assert!(err.contains("ISO 4217"), "{err}");
        // A number instead of a string is refused: the wire never carries floats.
        assert!(serde_json::from_str::<Money>(r#"{"amount":1.5,"currency":"CHF"}"#).is_err());
    }

    #[test]
    fn different_currencies_never_add() {
        let chf = Money::new(100, CHF);
        let eur = Money::new(100, cur("EUR"));
        assert_eq!(chf.checked_add(eur), None);
        assert_eq!(chf.checked_add(chf).unwrap().minor, 200);
        assert_eq!(chf.checked_sub(Money::new(150, CHF)).unwrap().minor, -50);
        assert_eq!(Money::new(i64::MAX, CHF).checked_add(Money::new(1, CHF)), None);
    }

    #[test]
    fn the_currency_table_is_sorted_and_unique() {
        assert!(CURRENCIES.windows(2).all(|w| w[0].0 < w[1].0));
        assert!(CURRENCIES.iter().all(|(c, e)| c.len() == 3 && c.bytes().all(|b| b.is_ascii_uppercase()) && *e <= 4));
    }

    proptest::proptest! {
        #[test]
        fn formatting_then_parsing_is_the_identity(minor in proptest::num::i64::ANY, idx in 0..CURRENCIES.len()) {
            let currency = Currency::parse(CURRENCIES[idx].0).unwrap();
            let m = Money::new(minor, currency);
            proptest::prop_assert_eq!(Money::parse(&m.amount(), currency), Ok(m));
        }
    }
}
