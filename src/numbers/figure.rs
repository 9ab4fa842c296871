//! Figures: one number as written, in digits or words, with its scale word, currency and
//! percent sign, read from a sentence's tokens.

use super::units::{canonical_currency, CURRENCY_SIGNS, CURRENCY_WORDS};
use super::words;
use crate::claims::Ctx;
use crate::text::lexicon::{
    has_shape, may_start_phrase, shape_add, shape_add_folded, shapes, Shapes,
};
use crate::text::tokens::TokenKind;

/// One figure: tokens `start..end` of the sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    pub start: usize,
    pub end: usize,
    /// The value fully scaled.
    pub value: f64,
    /// Half the step of the last digit written, scaled ("85.5 billion" → 0.05e9); 0 when the
    /// figure is exact as written (an integer with no scale word).
    pub precision: f64,
    /// Decimal places written.
    pub decimals: u32,
    pub in_words: bool,
    /// A scale word was applied ("billion", "bn", "k").
    pub scaled: bool,
    /// The scale word's multiplier (1 when none).
    pub scale: f64,
    pub percent: bool,
    /// Percentage points ("3 points", "3 percentage points").
    pub points: bool,
    /// ISO currency code when a sign, code or word names one.
    pub currency: Option<&'static str>,
}

impl Figure {
    /// A figure the text implies rather than writes ("a litre", "a dollar"): exact, in words.
    pub fn implied(start: usize, end: usize, value: f64, currency: Option<&'static str>) -> Figure {
        Figure {
            start,
            end,
            value,
            precision: 0.0,
            decimals: 0,
            in_words: true,
            scaled: false,
            scale: 1.0,
            percent: false,
            points: false,
            currency,
        }
    }
}

/// Parses a number written in digits ("85,500.5"): value and decimals; `None` for malformed
/// groupings ("1,5", "2.1.3").
pub fn parse_digits(s: &str) -> Option<(f64, u32)> {
    let (int, frac) = match s.split_once('.') {
        Some((a, b)) => {
            if b.contains(['.', ',']) {
                return None;
            }
            (a, Some(b))
        }
        None => (s, None),
    };
    let mut groups = int.split(',');
    let first = groups.next()?;
    if first.is_empty() || !first.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let mut grouped = false;
    for g in groups.clone() {
        if g.len() != 3 || !g.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        grouped = true;
    }
    if grouped && first.len() > 3 {
        return None;
    }
    let decimals = frac.map_or(0, |f| f.len() as u32);
    if let Some(v) = exact_small_decimal(int, frac.unwrap_or("")) {
        return Some((v, decimals));
    }
    if !grouped {
        // no comma: the digits are the text itself ("85500.5"), no copy needed
        return s.parse::<f64>().ok().map(|v| (v, decimals));
    }
    let mut digits = String::with_capacity(s.len());
    digits.push_str(first);
    for g in groups {
        digits.push_str(g);
    }
    if let Some(f) = frac {
        digits.push('.');
        digits.push_str(f);
    }
    digits.parse::<f64>().ok().map(|v| (v, decimals))
}

/// The value of the digits `int` (groups separated by commas, already checked) and `frac`
/// when there are at most 15 of them, without the general float parser: the digits make an
/// integer below 2^53 and 10^decimals is exact, so their one correctly rounded division is
/// what `parse::<f64>` gives (Clinger's fast path). `None` for more digits or any other byte.
fn exact_small_decimal(int: &str, frac: &str) -> Option<f64> {
    const POWERS_OF_TEN: [f64; 16] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
    ];
    let mut mantissa: u64 = 0;
    let mut digits = 0;
    for &b in int.as_bytes().iter().chain(frac.as_bytes()) {
        match b {
            b'0'..=b'9' => {
                digits += 1;
                if digits > 15 {
                    return None;
                }
                // at most 15 digits: below 10^15, no overflow
                mantissa = mantissa * 10 + u64::from(b - b'0');
            }
            b',' => {}
            _ => return None,
        }
    }
    // at most 15 digits: an exact power of ten
    Some(mantissa as f64 / POWERS_OF_TEN[frac.len()])
}

