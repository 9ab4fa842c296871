//! Conformance evaluation of factlint's numeric extractor against two external test suites
//! nobody on the project wrote: Duckling's English corpora (`duckling/*_EN_Corpus.hs`) and
//! quantulum3's test sentences (`quantulum3/*.json`).
//!
//! ```text
//! cargo run --release --example conformance -- <testsuites-dir> [--failures] [--passes] [--json]
//! ```
//!
//! `<testsuites-dir>` holds `duckling/` and `quantulum3/`. `--failures` lists every failing
//! case (text, expectation, what factlint produced), `--passes` every passing one (to review
//! the judge); `--json` prints a machine-readable summary instead of the table. The program
//! exits 0 whenever it ran (2 on bad usage or an unreadable suite): it is a measurement, not
//! a test (`tests/conformance.rs` asserts a floor on the accuracy it measures).
//!
//! # What is judged
//!
//! Each in-scope case runs `factlint::extract` on the Duckling surface string on its own, or
//! on the whole quantulum3 sentence. The numeric claims (quantity, rate, change with a
//! percent, share, both measures of a conversion; an age counts as a bare number) are
//! candidates; the case is correct when one candidate gets all three right:
//!
//! * **value**: relative error ≤ 1e-9 after converting both sides to the same scale with the
//!   claim's `Unit.factor` (temperatures affinely by symbol; durations in months, quarters
//!   and years compare as intervals, a month being 28–31 days, so "a month and a half" may be
//!   45 days). Ranges compare both ends, order-free; Duckling's `under`/`above` also need a
//!   less-than/at-most or more-than/at-least qualifier. Without a unit match, raw values.
//! * **unit**: the dimension matches; for money the ISO code matches when the suite names a
//!   currency (any dollar for Duckling's bare `Dollar`, any code for `Unnamed`/cents).
//! * **span**: Duckling: the claim's span covers the whole surface modulo surrounding
//!   whitespace/punctuation, a leading qualifier or article ("about", "between", "a") and a
//!   trailing "of <product>". quantulum3: the claim's text equals `surface` modulo
//!   whitespace, punctuation and leading qualifier words (a count may carry its noun after
//!   it; a change or share claim may cover a longer phrase that contains the surface).
//!
//! A quantulum3 sentence with several expected quantities counts each as one item, except
//! that the parts quantulum3 lists of one composite duration ("3 years, 2 months, 14 days,
//! and 16 hours") are merged into one item, as Duckling (and factlint) read them.
//!
//! **Traps** (reported apart from accuracy): Duckling ordinals ("first", "25th"), Duckling
//! duration negatives ("for months", "I second that") and quantulum3 sentences that expect no
//! quantity ("At 2 pm everybody will be gone.") pass when factlint produces *no* numeric
//! claim. **Robustness**: quantulum3's `errors.json` inputs pass when extraction does not
//! panic (every extraction is run under `catch_unwind`).
//!
//! # Scope
//!
//! In scope: figures in running news prose — numbers in digits and words with scale words
//! (including lakh/crore spelled out), money with signs, codes and words, percentages,
//! lengths, masses, areas, volumes, speeds, temperatures, durations, ranges, bounds
//! ("under 7 euros"), rates ("$15.4/hour", "four times per week"), imperial and duration
//! composites ("7 feet 10 inches", "2 years and 3 months") and money with a named sub-unit
//! ("$20 and 43c"). Out of scope, each with its reason (see `DUCKLING_OUT`, `QUANTULUM_OUT`
//! and `quantulum_unit`):
//!
//! * Duckling `Time` (dates are a separate claim kind) and the `latentCorpus` sections (bare
//!   numbers read as money or quantity only under Duckling's latent option);
//! * units outside factlint's `Dimension` enum (energy, power, data, frequency, radiation,
//!   angles, inverse units, exotic prefixes like picometre) and compound physics units;
//! * calendar years and decades ("in 1979", "the 1960s"), identifiers and model numbers
//!   ("Voyager 2", "English 101", "Core i7 860");
//! * vague quantity words Duckling reads as numbers ("a few" = 3, "a couple", "single",
//!   "nil", "a pair");
//! * strings ambiguous in isolation ("ten pounds": money or mass; "3k", "9m", "2'", "10 c",
//!   "3 quarters", "- 2 degrees") and fractions that read as dates ("2/10");
//! * spoken-style composites with a bare trailing number ("$20 43", "1 hour thirty"),
//!   nonstandard or ungrammatical English ("1 k.gs", "one and quarter of hour", "ringgit
//!   42"), non-English words ("genihat masriya"), non-news notation (scientific notation,
//!   "±" uncertainty, accounting negatives "($99.99)"), coin names ("3 dimes"), named
//!   constants ("absolute zero"), metric or mixed-system composites ("2 km and 1 meter",
//!   "1 kilometer and 1 mile");
//! * cases where the suite's expectation contradicts the plain reading ("7-9 lakh rupees" as
//!   7 to 900,000; "rose from $350 per kg to $680 per kg" as a range; "245 23 yen" as no
//!   quantity);
//! * quantulum3's `expand.json` (number-to-words expansion, not extraction).
//!
//! Counts as parsed from the suites (items judged / left out of scope; the program prints
//! the current figures, which follow the suite files, not this table):
//!
//! | suite      | category    | in scope | out of scope | traps / checks        |
//! |------------|-------------|---------:|-------------:|-----------------------|
//! | duckling   | numeral     |       79 |           26 |                       |
//! | duckling   | money       |      112 |           34 | 1 negative            |
//! | duckling   | distance    |       38 |           13 |                       |
//! | duckling   | duration    |       46 |           32 | 5 negatives           |
//! | duckling   | quantity    |       44 |           10 |                       |
//! | duckling   | temperature |       31 |            2 |                       |
//! | duckling   | volume      |       52 |            2 |                       |
//! | duckling   | ordinal     |        0 |            0 | 32 ordinals           |
//! | duckling   | time        |        0 |         1036 |                       |
//! | quantulum3 | length      |       20 |            0 |                       |
//! | quantulum3 | count       |       23 |           14 |                       |
//! | quantulum3 | temperature |       14 |            2 |                       |
//! | quantulum3 | mass        |       15 |            2 |                       |
//! | quantulum3 | money       |       13 |            1 |                       |
//! | quantulum3 | duration    |        9 |            0 | (13 parts, 2 merged)  |
//! | quantulum3 | volume      |       11 |            0 |                       |
//! | quantulum3 | area        |        5 |            0 |                       |
//! | quantulum3 | rate        |        3 |            0 |                       |
//! | quantulum3 | percent     |        2 |            0 |                       |
//! | quantulum3 | speed       |        1 |            0 |                       |
//! | quantulum3 | unmodelled  |        0 |           44 |                       |
//! | quantulum3 | no-quantity |        0 |            0 | 7 sentences (+1 out, under count) |
//! | quantulum3 | errors.json |        0 |            0 | 4 robustness inputs   |
//! | quantulum3 | expand.json |        0 |            7 |                       |
//! | **total**  |             |  **518** |     **1225** | 45 traps, 4 robustness |

use factlint::claims::Claim;
use factlint::numbers::qualifier::{Qualifier, PHRASES};
use factlint::numbers::units::{Dimension, Unit};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;

// ---------------------------------------------------------------------------------------------
// The expected side
// ---------------------------------------------------------------------------------------------

/// A temperature scale; `Unspecified` is a bare degree ("45°", Duckling's `Degree`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scale {
    Celsius,
    Fahrenheit,
    Kelvin,
    Unspecified,
}

/// What unit a suite expects, in factlint's terms.
#[derive(Debug, Clone)]
pub enum ExpUnit {
    /// A bare number or counted noun; `factor` multiplies the value ("a dozen" = 1 × 12).
    Count {
        factor: f64,
    },
    /// A count of a named noun ("3 cups"), its head containing the stem.
    CountNoun(&'static str),
    Percent,
    /// A measure of one dimension; `factor` to factlint's base unit of that dimension.
    Measure {
        dim: Dimension,
        factor: f64,
    },
    Temperature(Scale),
    /// Money; `codes` lists the acceptable ISO codes (`None`: any currency); `factor` to the
    /// currency's main unit (a cent is 0.01).
    Money {
        codes: Option<&'static [&'static str]>,
        factor: f64,
    },
    /// A rate: `num` per `per` (a canonical per-unit word: "hour", "week", "km").
    Rate {
        num: Box<ExpUnit>,
        per: &'static str,
    },
    /// Any of these readings.
    Any(Vec<ExpUnit>),
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ExpValue {
    Exact(f64),
    Range(f64, f64),
    /// Less than / at most.
    Under(f64),
    /// More than / at least.
    Above(f64),
    /// One value somewhere in `[lo, hi]`: a calendar-imprecise total (a merged composite
    /// duration, in seconds).
    Approx(f64, f64),
}

#[derive(Debug, Clone)]
pub struct Expected {
    pub value: ExpValue,
    pub unit: ExpUnit,
    /// How the suite wrote the expectation ("between Dollar (10, 20)", "2.5 inch").
    pub desc: String,
}

/// How a claim's span is judged.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SpanRule {
    /// Duckling: the claim covers `target`.
    Covers,
    /// quantulum3: the claim is `target` modulo qualifiers, punctuation and a counted noun.
    Equals,
}

#[derive(Debug, Clone)]
pub enum Check {
    Item {
        expected: Expected,
        /// Byte range of the text the claim must cover or equal.
        target: (usize, usize),
        rule: SpanRule,
    },
    /// Must produce no numeric claim.
    Trap,
    /// Must not panic.
    Robust,
    /// Not judged; the reason.
    Out(String),
}

#[derive(Debug, Clone)]
pub struct Case {
    pub suite: &'static str,
    pub category: String,
    /// `file:line` or `file#index`.
    pub source: String,
    pub text: String,
    pub check: Check,
}

// Reasons for leaving a case out of scope.
const R_TIME: &str = "Duckling Time: dates and times are a separate claim kind";
const R_LATENT: &str =
    "Duckling latent corpus: bare numbers read as money/quantity only with the latent option";
