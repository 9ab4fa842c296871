//! The document date as the text itself states it, near its start: an "Updated: 2015-12-15
//! 13:19" line, a wire dateline ("BEIJING, Dec. 15 (Xinhua) --"), a paragraph opening with a
//! date ("March 3, 2020 —") or a date on a line of its own.
//!
//! Only the first [`SCAN_LIMIT`] bytes are searched, line by line; the first line that holds a
//! dateline wins. A dateline without a year ("Dec. 15") takes the year of the first full date
//! found elsewhere in the scanned text; with none, it gives no date. Impossible dates
//! (2015-02-29, April 31) are rejected.

use crate::document::Span;
use jiff::civil::Date;

/// How many leading bytes of the text are searched for a dateline.
pub const SCAN_LIMIT: usize = 2048;

/// Which pattern a dateline matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DatelineKind {
    /// A label and a date: `Updated: 2015-12-15 13:19`, `Published 12 March 2021`.
    Labelled,
    /// A wire-service dateline: `BEIJING, Dec. 15 (Xinhua) --`.
    Wire,
    /// A line opening with a date and a dash: `March 3, 2020 —`.
    Leading,
    /// A full date (and perhaps a time) alone on its line.
    Standalone,
}

/// A dateline found in a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Dateline {
    pub date: Date,
    /// Byte range of the date expression in the searched text.
    pub span: Span,
    pub kind: DatelineKind,
    /// The year came from another date in the text, not from the dateline.
    pub year_inferred: bool,
}

/// A calendar date that may lack its year. Month and day are in range, but the day may not
/// exist in the month (that is checked once the year is known).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PartialDate {
    pub year: Option<i16>,
    pub month: i8,
    pub day: i8,
}

impl PartialDate {
    /// The date in the given year, if it exists.
    pub fn with_year(self, year: i16) -> Option<Date> {
        Date::new(year, self.month, self.day).ok()
    }
    /// The date, if the year is known and the date exists.
    pub fn full(self) -> Option<Date> {
        self.year.and_then(|y| self.with_year(y))
    }
}

/// Finds the document's dateline in the first [`SCAN_LIMIT`] bytes of `text`.
pub fn find(text: &str) -> Option<Dateline> {
    let mut limit = text.len().min(SCAN_LIMIT);
    while !text.is_char_boundary(limit) {
        limit -= 1;
    }
    let mut scan = &text[..limit];
    if limit < text.len() {
        // Drop a line cut by the limit: "2015-12-1|5" must not read as the 1st.
        scan = match scan.rfind('\n') {
            Some(i) => &scan[..=i],
            None => "",
        };
    }
    let mut pos = 0;
    for line in scan.split_inclusive('\n') {
        let line_start = pos;
        pos += line.len();
        let content = line.trim();
        // every date form has a digit: a line without one is passed over at once
        if !has_digit(content) {
            continue;
        }
        let cstart = line_start + (line.len() - line.trim_start().len());
        let hit = labelled(content)
            .map(|(d, s, e)| (d, s, e, DatelineKind::Labelled))
            .or_else(|| wire(content).map(|(d, s, e)| (d, s, e, DatelineKind::Wire)))
            .or_else(|| leading(content).map(|(d, s, e)| (d, s, e, DatelineKind::Leading)))
            .or_else(|| standalone(content).map(|(d, s, e)| (d, s, e, DatelineKind::Standalone)));
        let Some((pd, s, e, kind)) = hit else {
            continue;
        };
        let span = Span::new(cstart + s, cstart + e);
        let (date, year_inferred) = match pd.year {
            Some(_) => (pd.full(), false),
            None => (
                year_elsewhere(scan, span).and_then(|y| pd.with_year(y)),
                true,
            ),
        };
        if let Some(date) = date {
            return Some(Dateline {
                date,
                span,
                kind,
                year_inferred,
            });
        }
    }
    None
}