/// Whether the word `t` at token `i` may be a currency sign or code before a figure: a
/// short word glued to "$" ("US$"), or one of [`may_be_currency_code`].
#[inline(always)]
fn word_may_be_currency(ctx: &Ctx, i: usize, t: &str) -> bool {
    t.len() <= 3 && (ctx.tok(i + 1) == "$" || may_be_currency_code(t))
}

/// "Rs", "RM" or a code of 3 capitals: the words [`canonical_currency`] may know on their own.
#[inline(always)]
fn may_be_currency_code(t: &str) -> bool {
    t.eq_ignore_ascii_case("rs")
        || t == "RM"
        || (t.len() == 3 && t.bytes().all(|b| b.is_ascii_uppercase()))
}

/// A number word ("three", "dozen") or one of [`START_WORDS`]: a word that starts a figure
/// wherever it is.
#[inline(always)]
fn is_number_or_start_word(t: &str) -> bool {
    has_shape(&NUMBER_OR_START_SHAPES, t)
        && (words::small(t).is_some()
            || (has_shape(&START_SHAPES, t)
                && START_WORDS.iter().any(|w| t.eq_ignore_ascii_case(w))))
}

/// A currency sign or code starting at token `i`: (code, tokens used).
pub fn currency_before(ctx: &Ctx, i: usize) -> Option<(&'static str, usize)> {
    // fast path: a currency sign is a symbol or a short word glued to "$", a code is 3 letters
    let t = ctx.tok(i);
    let candidate = match ctx.kind(i) {
        Some(TokenKind::Punct) => t.starts_with(['$', '€', '£', '¥', '₹', '₩', '₽', '₺', '₦', '₱']),
        Some(TokenKind::Word) => word_may_be_currency(ctx, i, t),
        _ => false,
    };
    if !candidate {
        return None;
    }
    for (toks, code) in CURRENCY_SIGNS {
        if toks
            .iter()
            .enumerate()
            .all(|(k, t)| ctx.tok(i + k).eq_ignore_ascii_case(t) && (k == 0 || ctx.joined(i + k)))
        {
            // "A$" etc. need the sign glued to the letters; a lone "$" is fine
            return Some((code, toks.len()));
        }
    }
    if ctx.is_word(i) {
        return canonical_currency(t).map(|c| (c, 1));
    }
    None
}

static CURRENCY_WORD_LEXICON: std::sync::LazyLock<crate::text::lexicon::Lexicon<&'static str>> =
    std::sync::LazyLock::new(|| {
        crate::text::lexicon::Lexicon::new(
            CURRENCY_WORDS.iter().map(|(w, c)| (*w, *c)).collect(),
            0,
        )
    });

/// The shapes of the first words of [`CURRENCY_WORDS`].
const CURRENCY_FIRST_SHAPES: Shapes = {
    let mut m = [[0u32; 32]; 26];
    let mut i = 0;
    while i < CURRENCY_WORDS.len() {
        if !CURRENCY_WORDS[i].0.is_empty() {
            m = shape_add_folded(m, CURRENCY_WORDS[i].0[0]);
        }
        i += 1;
    }
    m
};

/// A currency word or code after a figure at token `j`: (code, tokens used).
pub fn currency_after(ctx: &Ctx, j: usize) -> Option<(&'static str, usize)> {
    if !ctx.is_word(j) {
        return None;
    }
    let t = ctx.tok(j);
    if ctx.is_word(j) && t.len() <= 3 && t.bytes().all(|b| b.is_ascii_uppercase() || b == b's') {
        if let Some(c) = canonical_currency(t) {
            return Some((c, 1));
        }
    }
    // "U.S. dollars": tokens U . S . dollars
    if ctx.is(j, "u") && ctx.is(j + 1, ".") && ctx.is(j + 2, "s") && ctx.is(j + 3, ".") {
        if ctx.is(j + 4, "dollars") || ctx.is(j + 4, "dollar") {
            return Some(("USD", 5));
        }
        return None;
    }
    // most words start no currency name: no lexicon look-up for them
    if !may_start_phrase(&CURRENCY_FIRST_SHAPES, t) {
        return None;
    }
    CURRENCY_WORD_LEXICON
        .candidates(t)
        .filter(|(toks, _)| ctx.seq(j, toks))
        .max_by_key(|(toks, _)| toks.len())
        .map(|(toks, code)| (*code, toks.len()))
}