const R_VAGUE: &str = "vague quantity word read as a number (few, a couple, single, nil, a pair)";
const R_AMBIG: &str = "ambiguous in isolation (the reading depends on context)";
const R_DATE_LIKE: &str = "fraction that reads as a date (1/5, 2/10)";
const R_SPOKEN: &str = "spoken-style composite with a bare trailing number ($20 43, 1 hour thirty)";
const R_NONSTD: &str = "nonstandard or ungrammatical English";
const R_NONENG: &str = "non-English word";
const R_RESTATE: &str = "number restated in parentheses (legal style)";
const R_MIXED: &str = "metric or mixed-system composite, never written in news";
const R_CONTRADICT: &str = "suite expectation contradicts the plain reading";
const R_YEAR: &str = "calendar year or decade (a date, not a quantity)";
const R_IDENT: &str = "identifier, name or model number";
const R_NOTATION: &str = "non-news notation (scientific, ±, accounting negative)";
const R_COIN: &str = "coin name, not an amount (penny, dime)";
const R_NAMED: &str = "named constant, not a figure (absolute zero)";
const R_UNIT: &str = "unit outside factlint's dimensions";
const R_EXPAND: &str = "quantulum3 expand.json: number-to-words expansion, not extraction";

/// Duckling surfaces left out of scope: (category, surface, reason).
const DUCKLING_OUT: &[(&str, &str, &str)] = &[
    // numeral
    ("numeral", "nil", R_VAGUE),
    ("numeral", "single", R_VAGUE),
    ("numeral", "a pair", R_VAGUE),
    ("numeral", "a couple", R_VAGUE),
    ("numeral", "a couple of", R_VAGUE),
    ("numeral", "a few", R_VAGUE),
    ("numeral", "few", R_VAGUE),
    ("numeral", "1/5", R_DATE_LIKE),
    ("numeral", "2/10", R_DATE_LIKE),
    ("numeral", "3/15", R_DATE_LIKE),
    ("numeral", "20/100", R_DATE_LIKE),
    ("numeral", "30 lkh", R_NONSTD),
    ("numeral", "12 lkhs", R_NONSTD),
    ("numeral", "30 l", R_AMBIG),
    (
        "numeral",
        "three cr twelve lac fifty-six thousand seven hundred twenty-one",
        R_NONSTD,
    ),
    ("numeral", "three hundred Cr", R_NONSTD),
    ("numeral", "three hundred koti", R_NONSTD),
    ("numeral", "three hundred krores", R_NONSTD),
    ("numeral", "three hundred Kr", R_NONSTD),
    ("numeral", ".0012G", R_NONSTD),
    ("numeral", "-.0012G", R_NONSTD),
    ("numeral", "- 1,200,000", R_AMBIG),
    ("numeral", "one twenty two", R_SPOKEN),
    ("numeral", "ONE TwentY tWO", R_SPOKEN),
    ("numeral", "forty-five (45)", R_RESTATE),
    ("numeral", "45 (forty five)", R_RESTATE),
    // money
    ("money", "10 c", R_AMBIG),
    ("money", "ten pennies", R_COIN),
    ("money", "ten pounds", R_AMBIG),
    ("money", "US$3 and fourteen", R_SPOKEN),
    ("money", "20 €ur", R_NONSTD),
    ("money", "20 Rupees 43", R_SPOKEN),
    ("money", "twenty rupees 43", R_SPOKEN),
    ("money", "$20 43", R_SPOKEN),
    ("money", "20 dollar 43", R_SPOKEN),
    ("money", "twenty dollar and 43", R_SPOKEN),
    ("money", "3 GBP and one", R_SPOKEN),
    ("money", "20 ringgit 43", R_SPOKEN),
    ("money", "twenty ringgit and 43", R_SPOKEN),
    ("money", "42 egyptianpound", R_NONSTD),
    ("money", "42 Saudiriyal", R_NONSTD),
    ("money", "42 LE", R_AMBIG),
    ("money", "42 L.E", R_AMBIG),
    ("money", "42 l.e.", R_AMBIG),
    ("money", "42 le", R_AMBIG),
    ("money", "42 geneh", R_NONENG),
    ("money", "42 genihat masriya", R_NONENG),
    ("money", "ringgit 42", R_NONSTD),
    ("money", "malaysia ringgit 42", R_NONSTD),
    ("money", "malaysian ringgit 42", R_NONSTD),
    ("money", "malaysia ringgits 42", R_NONSTD),
    ("money", "malaysian ringgits 42", R_NONSTD),
    (
        "money",
        "from 1 point 1 and one point three dollars",
        R_NONSTD,
    ),
    ("money", "7-9 lakh rupees", R_CONTRADICT),
    ("money", "3 UAH 4 kopiykas", R_NONENG),
    // distance
    ("distance", "3k", R_AMBIG),
    ("distance", "2 km and 1 meter", R_MIXED),
    ("distance", "2 kilometer, 1 metre", R_MIXED),
    ("distance", "2 kilometer 1 metre", R_MIXED),
    ("distance", "10 kms 8 metres 6 cm", R_MIXED),
    ("distance", "10 kms, 8 meters, 6 cm", R_MIXED),
    ("distance", "10 kms, 8 meters and 6 centimeters", R_MIXED),
    ("distance", "1 meter and 1 foot", R_MIXED),
    ("distance", "1 kilometer and 1 mile", R_MIXED),
    ("distance", "3m and 5cm", R_MIXED),
    ("distance", "1m and 1ft", R_MIXED),
    // duration
    ("duration", "1\"", R_AMBIG),
    ("duration", "2'", R_AMBIG),
    ("duration", "2m", R_AMBIG),
    ("duration", "2 m", R_AMBIG),
    ("duration", "3 quarters", R_AMBIG),
    ("duration", "2 less minutes", R_NONSTD),
    ("duration", "1 hour thirty", R_SPOKEN),
    ("duration", "1 hour and thirty", R_SPOKEN),
    ("duration", "1 hour fifteen", R_SPOKEN),
    ("duration", "1 hour and fifteen", R_SPOKEN),
    ("duration", "2 hours ten", R_SPOKEN),
    ("duration", "2 hour and 10", R_SPOKEN),
    ("duration", "one and two quarter hour", R_NONSTD),
    ("duration", "one and two quarters hour", R_NONSTD),
    ("duration", "one and two quarter of hour", R_NONSTD),
    ("duration", "one and two quarters of hour", R_NONSTD),
    ("duration", "one and quarter hour", R_NONSTD),
    ("duration", "one and quarter of hour", R_NONSTD),
    ("duration", "one and a quarter of hour", R_NONSTD),
    ("duration", "one and one quarter of hour", R_NONSTD),
    ("duration", "one and three quarter of hour", R_NONSTD),
    ("duration", "one and three quarters of hour", R_NONSTD),
    ("duration", "one and three quarter of hours", R_NONSTD),
    ("duration", "one and three quarters of hours", R_NONSTD),
    ("duration", "two and quarter hour", R_NONSTD),
    ("duration", "two and a quarter of hour", R_NONSTD),
    ("duration", "two and quarter of hours", R_NONSTD),
    ("duration", "two and a quarter of hours", R_NONSTD),
    ("duration", "one hour and half", R_NONSTD),
    ("duration", "one month and half", R_NONSTD),
    ("duration", "five and half min", R_NONSTD),
    ("duration", "5 and an half minute", R_NONSTD),
    // quantity
    ("quantity", "2 gs", R_NONSTD),
    ("quantity", "2/1000 kilograms", R_NONSTD),
    ("quantity", "1 k.g.", R_NONSTD),
    ("quantity", "1 k.gs", R_NONSTD),
    ("quantity", "1000 gs", R_NONSTD),
    ("quantity", "a Pound", R_AMBIG),
    // temperature
    ("temperature", "- 2 degrees", R_AMBIG),
    ("temperature", "from 30 celsius and 40 celsius", R_NONSTD),
    // volume
    ("volume", "fourth of liter", R_NONSTD),
    ("volume", "tenth of a gallon", R_NONSTD),
];

/// quantulum3 items left out of scope for a reason other than their unit:
/// (file, index, surface, reason); surface "" for a sentence that expects no quantity.
const QUANTULUM_OUT: &[(&str, usize, &str, &str)] = &[
    ("quantities.json", 3, "2", R_IDENT),
    ("quantities.json", 3, "1979", R_YEAR),
    ("quantities.json", 4, "101", R_IDENT),
    ("quantities.json", 11, "2.48×10−5", R_NOTATION),
    (
        "quantities.json",
        24,
        "$350 per kg to $680 per kg",
        R_CONTRADICT,
    ),
    ("quantities.json", 25, "1960", R_YEAR),
    ("quantities.json", 39, "a penny", R_COIN),
    ("quantities.json", 47, "32", R_IDENT),
    ("quantities.json", 52, "A baker's dozen", R_NONSTD),
    ("quantities.json", 52, "a gross", R_NONSTD),
    ("quantities.json", 52, "a square dozen", R_NONSTD),
    ("quantities.json", 55, "2013", R_YEAR),
    ("quantities.json", 57, "3 dimes", R_COIN),
    ("quantities.json", 58, "", R_CONTRADICT),
    ("quantities.json", 61, "860", R_IDENT),
    ("quantities.json", 63, "2005", R_YEAR),
    ("quantities.json", 63, "2011", R_YEAR),
    ("quantities.json", 68, "absolute zero", R_NAMED),
    ("quantities.json", 80, "($99.99)", R_NOTATION),
    (
        "quantities.json",
        86,
        "three million, two hundred & forty",
        R_NONSTD,
    ),
    ("quantities.json", 94, "44 mg to 50 mg", R_CONTRADICT),
    ("quantities.ambiguity.json", 3, "360", R_IDENT),
    ("quantities.ambiguity.json", 5, "9031", R_IDENT),
    ("quantities.ambiguity.json", 19, "absolute zero", R_NAMED),
];

const DOLLARS: &[&str] = &["USD", "CAD", "AUD", "NZD", "HKD", "SGD", "TWD", "$"];
const POUNDS: &[&str] = &["GBP", "EGP", "LBP", "£"];
const DINARS: &[&str] = &[
    "KWD", "BHD", "IQD", "JOD", "LYD", "RSD", "TND", "DZD", "MKD",
];
const RIYALS: &[&str] = &["SAR", "QAR", "OMR", "YER"];
const RIALS: &[&str] = &["IRR", "OMR", "YER"];

fn money(codes: &'static [&'static str]) -> ExpUnit {
    ExpUnit::Money {
        codes: Some(codes),
        factor: 1.0,
    }
}

