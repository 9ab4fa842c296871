//! Units of measure: what a figure counts or measures.

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Dimension {
    Count,
    Percent,
    Currency,
    Length,
    Mass,
    Area,
    Volume,
    Speed,
    Temperature,
    Duration,
}

/// A unit: its dimension, a canonical symbol ("km", "USD", "%"), and the factor that turns a
/// value in this unit into the dimension's base unit (metre, kilogram, square metre, litre,
/// metre per second, second). Temperatures carry no factor: they convert affinely.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Unit {
    pub dimension: Dimension,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub symbol: Option<String>,
    #[serde(skip_serializing)]
    pub factor: f64,
}

impl Unit {
    pub fn count() -> Unit {
        Unit {
            dimension: Dimension::Count,
            symbol: None,
            factor: 1.0,
        }
    }
    pub fn percent() -> Unit {
        Unit {
            dimension: Dimension::Percent,
            symbol: Some("%".into()),
            factor: 1.0,
        }
    }
    pub fn currency(code: &str) -> Unit {
        Unit {
            dimension: Dimension::Currency,
            symbol: Some(code.into()),
            factor: 1.0,
        }
    }
}

/// How a unit name may be written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// A word or abbreviation after the figure ("km", "miles", "degrees Celsius").
    After,
    /// Only glued to the figure ("5g", "10l", "30C").
    Glued,
}