/// Number words from token `i`: (value, end, scaled).
fn parse_words(ctx: &Ctx, i: usize) -> Option<(f64, usize, bool)> {
    let n = ctx.len();
    let mut total = 0.0;
    let mut cur = 0.0;
    let mut any = false;
    let mut scaled = false;
    let mut j = i;
    // "half a million", "a quarter of a million"
    let frac_lead = |j: usize| -> Option<(f64, usize)> {
        if ctx.seq(j, &["half", "a"]) {
            return Some((0.5, 2));
        }
        if ctx.seq(j, &["a", "half"]) {
            return Some((0.5, 2));
        }
        if ctx.seq(j, &["a", "quarter", "of", "a"]) {
            return Some((0.25, 4));
        }
        if ctx.seq(j, &["three", "quarters", "of", "a"]) {
            return Some((0.75, 4));
        }
        None
    };
    if let Some((f, used)) = frac_lead(j) {
        if let Some((s, false)) = words::scale(ctx.tok(j + used)) {
            if s >= 1e3 {
                return Some((f * s, j + used + 1, true));
            }
        }
    }
    while j < n && ctx.is_word(j) {
        let t = ctx.tok(j);
        if let Some(v) = words::small(t) {
            // "two three" is not one number
            if any && cur % 100.0 != 0.0 {
                break;
            }
            let mut v = v;
            let mut used = 1;
            // "twenty-fifth", "forty second": an ordinal, not a figure
            if words::is_tens(t) {
                let mut k = j + 1;
                if matches!(ctx.tok(k), "-" | "\u{2014}" | "\u{2013}") {
                    k += 1;
                }
                if words::is_ordinal(ctx.tok(k)) {
                    return None;
                }
            }
            if words::is_tens(t) {
                let hyphen = ctx.is(j + 1, "-") && ctx.joined(j + 1) && ctx.joined(j + 2);
                let unit_at = if hyphen { j + 2 } else { j + 1 };
                if let Some(u) = words::small(ctx.tok(unit_at)).filter(|u| *u >= 1.0 && *u < 10.0) {
                    v += u;
                    used = unit_at + 1 - j;
                }
            }
            // "one sixth", "three halves", "one-half": a fraction (not "a third of", a share)
            let mut k = j + used;
            if ctx.is(k, "-") && ctx.joined(k) {
                k += 1;
            }
            if let Some(d) = words::fraction_denominator(ctx.tok(k))
                .filter(|_| !any && v < 20.0 && !ctx.is(k + 1, "of"))
            {
                if words::is_ordinal(ctx.tok(k)) && !ctx.tok(k).ends_with('s') && v != 1.0 {
                    return None;
                }
                return Some((v / d, k + 1, false));
            }
            cur += v;
            any = true;
            j += used;
            continue;
        }
        let is = |w: &str| t.eq_ignore_ascii_case(w);
        match () {
            _ if (is("a") || is("an")) && !any => {
                let next = ctx.tok(j + 1);
                let takes = matches!(words::scale(next), Some((_, false)))
                    || next.eq_ignore_ascii_case("dozen");
                if !takes {
                    break;
                }
                cur = 1.0;
                any = true;
                j += 1;
            }
            _ if is("dozen") && (any || j == i) => {
                cur = if cur == 0.0 { 12.0 } else { cur * 12.0 };
                any = true;
                j += 1;
            }
            _ if is("and") && any => {
                if ctx.seq(j + 1, &["a", "half"]) && cur > 0.0 {
                    cur += 0.5;
                    j += 3;
                } else if total + cur >= 100.0
                    && words::small(ctx.tok(j + 1)).is_some_and(|v| v < 100.0)
                {
                    j += 1;
                } else {
                    break;
                }
            }
            _ => match words::scale(t) {
                // "thousand liters": a bare scale word before a unit of measure
                Some((s, false))
                    if !any && s >= 1e2 && super::units::unit_at(ctx, j + 1).is_some() =>
                {
                    total = s;
                    any = true;
                    j += 1;
                }
                Some((s, false)) if any => {
                    if s == 100.0 {
                        cur = cur.max(1.0) * 100.0;
                    } else {
                        total += cur.max(1.0) * s;
                        cur = 0.0;
                        scaled = true;
                    }
                    j += 1;
                }
                _ => break,
            },
        }
    }
    if !any || j == i {
        return None;
    }
    // a trailing "and" is not part of the number
    Some((total + cur, j, scaled))
}