fn measure(dim: Dimension, factor: f64) -> ExpUnit {
    ExpUnit::Measure { dim, factor }
}

const MONTH: f64 = 2_629_746.0;
const YEAR: f64 = 31_556_952.0;
const CUP: f64 = 0.2365882365;
const TABLESPOON: f64 = 0.01478676478125;

/// A Duckling unit constructor, by corpus category; `Err` is the reason it is out of scope.
fn duckling_unit(category: &str, name: &str) -> Result<ExpUnit, String> {
    use Dimension::*;
    let u = match (category, name) {
        ("money", "Dollar") => money(DOLLARS),
        ("money", "Cent") => ExpUnit::Money {
            codes: None,
            factor: 0.01,
        },
        ("money", "Pound") => money(POUNDS),
        ("money", "Unnamed") => ExpUnit::Money {
            codes: None,
            factor: 1.0,
        },
        ("money", "USD") => money(&["USD"]),
        ("money", "EUR") => money(&["EUR"]),
        ("money", "GBP") => money(&["GBP"]),
        ("money", "INR") => money(&["INR"]),
        ("money", "CAD") => money(&["CAD"]),
        ("money", "CHF") => money(&["CHF"]),
        ("money", "CNY") => money(&["CNY", "RMB"]),
        ("money", "KWD") => money(&["KWD"]),
        ("money", "LBP") => money(&["LBP"]),
        ("money", "EGP") => money(&["EGP"]),
        ("money", "QAR") => money(&["QAR"]),
        ("money", "SAR") => money(&["SAR"]),
        ("money", "BGN") => money(&["BGN"]),
        ("money", "MYR") => money(&["MYR"]),
        ("money", "ILS") => money(&["ILS"]),
        ("money", "MNT") => money(&["MNT"]),
        ("money", "UAH") => money(&["UAH"]),
        ("money", "Dinar") => money(DINARS),
        ("money", "Riyal") => money(RIYALS),
        ("money", "Rial") => money(RIALS),
        ("distance", "Kilometre") => measure(Length, 1000.0),
        ("distance", "Metre") => measure(Length, 1.0),
        ("distance", "Centimetre") => measure(Length, 0.01),
        ("distance", "Millimetre") => measure(Length, 0.001),
        ("distance", "Mile") => measure(Length, 1609.344),
        ("distance", "Yard") => measure(Length, 0.9144),
        ("distance", "Foot") => measure(Length, 0.3048),
        ("distance", "Inch") => measure(Length, 0.0254),
        ("distance", "M") => return Err(R_AMBIG.to_string()),
        ("duration", "Second") => measure(Duration, 1.0),
        ("duration", "Minute") => measure(Duration, 60.0),
        ("duration", "Hour") => measure(Duration, 3600.0),
        ("duration", "Day") => measure(Duration, 86400.0),
        ("duration", "Week") => measure(Duration, 604_800.0),
        ("duration", "Month") => measure(Duration, MONTH),
        ("duration", "Quarter") => measure(Duration, 3.0 * MONTH),
        ("duration", "Year") => measure(Duration, YEAR),
        ("quantity", "Gram") => measure(Mass, 0.001),
        ("quantity", "Pound") => measure(Mass, 0.45359237),
        ("quantity", "Ounce") => measure(Mass, 0.028349523125),
        ("quantity", "Cup") => ExpUnit::Any(vec![measure(Volume, CUP), ExpUnit::CountNoun("cup")]),
        ("temperature", "Celsius") => ExpUnit::Temperature(Scale::Celsius),
        ("temperature", "Fahrenheit") => ExpUnit::Temperature(Scale::Fahrenheit),
        ("temperature", "Degree") => ExpUnit::Temperature(Scale::Unspecified),
        ("volume", "Litre") => measure(Volume, 1.0),
        ("volume", "Millilitre") => measure(Volume, 0.001),
        ("volume", "Hectolitre") => measure(Volume, 100.0),
        ("volume", "Gallon") => measure(Volume, 3.785411784),
        _ => return Err(format!("unit not interpreted: {name}")),
    };
    Ok(u)
}

/// A quantulum3 unit name; `Err` is the reason it is out of scope.
fn quantulum_unit(name: &str) -> Result<ExpUnit, String> {
    use Dimension::*;
    let u = match name {
        "dimensionless" => ExpUnit::Count { factor: 1.0 },
        "dozen" => ExpUnit::Count { factor: 12.0 },
        "percentage" => ExpUnit::Percent,
        "metre" => measure(Length, 1.0),
        "kilometre" => measure(Length, 1000.0),
        "nanometre" => measure(Length, 1e-9),
        "mile" => measure(Length, 1609.344),
        "inch" => measure(Length, 0.0254),
        "square kilometre" => measure(Area, 1e6),
        "square mile" => measure(Area, 2_589_988.110336),
        "cubic kilometre" => measure(Volume, 1e12),
        "cubic centimetre" => measure(Volume, 0.001),
        "litre" => measure(Volume, 1.0),
        "centilitre" => measure(Volume, 0.01),
        "gallon" => measure(Volume, 3.785411784),
        "cup" => ExpUnit::Any(vec![measure(Volume, CUP), ExpUnit::CountNoun("cup")]),
        "tablespoon" => ExpUnit::Any(vec![
            measure(Volume, TABLESPOON),
            ExpUnit::CountNoun("tbsp"),
            ExpUnit::CountNoun("tablespoon"),
        ]),
        "kilogram" => measure(Mass, 1.0),
        "milligram" => measure(Mass, 1e-6),
        "tonne" => measure(Mass, 1000.0),
        "pound-mass" => measure(Mass, 0.45359237),
        "second" => measure(Duration, 1.0),
        "minute" => measure(Duration, 60.0),
        "hour" => measure(Duration, 3600.0),
        "day" => measure(Duration, 86400.0),
        "week" => measure(Duration, 604_800.0),
        "month" => measure(Duration, MONTH),
        "year" => measure(Duration, YEAR),
        "kilometre per hour" => measure(Speed, 1.0 / 3.6),
        "degree Celsius" => ExpUnit::Temperature(Scale::Celsius),
        "degree fahrenheit" | "degree Fahrenheit" => ExpUnit::Temperature(Scale::Fahrenheit),
        "kelvin" => ExpUnit::Temperature(Scale::Kelvin),
        "dollar" => money(DOLLARS),
        "euro" => money(&["EUR"]),
        "pound sterling" => money(&["GBP"]),
        "cent" => ExpUnit::Money {
            codes: None,
            factor: 0.01,
        },
        "count per week" => ExpUnit::Rate {
            num: Box::new(ExpUnit::Count { factor: 1.0 }),
            per: "week",
        },
        "dollar per hour" => ExpUnit::Rate {
            num: Box::new(money(DOLLARS)),
            per: "hour",
        },
        "litre per kilometre" => ExpUnit::Rate {
            num: Box::new(measure(Volume, 1.0)),
            per: "km",
        },
        _ => return Err(format!("{R_UNIT}: {name}")),
    };
    Ok(u)
}

fn unit_category(u: &ExpUnit) -> &'static str {
    match u {
        ExpUnit::Count { .. } | ExpUnit::CountNoun(_) => "count",
        ExpUnit::Percent => "percent",
        ExpUnit::Measure { dim, .. } => match dim {
            Dimension::Length => "length",
            Dimension::Mass => "mass",
            Dimension::Area => "area",
            Dimension::Volume => "volume",
            Dimension::Speed => "speed",
            Dimension::Duration => "duration",
            Dimension::Temperature => "temperature",
            Dimension::Currency => "money",
            Dimension::Percent => "percent",
            Dimension::Count => "count",
        },
        ExpUnit::Temperature(_) => "temperature",
        ExpUnit::Money { .. } => "money",
        ExpUnit::Rate { .. } => "rate",
        ExpUnit::Any(alts) => alts.first().map_or("other", unit_category),
    }
}

// ---------------------------------------------------------------------------------------------
// Duckling corpus parser
// ---------------------------------------------------------------------------------------------

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Str(String),
    Ident(String),
    Num(f64),
    Sym(char),
}

#[derive(Debug, Clone)]
struct Lexed {
    tok: Tok,
    line: usize,
    col: usize,
}