/// Unit names: lower-case word sequences, dimension, canonical symbol, factor to base unit.
/// Longer sequences first where they share a prefix.
pub const UNITS: &[(&[&str], Form, Dimension, &str, f64)] = {
    use Dimension::*;
    use Form::*;
    &[
        // length (metre)
        (&["nautical", "miles"], After, Length, "nmi", 1852.0),
        (&["nautical", "mile"], After, Length, "nmi", 1852.0),
        (&["kilometres"], After, Length, "km", 1000.0),
        (&["kilometers"], After, Length, "km", 1000.0),
        (&["kilometre"], After, Length, "km", 1000.0),
        (&["kilometer"], After, Length, "km", 1000.0),
        (&["km"], After, Length, "km", 1000.0),
        (&["kms"], After, Length, "km", 1000.0),
        (&["metres"], After, Length, "m", 1.0),
        (&["meters"], After, Length, "m", 1.0),
        (&["metre"], After, Length, "m", 1.0),
        (&["meter"], After, Length, "m", 1.0),
        (&["centimetres"], After, Length, "cm", 0.01),
        (&["centimeters"], After, Length, "cm", 0.01),
        (&["centimetre"], After, Length, "cm", 0.01),
        (&["centimeter"], After, Length, "cm", 0.01),
        (&["cm"], After, Length, "cm", 0.01),
        (&["nanometres"], After, Length, "nm", 1e-9),
        (&["nanometers"], After, Length, "nm", 1e-9),
        (&["nm"], After, Length, "nm", 1e-9),
        (&["micrometres"], After, Length, "µm", 1e-6),
        (&["micrometers"], After, Length, "µm", 1e-6),
        (&["millimetres"], After, Length, "mm", 0.001),
        (&["millimeters"], After, Length, "mm", 0.001),
        (&["mm"], After, Length, "mm", 0.001),
        (&["miles"], After, Length, "mi", 1609.344),
        (&["mile"], After, Length, "mi", 1609.344),
        (&["mi"], Glued, Length, "mi", 1609.344),
        (&["yards"], After, Length, "yd", 0.9144),
        (&["yard"], After, Length, "yd", 0.9144),
        (&["yds"], After, Length, "yd", 0.9144),
        (&["yd"], After, Length, "yd", 0.9144),
        (&["feet"], After, Length, "ft", 0.3048),
        (&["foot"], After, Length, "ft", 0.3048),
        (&["ft"], After, Length, "ft", 0.3048),
        (&["inches"], After, Length, "in", 0.0254),
        (&["inch"], After, Length, "in", 0.0254),
        (&["\""], Glued, Length, "in", 0.0254),
        (&["'"], Glued, Length, "ft", 0.3048),
        (&["in"], Glued, Length, "in", 0.0254),
        (&["'", "'"], Glued, Length, "in", 0.0254),
        (&["\u{2033}"], Glued, Length, "in", 0.0254),
        (&["m"], Glued, Length, "m", 1.0),
        // area (square metre)
        (&["square", "kilometres"], After, Area, "km2", 1e6),
        (&["square", "kilometers"], After, Area, "km2", 1e6),
        (&["square", "kilometre"], After, Area, "km2", 1e6),
        (&["square", "kilometer"], After, Area, "km2", 1e6),
        (&["sq", "km"], After, Area, "km2", 1e6),
        (&["km2"], After, Area, "km2", 1e6),
        (&["km", "squared"], After, Area, "km2", 1e6),
        (&["km", "^", "2"], After, Area, "km2", 1e6),
        (&["km²"], After, Area, "km2", 1e6),
        (&["square", "metres"], After, Area, "m2", 1.0),
        (&["square", "meters"], After, Area, "m2", 1.0),
        (&["square", "metre"], After, Area, "m2", 1.0),
        (&["square", "meter"], After, Area, "m2", 1.0),
        (&["sq", "m"], After, Area, "m2", 1.0),
        (&["m2"], After, Area, "m2", 1.0),
        (&["m²"], After, Area, "m2", 1.0),
        (&["square", "miles"], After, Area, "mi2", 2_589_988.110336),
        (&["square", "mile"], After, Area, "mi2", 2_589_988.110336),
        (&["sq", "mi"], After, Area, "mi2", 2_589_988.110336),
        (&["square", "feet"], After, Area, "ft2", 0.09290304),
        (&["square", "foot"], After, Area, "ft2", 0.09290304),
        (&["sq", "ft"], After, Area, "ft2", 0.09290304),
        (&["hectares"], After, Area, "ha", 10_000.0),
        (&["hectare"], After, Area, "ha", 10_000.0),
        (&["ha"], After, Area, "ha", 10_000.0),
        (&["acres"], After, Area, "acre", 4046.8564224),
        (&["acre"], After, Area, "acre", 4046.8564224),
        // volume (litre)
        (&["cubic", "metres"], After, Volume, "m3", 1000.0),
        (&["cubic", "meters"], After, Volume, "m3", 1000.0),
        (&["cubic", "metre"], After, Volume, "m3", 1000.0),
        (&["cubic", "meter"], After, Volume, "m3", 1000.0),
        (&["m3"], After, Volume, "m3", 1000.0),
        (&["m³"], After, Volume, "m3", 1000.0),
        (&["cubic", "feet"], After, Volume, "ft3", 28.316846592),
        (&["cubic", "kilometres"], After, Volume, "km3", 1e12),
        (&["cubic", "kilometers"], After, Volume, "km3", 1e12),
        (&["km3"], After, Volume, "km3", 1e12),
        (&["km", "cubed"], After, Volume, "km3", 1e12),
        (&["km", "^", "3"], After, Volume, "km3", 1e12),
        (&["km³"], After, Volume, "km3", 1e12),
        (&["litres"], After, Volume, "l", 1.0),
        (&["liters"], After, Volume, "l", 1.0),
        (&["litre"], After, Volume, "l", 1.0),
        (&["liter"], After, Volume, "l", 1.0),
        (&["centilitres"], After, Volume, "cl", 0.01),
        (&["centiliters"], After, Volume, "cl", 0.01),
        (&["cl"], After, Volume, "cl", 0.01),
        (&["millilitres"], After, Volume, "ml", 0.001),
        (&["milliliters"], After, Volume, "ml", 0.001),
        (&["millilitre"], After, Volume, "ml", 0.001),
        (&["milliliter"], After, Volume, "ml", 0.001),
        (&["ml"], After, Volume, "ml", 0.001),
        (&["mls"], After, Volume, "ml", 0.001),
        (&["hectolitres"], After, Volume, "hl", 100.0),
        (&["hectoliters"], After, Volume, "hl", 100.0),
        (&["hectolitre"], After, Volume, "hl", 100.0),
        (&["hectoliter"], After, Volume, "hl", 100.0),
        (&["l"], Glued, Volume, "l", 1.0),
        (&["gallons"], After, Volume, "gal", 3.785411784),
        (&["gallon"], After, Volume, "gal", 3.785411784),
        (&["gal"], After, Volume, "gal", 3.785411784),
        (&["gals"], After, Volume, "gal", 3.785411784),
        (&["barrels"], After, Volume, "bbl", 158.987294928),
        (&["barrel"], After, Volume, "bbl", 158.987294928),
        (&["bbl"], After, Volume, "bbl", 158.987294928),
        (&["pints"], After, Volume, "pt", 0.473176473),
        (&["pint"], After, Volume, "pt", 0.473176473),
        (&["cups"], After, Volume, "cup", 0.2365882365),
        (&["tablespoons"], After, Volume, "tbsp", 0.01478676478125),
        (&["tablespoon"], After, Volume, "tbsp", 0.01478676478125),
        (&["tbsp"], After, Volume, "tbsp", 0.01478676478125),
        (&["teaspoons"], After, Volume, "tsp", 0.00492892159375),
        (&["teaspoon"], After, Volume, "tsp", 0.00492892159375),
        (&["tsp"], After, Volume, "tsp", 0.00492892159375),
        (&["cup"], After, Volume, "cup", 0.2365882365),
        // mass (kilogram)
        (&["kilograms"], After, Mass, "kg", 1.0),
        (&["kilogrammes"], After, Mass, "kg", 1.0),
        (&["kilogram"], After, Mass, "kg", 1.0),
        (&["kilos"], After, Mass, "kg", 1.0),
        (&["kilo"], After, Mass, "kg", 1.0),
        (&["kg"], After, Mass, "kg", 1.0),
        (&["kgs"], After, Mass, "kg", 1.0),
        (&["grams"], After, Mass, "g", 0.001),
        (&["grammes"], After, Mass, "g", 0.001),
        (&["gram"], After, Mass, "g", 0.001),
        (&["g"], Glued, Mass, "g", 0.001),
        (&["milligrams"], After, Mass, "mg", 1e-6),
        (&["mg"], After, Mass, "mg", 1e-6),
        (&["metric", "tons"], After, Mass, "t", 1000.0),
        (&["metric", "tonnes"], After, Mass, "t", 1000.0),
        (&["tonnes"], After, Mass, "t", 1000.0),
        (&["tonne"], After, Mass, "t", 1000.0),
        (&["tons"], After, Mass, "t", 1000.0),
        (&["ton"], After, Mass, "t", 1000.0),
        (&["pounds"], After, Mass, "lb", 0.45359237),
        (&["pound"], After, Mass, "lb", 0.45359237),
        (&["lbs"], After, Mass, "lb", 0.45359237),
        (&["lb"], After, Mass, "lb", 0.45359237),
        (&["ounces"], After, Mass, "oz", 0.028349523125),
        (&["ounce"], After, Mass, "oz", 0.028349523125),
        (&["oz"], After, Mass, "oz", 0.028349523125),
        // speed (metre per second)
        (
            &["kilometres", "per", "hour"],
            After,
            Speed,
            "km/h",
            1.0 / 3.6,
        ),
        (
            &["kilometers", "per", "hour"],
            After,
            Speed,
            "km/h",
            1.0 / 3.6,
        ),
        (
            &["kilometres", "an", "hour"],
            After,
            Speed,
            "km/h",
            1.0 / 3.6,
        ),
        (
            &["kilometers", "an", "hour"],
            After,
            Speed,
            "km/h",
            1.0 / 3.6,
        ),
        (&["km", "/", "h"], After, Speed, "km/h", 1.0 / 3.6),
        (&["km", "per", "hour"], After, Speed, "km/h", 1.0 / 3.6),
        (&["kph"], After, Speed, "km/h", 1.0 / 3.6),
        (&["kmh"], After, Speed, "km/h", 1.0 / 3.6),
        (&["miles", "per", "hour"], After, Speed, "mph", 0.44704),
        (&["miles", "an", "hour"], After, Speed, "mph", 0.44704),
        (&["mph"], After, Speed, "mph", 0.44704),
        (&["metres", "per", "second"], After, Speed, "m/s", 1.0),
        (&["meters", "per", "second"], After, Speed, "m/s", 1.0),
        (&["m", "/", "s"], After, Speed, "m/s", 1.0),
        (&["knots"], After, Speed, "kn", 0.514444),
        (&["knot"], After, Speed, "kn", 0.514444),
        // temperature (no factor: affine)
        (&["degrees", "celsius"], After, Temperature, "°C", 1.0),
        (&["degrees", "centigrade"], After, Temperature, "°C", 1.0),
        (&["degrees", "fahrenheit"], After, Temperature, "°F", 1.0),
        (&["degrees", "c"], After, Temperature, "°C", 1.0),
        (&["degrees", "f"], After, Temperature, "°F", 1.0),
        (&["degree", "celsius"], After, Temperature, "°C", 1.0),
        (&["degree", "fahrenheit"], After, Temperature, "°F", 1.0),
        (&["°", "c"], After, Temperature, "°C", 1.0),
        (&["°", "celsius"], After, Temperature, "°C", 1.0),
        (&["°", "fahrenheit"], After, Temperature, "°F", 1.0),
        (&["°", "f"], After, Temperature, "°F", 1.0),
        (&["ºc"], After, Temperature, "°C", 1.0),
        (&["ºf"], After, Temperature, "°F", 1.0),
        (&["celsius"], After, Temperature, "°C", 1.0),
        (&["fahrenheit"], After, Temperature, "°F", 1.0),
        (&["c"], Glued, Temperature, "°C", 1.0),
        (&["f"], Glued, Temperature, "°F", 1.0),
        (&["degrees"], After, Temperature, "°", 1.0),
        (&["deg"], After, Temperature, "°", 1.0),
        (&["degree"], After, Temperature, "°", 1.0),
        (&["°"], After, Temperature, "°", 1.0),
        // duration (second)
        (&["seconds"], After, Duration, "s", 1.0),
        (&["second"], After, Duration, "s", 1.0),
        (&["secs"], After, Duration, "s", 1.0),
        (&["sec"], After, Duration, "s", 1.0),
        (&["minutes"], After, Duration, "min", 60.0),
        (&["minute"], After, Duration, "min", 60.0),
        (&["mins"], After, Duration, "min", 60.0),
        (&["min"], After, Duration, "min", 60.0),
        (&["hours"], After, Duration, "h", 3600.0),
        (&["hour"], After, Duration, "h", 3600.0),
        (&["hrs"], After, Duration, "h", 3600.0),
        (&["hr"], After, Duration, "h", 3600.0),
        (&["h"], Glued, Duration, "h", 3600.0),
        (&["days"], After, Duration, "d", 86400.0),
        (&["day"], After, Duration, "d", 86400.0),
        (&["weeks"], After, Duration, "wk", 604800.0),
        (&["week"], After, Duration, "wk", 604800.0),
        (&["fortnights"], After, Duration, "fortnight", 1_209_600.0),
        (&["fortnight"], After, Duration, "fortnight", 1_209_600.0),
        (&["months"], After, Duration, "mo", 2_629_746.0),
        (&["month"], After, Duration, "mo", 2_629_746.0),
        (&["years"], After, Duration, "yr", 31_556_952.0),
        (&["year"], After, Duration, "yr", 31_556_952.0),
        (&["decades"], After, Duration, "decade", 315_569_520.0),
        (&["decade"], After, Duration, "decade", 315_569_520.0),
        (&["centuries"], After, Duration, "century", 3_155_695_200.0),
        (&["century"], After, Duration, "century", 3_155_695_200.0),
    ]
};