/// Decimal digits spelled after "point": "two point two" → 0.2, "1 point 25" → 0.25:
/// (fraction, digits, end).
fn point_decimals(ctx: &Ctx, k: usize) -> Option<(f64, u32, usize)> {
    if !ctx.is(k, "point") {
        return None;
    }
    if ctx.is_number(k + 1) && ctx.tok(k + 1).bytes().all(|b| b.is_ascii_digit()) {
        let t = ctx.tok(k + 1);
        let v: f64 = format!("0.{t}").parse().ok()?;
        return Some((v, t.len() as u32, k + 2));
    }
    let mut digits = String::new();
    let mut e = k + 1;
    while let Some(d) = words::small(ctx.tok(e)).filter(|d| *d < 10.0) {
        digits.push(char::from(b'0' + d as u8));
        e += 1;
    }
    if digits.is_empty() {
        return None;
    }
    let v: f64 = format!("0.{digits}").parse().ok()?;
    Some((v, digits.len() as u32, e))
}

/// A Unicode vulgar fraction: "½" → 0.5.
fn vulgar(t: &str) -> Option<f64> {
    Some(match t {
        "\u{bd}" => 0.5,
        "\u{2153}" => 1.0 / 3.0,
        "\u{2154}" => 2.0 / 3.0,
        "\u{bc}" => 0.25,
        "\u{be}" => 0.75,
        "\u{215b}" => 0.125,
        _ => return None,
    })
}

/// "1/2", "3/4": a fraction in digits with a small denominator, glued: (value, end).
pub fn digit_fraction(ctx: &Ctx, j: usize) -> Option<(f64, usize)> {
    if !(ctx.is_number(j)
        && ctx.is(j + 1, "/")
        && ctx.joined(j + 1)
        && ctx.is_number(j + 2)
        && ctx.joined(j + 2))
    {
        return None;
    }
    let n: f64 = ctx.tok(j).parse().ok()?;
    let d: f64 = ctx.tok(j + 2).parse().ok()?;
    // "24/7", "9/11", dates: not fractions
    if !(2.0..=16.0).contains(&d) || n >= d || n < 1.0 || ctx.is(j + 3, "/") {
        return None;
    }
    Some((n / d, j + 3))
}

/// "and a half", "and a quarter", "and three quarters" after a figure or a unit.
pub fn and_fraction(ctx: &Ctx, k: usize) -> Option<(f64, usize)> {
    if ctx.seq(k, &["and", "a", "half"]) {
        Some((0.5, k + 3))
    } else if ctx.seq(k, &["and", "a", "quarter"]) || ctx.seq(k, &["and", "one", "quarter"]) {
        Some((0.25, k + 3))
    } else if ctx.seq(k, &["and", "three", "quarters"]) || ctx.seq(k, &["and", "three", "quarter"])
    {
        Some((0.75, k + 3))
    } else {
        None
    }
}

/// Whether [`parse_at`] may read a figure at an "a" or "an" (token `i`): only when the next
/// token is "$" ("A$"), a vulgar fraction ("a ½"), "half" or "quarter" ("a half million",
/// "a quarter of a million"), "dozen", a scale word ("a million") or a currency word ("a
/// dollar"). Every other path of `parse_at` needs a sign, digits or a number word at `i`.
pub fn article_may_start(ctx: &Ctx, i: usize) -> bool {
    let next = ctx.tok(i + 1);
    next == "$"
        || vulgar(next).is_some()
        || ["half", "quarter", "dozen"]
            .iter()
            .any(|w| next.eq_ignore_ascii_case(w))
        || words::scale(next).is_some()
        || currency_after(ctx, i + 1).is_some()
}