/// Lexes Haskell source into strings (escapes decoded), identifiers, numbers and symbols,
/// skipping `--` and `{- -}` comments.
fn lex_haskell(src: &str) -> Result<Vec<Lexed>, String> {
    let cs: Vec<char> = src.chars().collect();
    let mut out = Vec::new();
    let (mut i, mut line, mut line_start) = (0usize, 1usize, 0usize);
    while i < cs.len() {
        let c = cs[i];
        if c == '\n' {
            i += 1;
            line += 1;
            line_start = i;
            continue;
        }
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        if c == '-' && cs.get(i + 1) == Some(&'-') {
            while i < cs.len() && cs[i] != '\n' {
                i += 1;
            }
            continue;
        }
        if c == '{' && cs.get(i + 1) == Some(&'-') {
            let mut depth = 0usize;
            loop {
                if i >= cs.len() {
                    return Err(format!("line {line}: unterminated block comment"));
                }
                if cs[i] == '{' && cs.get(i + 1) == Some(&'-') {
                    depth += 1;
                    i += 2;
                } else if cs[i] == '-' && cs.get(i + 1) == Some(&'}') {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    if cs[i] == '\n' {
                        line += 1;
                        line_start = i + 1;
                    }
                    i += 1;
                }
            }
            continue;
        }
        let (tline, col) = (line, i - line_start);
        let tok = if c == '"' {
            i += 1;
            let mut s = String::new();
            loop {
                let Some(&d) = cs.get(i) else {
                    return Err(format!("line {tline}: unterminated string"));
                };
                i += 1;
                match d {
                    '"' => break,
                    '\n' => return Err(format!("line {tline}: newline in string")),
                    '\\' => {
                        let Some(&e) = cs.get(i) else {
                            return Err(format!("line {tline}: bad escape"));
                        };
                        i += 1;
                        match e {
                            'n' => s.push('\n'),
                            't' => s.push('\t'),
                            'r' => s.push('\r'),
                            'a' => s.push('\x07'),
                            'b' => s.push('\x08'),
                            'f' => s.push('\x0c'),
                            'v' => s.push('\x0b'),
                            '&' => {}
                            'x' | 'o' => {
                                let radix = if e == 'x' { 16 } else { 8 };
                                let st = i;
                                while i < cs.len() && cs[i].is_digit(radix) {
                                    i += 1;
                                }
                                let digits: String = cs[st..i].iter().collect();
                                let n = u32::from_str_radix(&digits, radix)
                                    .map_err(|_| format!("line {tline}: bad escape"))?;
                                s.push(char::from_u32(n).ok_or(format!("line {tline}: bad char"))?);
                            }
                            d0 if d0.is_ascii_digit() => {
                                let st = i - 1;
                                while i < cs.len() && cs[i].is_ascii_digit() {
                                    i += 1;
                                }
                                let digits: String = cs[st..i].iter().collect();
                                let n: u32 = digits.parse().map_err(|_| "bad escape")?;
                                s.push(char::from_u32(n).ok_or(format!("line {tline}: bad char"))?);
                            }
                            w if w.is_whitespace() => {
                                // A string gap: whitespace up to the next backslash.
                                if w == '\n' {
                                    line += 1;
                                    line_start = i;
                                }
                                while i < cs.len() && cs[i] != '\\' {
                                    if cs[i] == '\n' {
                                        line += 1;
                                        line_start = i + 1;
                                    }
                                    i += 1;
                                }
                                i += 1;
                            }
                            other => s.push(other),
                        }
                    }
                    other => s.push(other),
                }
            }
            Tok::Str(s)
        } else if c.is_alphabetic() || c == '_' {
            let st = i;
            while i < cs.len() && (cs[i].is_alphanumeric() || cs[i] == '_' || cs[i] == '\'') {
                i += 1;
            }
            Tok::Ident(cs[st..i].iter().collect())
        } else if c.is_ascii_digit() {
            let st = i;
            while i < cs.len() && cs[i].is_ascii_digit() {
                i += 1;
            }
            if cs.get(i) == Some(&'.') && cs.get(i + 1).is_some_and(|d| d.is_ascii_digit()) {
                i += 1;
                while i < cs.len() && cs[i].is_ascii_digit() {
                    i += 1;
                }
            }
            if matches!(cs.get(i), Some('e' | 'E')) {
                let mut j = i + 1;
                if matches!(cs.get(j), Some('+' | '-')) {
                    j += 1;
                }
                if cs.get(j).is_some_and(|d| d.is_ascii_digit()) {
                    i = j;
                    while i < cs.len() && cs[i].is_ascii_digit() {
                        i += 1;
                    }
                }
            }
            let lit: String = cs[st..i].iter().collect();
            Tok::Num(
                lit.parse()
                    .map_err(|_| format!("line {tline}: bad number {lit}"))?,
            )
        } else {
            i += 1;
            Tok::Sym(c)
        };
        out.push(Lexed {
            tok,
            line: tline,
            col,
        });
    }
    Ok(out)
}

/// One `examples (expr) [ "..", .. ]` block, or a negative list `examples = [ .. ]`.
#[derive(Debug, Clone)]
struct Block {
    /// The top-level binding it sits in ("allExamples", "latentCorpus", "negativeCorpus").
    section: String,
    expr: Vec<Tok>,
    strings: Vec<(String, usize)>,
    negative: bool,
}

/// Finds every examples block of a corpus file.
fn parse_corpus(src: &str) -> Result<Vec<Block>, String> {
    let toks = lex_haskell(src)?;
    let mut blocks = Vec::new();
    let mut section = String::new();
    let mut i = 0;
    while i < toks.len() {
        if let Tok::Ident(name) = &toks[i].tok {
            if toks[i].col == 0 {
                section = name.clone();
            }
            let next = toks.get(i + 1).map(|t| &t.tok);
            if name == "examples" && (next == Some(&Tok::Sym('(')) || next == Some(&Tok::Sym('=')))
            {
                let negative = next == Some(&Tok::Sym('='));
                let mut j = i + 1;
                let mut expr = Vec::new();
                if !negative {
                    let mut depth = 0usize;
                    loop {
                        let t = &toks.get(j).ok_or("unbalanced parentheses")?.tok;
                        match t {
                            Tok::Sym('(') => depth += 1,
                            Tok::Sym(')') => depth -= 1,
                            _ => {}
                        }
                        expr.push(t.clone());
                        j += 1;
                        if depth == 0 {
                            break;
                        }
                    }
                } else {
                    j += 1;
                }
                if toks.get(j).map(|t| &t.tok) != Some(&Tok::Sym('[')) {
                    i += 1;
                    continue;
                }
                j += 1;
                let mut strings = Vec::new();
                let mut depth = 1usize;
                while depth > 0 {
                    let t = toks.get(j).ok_or("unbalanced brackets")?;
                    match &t.tok {
                        Tok::Sym('[') => depth += 1,
                        Tok::Sym(']') => depth -= 1,
                        Tok::Str(s) => strings.push((s.clone(), t.line)),
                        _ => {}
                    }
                    j += 1;
                }
                blocks.push(Block {
                    section: section.clone(),
                    expr,
                    strings,
                    negative,
                });
                i = j;
                continue;
            }
        }
        i += 1;
    }
    Ok(blocks)
}

#[derive(Debug, Clone, PartialEq)]
enum Node {
    Ident(String),
    Num(f64),
    Str(String),
    Sym(char),
    Group(Vec<Node>),
    Tuple(Vec<Vec<Node>>),
}

/// Parses tokens into nodes up to the closing parenthesis; comma-separated parts.
fn parse_nodes(toks: &[Tok], i: &mut usize) -> Vec<Vec<Node>> {
    let mut parts = vec![Vec::new()];
    while *i < toks.len() {
        let t = toks[*i].clone();
        *i += 1;
        match t {
            Tok::Sym(')') => break,
            Tok::Sym(',') => parts.push(Vec::new()),
            Tok::Sym('(') => {
                let mut inner = parse_nodes(toks, i);
                let node = if inner.len() > 1 {
                    Node::Tuple(inner)
                } else {
                    Node::Group(inner.pop().unwrap_or_default())
                };
                parts.last_mut().expect("parts").push(node);
            }
            Tok::Ident(s) => parts.last_mut().expect("parts").push(Node::Ident(s)),
            Tok::Num(n) => parts.last_mut().expect("parts").push(Node::Num(n)),
            Tok::Str(s) => parts.last_mut().expect("parts").push(Node::Str(s)),
            Tok::Sym(c) => parts.last_mut().expect("parts").push(Node::Sym(c)),
        }
    }
    parts
}

fn num(nodes: &[Node]) -> Option<f64> {
    match nodes {
        [Node::Num(n)] => Some(*n),
        [Node::Sym('-'), Node::Num(n)] => Some(-n),
        [Node::Group(g)] => num(g),
        _ => None,
    }
}

/// The expectation a Duckling constructor expression states, with the product ("meat")
/// when it names one; `Err` is why it is out of scope.
fn interpret(expr: &[Tok], category: &str) -> Result<(Expected, Option<String>), String> {
    let mut i = 0;
    let nodes = match expr.first() {
        Some(Tok::Sym('(')) => {
            i = 1;
            parse_nodes(expr, &mut i).concat()
        }
        _ => parse_nodes(expr, &mut i).concat(),
    };
    let bad = || format!("constructor not interpreted: {nodes:?}");
    let Some(Node::Ident(head)) = nodes.first() else {
        return Err(bad());
    };
    let product = |rest: &[Node]| -> Option<String> {
        match rest {
            [Node::Group(g), ..] => match g.as_slice() {
                [Node::Ident(j), Node::Str(p)] if j == "Just" => Some(p.clone()),
                _ => None,
            },
            _ => None,
        }
    };
    match head.as_str() {
        "NumeralValue" => {
            let v = num(&nodes[1..]).ok_or_else(bad)?;
            Ok((
                Expected {
                    value: ExpValue::Exact(v),
                    unit: ExpUnit::Count { factor: 1.0 },
                    desc: format!("{v}"),
                },
                None,
            ))
        }
        "DurationData" => {
            let [_, v, Node::Ident(grain)] = nodes.as_slice() else {
                return Err(bad());
            };
            let v = num(std::slice::from_ref(v)).ok_or_else(bad)?;
            Ok((
                Expected {
                    value: ExpValue::Exact(v),
                    unit: duckling_unit(category, grain)?,
                    desc: format!("{v} {grain}"),
                },
                None,
            ))
        }
        "simple" | "under" | "above" => {
            let [_, Node::Ident(unit), v, rest @ ..] = nodes.as_slice() else {
                return Err(bad());
            };
            let v = num(std::slice::from_ref(v)).ok_or_else(bad)?;
            let value = match head.as_str() {
                "simple" => ExpValue::Exact(v),
                "under" => ExpValue::Under(v),
                _ => ExpValue::Above(v),
            };
            let p = product(rest);
            let desc = match head.as_str() {
                "simple" => format!("{v} {unit}"),
                h => format!("{h} {v} {unit}"),
            };
            Ok((
                Expected {
                    value,
                    unit: duckling_unit(category, unit)?,
                    desc: desc + &p.as_ref().map_or(String::new(), |p| format!(" of {p}")),
                },
                p,
            ))
        }
        "between" => {
            let [_, Node::Ident(unit), Node::Tuple(ends), rest @ ..] = nodes.as_slice() else {
                return Err(bad());
            };
            let [a, b] = ends.as_slice() else {
                return Err(bad());
            };
            let (a, b) = (num(a).ok_or_else(bad)?, num(b).ok_or_else(bad)?);
            let p = product(rest);
            Ok((
                Expected {
                    value: ExpValue::Range(a, b),
                    unit: duckling_unit(category, unit)?,
                    desc: format!("between {a} and {b} {unit}")
                        + &p.as_ref().map_or(String::new(), |p| format!(" of {p}")),
                },
                p,
            ))
        }
        _ => Err(bad()),
    }
}

/// The Duckling corpus files and the category each one feeds.
const DUCKLING_FILES: &[(&str, &str)] = &[
    ("Numeral_EN_Corpus.hs", "numeral"),
    ("AmountOfMoney_EN_Corpus.hs", "money"),
    ("Distance_EN_Corpus.hs", "distance"),
    ("Duration_EN_Corpus.hs", "duration"),
    ("Quantity_EN_Corpus.hs", "quantity"),
    ("Temperature_EN_Corpus.hs", "temperature"),
    ("Volume_EN_Corpus.hs", "volume"),
    ("Ordinal_EN_Corpus.hs", "ordinal"),
    ("Time_EN_Corpus.hs", "time"),
];