/// True when a line is only a dateline: a full date alone (perhaps with a time), or a label
/// and a date (`(Xinhua) Updated: 2015-12-15 13:19`). Such a line is a block of its own.
pub fn is_dateline_line(line: &str) -> bool {
    let line = line.trim();
    if line.len() > 100 || !has_digit(line) {
        return false;
    }
    if standalone(line).is_some() {
        return true;
    }
    labelled(line).is_some_and(|(_, _, end)| time_tail(&line[end..]))
}

/// Whether `s` has an ASCII digit (every date [`parse_date`] reads has one).
fn has_digit(s: &str) -> bool {
    s.bytes().any(|b| b.is_ascii_digit())
}

/// Parses a date at the start of `s`: `2015-12-15` (or `/`), `Dec. 15`, `Dec 15, 2015`,
/// `December 15 2015`, `15 December 2015`, `15th Dec`. Returns the date and its length.
pub fn parse_date(s: &str) -> Option<(PartialDate, usize)> {
    iso(s).or_else(|| month_first(s)).or_else(|| day_first(s))
}

/// Labels that introduce a document date, longest first.
const LABELS: &[&str] = &[
    "first published",
    "last updated",
    "last modified",
    "published",
    "updated",
    "modified",
    "released",
    "posted",
    "dated",
    "date",
];

/// Separators after which a label without a colon still counts (`By A. Writer | Published`).
const SEPARATORS: &[char] = &[
    '|', ')', '-', '\u{2013}', '\u{2014}', '\u{2022}', '\u{b7}', '/',
];

/// A label and a date in a line: returns the date and its range in the line.
fn labelled(line: &str) -> Option<(PartialDate, usize, usize)> {
    let lower = line.to_ascii_lowercase();
    let bytes = lower.as_bytes();
    let mut best: Option<(PartialDate, usize, usize)> = None;
    for label in LABELS {
        for (i, _) in lower.match_indices(label) {
            if best.is_some_and(|b| b.1 <= i) {
                break;
            }
            let end = i + label.len();
            if (i > 0 && bytes[i - 1].is_ascii_alphanumeric())
                || bytes.get(end).is_some_and(u8::is_ascii_alphabetic)
            {
                continue;
            }
            let mut j = end + spaces(&line[end..]);
            if lower[j..].starts_with("on ") {
                j += 3;
                j += spaces(&line[j..]);
            }
            let colon = line[j..].starts_with(':');
            if colon {
                j += 1;
                j += spaces(&line[j..]);
            }
            let before = line[..i].trim_end();
            if !colon && !before.is_empty() && !before.ends_with(SEPARATORS) {
                continue;
            }
            j += weekday(&line[j..]);
            if let Some((d, n)) = parse_date(&line[j..]) {
                best = Some((d, j, j + n));
            }
        }
    }
    best
}

/// A wire dateline at the start of a line: `CITY[, Region], <date>[ (Agency)] --`.
fn wire(line: &str) -> Option<(PartialDate, usize, usize)> {
    let comma = line.find(',')?;
    let city = &line[..comma];
    if city.is_empty()
        || city.len() > 40
        || !city.starts_with(|c: char| c.is_uppercase())
        || !city
            .chars()
            .all(|c| c.is_alphabetic() || matches!(c, ' ' | '.' | '\'' | '-'))
    {
        return None;
    }
    let all_caps = !city.chars().any(char::is_lowercase);
    let mut j = comma + 1;
    // Up to two region parts ("HANGZHOU, China, Sept. 4").
    let mut found = None;
    for _ in 0..3 {
        j += spaces(&line[j..]);
        if let Some((d, n)) = parse_date(&line[j..]) {
            found = Some((d, j, j + n));
            break;
        }
        let rest = &line[j..];
        let part_len = rest.find(',')?;
        let part = &rest[..part_len];
        if part.is_empty()
            || part.len() > 30
            || !part.starts_with(|c: char| c.is_uppercase())
            || part.chars().any(|c| c.is_ascii_digit())
        {
            return None;
        }
        j += part_len + 1;
    }
    let (d, s, e) = found?;
    let mut k = e + spaces(&line[e..]);
    let mut agency = false;
    if line[k..].starts_with('(') {
        let close = line[k..].find(')')?;
        let inner = &line[k + 1..k + close];
        if inner.is_empty() || inner.len() > 30 || inner.chars().any(|c| c.is_ascii_digit()) {
            return None;
        }
        agency = true;
        k += close + 1;
        k += spaces(&line[k..]);
    }
    let dash = line[k..].starts_with(['-', '\u{2013}', '\u{2014}', '/', ':']);
    if (all_caps && (agency || dash)) || (agency && dash) {
        Some((d, s, e))
    } else {
        None
    }
}

