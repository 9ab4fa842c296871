//! Calendar words and date arithmetic: month and weekday names, number words, and small
//! helpers over `jiff::civil::Date` that never panic (they return `None` out of range).

use jiff::civil::{Date, Weekday};
use jiff::Span as JSpan;

/// Month words (lower-case): month, abbreviation flag. "may" is a full name.
pub const MONTH_WORDS: &[(&str, i8, bool)] = &[
    ("january", 1, false),
    ("february", 2, false),
    ("march", 3, false),
    ("april", 4, false),
    ("may", 5, false),
    ("june", 6, false),
    ("july", 7, false),
    ("august", 8, false),
    ("september", 9, false),
    ("october", 10, false),
    ("november", 11, false),
    ("december", 12, false),
    ("jan", 1, true),
    ("feb", 2, true),
    ("mar", 3, true),
    ("apr", 4, true),
    ("jun", 6, true),
    ("jul", 7, true),
    ("aug", 8, true),
    ("sep", 9, true),
    ("sept", 9, true),
    ("oct", 10, true),
    ("nov", 11, true),
    ("dec", 12, true),
];

/// Weekday words (lower-case): weekday, abbreviation flag.
pub const WEEKDAY_WORDS: &[(&str, Weekday, bool)] = &[
    ("monday", Weekday::Monday, false),
    ("tuesday", Weekday::Tuesday, false),
    ("wednesday", Weekday::Wednesday, false),
    ("thursday", Weekday::Thursday, false),
    ("friday", Weekday::Friday, false),
    ("saturday", Weekday::Saturday, false),
    ("sunday", Weekday::Sunday, false),
    ("mon", Weekday::Monday, true),
    ("tue", Weekday::Tuesday, true),
    ("tues", Weekday::Tuesday, true),
    ("wed", Weekday::Wednesday, true),
    ("thu", Weekday::Thursday, true),
    ("thur", Weekday::Thursday, true),
    ("thurs", Weekday::Thursday, true),
    ("fri", Weekday::Friday, true),
    ("sat", Weekday::Saturday, true),
    ("sun", Weekday::Sunday, true),
];

/// Cardinal number words (lower-case). Compound words ("twenty-five") are three tokens
/// and are combined by the caller.
pub const NUMBER_WORDS: &[(&str, u32)] = &[
    ("one", 1),
    ("two", 2),
    ("three", 3),
    ("four", 4),
    ("five", 5),
    ("six", 6),
    ("seven", 7),
    ("eight", 8),
    ("nine", 9),
    ("ten", 10),
    ("eleven", 11),
    ("twelve", 12),
    ("thirteen", 13),
    ("fourteen", 14),
    ("fifteen", 15),
    ("sixteen", 16),
    ("seventeen", 17),
    ("eighteen", 18),
    ("nineteen", 19),
    ("twenty", 20),
    ("thirty", 30),
    ("forty", 40),
    ("fifty", 50),
    ("sixty", 60),
    ("seventy", 70),
    ("eighty", 80),
    ("ninety", 90),
    ("hundred", 100),
    ("dozen", 12),
];

/// Ordinal words (lower-case).
pub const ORDINAL_WORDS: &[(&str, u8)] = &[
    ("first", 1),
    ("second", 2),
    ("third", 3),
    ("fourth", 4),
    ("fifth", 5),
    ("sixth", 6),
    ("seventh", 7),
    ("eighth", 8),
    ("ninth", 9),
    ("tenth", 10),
    ("eleventh", 11),
    ("twelfth", 12),
];

/// The month a lower-case word names, and whether the word is an abbreviation
/// ("dec", "sept").
pub fn month_number(lower: &str) -> Option<(i8, bool)> {
    MONTH_WORDS
        .iter()
        .find(|x| x.0 == lower)
        .map(|x| (x.1, x.2))
}

/// The weekday a lower-case word names, and whether the word is an abbreviation.
pub fn weekday_of(lower: &str) -> Option<(Weekday, bool)> {
    WEEKDAY_WORDS
        .iter()
        .find(|x| x.0 == lower)
        .map(|x| (x.1, x.2))
}

/// The lower-case English name of a weekday ("tuesday").
pub fn weekday_name(w: Weekday) -> &'static str {
    match w {
        Weekday::Monday => "monday",
        Weekday::Tuesday => "tuesday",
        Weekday::Wednesday => "wednesday",
        Weekday::Thursday => "thursday",
        Weekday::Friday => "friday",
        Weekday::Saturday => "saturday",
        Weekday::Sunday => "sunday",
    }
}

/// A cardinal number word ("nine" → 9), lower-case input.
pub fn number_word(lower: &str) -> Option<u32> {
    NUMBER_WORDS.iter().find(|x| x.0 == lower).map(|x| x.1)
}

/// An ordinal word ("third" → 3), lower-case input.
pub fn ordinal_word(lower: &str) -> Option<u8> {
    ORDINAL_WORDS.iter().find(|x| x.0 == lower).map(|x| x.1)
}

/// An ordinal suffix glued to a number ("15th").
pub fn is_ordinal_suffix(lower: &str) -> bool {
    matches!(lower, "st" | "nd" | "rd" | "th")
}