/// Currency signs before a figure, longest first: sign tokens, ISO code.
pub const CURRENCY_SIGNS: &[(&[&str], &str)] = &[
    (&["us", "$"], "USD"),
    (&["hk", "$"], "HKD"),
    (&["a", "$"], "AUD"),
    (&["au", "$"], "AUD"),
    (&["c", "$"], "CAD"),
    (&["ca", "$"], "CAD"),
    (&["s", "$"], "SGD"),
    (&["nz", "$"], "NZD"),
    (&["r", "$"], "BRL"),
    (&["$"], "USD"),
    (&["€"], "EUR"),
    (&["£"], "GBP"),
    (&["¥"], "JPY"),
    (&["₹"], "INR"),
    (&["₩"], "KRW"),
    (&["₽"], "RUB"),
    (&["₺"], "TRY"),
    (&["₦"], "NGN"),
    (&["₱"], "PHP"),
    (&["rs", "."], "INR"),
    (&["rs"], "INR"),
    (&["rm"], "MYR"),
];

/// ISO 4217 codes commonly written in news, before or after a figure (upper-case in text).
pub const CURRENCY_CODES: &[&str] = &[
    "USD", "EUR", "GBP", "JPY", "CNY", "RMB", "INR", "CHF", "AUD", "CAD", "HKD", "SGD", "NZD",
    "KRW", "RUB", "BRL", "ZAR", "MXN", "SEK", "NOK", "DKK", "TRY", "SAR", "AED", "NGN", "KES",
    "KWD", "LBP", "EGP", "QAR", "BGN", "MYR", "ILS", "MNT", "UAH", "IRR", "IQD", "JOD", "BHD",
    "OMR", "PKR", "BDT", "LKR", "NPR", "IDR", "THB", "VND", "PHP", "TWD", "PLN", "CZK", "HUF",
    "RON", "ISK", "ARS", "CLP", "COP", "PEN", "UYU", "VES", "GHS", "ETB", "TZS", "UGX", "MAD",
    "DZD", "TND", "XOF", "XAF", "KZT", "UZS", "AZN", "GEL", "AMD", "BYN", "RSD", "MKD", "ALL",
    "BAM", "MDL", "KGS", "TJS", "TMT", "AFN", "MMK", "KHR", "LAK", "BND", "MOP", "FJD", "PGK",
    "JMD", "TTD", "DOP", "GTQ", "CRC", "PAB", "BOB", "PYG", "ZMW", "MWK", "MZN", "AOA", "NAD",
    "BWP", "MUR", "SCR", "RWF", "SDG", "LYD", "SYP", "YER", "XDR", "BTC",
];