/// A line opening with a date (and perhaps a time) followed by a dash: `March 3, 2020 —`.
fn leading(line: &str) -> Option<(PartialDate, usize, usize)> {
    let s = weekday(line);
    let (d, n) = parse_date(&line[s..])?;
    let e = s + n;
    let rest = &line[e..];
    let dash = ["--", " - ", "\u{2014}", "\u{2013}", "|"]
        .iter()
        .filter_map(|p| rest.find(p))
        .min()?;
    if dash > 40 || !time_tail(&rest[..dash]) {
        return None;
    }
    Some((d, s, e))
}

/// A full date alone on its line, perhaps after a weekday and before a time.
fn standalone(line: &str) -> Option<(PartialDate, usize, usize)> {
    let s = weekday(line);
    let (d, n) = parse_date(&line[s..])?;
    d.year?;
    let e = s + n;
    time_tail(&line[e..]).then_some((d, s, e))
}

/// The year of the first full date in `text` outside `exclude`.
fn year_elsewhere(text: &str, exclude: Span) -> Option<i16> {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let word_start =
            b.is_ascii_alphanumeric() && (i == 0 || !bytes[i - 1].is_ascii_alphanumeric());
        if word_start {
            if let Some((d, n)) = parse_date(&text[i..]) {
                let span = Span::new(i, i + n);
                let overlaps = span.start < exclude.end && exclude.start < span.end;
                if let (Some(y), false) = (d.year, overlaps) {
                    if d.full().is_some() {
                        return Some(y);
                    }
                }
            }
        }
        i += 1;
    }
    None
}

/// White space (spaces, tabs, no-break spaces) at the start of `s`, in bytes.
fn spaces(s: &str) -> usize {
    s.len() - s.trim_start_matches([' ', '\t', '\u{a0}']).len()
}

/// A run of ASCII digits at the start of `s`: its value and length, if its length is within
/// `min..=max` (a longer run does not match).
fn digits(s: &str, min: usize, max: usize) -> Option<(u32, usize)> {
    let n = s.bytes().take_while(u8::is_ascii_digit).count();
    if n < min || n > max {
        return None;
    }
    s[..n].parse().ok().map(|v| (v, n))
}

/// A day of the month with an optional ordinal suffix, not followed by a letter or digit.
fn day(s: &str) -> Option<(i8, usize)> {
    let (v, mut n) = digits(s, 1, 2)?;
    if !(1..=31).contains(&v) {
        return None;
    }
    let suffix = s[n..].get(..2).map(str::to_ascii_lowercase);
    if matches!(suffix.as_deref(), Some("st" | "nd" | "rd" | "th")) {
        n += 2;
    }
    if s[n..].starts_with(|c: char| c.is_alphanumeric()) {
        return None;
    }
    Some((v as i8, n))
}

/// A four-digit year.
fn year(s: &str) -> Option<(i16, usize)> {
    let (v, n) = digits(s, 4, 4)?;
    if !(1000..=9999).contains(&v) {
        return None;
    }
    Some((v as i16, n))
}