/// Reads a figure starting exactly at token `i` (a sign, a currency sign or code, digits or
/// a number word).
pub fn parse_at(ctx: &Ctx, i: usize) -> Option<Figure> {
    let mut j = i;
    // "minus 5", "negative 1200", "-504" (a minus sign not glued to a word before it)
    let mut negative = false;
    let word_sign = (ctx.is(j, "minus") || ctx.is(j, "negative"))
        && (ctx.is_number(j + 1) || words::small(ctx.tok(j + 1)).is_some());
    let minus_sign = (ctx.is(j, "-") || ctx.is(j, "\u{2212}"))
        && ctx.is_number(j + 1)
        && ctx.joined(j + 1)
        && (j == 0 || !ctx.joined(j));
    if word_sign || minus_sign {
        negative = true;
        j += 1;
    }
    let mut currency = None;
    if let Some((code, used)) = currency_before(ctx, j) {
        currency = Some(code);
        let sign_at = j;
        j += used;
        // "USD 5", "$ 10", "Rs. 20": the digits may stand apart from the sign
        let _ = sign_at;
        if !ctx.is_number(j) {
            return None;
        }
    }
    // "a dollar", "an euro": one unit of currency
    if currency.is_none() && (ctx.is(j, "a") || ctx.is(j, "an")) {
        if let Some((code, used)) = currency_after(ctx, j + 1) {
            let w = ctx.lower(j + 1);
            let mut value = if w.starts_with("cent") { 0.01 } else { 1.0 };
            let mut end = j + 1 + used;
            // "a dollar and 42 cents"
            if ctx.is(end, "and") {
                if let Some((c, e)) = parse_cents(ctx, end + 1) {
                    value += c;
                    end = e;
                }
            }
            return Some(Figure::implied(i, end, value, Some(code)));
        }
    }
    if (ctx.is(j, "a") || ctx.is(j, "an")) && vulgar(ctx.tok(j + 1)).is_some() {
        j += 1;
    }
    let (mut value, mut decimals, in_words, mut end, words_scaled) =
        if let Some(v) = vulgar(ctx.tok(j)) {
            // "½ tbsp"
            (v, 3, false, j + 1, false)
        } else if let Some((v, e)) = digit_fraction(ctx, j) {
            // "1/2 hour", "3/4 cup"
            (v, 3, false, e, false)
        } else if ctx.is_number(j) {
            let (v, d) = parse_digits(ctx.tok(j))?;
            // a mixed number: "2 1/2 inches", "2½"
            if let Some((f, e)) = digit_fraction(ctx, j + 1).filter(|(f, _)| *f < 1.0) {
                (v + f, 3, false, e, false)
            } else if let Some(f) = vulgar(ctx.tok(j + 1)).filter(|_| ctx.joined(j + 1)) {
                (v + f, 3, false, j + 2, false)
            } else {
                (v, d, false, j + 1, false)
            }
        } else if ctx.is(j, ".")
            && ctx.is_number(j + 1)
            && ctx.joined(j + 1)
            && (j == 0 || !ctx.joined(j))
        {
            // ".75 cups"
            let t = ctx.tok(j + 1);
            if !t.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            let v: f64 = format!("0.{t}").parse().ok()?;
            (v, t.len() as u32, false, j + 2, false)
        } else if ctx.is(j, "point") {
            let (f, d, e) = point_decimals(ctx, j)?;
            (f, d, true, e, false)
        } else if currency.is_none() && ctx.is_word(j) {
            let (v, e, s) = parse_words(ctx, j)?;
            (v, 0, true, e, s)
        } else {
            return None;
        };
    // "two point two", "1 point 5"
    if !words_scaled {
        if let Some((f, d, e)) = point_decimals(ctx, end) {
            value += f;
            decimals = d;
            end = e;
        }
    }
    // "5 and a half" (million, minutes ...)
    let mut half = false;
    if let Some((f, e)) = and_fraction(ctx, end) {
        if words::scale(ctx.tok(e)).is_some_and(|(s, g)| !g && s >= 1e3)
            || super::units::unit_at(ctx, e).is_some()
        {
            value += f;
            end = e;
            half = true;
        }
    }
    let mut precision = 0.0;
    let mut scaled = words_scaled;
    let mut scale = 1.0;
    if in_words && words_scaled {
        // "two million": rounded to the last scale
        precision = 0.5 * 10f64.powi((value.log10().floor() as i32).max(0));
    }
    // a scale word, glued ("1.2m") or spaced ("1.2 million", "5 bn", "30 lakh")
    if !words_scaled {
        if let Some((s, glued_only)) = words::scale(ctx.tok(end)) {
            if ctx.is_word(end) && (!glued_only || ctx.joined(end) || s >= 1e9) && s >= 1e3 {
                value *= s;
                precision = if half {
                    0.25 * s
                } else {
                    0.5 * 10f64.powi(-(decimals as i32)) * s
                };
                scaled = true;
                scale = s;
                end += 1;
            }
        }
    }
    // "$2.174T": an upper-case T glued to money is a trillion (a lower-case t is tonnes)
    if !scaled && currency.is_some() && ctx.tok(end) == "T" && ctx.joined(end) {
        value *= 1e12;
        precision = 0.5 * 10f64.powi(-(decimals as i32)) * 1e12;
        scaled = true;
        scale = 1e12;
        end += 1;
    }
    // "three billions", "three thousand millions"
    if let Some(s) = words::plural_scale(ctx.tok(end)).filter(|_| in_words) {
        value *= s;
        scaled = true;
        end += 1;
    }
    // "2 dozen", "two hundred dozens"
    if ctx.is(end, "dozen") || ctx.is(end, "dozens") {
        value *= 12.0;
        end += 1;
    }
    if !scaled && decimals > 0 {
        precision = 0.5 * 10f64.powi(-(decimals as i32));
    }
    let mut percent = false;
    let mut points = false;
    if (ctx.is(end, "%") && ctx.joined(end)) || ctx.is(end, "percent") || ctx.is(end, "pct") {
        percent = true;
        end += 1;
    } else if ctx.seq(end, &["per", "cent"]) {
        percent = true;
        end += 2;
    }
    if ctx.seq(end, &["percentage", "points"]) || ctx.seq(end, &["percentage", "point"]) {
        points = true;
        end += 2;
    } else if percent && (ctx.is(end, "points") || ctx.is(end, "point")) {
        points = true;
        end += 1;
    }
    if currency.is_none() && !percent && !points {
        if let Some((code, used, factor)) = currency_sign_after(ctx, end) {
            currency = Some(code);
            value *= factor;
            precision *= factor;
            end += used;
        } else if let Some((code, used)) = currency_after(ctx, end) {
            if ctx.lower(end).starts_with("cent") || ctx.is(end, "pence") {
                value *= 0.01;
                precision *= 0.01;
            }
            currency = Some(code);
            end += used;
        }
    }
    // "$20 and 43 cents", "20 dollars 43 cents"
    if currency.is_some() {
        let k = if ctx.is(end, "and") { end + 1 } else { end };
        if let Some(c) = parse_cents(ctx, k) {
            value += c.0;
            end = c.1;
        }
    }
    if negative {
        value = -value;
    }
    Some(Figure {
        start: i,
        end,
        value,
        precision,
        decimals,
        in_words,
        scaled,
        scale,
        percent,
        points,
        currency,
    })
}