fn duckling_cases(dir: &Path) -> Result<Vec<Case>, String> {
    let mut cases = Vec::new();
    for (file, category) in DUCKLING_FILES {
        let path = dir.join(file);
        let src = std::fs::read_to_string(&path)
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        let parsed = duckling_source_cases(file, category, &src)
            .map_err(|e| format!("{}: {e}", path.display()))?;
        cases.extend(parsed);
    }
    Ok(cases)
}

/// The cases of one Duckling corpus source; `category` is one of `DUCKLING_FILES`'.
pub fn duckling_source_cases(file: &str, category: &str, src: &str) -> Result<Vec<Case>, String> {
    let blocks = parse_corpus(src)?;
    if blocks.is_empty() {
        return Err("no examples blocks found".into());
    }
    let mut cases = Vec::new();
    for b in blocks {
        let interpreted = if b.negative {
            None
        } else {
            Some(interpret(&b.expr, category))
        };
        for (surface, line) in &b.strings {
            let check = if category == "time" {
                Check::Out(R_TIME.into())
            } else if b.section.to_lowercase().contains("latent") {
                Check::Out(R_LATENT.into())
            } else if b.negative || category == "ordinal" {
                Check::Trap
            } else if let Some(&(_, _, reason)) = DUCKLING_OUT
                .iter()
                .find(|(c, s, _)| *c == category && s == surface)
            {
                Check::Out(reason.into())
            } else {
                match interpreted.as_ref().expect("positive block") {
                    Err(reason) => Check::Out(reason.clone()),
                    Ok((expected, product)) => Check::Item {
                        expected: expected.clone(),
                        target: duckling_core(surface, product.as_deref()),
                        rule: SpanRule::Covers,
                    },
                }
            };
            let category = match (&check, category) {
                (Check::Trap, "ordinal") => "ordinal (trap)".to_string(),
                (Check::Trap, c) => format!("{c} negatives (trap)"),
                (_, c) => c.to_string(),
            };
            cases.push(Case {
                suite: "duckling",
                category,
                source: format!("{file}:{line}"),
                text: surface.clone(),
                check,
            });
        }
    }
    Ok(cases)
}

// ---------------------------------------------------------------------------------------------
// Spans: trimming, qualifiers
// ---------------------------------------------------------------------------------------------

/// Trims whitespace and surrounding punctuation from `text[a..b]`; a closing quote stays when
/// it is a unit (`5"`, `5''`).
fn trim(text: &str, mut a: usize, mut b: usize) -> (usize, usize) {
    while let Some(c) = text[a..b].chars().next() {
        if c.is_whitespace() || "([{\"“‘«".contains(c) {
            a += c.len_utf8();
        } else {
            break;
        }
    }
    loop {
        let mut it = text[a..b].chars().rev();
        let Some(c) = it.next() else { break };
        let prev = it.next();
        let quote = (c == '"' || c == '\'' || c == '’' || c == '”')
            && !prev.is_some_and(|p| p.is_ascii_digit() || p == '\'');
        if c.is_whitespace() || ".,;:!?)]}»".contains(c) || quote {
            b -= c.len_utf8();
        } else {
            break;
        }
    }
    (a, b)
}

const EXTRA_LEADING: &[&[&str]] = &[
    &["between"],
    &["from"],
    &["exactly"],
    &["lower", "than"],
    &["higher", "than"],
    &["greater", "than"],
    &["a"],
    &["an"],
];

/// Whether `s` starts with the words (case-insensitive, whitespace between), followed by a
/// non-letter; the length matched.
fn match_words(s: &str, words: &[&str]) -> Option<usize> {
    let mut pos = 0;
    for (k, w) in words.iter().enumerate() {
        if k > 0 {
            let rest = &s[pos..];
            let ws = rest.len() - rest.trim_start().len();
            if ws == 0 {
                return None;
            }
            pos += ws;
        }
        let cand = s.get(pos..pos + w.len())?;
        if !cand.eq_ignore_ascii_case(w) {
            return None;
        }
        pos += w.len();
    }
    match s[pos..].chars().next() {
        Some(c) if !c.is_alphabetic() => Some(pos),
        _ => None,
    }
}

/// Skips leading qualifier words, articles and "~" in `text[a..b]`.
fn strip_leading(text: &str, mut a: usize, b: usize) -> usize {
    loop {
        a = trim(text, a, b).0;
        let rest = &text[a..b];
        if let Some(r) = rest.strip_prefix('~') {
            a = b - r.len();
            continue;
        }
        let phrases = PHRASES
            .iter()
            .map(|(w, _)| *w)
            .chain(EXTRA_LEADING.iter().copied());
        let mut advanced = false;
        for words in phrases {
            if let Some(len) = match_words(rest, words) {
                if a + len < b {
                    a += len;
                    advanced = true;
                    break;
                }
            }
        }
        if !advanced {
            return a;
        }
    }
}

/// The part of a Duckling surface a claim must cover: trimmed, without a leading qualifier
/// or article, without a trailing "of <product>" or dangling "of".
fn duckling_core(surface: &str, product: Option<&str>) -> (usize, usize) {
    let (a, mut b) = trim(surface, 0, surface.len());
    let a = strip_leading(surface, a, b);
    let lower = surface[..b].to_lowercase();
    if let Some(p) = product {
        let tail = format!(" of {}", p.to_lowercase());
        if lower.ends_with(&tail) && lower.len() == surface[..b].len() {
            b -= tail.len();
        }
    }
    if surface[a..b].to_lowercase().ends_with(" of") {
        b -= 3;
    }
    let (_, b) = trim(surface, a, b);
    (a, b.max(a))
}

// ---------------------------------------------------------------------------------------------
// quantulum3
// ---------------------------------------------------------------------------------------------

/// The byte range of the `k`-th occurrence of `needle` in `hay` that is not inside a word.
fn find_word_bounded(hay: &str, needle: &str, k: usize) -> Option<(usize, usize)> {
    let mut seen = 0;
    for (i, _) in hay.match_indices(needle) {
        let before = hay[..i].chars().next_back();
        let after = hay[i + needle.len()..].chars().next();
        let edge = |c: Option<char>, inner: Option<char>| match (c, inner) {
            (Some(c), Some(d)) => !(c.is_alphanumeric() && d.is_alphanumeric()),
            _ => true,
        };
        if edge(before, needle.chars().next()) && edge(after, needle.chars().next_back()) {
            if seen == k {
                return Some((i, i + needle.len()));
            }
            seen += 1;
        }
    }
    None
}

fn json_f64(v: &serde_json::Value) -> Option<f64> {
    v.as_f64()
}

fn quantulum_cases(dir: &Path) -> Result<Vec<Case>, String> {
    let read = |name: &str| -> Result<serde_json::Value, String> {
        let path = dir.join(name);
        let s = std::fs::read_to_string(&path)
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        serde_json::from_str(&s).map_err(|e| format!("{}: {e}", path.display()))
    };
    let mut cases = Vec::new();
    for file in ["quantities.json", "quantities.ambiguity.json"] {
        let data = read(file)?;
        let entries = data.as_array().ok_or(format!("{file}: not an array"))?;
        for (idx, e) in entries.iter().enumerate() {
            let text = e["req"].as_str().ok_or(format!("{file}#{idx}: no req"))?;
            let res = e["res"].as_array().ok_or(format!("{file}#{idx}: no res"))?;
            let source = format!("{file}#{idx}");
            let out_reason = |surface: &str| {
                QUANTULUM_OUT
                    .iter()
                    .find(|(f, i, s, _)| *f == file && *i == idx && *s == surface)
                    .map(|r| r.3)
            };
            if res.is_empty() {
                let (category, check) = match out_reason("") {
                    Some(r) => ("count".to_string(), Check::Out(r.into())),
                    None => ("no-quantity (trap)".to_string(), Check::Trap),
                };
                cases.push(Case {
                    suite: "quantulum3",
                    category,
                    source,
                    text: text.to_string(),
                    check,
                });
                continue;
            }
            let mut seen: HashMap<&str, usize> = HashMap::new();
            let mut items = Vec::new();
            for r in res {
                let surface = r["surface"]
                    .as_str()
                    .ok_or(format!("{source}: no surface"))?;
                let value = json_f64(&r["value"]).ok_or(format!("{source}: no value"))?;
                let unit_name = r["unit"].as_str().ok_or(format!("{source}: no unit"))?;
                let uncertainty = json_f64(&r["uncertainty"]).filter(|u| *u != 0.0);
                let k = seen.entry(surface).or_insert(0);
                let found = find_word_bounded(text, surface, *k);
                *k += 1;
                let unit = quantulum_unit(unit_name);
                let category = unit.as_ref().map_or("unmodelled unit".to_string(), |u| {
                    unit_category(u).to_string()
                });
                let check = if let Some(reason) = out_reason(surface) {
                    Check::Out(reason.into())
                } else if let Err(reason) = &unit {
                    Check::Out(reason.clone())
                } else if surface.contains('±') || surface.contains("+/-") {
                    Check::Out(R_NOTATION.into())
                } else if let Some((a, b)) = found {
                    let v = match uncertainty {
                        Some(u) => ExpValue::Range(value - u, value + u),
                        None => ExpValue::Exact(value),
                    };
                    let desc = match v {
                        ExpValue::Range(lo, hi) => format!("{lo} to {hi} {unit_name}"),
                        _ => format!("{value} {unit_name}"),
                    };
                    Check::Item {
                        expected: Expected {
                            value: v,
                            unit: unit.clone().expect("checked"),
                            desc: format!("{desc} \"{surface}\""),
                        },
                        target: trim(text, a, b),
                        rule: SpanRule::Equals,
                    }
                } else {
                    Check::Out(format!("surface not found in text: {surface}"))
                };
                items.push(Case {
                    suite: "quantulum3",
                    category,
                    source: source.clone(),
                    text: text.to_string(),
                    check,
                });
            }
            cases.extend(merge_composite_durations(text, items));
        }
    }
    let errors = read("errors.json")?;
    for (idx, s) in errors
        .as_array()
        .ok_or("errors.json: not an array")?
        .iter()
        .enumerate()
    {
        cases.push(Case {
            suite: "quantulum3",
            category: "robustness".into(),
            source: format!("errors.json#{idx}"),
            text: s.as_str().unwrap_or_default().to_string(),
            check: Check::Robust,
        });
    }
    let expand = read("expand.json")?;
    for (idx, e) in expand
        .as_array()
        .ok_or("expand.json: not an array")?
        .iter()
        .enumerate()
    {
        cases.push(Case {
            suite: "quantulum3",
            category: "expand".into(),
            source: format!("expand.json#{idx}"),
            text: e["req"].as_str().unwrap_or_default().to_string(),
            check: Check::Out(R_EXPAND.into()),
        });
    }
    Ok(cases)
}