/// Currency words after a figure (lower-case), with their code.
pub const CURRENCY_WORDS: &[(&[&str], &str)] = &[
    (&["us", "dollars"], "USD"),
    (&["u.s.", "dollars"], "USD"),
    (&["hong", "kong", "dollars"], "HKD"),
    (&["australian", "dollars"], "AUD"),
    (&["canadian", "dollars"], "CAD"),
    (&["singapore", "dollars"], "SGD"),
    (&["pounds", "sterling"], "GBP"),
    (&["kuwaiti", "dinars"], "KWD"),
    (&["kuwaiti", "dinar"], "KWD"),
    (&["lebanese", "pounds"], "LBP"),
    (&["egyptian", "pounds"], "EGP"),
    (&["british", "pounds"], "GBP"),
    (&["qatari", "riyals"], "QAR"),
    (&["qatari", "riyal"], "QAR"),
    (&["saudi", "riyals"], "SAR"),
    (&["malaysian", "ringgits"], "MYR"),
    (&["malaysian", "ringgit"], "MYR"),
    (&["malaysia", "ringgits"], "MYR"),
    (&["malaysia", "ringgit"], "MYR"),
    (&["indian", "rupees"], "INR"),
    (&["pakistani", "rupees"], "PKR"),
    (&["japanese", "yen"], "JPY"),
    (&["chinese", "yuan"], "CNY"),
    (&["mexican", "pesos"], "MXN"),
    (&["swiss", "francs"], "CHF"),
    (&["south", "african", "rand"], "ZAR"),
    (&["dollars"], "USD"),
    (&["dollar"], "USD"),
    (&["bucks"], "USD"),
    (&["cents"], "USD"),
    (&["cent"], "USD"),
    (&["euros"], "EUR"),
    (&["euro"], "EUR"),
    (&["yuan"], "CNY"),
    (&["renminbi"], "CNY"),
    (&["yen"], "JPY"),
    (&["rupees"], "INR"),
    (&["rupee"], "INR"),
    (&["francs"], "CHF"),
    (&["won"], "KRW"),
    (&["dinars"], "KWD"),
    (&["dinar"], "KWD"),
    (&["shekels"], "ILS"),
    (&["shekel"], "ILS"),
    (&["rials"], "IRR"),
    (&["rial"], "IRR"),
    (&["riyal"], "SAR"),
    (&["ringgits"], "MYR"),
    (&["ringgit"], "MYR"),
    (&["tugriks"], "MNT"),
    (&["tugrik"], "MNT"),
    (&["hryvnias"], "UAH"),
    (&["hryvnia"], "UAH"),
    (&["baht"], "THB"),
    (&["rupiah"], "IDR"),
    (&["zlotys"], "PLN"),
    (&["zloty"], "PLN"),
    (&["forints"], "HUF"),
    (&["forint"], "HUF"),
    (&["kronor"], "SEK"),
    (&["krona"], "SEK"),
    (&["kroner"], "NOK"),
    (&["krone"], "DKK"),
    (&["reais"], "BRL"),
    (&["leva"], "BGN"),
    (&["lev"], "BGN"),
    (&["pence"], "GBP"),
    (&["sen"], "MYR"),
    (&["roubles"], "RUB"),
    (&["rubles"], "RUB"),
    (&["pesos"], "MXN"),
    (&["rand"], "ZAR"),
    (&["naira"], "NGN"),
    (&["shillings"], "KES"),
    (&["dirhams"], "AED"),
    (&["riyals"], "SAR"),
    (&["lira"], "TRY"),
];