/// A currency sign glued after a figure ("10$", "20€", "10¢", "3.14US$"):
/// (code, tokens used, factor).
fn currency_sign_after(ctx: &Ctx, k: usize) -> Option<(&'static str, usize, f64)> {
    if !ctx.joined(k) {
        return None;
    }
    if ctx.is(k, "\u{a2}") {
        return Some(("USD", 1, 0.01));
    }
    if ctx.kind(k) == Some(TokenKind::Punct) || (ctx.is_word(k) && ctx.tok(k + 1) == "$") {
        let (code, used) = currency_before(ctx, k)?;
        return Some((code, used, 1.0));
    }
    None
}

/// "43 cents", "43c", "1 pence" after a whole amount: (amount in the main unit, end).
fn parse_cents(ctx: &Ctx, k: usize) -> Option<(f64, usize)> {
    let v = if ctx.is_number(k) {
        parse_digits(ctx.tok(k))?.0
    } else {
        let (v, e, _) = parse_words(ctx, k)?;
        if e != k + 1 && e != k + 3 {
            return None;
        }
        return match ctx.lower(e).as_str() {
            "cents" | "cent" | "pence" | "p" | "sen" | "sens" => Some((v / 100.0, e + 1)),
            _ => None,
        };
    };
    let unit = ctx.lower(k + 1);
    let glued = ctx.joined(k + 1);
    let ok = matches!(unit.as_str(), "cents" | "cent" | "pence" | "sen" | "sens")
        || (glued && (unit == "c" || unit == "p"));
    (ok && v < 100.0).then_some((v / 100.0, k + 2))
}