/// A month name or abbreviation (first letter capital), with the abbreviation's dot.
fn month_name(s: &str) -> Option<(i8, usize)> {
    const MONTHS: &[(&str, i8)] = &[
        ("january", 1),
        ("february", 2),
        ("march", 3),
        ("april", 4),
        ("may", 5),
        ("june", 6),
        ("july", 7),
        ("august", 8),
        ("september", 9),
        ("october", 10),
        ("november", 11),
        ("december", 12),
        ("jan", 1),
        ("feb", 2),
        ("mar", 3),
        ("apr", 4),
        ("jun", 6),
        ("jul", 7),
        ("aug", 8),
        ("sep", 9),
        ("sept", 9),
        ("oct", 10),
        ("nov", 11),
        ("dec", 12),
    ];
    if !s.starts_with(|c: char| c.is_ascii_uppercase()) {
        return None;
    }
    let n = s.bytes().take_while(u8::is_ascii_alphabetic).count();
    if n > 9 {
        return None;
    }
    let word = s[..n].to_ascii_lowercase();
    let &(name, m) = MONTHS.iter().find(|(name, _)| *name == word)?;
    let abbreviated = name.len() <= 4 && name != "may" && name != "june" && name != "july";
    let dot = abbreviated && s[n..].starts_with('.');
    Some((m, n + usize::from(dot)))
}

/// `2015-12-15`, `2015/12/15`, `2015.12.15`.
fn iso(s: &str) -> Option<(PartialDate, usize)> {
    let (y, mut n) = year(s)?;
    let sep = s[n..]
        .chars()
        .next()
        .filter(|c| matches!(c, '-' | '/' | '.'))?;
    n += 1;
    let (m, mn) = digits(&s[n..], 1, 2)?;
    n += mn;
    if !s[n..].starts_with(sep) {
        return None;
    }
    n += 1;
    let (d, dn) = digits(&s[n..], 1, 2)?;
    n += dn;
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    let pd = PartialDate {
        year: Some(y),
        month: m as i8,
        day: d as i8,
    };
    pd.full()?;
    Some((pd, n))
}

/// `Dec. 15`, `Dec 15, 2015`, `December 15th 2015`.
fn month_first(s: &str) -> Option<(PartialDate, usize)> {
    let (month, mut n) = month_name(s)?;
    let sp = spaces(&s[n..]);
    if sp == 0 && !s[..n].ends_with('.') {
        return None;
    }
    n += sp;
    let (day, dn) = day(&s[n..])?;
    n += dn;
    // after a day number the year must stand apart: "Dec 15, 2015", "Dec 15 2015"
    let (year, n) = year_after(s, n, true).map_or((None, n), |(y, e)| (Some(y), e));
    Some((PartialDate { year, month, day }, n))
}

/// `15 December 2015`, `15th of Dec. 2015`, `15 Dec`.
fn day_first(s: &str) -> Option<(PartialDate, usize)> {
    let (day, mut n) = day(s)?;
    let sp = spaces(&s[n..]);
    if sp == 0 {
        return None;
    }
    n += sp;
    if s[n..].starts_with("of ") {
        n += 3;
    }
    let (month, mn) = month_name(&s[n..])?;
    n += mn;
    let (year, n) = year_after(s, n, false).map_or((None, n), |(y, e)| (Some(y), e));
    Some((PartialDate { year, month, day }, n))
}

/// A year after a date's day and month at byte `n`, past an optional comma and spaces; with
/// `need_gap`, only when a comma or a space stands before it: (year, end).
fn year_after(s: &str, n: usize, need_gap: bool) -> Option<(i16, usize)> {
    let mut j = n;
    if s[j..].starts_with(',') {
        j += 1;
    }
    let sp = spaces(&s[j..]);
    if need_gap && sp == 0 && j == n {
        return None;
    }
    j += sp;
    year(&s[j..]).map(|(y, yn)| (y, j + yn))
}

/// A weekday name and its comma at the start of `s` ("Tuesday, ", "Tue. "): its length.
fn weekday(s: &str) -> usize {
    const DAYS: &[&str] = &[
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "mon",
        "tue",
        "tues",
        "wed",
        "thu",
        "thur",
        "thurs",
        "fri",
        "sat",
        "sun",
    ];
    if !s.starts_with(|c: char| c.is_ascii_uppercase()) {
        return 0;
    }
    let n = s.bytes().take_while(u8::is_ascii_alphabetic).count();
    if n > 9 || !DAYS.contains(&s[..n].to_ascii_lowercase().as_str()) {
        return 0;
    }
    let mut j = n;
    if s[j..].starts_with('.') {
        j += 1;
    }
    if s[j..].starts_with(',') {
        j += 1;
    }
    let sp = spaces(&s[j..]);
    if sp == 0 {
        return 0;
    }
    j + sp
}

