//! Figures: one number as written, in digits or words, with its scale word, currency and
//! percent sign, read from a sentence's tokens.

use super::units::{canonical_currency, CURRENCY_SIGNS, CURRENCY_WORDS};
use super::words;
use crate::claims::Ctx;
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
    let mut digits = String::with_capacity(s.len());
    digits.push_str(first);
    let mut grouped = false;
    for g in groups {
        if g.len() != 3 || !g.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        grouped = true;
        digits.push_str(g);
    }
    if grouped && first.len() > 3 {
        return None;
    }
    let decimals = frac.map_or(0, |f| f.len() as u32);
    if let Some(f) = frac {
        digits.push('.');
        digits.push_str(f);
    }
    digits.parse::<f64>().ok().map(|v| (v, decimals))
}

/// A currency sign or code starting at token `i`: (code, tokens used).
pub fn currency_before(ctx: &Ctx, i: usize) -> Option<(&'static str, usize)> {
    // fast path: a currency sign is a symbol or a short word glued to "$", a code is 3 letters
    let t = ctx.tok(i);
    let candidate = match ctx.kind(i) {
        Some(TokenKind::Punct) => t.starts_with(['$', '€', '£', '¥', '₹', '₩', '₽', '₺', '₦', '₱']),
        Some(TokenKind::Word) => {
            t.len() <= 3 && (ctx.tok(i + 1) == "$" || t.eq_ignore_ascii_case("rs") || t.len() == 3)
        }
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

/// A currency word or code after a figure at token `j`: (code, tokens used).
pub fn currency_after(ctx: &Ctx, j: usize) -> Option<(&'static str, usize)> {
    if !ctx.is_word(j) {
        return None;
    }
    let t = ctx.tok(j);
    if ctx.is_word(j) {
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
    for (toks, code) in CURRENCY_WORDS {
        if ctx.seq(j, toks) {
            return Some((code, toks.len()));
        }
    }
    None
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
            if words::is_tens(t) && ctx.is(j + 1, "-") && ctx.joined(j + 1) && ctx.joined(j + 2) {
                if let Some(u) = words::small(ctx.tok(j + 2)).filter(|u| *u >= 1.0 && *u < 10.0) {
                    v += u;
                    used = 3;
                }
            }
            cur += v;
            any = true;
            j += used;
            continue;
        }
        let lower = t.to_ascii_lowercase();
        match lower.as_str() {
            "a" | "an" if !any => {
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
            "dozen" if any || j == i => {
                cur = if cur == 0.0 { 12.0 } else { cur * 12.0 };
                any = true;
                j += 1;
            }
            "and" if any => {
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

/// Reads a figure starting exactly at token `i` (a currency sign, digits or a number word).
pub fn parse_at(ctx: &Ctx, i: usize) -> Option<Figure> {
    let mut j = i;
    let mut currency = None;
    if let Some((code, used)) = currency_before(ctx, i) {
        currency = Some(code);
        j += used;
        if !ctx.is_number(j) {
            // "USD 5" has a space; a sign is glued
            if !(ctx.is_word(i) && ctx.is_number(j)) {
                return None;
            }
        }
    }
    let (mut value, decimals, in_words, mut end) = if ctx.is_number(j) {
        let (v, d) = parse_digits(ctx.tok(j))?;
        (v, d, false, j + 1)
    } else if currency.is_none() && ctx.is_word(j) {
        let (v, e, _) = parse_words(ctx, j)?;
        (v, 0, true, e)
    } else {
        return None;
    };
    let mut precision = 0.0;
    let mut scaled = false;
    let mut scale = 1.0;
    if !in_words {
        // a scale word, glued ("1.2m") or spaced ("1.2 million", "5 bn")
        if let Some((s, glued_only)) = words::scale(ctx.tok(end)) {
            if ctx.is_word(end) && (!glued_only || ctx.joined(end) || s >= 1e9) && s >= 1e3 {
                value *= s;
                precision = 0.5 * 10f64.powi(-(decimals as i32)) * s;
                scaled = true;
                scale = s;
                end += 1;
            }
        }
    } else {
        let (_, _, s) = parse_words(ctx, j)?;
        scaled = s;
        if s {
            // "two million": rounded to the last scale
            precision = 0.5 * 10f64.powi((value.log10().floor() as i32).max(0));
        }
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
    if currency.is_none() && !percent {
        if let Some((code, used)) = currency_after(ctx, end) {
            currency = Some(code);
            end += used;
        }
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

/// Whether token `i` can start a figure (a digit, a number word, a currency sign or code).
pub fn can_start(ctx: &Ctx, i: usize) -> bool {
    match ctx.kind(i) {
        Some(TokenKind::Number) => true,
        Some(TokenKind::Punct) => currency_before(ctx, i).is_some(),
        Some(TokenKind::Word) => {
            let t = ctx.tok(i);
            words::small(t).is_some()
                || t.eq_ignore_ascii_case("a")
                || t.eq_ignore_ascii_case("an")
                || t.eq_ignore_ascii_case("half")
                || t.eq_ignore_ascii_case("three")
                || t.eq_ignore_ascii_case("dozen")
                || currency_before(ctx, i).is_some()
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