/// quantulum3 lists the parts of a composite duration ("3 years, 2 months, 14 days, and 16
/// hours") as separate quantities; Duckling, and factlint, read one duration. Merges runs of
/// duration items separated only by commas or "and" into one item: their total in seconds,
/// as an interval (a month 28–31 days, a year 365–366).
fn merge_composite_durations(text: &str, items: Vec<Case>) -> Vec<Case> {
    fn part(c: &Case) -> Option<((f64, f64), (usize, usize))> {
        let Check::Item {
            expected,
            target,
            rule: SpanRule::Equals,
        } = &c.check
        else {
            return None;
        };
        let ExpUnit::Measure {
            dim: Dimension::Duration,
            factor,
        } = expected.unit
        else {
            return None;
        };
        let (a, b) = duration_interval(factor);
        match expected.value {
            ExpValue::Exact(v) => Some(((v * a, v * b), *target)),
            ExpValue::Approx(lo, hi) => Some(((lo * a, hi * b), *target)),
            _ => None,
        }
    }
    let mut out: Vec<Case> = Vec::new();
    for case in items {
        if let (Some((prev, pt)), Some((cur, ct))) = (out.last().and_then(part), part(&case)) {
            let gap = text
                .get(pt.1..ct.0)
                .map(|g| g.split_whitespace().collect::<Vec<_>>().join(" "));
            if matches!(gap.as_deref(), Some("" | "," | "and" | ", and")) {
                let (lo, hi) = (prev.0 + cur.0, prev.1 + cur.1);
                let target = (pt.0, ct.1);
                let merged = out.last_mut().expect("checked");
                merged.check = Check::Item {
                    expected: Expected {
                        value: ExpValue::Approx(lo, hi),
                        unit: ExpUnit::Measure {
                            dim: Dimension::Duration,
                            factor: 1.0,
                        },
                        desc: format!(
                            "one duration \"{}\" ({:.3} to {:.3} days; the suite lists its parts)",
                            &text[target.0..target.1],
                            lo / 86400.0,
                            hi / 86400.0
                        ),
                    },
                    target,
                    rule: SpanRule::Equals,
                };
                continue;
            }
        }
        out.push(case);
    }
    out
}

/// Every case of both suites under `dir` (which holds `duckling/` and `quantulum3/`).
pub fn load_cases(dir: &Path) -> Result<Vec<Case>, String> {
    let mut cases = duckling_cases(&dir.join("duckling"))?;
    cases.extend(quantulum_cases(&dir.join("quantulum3"))?);
    Ok(cases)
}

// ---------------------------------------------------------------------------------------------
// The produced side
// ---------------------------------------------------------------------------------------------

/// One numeric reading factlint produced, flattened from a claim.
#[derive(Debug, Clone)]
pub struct Got {
    pub kind: &'static str,
    pub span: (usize, usize),
    pub text: String,
    pub value: f64,
    pub range: Option<[f64; 2]>,
    pub qualifier: Option<Qualifier>,
    pub unit: Unit,
    /// For a rate: the per-unit word and its length in seconds.
    pub per: Option<(String, Option<[f64; 2]>)>,
    pub noun: Option<String>,
    pub head: Option<String>,
    /// Change, share and age claims may span a longer phrase than the figure.
    pub phrase: bool,
}

impl Got {
    fn describe(&self) -> String {
        let value = match self.range {
            Some([a, b]) => format!("{a}..{b}"),
            None => format!("{}", self.value),
        };
        let unit = match &self.unit.symbol {
            Some(s) => format!(" {s}"),
            None => String::new(),
        };
        let dim = format!("{:?}", self.unit.dimension).to_lowercase();
        let mut s = format!("{} \"{}\" = {value}{unit} [{dim}", self.kind, self.text);
        if self.unit.factor != 1.0 {
            s += &format!(" ×{}", self.unit.factor);
        }
        s += "]";
        if let Some((p, _)) = &self.per {
            s += &format!(" per {p}");
        }
        if let Some(q) = self.qualifier.filter(|q| *q != Qualifier::Exact) {
            s += &format!(" ({})", q.as_str());
        }
        if let Some(n) = &self.noun {
            s += &format!(" noun={n:?}");
        }
        s
    }
}

/// What one extraction produced: the flattened readings and every claim, described.
#[derive(Debug, Clone, Default)]
pub struct Produced {
    pub gots: Vec<Got>,
    pub numeric_claims: usize,
    pub claims: Vec<String>,
}

fn is_numeric(c: &Claim) -> bool {
    matches!(
        c,
        Claim::Quantity(_)
            | Claim::Rate(_)
            | Claim::Change(_)
            | Claim::Share(_)
            | Claim::Conversion(_)
    )
}

fn flatten(text: &str, claims: &[Claim]) -> Produced {
    let slice = |s: (usize, usize)| text.get(s.0..s.1).unwrap_or("").to_string();
    let mut p = Produced {
        numeric_claims: claims.iter().filter(|c| is_numeric(c)).count(),
        ..Produced::default()
    };
    for c in claims {
        let sp = (c.span().start, c.span().end);
        let base = |value: f64, unit: Unit| Got {
            kind: c.kind(),
            span: sp,
            text: c.text().to_string(),
            value,
            range: None,
            qualifier: None,
            unit,
            per: None,
            noun: None,
            head: None,
            phrase: false,
        };
        match c {
            Claim::Quantity(q) => p.gots.push(Got {
                range: q.range,
                qualifier: Some(q.qualifier),
                noun: q.noun.clone(),
                head: q.head.clone(),
                ..base(q.value, q.unit.clone())
            }),
            Claim::Rate(r) => p.gots.push(Got {
                qualifier: Some(r.qualifier),
                per: Some((r.per.clone(), r.per_seconds)),
                noun: r.noun.clone(),
                head: r.head.clone(),
                ..base(r.value, r.unit.clone())
            }),
            Claim::Share(s) => p.gots.push(Got {
                qualifier: Some(s.qualifier),
                noun: s.noun.clone(),
                phrase: true,
                ..base(s.percent, Unit::percent())
            }),
            Claim::Change(ch) => {
                if let Some(pc) = ch.percent {
                    p.gots.push(Got {
                        qualifier: Some(ch.qualifier),
                        phrase: true,
                        ..base(pc.abs(), Unit::percent())
                    });
                }
            }
            Claim::Conversion(cv) => {
                for m in [&cv.from, &cv.to] {
                    let ms = (m.span.start, m.span.end);
                    p.gots.push(Got {
                        span: ms,
                        text: slice(ms),
                        ..base(m.value, m.unit.clone())
                    });
                }
            }
            Claim::Age(a) => {
                if let Some(age) = a.age {
                    p.gots.push(Got {
                        phrase: true,
                        ..base(f64::from(age), Unit::count())
                    });
                }
            }
            _ => {}
        }
        p.claims.push(describe_claim(c));
    }
    p
}

fn describe_claim(c: &Claim) -> String {
    match c {
        Claim::Quantity(_)
        | Claim::Rate(_)
        | Claim::Share(_)
        | Claim::Change(_)
        | Claim::Conversion(_) => {
            let v = serde_json::to_value(c).unwrap_or_default();
            let mut keep = serde_json::Map::new();
            if let Some(o) = v.as_object() {
                for (k, val) in o {
                    if !matches!(k.as_str(), "span" | "interval" | "kind" | "text") {
                        let mut val = val.clone();
                        if let Some(m) = val.as_object_mut() {
                            m.remove("span");
                        }
                        keep.insert(k.clone(), val);
                    }
                }
            }
            format!(
                "{} \"{}\" {}",
                c.kind(),
                c.text(),
                serde_json::Value::Object(keep)
            )
        }
        _ => format!("{} \"{}\"", c.kind(), c.text()),
    }
}

fn panic_message(e: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = e.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = e.downcast_ref::<String>() {
        s.clone()
    } else {
        "panic".into()
    }
}

/// Runs the extractor on one text; `Err` carries a panic message.
pub fn run_extractor(text: &str) -> Result<Produced, String> {
    catch_unwind(AssertUnwindSafe(|| {
        let doc = factlint::Document::from_text("case", text.to_string());
        let claims = factlint::extract(&doc);
        flatten(&doc.source, &claims)
    }))
    .map_err(|e| panic_message(e.as_ref()))
}

// ---------------------------------------------------------------------------------------------
// Judging
// ---------------------------------------------------------------------------------------------

fn scale_of(u: &Unit) -> Scale {
    let s = u
        .symbol
        .as_deref()
        .unwrap_or("")
        .to_lowercase()
        .replace(['°', 'º'], "");
    let s = s.trim();
    match s {
        "c" | "celsius" | "degc" | "centigrade" => Scale::Celsius,
        "f" | "fahrenheit" | "degf" => Scale::Fahrenheit,
        "k" | "kelvin" => Scale::Kelvin,
        _ => Scale::Unspecified,
    }
}

fn to_kelvin(s: Scale, v: f64) -> f64 {
    match s {
        Scale::Celsius => v + 273.15,
        Scale::Fahrenheit => (v - 32.0) * 5.0 / 9.0 + 273.15,
        Scale::Kelvin | Scale::Unspecified => v,
    }
}

/// The length of a duration unit in seconds as an interval: a month is 28–31 days, a
/// quarter 89–92, a year 365–366; other units are exact.
fn duration_interval(factor: f64) -> (f64, f64) {
    const D: f64 = 86400.0;
    let within = |lo: f64, hi: f64| factor >= lo * D - 1.0 && factor <= hi * D + 1.0;
    if within(28.0, 31.0) {
        (28.0 * D, 31.0 * D)
    } else if within(89.0, 92.0) {
        (89.0 * D, 92.0 * D)
    } else if within(365.0, 366.0) {
        (365.0 * D, 366.0 * D)
    } else {
        (factor, factor)
    }
}