/// What may follow a date on a dateline: nothing, or a time with its am/pm and time zone
/// (`13:19`, `T13:19:00Z`, `, 1:19 p.m. EST`, `09:30 (UTC+8)`).
fn time_tail(rest: &str) -> bool {
    let mut rest = rest.trim();
    if rest.is_empty() {
        return true;
    }
    if rest.starts_with(['T', 't']) && rest[1..].starts_with(|c: char| c.is_ascii_digit()) {
        rest = &rest[1..];
    }
    let mut has_time = false;
    for token in rest.split_whitespace() {
        let token = token.trim_matches(|c| matches!(c, '(' | ')' | ',' | '|'));
        if token.is_empty() || token == "at" || token == "-" {
            continue;
        }
        let lower = token.to_ascii_lowercase();
        if matches!(lower.as_str(), "am" | "pm" | "a.m." | "p.m." | "hrs" | "h") {
            continue;
        }
        let letters = token.bytes().take_while(u8::is_ascii_uppercase).count();
        let tail = &token[letters..];
        let numeric = |t: &str| {
            t.bytes()
                .all(|b| b.is_ascii_digit() || matches!(b, b':' | b'+' | b'-' | b'.'))
        };
        if letters > 0 && letters <= 5 && numeric(tail) {
            // A time zone: UTC, GMT+8, Z.
            continue;
        }
        let clock = token
            .strip_suffix("am")
            .or_else(|| token.strip_suffix("pm"))
            .or_else(|| token.strip_suffix('Z'))
            .unwrap_or(token);
        if token.contains(':') && numeric(clock) && clock.starts_with(|c: char| c.is_ascii_digit())
        {
            has_time = true;
            continue;
        }
        if token.starts_with(['+', '-']) && numeric(token) {
            continue;
        }
        return false;
    }
    has_time
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn found(text: &str) -> Option<(Date, DatelineKind, &str)> {
        find(text).map(|d| (d.date, d.kind, &text[d.span.start..d.span.end]))
    }

    #[test]
    fn labelled_lines() {
        let t = "US EUROPE\nBusiness / Technology\n\n(Xinhua) Updated: 2015-12-15 13:19\n\nBEIJING - Text.";
        assert_eq!(
            found(t),
            Some((date(2015, 12, 15), DatelineKind::Labelled, "2015-12-15"))
        );
        assert_eq!(
            found("Published: 12 March 2021\nBody."),
            Some((date(2021, 3, 12), DatelineKind::Labelled, "12 March 2021"))
        );
        assert_eq!(
            found("By Ann Lee | Posted Tuesday, Sept. 6th, 2016 at 9:00 am\n").map(|f| f.0),
            Some(date(2016, 9, 6))
        );
        assert_eq!(
            found("Last updated on 3 Jan 2020\n").map(|f| f.0),
            Some(date(2020, 1, 3))
        );
    }

    #[test]
    fn a_label_inside_a_sentence_is_not_a_dateline() {
        assert_eq!(
            found("The report was published March 3, 2020, by the agency."),
            None
        );
        assert_eq!(found("Updatedness 2015-12-15 is no label."), None);
    }

    #[test]
    fn wire_datelines() {
        let t = "Headline here\n\nBEIJING, Dec. 15 (Xinhua) -- Delegates met on Tuesday.\n\nA report dated 2015-12-14 said so.";
        let d = find(t).unwrap();
        assert_eq!(d.date, date(2015, 12, 15));
        assert_eq!(d.kind, DatelineKind::Wire);
        assert!(d.year_inferred);
        assert_eq!(&t[d.span.start..d.span.end], "Dec. 15");
        // No year anywhere: no date.
        assert_eq!(found("BEIJING, Dec 15 (Xinhua) -- Delegates met."), None);
        assert_eq!(
            found("NEW YORK, March 3, 2020 (Reuters) - Stocks fell.").map(|f| (f.0, f.1)),
            Some((date(2020, 3, 3), DatelineKind::Wire))
        );
        assert_eq!(
            found("HANGZHOU, China, September 4 -- Leaders met. 2016 was busy, 04 Sep 2016.")
                .map(|f| f.0),
            Some(date(2016, 9, 4))
        );
        assert_eq!(
            found("Beijing, Dec. 15 -- no agency and not capitals, 2015-01-01"),
            None
        );
    }

    #[test]
    fn leading_and_standalone_dates() {
        assert_eq!(
            found("March 3, 2020 \u{2014} The company said on Tuesday.").map(|f| (f.0, f.1)),
            Some((date(2020, 3, 3), DatelineKind::Leading))
        );
        assert_eq!(
            found("Title\n2015-12-15\n\nBody text.").map(|f| (f.0, f.1)),
            Some((date(2015, 12, 15), DatelineKind::Standalone))
        );
        assert_eq!(
            found("Title\n2015-12-15T13:19:00+08:00\n").map(|f| f.0),
            Some(date(2015, 12, 15))
        );
        assert_eq!(
            found("Monday, 14 December 2015, 10:05 GMT\n").map(|f| f.0),
            Some(date(2015, 12, 14))
        );
        // A date inside a sentence is not a dateline.
        assert_eq!(found("On 14 December 2015 the firm said so."), None);
    }

    #[test]
    fn impossible_dates_are_rejected() {
        assert_eq!(found("2015-02-29\n"), None);
        assert_eq!(found("Updated: 31 April 2020\n"), None);
        assert_eq!(found("2015-13-01\n"), None);
        assert_eq!(
            found("BEIJING, Feb. 29 (Xinhua) -- In 2015 on 2015-03-01."),
            None
        );
        assert_eq!(
            found("BEIJING, Feb. 29 (Xinhua) -- On 2016-03-01.").map(|f| f.0),
            Some(date(2016, 2, 29))
        );
    }

    #[test]
    fn only_the_start_is_searched() {
        let mut t = "Some text that says nothing.\n".repeat(100);
        t.push_str("Updated: 2015-12-15\n");
        assert!(t.len() > SCAN_LIMIT);
        assert_eq!(find(&t), None);
        // A line cut by the limit is ignored.
        let mut t = "x".repeat(SCAN_LIMIT - 9);
        t.push_str("\n2015-12-15\n");
        assert_eq!(find(&t), None);
        // Multi-byte characters at the limit do not panic.
        assert_eq!(find(&"\u{4e2d}".repeat(SCAN_LIMIT)), None);
    }

    #[test]
    fn parse_dates() {
        let p = |s: &str| parse_date(s).map(|(d, n)| (d.year, d.month, d.day, n));
        assert_eq!(p("Dec. 15 (X"), Some((None, 12, 15, 7)));
        assert_eq!(p("Dec 15, 2015."), Some((Some(2015), 12, 15, 12)));
        assert_eq!(p("Sept. 4th 2016"), Some((Some(2016), 9, 4, 14)));
        assert_eq!(p("4 Sept"), Some((None, 9, 4, 6)));
        assert_eq!(p("15 December, 2015"), Some((Some(2015), 12, 15, 17)));
        assert_eq!(p("March 3, 2,000 attacks"), Some((None, 3, 3, 7)));
        assert_eq!(p("May. 4"), None);
        assert_eq!(p("march 3"), None);
        assert_eq!(p("Marching 3"), None);
        assert_eq!(p("32 March"), None);
        assert_eq!(p("12345-01-01"), None);
    }

    #[test]
    fn dateline_lines() {
        assert!(is_dateline_line("(Xinhua) Updated: 2015-12-15 13:19"));
        assert!(is_dateline_line("  2015-12-15  "));
        assert!(is_dateline_line("Published: 12 March 2021"));
        assert!(is_dateline_line("Tuesday, March 3, 2020"));
        assert!(!is_dateline_line(
            "Updated: 2015-12-15 after the talks ended"
        ));
        assert!(!is_dateline_line(
            "BEIJING, Dec. 15 (Xinhua) -- Delegates met."
        ));
        assert!(!is_dateline_line("Business / Technology"));
    }
}