/// A date from numbers, `None` when it does not exist (February 30) or is out of range.
pub fn ymd(y: i32, m: i32, d: i32) -> Option<Date> {
    let y = i16::try_from(y).ok()?;
    let m = i8::try_from(m).ok()?;
    let d = i8::try_from(d).ok()?;
    Date::new(y, m, d).ok()
}

/// The first day of a month.
pub fn month_start(y: i32, m: i32) -> Option<Date> {
    ymd(y, m, 1)
}

/// The last day of a month.
pub fn month_end(y: i32, m: i32) -> Option<Date> {
    ymd(y, m, 1).map(|d| d.last_of_month())
}

pub fn add_days(d: Date, n: i64) -> Option<Date> {
    d.checked_add(JSpan::new().try_days(n).ok()?).ok()
}

pub fn add_months(d: Date, n: i64) -> Option<Date> {
    d.checked_add(JSpan::new().try_months(n).ok()?).ok()
}

pub fn add_years(d: Date, n: i64) -> Option<Date> {
    d.checked_add(JSpan::new().try_years(n).ok()?).ok()
}

/// Days from `a` to `b` (negative when `b` is earlier).
pub fn days_between(a: Date, b: Date) -> Option<i64> {
    a.until(b).ok().map(|s| i64::from(s.get_days()))
}

/// Days covered by `a..=b`.
pub fn days_inclusive(a: Date, b: Date) -> Option<i64> {
    days_between(a, b).map(|d| d + 1)
}

/// The most recent `w` on or before `d` (`strict`: before `d`).
pub fn weekday_on_or_before(d: Date, w: Weekday, strict: bool) -> Option<Date> {
    let mut back = i64::from(w.until(d.weekday()));
    if strict && back == 0 {
        back = 7;
    }
    add_days(d, -back)
}

/// The first `w` on or after `d` (`strict`: after `d`).
pub fn weekday_on_or_after(d: Date, w: Weekday, strict: bool) -> Option<Date> {
    let mut ahead = i64::from(d.weekday().until(w));
    if strict && ahead == 0 {
        ahead = 7;
    }
    add_days(d, ahead)
}

/// Monday of the ISO week holding `d`.
pub fn week_start(d: Date) -> Option<Date> {
    weekday_on_or_before(d, Weekday::Monday, false)
}

/// The shortest and longest run of `n` consecutive calendar months, in days
/// (1 → 28..31, 3 → 89..92, 12 → 365..366).
pub fn months_days(n: u32) -> (f64, f64) {
    // lengths over a four-year cycle with one leap year; the century rule changes nothing
    // for runs shorter than a century
    const ML: [u8; 12] = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    if n == 0 {
        return (0.0, 0.0);
    }
    if n > 1200 {
        let y = f64::from(n) / 12.0;
        return (y * 365.2425 - 3.0, y * 365.2425 + 3.0);
    }
    let len = |k: usize| -> u32 {
        let y = (k / 12) % 4;
        let m = k % 12;
        u32::from(ML[m]) + u32::from(m == 1 && y == 0)
    };
    let (mut lo, mut hi) = (u32::MAX, 0);
    for s in 0..48 {
        let total: u32 = (s..s + n as usize).map(len).sum();
        lo = lo.min(total);
        hi = hi.max(total);
    }
    (f64::from(lo), f64::from(hi))
}

/// The shortest and longest run of `n` consecutive years, in days.
pub fn years_days(n: u32) -> (f64, f64) {
    let n = f64::from(n);
    let base = 365.0 * n;
    (base + (n / 4.0).floor(), base + ((n + 3.0) / 4.0).floor())
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn lengths() {
        assert_eq!(months_days(1), (28.0, 31.0));
        assert_eq!(months_days(3), (89.0, 92.0));
        assert_eq!(months_days(12), (365.0, 366.0));
        assert_eq!(years_days(1), (365.0, 366.0));
        assert_eq!(years_days(4), (1461.0, 1461.0));
        assert_eq!(years_days(5), (1826.0, 1827.0));
    }

    #[test]
    fn weekdays() {
        let tue = date(2015, 12, 15);
        assert_eq!(
            weekday_on_or_after(tue, Weekday::Wednesday, true),
            Some(date(2015, 12, 16))
        );
        assert_eq!(
            weekday_on_or_before(tue, Weekday::Friday, false),
            Some(date(2015, 12, 11))
        );
        assert_eq!(
            weekday_on_or_before(tue, Weekday::Tuesday, false),
            Some(tue)
        );
        assert_eq!(
            weekday_on_or_before(tue, Weekday::Tuesday, true),
            Some(date(2015, 12, 8))
        );
        assert_eq!(week_start(tue), Some(date(2015, 12, 14)));
    }

    #[test]
    fn arithmetic_never_panics() {
        assert_eq!(ymd(2015, 2, 30), None);
        assert_eq!(ymd(100_000, 1, 1), None);
        assert!(add_years(date(9999, 1, 1), 5).is_none());
        assert_eq!(
            days_inclusive(date(2015, 1, 1), date(2015, 12, 31)),
            Some(365)
        );
    }
}