fn norm_per(p: &str) -> String {
    let p = p.trim().to_lowercase();
    let p = p.trim_start_matches("per ").trim_start_matches("a ").trim();
    match p {
        "h" | "hr" | "hrs" | "hour" | "hours" => "hour",
        "min" | "mins" | "minute" | "minutes" => "minute",
        "s" | "sec" | "secs" | "second" | "seconds" => "second",
        "d" | "day" | "days" => "day",
        "wk" | "week" | "weeks" => "week",
        "mo" | "month" | "months" => "month",
        "yr" | "year" | "years" | "annum" => "year",
        "km" | "kilometre" | "kilometer" | "kilometres" | "kilometers" => "km",
        other => return other.to_string(),
    }
    .to_string()
}

/// Whether a reading has the unit a concrete (non-`Any`) expectation asks for.
fn unit_matches(u: &ExpUnit, g: &Got) -> bool {
    let plain = g.per.is_none();
    let dim = g.unit.dimension;
    match u {
        ExpUnit::Count { .. } => plain && (dim == Dimension::Count || g.kind == "share"),
        ExpUnit::CountNoun(stem) => {
            plain
                && dim == Dimension::Count
                && [&g.noun, &g.head].iter().any(|n| {
                    n.as_deref()
                        .is_some_and(|n| n.to_lowercase().contains(stem))
                })
        }
        ExpUnit::Percent => plain && dim == Dimension::Percent,
        ExpUnit::Measure {
            dim: Dimension::Speed,
            ..
        } => {
            (plain && dim == Dimension::Speed)
                || (dim == Dimension::Length
                    && g.per
                        .as_ref()
                        .is_some_and(|(_, s)| s.is_some_and(|s| s[0] > 0.0)))
        }
        ExpUnit::Measure { dim: d, .. } => plain && dim == *d,
        ExpUnit::Temperature(s) => {
            plain
                && dim == Dimension::Temperature
                && (*s == Scale::Unspecified || scale_of(&g.unit) == *s)
        }
        ExpUnit::Money { codes, .. } => {
            plain
                && dim == Dimension::Currency
                && codes.is_none_or(|cs| {
                    g.unit
                        .symbol
                        .as_deref()
                        .is_some_and(|s| cs.iter().any(|c| c.eq_ignore_ascii_case(s)))
                })
        }
        ExpUnit::Rate { num, per } => match &g.per {
            Some((p, _)) if norm_per(p) == *per => {
                let mut inner = g.clone();
                inner.per = None;
                unit_matches(num, &inner)
            }
            _ => false,
        },
        ExpUnit::Any(alts) => alts.iter().any(|a| unit_matches(a, g)),
    }
}

/// The concrete alternative of `u` that `g` matches.
fn resolve<'a>(u: &'a ExpUnit, g: &Got) -> Option<&'a ExpUnit> {
    match u {
        ExpUnit::Any(alts) => alts.iter().find_map(|a| resolve(a, g)),
        ExpUnit::Rate { num, .. } if unit_matches(u, g) => {
            let mut inner = g.clone();
            inner.per = None;
            resolve(num, &inner).map(|_| u)
        }
        _ if unit_matches(u, g) => Some(u),
        _ => None,
    }
}

fn overlap(x: (f64, f64), y: (f64, f64)) -> bool {
    let scale = [x.0, x.1, y.0, y.1]
        .iter()
        .fold(0.0f64, |m, v| m.max(v.abs()));
    let eps = 1e-9 * scale + 1e-12;
    x.0 <= y.1 + eps && y.0 <= x.1 + eps
}

/// Whether the expected value `e` (in the suite's unit; an interval when the suite's total
/// is calendar-imprecise) matches the produced value `v` (in the reading's unit), converted
/// when the unit matched.
fn same_value(u: Option<&ExpUnit>, e: (f64, f64), g: &Got, v: f64) -> bool {
    let Some(u) = u else {
        return overlap(e, (v, v));
    };
    let f = g.unit.factor;
    let scaled = |k: f64| (e.0 * k, e.1 * k);
    match u {
        ExpUnit::Count { factor } => {
            let got = if g.unit.dimension == Dimension::Percent {
                v / 100.0
            } else {
                v * f
            };
            overlap(scaled(*factor), (got, got))
        }
        ExpUnit::CountNoun(_) | ExpUnit::Percent => overlap(e, (v, v)),
        ExpUnit::Measure {
            dim: Dimension::Duration,
            factor,
        } => {
            let (a, b) = duration_interval(*factor);
            let (c, d) = duration_interval(f);
            overlap((e.0 * a, e.1 * b), (v * c, v * d))
        }
        ExpUnit::Measure {
            dim: Dimension::Speed,
            factor,
        } => {
            let got = match &g.per {
                Some((_, Some([lo, hi]))) => (v * f / hi, v * f / lo),
                _ => (v * f, v * f),
            };
            overlap(scaled(*factor), got)
        }
        ExpUnit::Measure { factor, .. } | ExpUnit::Money { factor, .. } => {
            overlap(scaled(*factor), (v * f, v * f))
        }
        ExpUnit::Temperature(s) => {
            let gs = scale_of(&g.unit);
            if *s == Scale::Unspecified || gs == Scale::Unspecified {
                overlap(e, (v, v))
            } else {
                let y = to_kelvin(gs, v);
                overlap((to_kelvin(*s, e.0), to_kelvin(*s, e.1)), (y, y))
            }
        }
        ExpUnit::Rate { num, .. } => {
            let mut inner = g.clone();
            inner.per = None;
            same_value(resolve(num, &inner), e, &inner, v)
        }
        ExpUnit::Any(_) => same_value(resolve(u, g), e, g, v),
    }
}

fn value_ok(exp: &Expected, g: &Got) -> bool {
    let u = resolve(&exp.unit, g);
    let degenerate = g.range.is_none_or(|[a, b]| a == b);
    match exp.value {
        ExpValue::Exact(e) => degenerate && same_value(u, (e, e), g, g.value),
        ExpValue::Approx(lo, hi) => degenerate && same_value(u, (lo, hi), g, g.value),
        ExpValue::Range(a, b) => match g.range {
            Some([x, y]) => {
                let (a, b) = (a.min(b), a.max(b));
                let (x, y) = (x.min(y), x.max(y));
                same_value(u, (a, a), g, x) && same_value(u, (b, b), g, y)
            }
            None => false,
        },
        ExpValue::Under(e) => {
            degenerate
                && same_value(u, (e, e), g, g.value)
                && matches!(g.qualifier, Some(Qualifier::LessThan | Qualifier::AtMost))
        }
        ExpValue::Above(e) => {
            degenerate
                && same_value(u, (e, e), g, g.value)
                && matches!(g.qualifier, Some(Qualifier::MoreThan | Qualifier::AtLeast))
        }
    }
}

fn span_ok(text: &str, rule: SpanRule, target: (usize, usize), g: &Got) -> bool {
    let (s, e) = trim(text, g.span.0.min(text.len()), g.span.1.min(text.len()));
    match rule {
        SpanRule::Covers => s <= target.0 && e >= target.1,
        SpanRule::Equals => {
            let (a, b) = target;
            let a2 = strip_leading(text, a, b);
            if g.phrase {
                return s <= a2 && e >= b;
            }
            let s2 = strip_leading(text, s, e);
            // The claim may carry its counted noun after the figure ("50 cars", "two meters
            // of cotton"): the text past the surface is then " [of] <noun>".
            let noun_tail = e > b
                && g.noun.as_deref().is_some_and(|noun| {
                    let tail = text[b..e].trim_start_matches([' ', '-']).to_lowercase();
                    let tail = tail.strip_prefix("of ").unwrap_or(&tail);
                    let words = |x: &str| x.split_whitespace().collect::<Vec<_>>().join(" ");
                    text[b..e].starts_with([' ', '-']) && words(tail) == words(&noun.to_lowercase())
                });
            s2 == a2 && (e == b || noun_tail)
        }
    }
}

/// The verdict on one case.
#[derive(Debug, Clone, Serialize)]
pub struct Verdict {
    pub correct: bool,
    pub value: bool,
    pub unit: bool,
    pub span: bool,
    /// The best candidate reading, described.
    pub best: Option<String>,
}

fn judge_item(
    text: &str,
    exp: &Expected,
    target: (usize, usize),
    rule: SpanRule,
    p: &Produced,
) -> Verdict {
    let mut best: Option<(u8, u8, usize, Verdict)> = None;
    for g in &p.gots {
        if rule == SpanRule::Equals && !(g.span.0 < target.1 && target.0 < g.span.1) {
            continue;
        }
        let (v, u, s) = (
            value_ok(exp, g),
            unit_matches(&exp.unit, g),
            span_ok(text, rule, target, g),
        );
        let ov = g
            .span
            .1
            .min(target.1)
            .saturating_sub(g.span.0.max(target.0));
        let score = (
            u8::from(v && u && s),
            u8::from(v) + u8::from(u) + u8::from(s),
            ov,
        );
        if best.as_ref().is_none_or(|b| (b.0, b.1, b.2) < score) {
            best = Some((
                score.0,
                score.1,
                score.2,
                Verdict {
                    correct: v && u && s,
                    value: v,
                    unit: u,
                    span: s,
                    best: Some(g.describe()),
                },
            ));
        }
    }
    best.map(|b| b.3).unwrap_or(Verdict {
        correct: false,
        value: false,
        unit: false,
        span: false,
        best: None,
    })
}

// ---------------------------------------------------------------------------------------------
// Report
// ---------------------------------------------------------------------------------------------

#[derive(Debug, Clone, Default, Serialize)]
pub struct Tally {
    pub in_scope: usize,
    pub correct: usize,
    pub value: usize,
    pub unit: usize,
    pub span: usize,
    pub out_of_scope: usize,
    /// Traps and robustness checks: how many, how many passed.
    pub checks: usize,
    pub passed: usize,
}