/// Words other than number words a figure may start at.
const START_WORDS: &[&str] = &[
    "a", "an", "half", "quarter", "three", "dozen", "minus", "negative", "point",
];
const START_SHAPES: Shapes = shapes(START_WORDS);

/// The shapes of the small number words and [`START_WORDS`] together: one test rules out
/// most words before either list is looked at.
const NUMBER_OR_START_SHAPES: Shapes = {
    let mut m = words::SMALL_SHAPES;
    let mut i = 0;
    while i < START_WORDS.len() {
        m = shape_add(m, START_WORDS[i]);
        i += 1;
    }
    m
};

/// The shapes of the words a currency sign of [`CURRENCY_SIGNS`] may start with ("US" of
/// "US$", "Rs").
const SIGN_FIRST_SHAPES: Shapes = {
    let mut m = [[0u32; 32]; 26];
    let mut i = 0;
    while i < CURRENCY_SIGNS.len() {
        m = shape_add_folded(m, CURRENCY_SIGNS[i].0[0]);
        i += 1;
    }
    m
};

/// Whether a word may start a figure wherever it is: [`can_start`] is false at any word this
/// is false for. [`is_number_or_start_word`] (the same test); or a currency sign or code of
/// at most 3 bytes, which [`currency_before`] finds only as the first word of a sign (of a
/// sign's shape, or not of letters only) or as [`may_be_currency_code`] (the same test).
pub(crate) fn word_may_start(t: &str) -> bool {
    is_number_or_start_word(t)
        || (t.len() <= 3 && (may_start_phrase(&SIGN_FIRST_SHAPES, t) || may_be_currency_code(t)))
}

/// Whether a punctuation token may start a figure wherever it is: [`can_start`] is false at
/// any punctuation this is false for ("-", "." before a number, a vulgar fraction or a
/// currency sign, all of which are "$", "-", "." or start with a non-ASCII byte).
pub(crate) fn punct_may_start(t: &str) -> bool {
    t.as_bytes()
        .first()
        .is_some_and(|&b| b == b'$' || b == b'-' || b == b'.' || !b.is_ascii())
}