/// Whether `t` is a currency code or sign word that may be glued before digits ("USD3.14",
/// "RM42", "Rs20"): the tokenizer splits it from the digits.
pub fn is_code_prefix(t: &str) -> bool {
    listed_code(t).is_some() || t == "RM" || t == "Rs"
}

/// Three bytes packed into one number, so a code is compared in one step.
const fn pack3(b: &[u8]) -> u32 {
    (b[0] as u32) << 16 | (b[1] as u32) << 8 | b[2] as u32
}

/// [`CURRENCY_CODES`] packed by [`pack3`] (every code is 3 bytes: anything else fails to
/// compile).
const CURRENCY_KEYS: [u32; CURRENCY_CODES.len()] = {
    let mut keys = [0u32; CURRENCY_CODES.len()];
    let mut i = 0;
    while i < keys.len() {
        let b = CURRENCY_CODES[i].as_bytes();
        assert!(b.len() == 3, "a currency code is not 3 bytes");
        keys[i] = pack3(b);
        i += 1;
    }
    keys
};

/// `code` as listed in [`CURRENCY_CODES`] (exact case): every listed code is 3 bytes, so
/// any other length is none, and 3 bytes are compared as one packed number.
fn listed_code(code: &str) -> Option<&'static str> {
    let b = code.as_bytes();
    if b.len() != 3 {
        return None;
    }
    let key = pack3(b);
    CURRENCY_KEYS
        .iter()
        .position(|&k| k == key)
        .map(|at| CURRENCY_CODES[at])
}