impl Tally {
    pub fn accuracy(&self) -> f64 {
        if self.in_scope == 0 {
            0.0
        } else {
            self.correct as f64 / self.in_scope as f64
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Row {
    pub suite: String,
    pub category: String,
    #[serde(flatten)]
    pub tally: Tally,
}

#[derive(Debug, Clone, Serialize)]
pub struct Failure {
    pub suite: String,
    pub category: String,
    pub source: String,
    pub text: String,
    pub expected: String,
    pub verdict: Option<Verdict>,
    pub produced: Vec<String>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Report {
    pub rows: Vec<Row>,
    /// In-scope items over both suites (traps and robustness excluded).
    pub overall: Tally,
    pub traps: Tally,
    pub robustness: Tally,
    pub out_of_scope: BTreeMap<String, usize>,
    /// The units behind the "unit outside factlint's dimensions" reason, with their counts.
    pub unmodelled_units: BTreeMap<String, usize>,
    pub panics: usize,
    pub failures: Vec<Failure>,
    /// The judged cases that passed (same shape as failures), for reviewing the judge.
    pub passes: Vec<Failure>,
}

impl Report {
    fn row(&mut self, suite: &str, category: &str) -> &mut Tally {
        let i = match self
            .rows
            .iter()
            .position(|r| r.suite == suite && r.category == category)
        {
            Some(i) => i,
            None => {
                self.rows.push(Row {
                    suite: suite.into(),
                    category: category.into(),
                    tally: Tally::default(),
                });
                self.rows.len() - 1
            }
        };
        &mut self.rows[i].tally
    }

    /// Overall in-scope accuracy, 0..1.
    pub fn accuracy(&self) -> f64 {
        self.overall.accuracy()
    }
}

/// Loads both suites under `dir`, runs the extractor on every case and tallies the verdicts.
pub fn evaluate(dir: &Path) -> Result<Report, String> {
    let cases = load_cases(dir)?;
    let mut report = Report::default();
    let mut cache: HashMap<String, Result<Produced, String>> = HashMap::new();
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    for case in &cases {
        if let Check::Out(reason) = &case.check {
            report.row(case.suite, &case.category).out_of_scope += 1;
            let key = match reason.strip_prefix(R_UNIT) {
                Some(unit) => {
                    let unit = unit.trim_start_matches([':', ' ']).to_string();
                    *report.unmodelled_units.entry(unit).or_default() += 1;
                    R_UNIT.to_string()
                }
                None => reason.clone(),
            };
            *report.out_of_scope.entry(key).or_default() += 1;
            continue;
        }
        let produced = cache
            .entry(case.text.clone())
            .or_insert_with(|| run_extractor(&case.text))
            .clone();
        let fail = |expected: String,
                    verdict: Option<Verdict>,
                    produced: &Result<Produced, String>| Failure {
            suite: case.suite.into(),
            category: case.category.clone(),
            source: case.source.clone(),
            text: case.text.clone(),
            expected,
            verdict,
            produced: match produced {
                Ok(p) => p.claims.clone(),
                Err(m) => vec![format!("PANIC: {m}")],
            },
        };
        match &case.check {
            Check::Item {
                expected,
                target,
                rule,
            } => {
                let verdict = match &produced {
                    Ok(p) => judge_item(&case.text, expected, *target, *rule, p),
                    Err(_) => {
                        judge_item(&case.text, expected, *target, *rule, &Produced::default())
                    }
                };
                let add = |t: &mut Tally| {
                    t.in_scope += 1;
                    t.correct += usize::from(verdict.correct);
                    t.value += usize::from(verdict.value);
                    t.unit += usize::from(verdict.unit);
                    t.span += usize::from(verdict.span);
                };
                add(report.row(case.suite, &case.category));
                add(&mut report.overall);
                let ok = verdict.correct;
                let f = fail(expected.desc.clone(), Some(verdict), &produced);
                if ok {
                    report.passes.push(f);
                } else {
                    report.failures.push(f);
                }
            }
            Check::Trap => {
                let pass = matches!(&produced, Ok(p) if p.numeric_claims == 0);
                let add = |t: &mut Tally| {
                    t.checks += 1;
                    t.passed += usize::from(pass);
                };
                add(report.row(case.suite, &case.category));
                add(&mut report.traps);
                let f = fail("no numeric claim".into(), None, &produced);
                if pass {
                    report.passes.push(f);
                } else {
                    report.failures.push(f);
                }
            }
            Check::Robust => {
                let pass = produced.is_ok();
                let add = |t: &mut Tally| {
                    t.checks += 1;
                    t.passed += usize::from(pass);
                };
                add(report.row(case.suite, &case.category));
                add(&mut report.robustness);
                let f = fail("no panic".into(), None, &produced);
                if pass {
                    report.passes.push(f);
                } else {
                    report.failures.push(f);
                }
            }
            Check::Out(_) => unreachable!(),
        }
    }
    std::panic::set_hook(hook);
    report.panics = cache.values().filter(|r| r.is_err()).count();
    Ok(report)
}

fn pct(n: usize, d: usize) -> String {
    if d == 0 {
        "-".into()
    } else {
        format!("{:.1}%", 100.0 * n as f64 / d as f64)
    }
}

/// The report as a table.
pub fn render_table(r: &Report) -> String {
    let mut s = String::new();
    s += &format!(
        "{:<11} {:<26} {:>8} {:>7} {:>7} {:>6} {:>6} {:>6} {:>6}\n",
        "suite", "category", "in-scope", "correct", "%", "value", "unit", "span", "out"
    );
    for row in r.rows.iter().filter(|row| row.tally.checks == 0) {
        let t = &row.tally;
        s += &format!(
            "{:<11} {:<26} {:>8} {:>7} {:>7} {:>6} {:>6} {:>6} {:>6}\n",
            row.suite,
            row.category,
            t.in_scope,
            t.correct,
            pct(t.correct, t.in_scope),
            t.value,
            t.unit,
            t.span,
            t.out_of_scope
        );
    }
    let o = &r.overall;
    s += &format!(
        "{:<11} {:<26} {:>8} {:>7} {:>7} {:>6} {:>6} {:>6} {:>6}\n",
        "overall",
        "",
        o.in_scope,
        o.correct,
        pct(o.correct, o.in_scope),
        o.value,
        o.unit,
        o.span,
        r.rows.iter().map(|x| x.tally.out_of_scope).sum::<usize>()
    );
    s += &format!(
        "\nOverall in-scope accuracy: {}/{} = {}\n",
        o.correct,
        o.in_scope,
        pct(o.correct, o.in_scope)
    );
    s += "\nTraps (pass = no numeric claim) and robustness (pass = no panic):\n";
    for row in r.rows.iter().filter(|row| row.tally.checks > 0) {
        let t = &row.tally;
        s += &format!(
            "{:<11} {:<26} {:>4}/{:<4} {:>7}\n",
            row.suite,
            row.category,
            t.passed,
            t.checks,
            pct(t.passed, t.checks)
        );
    }
    s += &format!("extractor panics: {}\n", r.panics);
    s += "\nOut of scope, by reason:\n";
    let mut reasons: Vec<_> = r.out_of_scope.iter().collect();
    reasons.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    for (reason, n) in reasons {
        s += &format!("{n:>5}  {reason}\n");
        if reason == R_UNIT {
            let units: Vec<String> = r
                .unmodelled_units
                .iter()
                .map(|(u, n)| {
                    if *n > 1 {
                        format!("{u} ×{n}")
                    } else {
                        u.clone()
                    }
                })
                .collect();
            s += &format!("       ({})\n", units.join(", "));
        }
    }
    s
}

/// The failing cases, one block each.
pub fn render_failures(r: &Report) -> String {
    render_cases(&r.failures)
}

/// Judged cases, one block each.
pub fn render_cases(cases: &[Failure]) -> String {
    let mut s = String::new();
    for f in cases {
        s += &format!(
            "[{}/{} {}] {:?}\n    expected: {}\n",
            f.suite, f.category, f.source, f.text, f.expected
        );
        if let Some(v) = &f.verdict {
            let m = |b: bool| if b { "ok" } else { "WRONG" };
            s += &format!(
                "    best:     {} (value {}, unit {}, span {})\n",
                v.best.as_deref().unwrap_or("none"),
                m(v.value),
                m(v.unit),
                m(v.span)
            );
        }
        if f.produced.is_empty() {
            s += "    produced: nothing\n";
        }
        for c in &f.produced {
            s += &format!("    produced: {c}\n");
        }
    }
    s
}

#[derive(Serialize)]
struct JsonSummary<'a> {
    accuracy: f64,
    overall: &'a Tally,
    traps: &'a Tally,
    robustness: &'a Tally,
    panics: usize,
    categories: &'a [Row],
    out_of_scope: &'a BTreeMap<String, usize>,
    unmodelled_units: &'a BTreeMap<String, usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    failures: Option<&'a [Failure]>,
}

/// The report as JSON (failures included when asked).
pub fn render_json(r: &Report, failures: bool) -> String {
    let j = JsonSummary {
        accuracy: r.accuracy(),
        overall: &r.overall,
        traps: &r.traps,
        robustness: &r.robustness,
        panics: r.panics,
        categories: &r.rows,
        out_of_scope: &r.out_of_scope,
        unmodelled_units: &r.unmodelled_units,
        failures: failures.then_some(r.failures.as_slice()),
    };
    serde_json::to_string_pretty(&j).unwrap_or_default()
}

const USAGE: &str = "usage: conformance <testsuites-dir> [--failures] [--passes] [--json]
  <testsuites-dir>  a folder holding duckling/*_EN_Corpus.hs and quantulum3/*.json
  --failures        list every failing case with what factlint produced
  --passes          list every passing case the same way (to review the judge)
  --json            print a machine-readable summary";

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let failures = args.iter().any(|a| a == "--failures");
    let passes = args.iter().any(|a| a == "--passes");
    let json = args.iter().any(|a| a == "--json");
    let dirs: Vec<&String> = args.iter().filter(|a| !a.starts_with("--")).collect();
    let unknown = args.iter().any(|a| {
        a.starts_with("--") && !["--failures", "--passes", "--json"].contains(&a.as_str())
    });
    if dirs.len() != 1 || unknown || args.iter().any(|a| a == "-h") {
        eprintln!("{USAGE}");
        std::process::exit(2);
    }
    let report = match evaluate(Path::new(dirs[0])) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("conformance: {e}");
            std::process::exit(2);
        }
    };
    let out = if json {
        render_json(&report, failures) + "\n"
    } else if failures || passes {
        let mut out = String::new();
        if passes {
            out += &render_cases(&report.passes);
            out += "\n";
        }
        if failures {
            out += &render_failures(&report);
            out += "\n";
        }
        out + &render_table(&report)
    } else {
        render_table(&report)
    };
    // A closed pipe (`| head`) is not an error of the measurement.
    let _ = std::io::Write::write_all(&mut std::io::stdout().lock(), out.as_bytes());
}