/// Whether token `i` can start a figure (a digit, a number word, a currency sign or code).
#[inline]
pub fn can_start(ctx: &Ctx, i: usize) -> bool {
    match ctx.kind(i) {
        Some(TokenKind::Number) => true,
        Some(TokenKind::Punct) => {
            let t = ctx.tok(i);
            // every currency sign is "$" or starts with a non-ASCII byte: no other
            // punctuation ("," "." "(") is looked up
            let may_be_sign = t
                .as_bytes()
                .first()
                .is_some_and(|&b| b == b'$' || !b.is_ascii());
            ((t == "-" || t == "\u{2212}" || t == ".") && ctx.is_number(i + 1) && ctx.joined(i + 1))
                || vulgar(t).is_some()
                || (may_be_sign && currency_before(ctx, i).is_some())
        }
        Some(TokenKind::Word) => {
            let t = ctx.tok(i);
            is_number_or_start_word(t)
                || (word_may_be_currency(ctx, i, t) && currency_before(ctx, i).is_some())
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn can_start_only_where_the_context_free_tests_allow() {
        let text = "It cost US$5, A$ 7, a million dollars, Rs. 40, Rs 5, RM 9, RMB 12 and USD 3. \
            Twenty-one men paid HK$ 2, C$ 4 and \u{20ac}5; \u{bd} a cup, -3 and .5 were half. \
            The EUR rose, NZ$ 8, S$ 1, R$ 6, usd 7, The 3, a quarter, three dozen, minus 4, \
            point 5, negative 2, \u{2212}1 and \u{a3}9, ninety-nine, Eleven's and Q1's.";
        let counts = crate::time::scan::testutil::with_ctx(text, "", |ctx| {
            let mut n = 0;
            for i in 0..ctx.len() {
                if can_start(ctx, i) {
                    n += 1;
                    let t = ctx.tok(i);
                    match ctx.kind(i) {
                        Some(TokenKind::Word) => assert!(word_may_start(t), "{t}"),
                        Some(TokenKind::Punct) => assert!(punct_may_start(t), "{t}"),
                        _ => {}
                    }
                }
            }
            n
        });
        assert!(counts.iter().sum::<usize>() > 40, "{counts:?}");
        assert!(!word_may_start("the") && !word_may_start("said") && !punct_may_start(","));
        // every code `canonical_currency` finds is one `word_may_start` allows
        for code in crate::numbers::units::CURRENCY_CODES
            .iter()
            .chain(&["RMB", "RM", "Rs"])
        {
            assert!(
                canonical_currency(code).is_some() && word_may_start(code),
                "{code}"
            );
        }
        for (toks, _) in CURRENCY_SIGNS {
            assert!(toks[0].len() > 3 || word_may_start(toks[0]), "{}", toks[0]);
        }
    }

    #[test]
    fn a_figure_at_an_article_is_one_article_may_start_allows() {
        let text = "It cost a million dollars, a dollar, a $5 fee, A$5 and a half million. \
            A quarter of a million came, a dozen eggs, a \u{bd} cup, an euro and a pound. \
            A man took a week and an hour, a litre, a 5 and a third of the votes.";
        let checked = crate::time::scan::testutil::with_ctx(text, "", |ctx| {
            let mut n = 0;
            for i in 0..ctx.len() {
                if ctx.is(i, "a") || ctx.is(i, "an") {
                    n += 1;
                    if parse_at(ctx, i).is_some() {
                        assert!(article_may_start(ctx, i), "{}", ctx.tok(i + 1));
                    }
                }
            }
            n
        });
        assert!(checked.iter().sum::<usize>() > 15);
    }

    #[test]
    fn exact_small_decimals_parse_as_the_float_parser_does() {
        for s in [
            "0",
            "7",
            "007",
            "85",
            "85.5",
            "0.1",
            "0.3",
            "2.675",
            "123456789012345",
            "12345678901234.5",
            "1.00000000000001",
            "999999999999999",
            "4.35",
            "5.",
            "3.14159",
            "1,234.56",
            "85,500.5",
            "999,999,999,999.999",
        ] {
            let digits: String = s.chars().filter(|c| *c != ',').collect();
            let (int, frac) = s.split_once('.').unwrap_or((s, ""));
            assert_eq!(
                exact_small_decimal(int, frac).map(f64::to_bits),
                Some(digits.parse::<f64>().unwrap().to_bits()),
                "{s}"
            );
        }
        assert_eq!(exact_small_decimal("1234567890123456", ""), None);
        // far more digits than a u64 holds: refused before they overflow it (found by fuzzing)
        let long = "2".repeat(60);
        assert_eq!(exact_small_decimal(&long, ""), None);
        assert_eq!(exact_small_decimal("1", &long), None);
        assert_eq!(parse_digits(&long), Some((long.parse::<f64>().unwrap(), 0)));
        assert_eq!(exact_small_decimal("1", "5e3"), None);
        assert_eq!(parse_digits("1.5e3"), Some((1500.0, 3)));
        assert_eq!(
            parse_digits("12345678901234567"),
            Some((12345678901234567.0, 0))
        );
    }

    #[test]
    fn every_first_word_of_a_unit_or_currency_may_start_one() {
        let firsts = super::super::units::UNITS
            .iter()
            .map(|u| u.0)
            .chain(CURRENCY_WORDS.iter().map(|c| c.0))
            .filter_map(|words| words.first());
        for w in firsts {
            assert!(w.len() < 32, "{w}");
            let shapes = if CURRENCY_WORDS.iter().any(|c| c.0.first() == Some(w)) {
                &CURRENCY_FIRST_SHAPES
            } else {
                &super::super::units::UNIT_FIRST_SHAPES
            };
            for v in [
                w.to_string(),
                w.to_ascii_lowercase(),
                w.to_ascii_uppercase(),
            ] {
                assert!(may_start_phrase(shapes, &v), "{w}");
            }
        }
    }

    #[test]
    fn digits() {
        assert_eq!(parse_digits("85,500.5"), Some((85500.5, 1)));
        assert_eq!(parse_digits("2,000"), Some((2000.0, 0)));
        assert_eq!(parse_digits("1,5"), None);
        assert_eq!(parse_digits("2.1.3"), None);
        assert_eq!(parse_digits("1234,567"), None);
        assert_eq!(parse_digits("0.25"), Some((0.25, 2)));
    }
}