/// The standard code for a currency code as written ("RMB" is the yuan).
pub fn canonical_currency(code: &str) -> Option<&'static str> {
    match code {
        "RMB" => return Some("CNY"),
        "RM" => return Some("MYR"),
        "Rs" => return Some("INR"),
        _ => {}
    }
    listed_code(code)
}

use crate::claims::Ctx;
use crate::text::lexicon::{may_start_phrase, shape_add_folded, Lexicon, Shapes};
use crate::text::tokens::TokenKind;
use std::sync::LazyLock;

static UNIT_LEXICON: LazyLock<Lexicon<(Form, Dimension, &'static str, f64)>> =
    LazyLock::new(|| {
        Lexicon::new(
            UNITS
                .iter()
                .map(|(w, f, d, s, x)| (*w, (*f, *d, *s, *x)))
                .collect(),
            0,
        )
    });

/// The shapes of the first words of [`UNITS`].
pub(crate) const UNIT_FIRST_SHAPES: Shapes = {
    let mut m = [[0u32; 32]; 26];
    let mut i = 0;
    while i < UNITS.len() {
        if !UNITS[i].0.is_empty() {
            m = shape_add_folded(m, UNITS[i].0[0]);
        }
        i += 1;
    }
    m
};

/// A unit of measure starting at token `j`, right after a figure: (unit, tokens used).
pub fn unit_at(ctx: &Ctx, j: usize) -> Option<(Unit, usize)> {
    let first = ctx.tokens.get(j)?;
    if first.kind == TokenKind::Number {
        return None;
    }
    // most words start no unit: no lexicon look-up for them
    if !may_start_phrase(&UNIT_FIRST_SHAPES, ctx.tok(j)) {
        return None;
    }
    let mut best: Option<(Unit, usize)> = None;
    let first_tok = ctx.tok(j);
    for (words, (form, dim, sym, factor)) in UNIT_LEXICON.candidates(first_tok) {
        // glued-only symbols ("5g", "10l", "30C") also stand spaced when nothing follows
        // ("2 g.", "7 l"), never before a word
        let after = j + words.len();
        if *form == Form::Glued
            && !ctx.joined(j)
            && words[0] != "in"
            && ctx.is_word(after)
            && !crate::claims::noun::is_stop(ctx.tok(after))
        {
            continue;
        }
        // single letters that read as words or initials stand spaced only at a clause end
        if *form == Form::Glued
            && !ctx.joined(j)
            && matches!(words[0], "c" | "f" | "m" | "h")
            && (words[0] != "h" || ctx.is_word(after))
        {
            continue;
        }
        if best.as_ref().is_some_and(|(_, n)| *n >= words.len()) || !ctx.seq(j, words) {
            continue;
        }
        // "in" is an inch only at the end of a clause or before a dimension word ("2 in
        // thick"); "'" is a foot unless a letter is glued after it ("the 90's")
        if words[0] == "in"
            && ctx.is_word(j + 1)
            && !matches!(
                ctx.lower(j + 1).as_str(),
                "thick" | "long" | "wide" | "tall" | "high" | "deep" | "across" | "diameter"
            )
        {
            continue;
        }
        if words[0] == "'" && words.len() == 1 && ctx.joined(j + 1) && ctx.is_word(j + 1) {
            continue;
        }
        // a straight double quote after a figure is an inch mark unless it closes a quotation
        if words[0] == "\""
            && ctx.tokens[..j]
                .iter()
                .filter(|t| t.text(ctx.text) == "\"")
                .count()
                % 2
                == 1
        {
            continue;
        }
        // "°" "C", "km" "/" "h": symbols are glued together
        if words.len() > 1
            && ((words[0] == "°" && words[1].len() == 1) || words[1] == "/")
            && !ctx.joined(j + 1)
        {
            continue;
        }
        best = Some((
            Unit {
                dimension: *dim,
                symbol: Some((*sym).to_string()),
                factor: *factor,
            },
            words.len(),
        ));
    }
    best
}
