//! The time scanner: one left-to-right pass over a sentence's tokens that finds every
//! time expression (dates, relative references, periods, lengths, times of day) and
//! resolves it against the document date. Date claims, periods and temporal token ranges
//! are all views of its output, so the three never disagree.
//!
//! Nothing here reads the clock: without a document date, relative expressions keep only
//! their length.

use super::calendar::{
    add_days, add_months, add_years, days_inclusive, month_end, month_start, months_days,
    week_start, weekday_on_or_after, weekday_on_or_before, years_days, ymd,
};
use super::lex::{classify, is_anchor, Unit, C, K};
use crate::claims::date::Granularity;
use crate::claims::names::{Sent, NUM, TIME_ANCHOR};
use crate::claims::Ctx;
use jiff::civil::{Date, Weekday};
use std::cell::Cell;
use std::ops::Range;

/// What a date expression denotes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DateVal {
    pub start: Option<Date>,
    pub end: Option<Date>,
    pub granularity: Granularity,
    pub weekday: Option<Weekday>,
    pub relative: bool,
    pub resolved: bool,
    /// Length in days (min, max): exact when resolved.
    pub days: (f64, f64),
}

impl DateVal {
    /// A resolved date or range from `s` to `e` (inclusive).
    pub fn resolved(
        s: Date,
        e: Date,
        granularity: Granularity,
        weekday: Option<Weekday>,
        relative: bool,
    ) -> DateVal {
        DateVal {
            start: Some(s),
            end: Some(e),
            granularity,
            weekday,
            relative,
            resolved: true,
            days: exact_days(s, e),
        }
    }
}

/// The stretch of time an expression says a figure covers.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PeriodVal {
    pub start: Option<Date>,
    pub end: Option<Date>,
    pub days: (f64, f64),
    pub resolved: bool,
}

/// One time expression of a sentence. All ranges are token ranges into `ctx.tokens`.
#[derive(Debug, Clone, PartialEq)]
pub struct TimeExpr {
    /// Every token the expression occupies (with its preposition and a possessive "'s").
    pub range: Range<usize>,
    /// The date it names, when it names one, with the tokens that name it.
    pub date: Option<(Range<usize>, DateVal)>,
    /// The period it states for a figure, when it states one.
    pub period: Option<(Range<usize>, PeriodVal)>,
    /// A time of day ("3 p.m.", "13:19").
    pub time_of_day: bool,
}

/// [`scan`], computed once per sentence and kept in its [`Ctx`]: the date extractor, the
/// period finder and the temporal ranges all ask about the same sentence.
pub fn scan_cached<'c>(ctx: &'c Ctx) -> &'c [TimeExpr] {
    ctx.memo.time.get_or_init(|| scan(ctx))
}

/// Scans one sentence.
pub fn scan(ctx: &Ctx) -> Vec<TimeExpr> {
    let mut out = Vec::new();
    if ctx.tokens.is_empty() {
        return out;
    }
    // every expression holds an anchor (see below), which only a number or a token with
    // `TIME_ANCHOR` can be: without one, no token need be classified
    if !Sent::new(ctx).any(NUM | TIME_ANCHOR) {
        return out;
    }
    let s = Scan {
        ctx,
        c: classify(ctx),
        doc: ctx.doc.date,
        future: Cell::new(None),
    };
    // an expression found at `i` holds an anchor at `i` or after it (what the patterns look
    // at before `i` only rules matches out): no expression starts after the last anchor,
    // and a sentence with no anchor has none
    let Some(last_anchor) = s.c.iter().rposition(|&c| is_anchor(c)) else {
        return out;
    };
    let mut i = 0;
    while i <= last_anchor {
        // no pattern starts at an ordinary word or punctuation (but "'90s")
        if matches!(s.c[i], C::Other) || matches!(s.c[i], C::P(p) if p != b'\'') {
            i += 1;
            continue;
        }
        match s.at(i) {
            Some(e) if e.range.end > i => {
                i = e.range.end;
                out.push(e);
            }
            _ => i += 1,
        }
    }
    out
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Rel {
    Bare,
    Last,
    This,
    Next,
}

/// A calendar expression before resolution.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Atom {
    Day {
        y: Option<i32>,
        m: i32,
        d: i32,
    },
    Month {
        y: Option<i32>,
        m: i32,
    },
    Year(i32),
    /// "2010-2015", "2015-16" (season: the second year follows the first).
    Years(i32, i32, bool),
    Decade(i32),
    Weekday(Weekday, Rel),
    /// A numeric date whose day/month order cannot be told ("05/06/2015").
    Unknown,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum HitKind {
    Atom(Atom, Option<Weekday>),
    /// Two atoms: a range ("from Wednesday to Friday").
    Span(Atom, Atom),
    /// An already resolved date (relative references).
    Date(DateVal),
    /// The same, owning the qualifier before it ("less than a week away").
    DateWithPrep(DateVal),
    /// A period only: a length, or a stretch back from the document date.
    Period(PeriodVal),
    Time,
}

#[derive(Debug, Clone)]
struct Hit {
    core: Range<usize>,
    /// Temporal end (≥ core.end): includes a possessive "'s".
    end: usize,
    kind: HitKind,
}

struct Scan<'c, 'a> {
    ctx: &'c Ctx<'a>,
    c: Vec<C>,
    doc: Option<Date>,
    future: Cell<Option<bool>>,
}

fn unit_days(u: Unit, n: f64) -> (f64, f64) {
    match u {
        Unit::Second => (n / 86400.0, n / 86400.0),
        Unit::Minute => (n / 1440.0, n / 1440.0),
        Unit::Hour => (n / 24.0, n / 24.0),
        Unit::Day => (n, n),
        Unit::Week => (7.0 * n, 7.0 * n),
        Unit::Fortnight => (14.0 * n, 14.0 * n),
        Unit::Month => whole(n, months_days),
        Unit::Quarter => whole(n * 3.0, months_days),
        Unit::Year => whole(n, years_days),
        Unit::Decade => whole(n * 10.0, years_days),
        Unit::Century => whole(n * 100.0, years_days),
    }
}

fn whole(n: f64, f: fn(u32) -> (f64, f64)) -> (f64, f64) {
    if n >= 0.0 && n.fract() == 0.0 && n < 1.0e6 {
        f(n as u32)
    } else {
        (0.0, 0.0)
    }
}

fn exact_days(s: Date, e: Date) -> (f64, f64) {
    let d = days_inclusive(s, e).unwrap_or(0) as f64;
    (d, d)
}

/// Words after "today's" that make it mean "nowadays".
fn generic_today(w: &str) -> bool {
    matches!(
        w,
        "world"
            | "society"
            | "age"
            | "era"
            | "times"
            | "generation"
            | "economy"
            | "youth"
            | "standards"
            | "market"
            | "environment"
            | "climate"
            | "internet"
            | "digital"
            | "children"
            | "young"
            | "modern"
            | "technology"
            | "globalized"
            | "globalised"
            | "interconnected"
            | "fast"
    )
}

/// Nouns after a four-digit number that make it a count, not a year.
fn count_noun(w: &str) -> bool {
    matches!(
        w,
        "people"
            | "persons"
            | "men"
            | "women"
            | "children"
            | "staff"
            | "police"
            | "yuan"
            | "yen"
            | "won"
            | "rupees"
            | "dollars"
            | "euros"
            | "pounds"
            | "percent"
            | "per"
            | "km"
            | "kilometres"
            | "kilometers"
            | "miles"
            | "metres"
            | "meters"
            | "m"
            | "feet"
            | "ft"
            | "kg"
            | "tonnes"
            | "tons"
            | "hectares"
            | "acres"
            | "times"
            | "other"
            | "more"
            | "new"
            | "additional"
            | "extra"
            | "units"
            | "cases"
            | "delegates"
            | "representatives"
            | "participants"
            | "workers"
            | "employees"
            | "members"
            | "residents"
            | "students"
            | "soldiers"
            | "troops"
            | "visitors"
            | "passengers"
            | "patients"
            | "voters"
            | "households"
            | "families"
            | "votes"
    )
}

fn plural_looking(w: &str) -> bool {
    let b = w.as_bytes();
    b.len() >= 4
        && b[b.len() - 1] == b's'
        && !matches!(b[b.len() - 2], b's' | b'u' | b'i' | b'\'')
        && b.iter().all(|c| c.is_ascii_lowercase())
}

const TIME_ZONES: &[&str] = &[
    "GMT", "UTC", "BST", "EST", "EDT", "CST", "CDT", "PST", "PDT", "MST", "MDT", "CET", "CEST",
    "EET", "JST", "KST", "IST", "HKT", "SGT", "AEST", "AEDT", "ET", "PT", "CT", "MT",
];

impl<'c, 'a> Scan<'c, 'a> {
    fn c(&self, i: usize) -> C {
        self.c.get(i).copied().unwrap_or(C::Other)
    }
    fn kw(&self, i: usize, k: K) -> bool {
        self.c(i) == C::Kw(k)
    }
    fn p(&self, i: usize, ch: u8) -> bool {
        self.c(i) == C::P(ch)
    }
    fn joined(&self, i: usize) -> bool {
        self.ctx.joined(i)
    }
    /// Token `i` is the punctuation `ch` glued to both neighbours.
    fn glue(&self, i: usize, ch: u8) -> bool {
        self.p(i, ch) && self.joined(i) && self.joined(i + 1)
    }
    fn lower_is(&self, i: usize, f: fn(&str) -> bool) -> bool {
        let mut buf = [0u8; 16];
        super::lex::lower_into(self.ctx.tok(i), &mut buf).is_some_and(|(w, _)| f(w))
    }
    fn possessive(&self, i: usize) -> bool {
        let t = self.ctx.tok(i);
        t.ends_with("'s") || t.ends_with("\u{2019}s")
    }
    /// A four-digit number that may be a year.
    fn year_num(&self, i: usize) -> Option<i32> {
        match self.c(i) {
            C::Num(y, 4) if (1000..=2999).contains(&y) => Some(y as i32),
            _ => None,
        }
    }
    fn day_num(&self, i: usize) -> Option<i32> {
        match self.c(i) {
            C::Num(d, 1..=2) if (1..=31).contains(&d) => Some(d as i32),
            _ => None,
        }
    }
    /// The sentence speaks of the future ("will", "upcoming", "to be held", "tomorrow",
    /// "soon", "due").
    fn future(&self) -> bool {
        if let Some(f) = self.future.get() {
            return f;
        }
        let mut f = false;
        for (i, c) in self.c.iter().enumerate() {
            if matches!(
                c,
                C::Kw(K::Will | K::Upcoming | K::Next | K::Coming | K::Tomorrow)
            ) || (self.ctx.is(i, "to") && self.ctx.is(i + 1, "be"))
                || self.ctx.is(i, "scheduled")
                || self.ctx.is(i, "shall")
                || self.ctx.is(i, "soon")
                || self.ctx.is(i, "due")
            {
                f = true;
                break;
            }
            if *c == C::Other {
                let t = self.ctx.tok(i);
                if t.ends_with("'ll") || t.ends_with("\u{2019}ll") {
                    f = true;
                    break;
                }
            }
        }
        self.future.set(Some(f));
        f
    }

    /// The sentence speaks of the past ("was", "had", "-ed" verbs) and not of the future.
    fn past(&self) -> bool {
        if self.future() {
            return false;
        }
        (0..self.c.len()).any(|i| {
            if self.c[i] != C::Other || !self.ctx.is_word(i) {
                return false;
            }
            let t = self.ctx.tok(i);
            matches!(t, "was" | "were" | "had" | "did" | "said")
                || (t.len() >= 5 && t.ends_with("ed") && t.bytes().all(|b| b.is_ascii_lowercase()))
        })
    }

    /// A number of units: digits, a number word ("twenty-five"), "a"/"an" (1), or
    /// "few"/"several" (unknown). Returns the count and the next index.
    fn count(&self, i: usize) -> Option<(Option<f64>, usize, bool)> {
        match self.c(i) {
            C::Num(v, 1..=4) => Some((Some(f64::from(v)), i + 1, false)),
            C::NumX => {
                let t = self.ctx.tok(i);
                if t.contains(',') {
                    return None;
                }
                t.parse::<f64>().ok().map(|v| (Some(v), i + 1, false))
            }
            C::NumW(n) => {
                if n >= 20 && n % 10 == 0 && self.glue(i + 1, b'-') {
                    if let C::NumW(u) = self.c(i + 2) {
                        if u < 10 {
                            return Some((Some(f64::from(n + u)), i + 3, false));
                        }
                    }
                }
                Some((Some(f64::from(n)), i + 1, false))
            }
            C::Kw(K::A) => {
                if self.kw(i + 1, K::Few) {
                    Some((None, i + 2, false))
                } else {
                    Some((Some(1.0), i + 1, true))
                }
            }
            C::Kw(K::Few | K::Several) => Some((None, i + 1, false)),
            _ => None,
        }
    }

    /// A time unit at `i` ("second" only when it is not an ordinal).
    fn unit(&self, i: usize) -> Option<(Unit, bool)> {
        match self.c(i) {
            C::Unit(Unit::Minute, false) if super::is_ordinal_use(self.ctx, i) => None,
            C::Unit(u, p) => Some((u, p)),
            C::Ord(2) if self.ctx.is(i, "second") && !super::is_ordinal_use(self.ctx, i) => {
                Some((Unit::Second, false))
            }
            _ => None,
        }
    }

    // ---- the scan -------------------------------------------------------------------

    fn at(&self, i: usize) -> Option<TimeExpr> {
        // a preposition (or "less than") leads the expression
        let (prep, j) = match self.c(i) {
            C::Kw(
                k @ (K::In
                | K::During
                | K::Over
                | K::For
                | K::Within
                | K::Throughout
                | K::Since
                | K::On
                | K::From
                | K::Between
                | K::By
                | K::Until
                | K::Before
                | K::After
                | K::Through
                | K::Of
                | K::To
                | K::Under
                | K::At),
            ) => (Some(k), i + 1),
            C::Kw(K::Less | K::More) if self.kw(i + 1, K::Than) => (Some(K::Less), i + 2),
            _ => (None, i),
        };
        if prep.is_some() {
            let hit = self.expr(j, prep)?;
            return self.finish(i, prep, hit);
        }
        let hit = self.expr(i, None)?;
        self.finish(i, None, hit)
    }

    fn expr(&self, j: usize, prep: Option<K>) -> Option<Hit> {
        if j >= self.c.len() {
            return None;
        }
        if let Some(e) = self.time_of_day(j) {
            return Some(Hit {
                core: j..e,
                end: e,
                kind: HitKind::Time,
            });
        }
        if let Some(h) = self.relative_word(j) {
            return Some(h);
        }
        if let Some(h) = self.part_of_year(j) {
            return Some(h);
        }
        if let Some(h) = self.past_n(j) {
            return Some(h);
        }
        if let Some(h) = self.relative_unit(j) {
            return Some(h);
        }
        if let Some(h) = self.counted(j, prep) {
            return Some(h);
        }
        if let Some(h) = self.frequency(j) {
            return Some(h);
        }
        if let Some(h) = self.calendar(j, prep) {
            return Some(h);
        }
        // "the 1990s", "the 2015-16 season"
        if self.kw(j, K::The) {
            if let Some(mut h) = self.calendar(j + 1, prep) {
                if matches!(h.kind, HitKind::Atom(Atom::Decade(_) | Atom::Years(..), _)) {
                    h.core.start = j;
                    return Some(h);
                }
            }
        }
        None
    }

    /// Builds the expression from a hit: which parts are a date claim and a period.
    fn finish(&self, i: usize, prep: Option<K>, hit: Hit) -> Option<TimeExpr> {
        let covering = matches!(
            prep,
            Some(K::In | K::During | K::Over | K::For | K::Within | K::Throughout | K::On)
                | Some(K::From | K::Between)
        );
        let core = hit.core.clone();
        let (dv, date_core, mut period, takes_prep) = match hit.kind {
            HitKind::Time => {
                return Some(TimeExpr {
                    range: core,
                    date: None,
                    period: None,
                    time_of_day: true,
                })
            }
            HitKind::Period(p) => {
                let lead = if covering { i } else { core.start };
                return Some(TimeExpr {
                    range: lead..hit.end,
                    date: None,
                    period: Some((lead..core.end, p)),
                    time_of_day: false,
                });
            }
            HitKind::Date(dv) => (dv, core.clone(), self.period_of(prep, &dv, covering), false),
            HitKind::DateWithPrep(dv) => (dv, i..core.end, self.period_of(None, &dv, true), true),
            HitKind::Atom(a, wd) => {
                let dv = self.resolve(a, wd)?;
                // a bare year names a date but states no period ("the 2015 report"), nor
                // does "from 2015" without an end
                let period = if (matches!(a, Atom::Year(_) | Atom::Decade(_))
                    && matches!(prep, None | Some(K::Less)))
                    || prep == Some(K::From)
                {
                    None
                } else if let Atom::Years(_, _, true) = a {
                    // a season or fiscal year: about a year, somewhere in those two years
                    self.period_of(prep, &dv, covering).map(|_| PeriodVal {
                        start: None,
                        end: None,
                        days: years_days(1),
                        resolved: false,
                    })
                } else {
                    self.period_of(prep, &dv, covering)
                };
                (dv, core.clone(), period, false)
            }
            HitKind::Span(a, b) => {
                let dv = self.resolve_span(a, b)?;
                let date_core = if matches!(prep, Some(K::From | K::Between)) {
                    i..core.end
                } else {
                    core.clone()
                };
                (dv, date_core, self.period_of(prep, &dv, covering), false)
            }
        };
        if period.as_ref().is_some_and(|p| p.days.1 <= 0.0) {
            period = None;
        }
        let lead = if takes_prep || (period.is_some() && (covering || prep == Some(K::Since))) {
            i
        } else {
            date_core.start
        };
        let lead = lead.min(date_core.start);
        Some(TimeExpr {
            range: lead..hit.end.max(date_core.end),
            period: period.map(|p| (lead..date_core.end.max(core.end), p)),
            date: Some((date_core, dv)),
            time_of_day: false,
        })
    }

    fn period_of(&self, prep: Option<K>, dv: &DateVal, covering: bool) -> Option<PeriodVal> {
        match prep {
            Some(K::Since) => {
                // "since 2010": from then to the document date
                let (s, d) = (dv.start?, self.doc?);
                if s > d {
                    return None;
                }
                Some(PeriodVal {
                    start: Some(s),
                    end: Some(d),
                    days: exact_days(s, d),
                    resolved: true,
                })
            }
            None | Some(K::Less) => Some(PeriodVal {
                start: dv.start,
                end: dv.end,
                days: dv.days,
                resolved: dv.resolved,
            }),
            Some(_) if covering => Some(PeriodVal {
                start: dv.start,
                end: dv.end,
                days: dv.days,
                resolved: dv.resolved,
            }),
            _ => None,
        }
    }

    // ---- times of day -----------------------------------------------------------------

    fn ampm(&self, j: usize) -> Option<usize> {
        if matches!(self.c(j), C::Kw(K::Am | K::Pm)) {
            return Some(j + 1);
        }
        let t = self.ctx.tok(j);
        if (t.eq_ignore_ascii_case("a") || t.eq_ignore_ascii_case("p"))
            && self.p(j + 1, b'.')
            && self.joined(j + 1)
            && self.ctx.is(j + 2, "m")
            && self.joined(j + 2)
        {
            let mut e = j + 3;
            if self.p(e, b'.') && self.joined(e) {
                e += 1;
            }
            return Some(e);
        }
        None
    }

    fn tz_end(&self, j: usize) -> usize {
        let t = self.ctx.tok(j);
        if TIME_ZONES.contains(&t) {
            return j + 1;
        }
        if self.ctx.is(j + 1, "time") && (self.ctx.is(j, "local") || self.ctx.is_capitalised(j)) {
            return j + 2;
        }
        j
    }

    fn time_of_day(&self, i: usize) -> Option<usize> {
        match self.c(i) {
            C::Kw(K::Noon | K::Midnight) => Some(self.tz_end(i + 1)),
            C::Num(h, 1..=2) => {
                if self.glue(i + 1, b':') {
                    if let C::Num(mm, 2) = self.c(i + 2) {
                        if h <= 24 && mm <= 59 {
                            let mut e = i + 3;
                            if self.glue(e, b':') && matches!(self.c(e + 1), C::Num(_, 2)) {
                                e += 2;
                            }
                            let e = self.ampm(e).unwrap_or(e);
                            return Some(self.tz_end(e));
                        }
                    }
                }
                if (1..=12).contains(&h) {
                    if let Some(e) = self.ampm(i + 1) {
                        return Some(self.tz_end(e));
                    }
                    if self.kw(i + 1, K::OClock) {
                        return Some(self.tz_end(i + 2));
                    }
                }
                None
            }
            C::NumX => {
                // "9.30am", "9.30 p.m."
                let (h, m) = self.ctx.tok(i).split_once('.')?;
                let ok = (1..=2).contains(&h.len())
                    && m.len() == 2
                    && h.parse::<u32>().is_ok_and(|h| (1..=12).contains(&h))
                    && m.parse::<u32>().is_ok_and(|m| m <= 59);
                if ok {
                    self.ampm(i + 1).map(|e| self.tz_end(e))
                } else {
                    None
                }
            }
            C::Num(v, 4) if v % 100 <= 59 && v / 100 <= 24 => {
                // "0900 GMT"
                let e = self.tz_end(i + 1);
                (e > i + 1 && TIME_ZONES.contains(&self.ctx.tok(i + 1))).then_some(e)
            }
            _ => None,
        }
    }

    // ---- relative references ------------------------------------------------------------

    fn day_offset(&self, core: Range<usize>, end: usize, off: i64) -> Hit {
        let d = self.doc.and_then(|d| add_days(d, off));
        Hit {
            core,
            end,
            kind: HitKind::Date(DateVal {
                start: d,
                end: d,
                granularity: Granularity::Day,
                weekday: None,
                relative: true,
                resolved: d.is_some(),
                days: (1.0, 1.0),
            }),
        }
    }

    fn part_of_day(&self, i: usize) -> bool {
        matches!(
            self.c(i),
            C::Kw(K::Morning | K::Afternoon | K::Evening | K::Night)
        )
    }

    fn relative_word(&self, i: usize) -> Option<Hit> {
        let off = match self.c(i) {
            C::Kw(K::Yesterday) => -1,
            C::Kw(K::Today) => {
                if self.possessive(i) && self.lower_is(i + 1, generic_today) {
                    return None;
                }
                0
            }
            C::Kw(K::Tomorrow) => 1,
            C::Kw(K::Tonight) => 0,
            C::Kw(K::Last) if self.kw(i + 1, K::Night) => {
                return Some(self.day_offset(i..i + 2, i + 2, -1));
            }
            C::Kw(K::This) if self.part_of_day(i + 1) => {
                return Some(self.day_offset(i..i + 2, i + 2, 0));
            }
            _ => return None,
        };
        let mut e = i + 1;
        if !self.possessive(i) && self.part_of_day(e) {
            e += 1;
        }
        Some(self.day_offset(i..e, e, off))
    }

    /// "last year", "this month", "next week", "earlier this month", "last Friday",
    /// "this weekend", "last March".
    fn relative_unit(&self, i: usize) -> Option<Hit> {
        let mut j = i;
        if matches!(self.c(j), C::Kw(K::Earlier | K::Later | K::Early | K::Late)) {
            j += 1;
        } else if self.kw(j, K::Mid) {
            j += 1;
            if self.glue(j, b'-') {
                j += 1;
            }
        }
        let (rel, step) = match self.c(j) {
            C::Kw(K::Last) => (Rel::Last, -1i64),
            C::Kw(K::This) => (Rel::This, 0),
            C::Kw(K::Next) => (Rel::Next, 1),
            _ => return None,
        };
        let k = j + 1;
        let end = k + 1;
        let unresolved = |g: Granularity, days: (f64, f64)| DateVal {
            start: None,
            end: None,
            granularity: g,
            weekday: None,
            relative: true,
            resolved: false,
            days,
        };
        let doc = self.doc;
        let mk = |g: Granularity, se: Option<(Date, Date)>, days: (f64, f64)| -> Hit {
            let dv = match se {
                Some((s, e)) => DateVal::resolved(s, e, g, None, true),
                None => unresolved(g, days),
            };
            Hit {
                core: i..end,
                end,
                kind: HitKind::Date(dv),
            }
        };
        match self.c(k) {
            C::Unit(Unit::Year, false) => {
                let se = doc.and_then(|d| {
                    let y = i32::from(d.year()) + step as i32;
                    Some((ymd(y, 1, 1)?, ymd(y, 12, 31)?))
                });
                Some(mk(Granularity::Year, se, years_days(1)))
            }
            C::Unit(Unit::Month, false) => {
                let se = doc.and_then(|d| {
                    let m = add_months(d.first_of_month(), step)?;
                    Some((m, m.last_of_month()))
                });
                Some(mk(Granularity::Month, se, months_days(1)))
            }
            C::Unit(Unit::Week, false) => {
                let se = doc.and_then(|d| {
                    let s = add_days(week_start(d)?, 7 * step)?;
                    Some((s, add_days(s, 6)?))
                });
                Some(mk(Granularity::Week, se, (7.0, 7.0)))
            }
            C::Unit(Unit::Quarter, false) => {
                let se = doc.and_then(|d| {
                    let q0 = (i32::from(d.month()) - 1) / 3;
                    let s = add_months(month_start(i32::from(d.year()), q0 * 3 + 1)?, 3 * step)?;
                    Some((s, add_days(add_months(s, 3)?, -1)?))
                });
                Some(mk(Granularity::Quarter, se, months_days(3)))
            }
            C::Unit(Unit::Decade, false) if rel == Rel::This => {
                let se = doc.and_then(|d| {
                    let y = i32::from(d.year()) / 10 * 10;
                    Some((ymd(y, 1, 1)?, ymd(y + 9, 12, 31)?))
                });
                Some(mk(Granularity::Range, se, years_days(10)))
            }
            C::Kw(K::Weekend) => {
                let se = doc.and_then(|d| {
                    let sat = match rel {
                        Rel::Last => add_days(weekday_on_or_before(d, Weekday::Sunday, true)?, -1)?,
                        Rel::Next => add_days(
                            weekday_on_or_after(d, Weekday::Saturday, true)?,
                            if d.weekday() == Weekday::Saturday || d.weekday() == Weekday::Sunday {
                                0
                            } else {
                                7
                            },
                        )?,
                        _ => {
                            if d.weekday() == Weekday::Sunday {
                                add_days(d, -1)?
                            } else {
                                weekday_on_or_after(d, Weekday::Saturday, false)?
                            }
                        }
                    };
                    Some((sat, add_days(sat, 1)?))
                });
                Some(mk(Granularity::Range, se, (2.0, 2.0)))
            }
            C::Wd(w, false) => Some(Hit {
                core: i..end,
                end,
                kind: HitKind::Atom(Atom::Weekday(w, rel), Some(w)),
            }),
            C::Month(m, false) => {
                let m = i32::from(m);
                let se = doc.and_then(|d| {
                    let (y, dm) = (i32::from(d.year()), i32::from(d.month()));
                    let y = match rel {
                        Rel::Last => {
                            if m < dm {
                                y
                            } else {
                                y - 1
                            }
                        }
                        Rel::Next => {
                            if m > dm {
                                y
                            } else {
                                y + 1
                            }
                        }
                        _ => y,
                    };
                    Some((month_start(y, m)?, month_end(y, m)?))
                });
                Some(mk(Granularity::Month, se, months_days(1)))
            }
            _ => None,
        }
    }

    /// "the past five years", "the last 12 months", "the next decade", "past year".
    fn past_n(&self, i: usize) -> Option<Hit> {
        let mut j = i;
        let the = self.kw(j, K::The);
        if the {
            j += 1;
        }
        let dir = match self.c(j) {
            C::Kw(K::Past) => -1i64,
            C::Kw(K::Last) => -1,
            C::Kw(K::Next | K::Coming) => 1,
            C::Kw(K::Previous | K::Following) => 0,
            _ => return None,
        };
        j += 1;
        let (n, k) = match self.count(j) {
            Some((n, k, false)) => (n, k),
            Some((_, _, true)) => return None,
            None => {
                // no count: "the past year" (for "last"/"next" only with "the")
                if !the && !self.kw(i, K::Past) {
                    return None;
                }
                (Some(1.0), j)
            }
        };
        let (u, _) = self.unit(k)?;
        if matches!(u, Unit::Second | Unit::Minute) {
            return None;
        }
        let end = k + 1;
        let days_len = match n {
            Some(n) => unit_days(u, n),
            None => {
                let (lo, _) = unit_days(u, 2.0);
                let (_, hi) = unit_days(u, 9.0);
                (lo, hi)
            }
        };
        let mut pv = PeriodVal {
            start: None,
            end: None,
            days: days_len,
            resolved: false,
        };
        if let (Some(doc), Some(n), true) = (self.doc, n, dir != 0) {
            if n.fract() == 0.0 && n > 0.0 && n < 10000.0 && u != Unit::Hour {
                let n = n as i64;
                let shifted = match u {
                    Unit::Day => add_days(doc, dir * n),
                    Unit::Week => add_days(doc, dir * 7 * n),
                    Unit::Fortnight => add_days(doc, dir * 14 * n),
                    Unit::Month => add_months(doc, dir * n),
                    Unit::Quarter => add_months(doc, dir * 3 * n),
                    Unit::Year => add_years(doc, dir * n),
                    Unit::Decade => add_years(doc, dir * 10 * n),
                    Unit::Century => add_years(doc, dir * 100 * n),
                    _ => None,
                };
                let se = shifted.and_then(|t| {
                    if dir < 0 {
                        Some((add_days(t, 1)?, doc))
                    } else {
                        Some((add_days(doc, 1)?, t))
                    }
                });
                if let Some((s, e)) = se {
                    pv = PeriodVal {
                        start: Some(s),
                        end: Some(e),
                        days: exact_days(s, e),
                        resolved: true,
                    };
                }
            }
        }
        Some(Hit {
            core: i..end,
            end,
            kind: HitKind::Period(pv),
        })
    }

    /// Quarters, halves and the first/last N months of a year: "the third quarter of 2015",
    /// "Q3 2021", "the first half", "the first nine months of 2015", "H1 2020".
    fn part_of_year(&self, i: usize) -> Option<Hit> {
        let mut j = i;
        if self.kw(j, K::The) {
            j += 1;
        }
        // (first month, last month, granularity)
        let (m1, m2, g, mut e) = match self.c(j) {
            C::Q(q) => {
                let q = i32::from(q);
                (q * 3 - 2, q * 3, Granularity::Quarter, j + 1)
            }
            C::H(h) => {
                let h = i32::from(h);
                (h * 6 - 5, h * 6, Granularity::Range, j + 1)
            }
            c @ (C::Ord(_) | C::Kw(K::Final | K::Last)) => {
                let ord = match c {
                    C::Ord(o) => i32::from(o),
                    _ => 0, // last
                };
                let mut k = j + 1;
                if self.glue(k, b'-') {
                    k += 1;
                }
                match self.c(k) {
                    C::Unit(Unit::Quarter, false) if ord <= 4 => {
                        let q = if ord == 0 { 4 } else { ord };
                        (q * 3 - 2, q * 3, Granularity::Quarter, k + 1)
                    }
                    C::Kw(K::Half) if ord <= 2 => {
                        let h = if ord == 0 { 2 } else { ord };
                        (h * 6 - 5, h * 6, Granularity::Range, k + 1)
                    }
                    _ if ord <= 1 => {
                        let (n, k2, a) = self.count(k)?;
                        let n = n?;
                        if a || n.fract() != 0.0 || !(1.0..=12.0).contains(&n) {
                            return None;
                        }
                        if self.c(k2) != C::Unit(Unit::Month, true)
                            && self.c(k2) != C::Unit(Unit::Month, false)
                        {
                            return None;
                        }
                        let n = n as i32;
                        if ord == 1 {
                            (1, n, Granularity::Range, k2 + 1)
                        } else {
                            (13 - n, 12, Granularity::Range, k2 + 1)
                        }
                    }
                    _ => return None,
                }
            }
            _ => return None,
        };
        // the year
        let mut year: Option<i32> = None;
        let mut rel_year: Option<i64> = None;
        if let Some(y) = self.year_num(e) {
            year = Some(y);
            e += 1;
        } else if self.kw(e, K::Of) {
            if let Some(y) = self.year_num(e + 1) {
                year = Some(y);
                e += 2;
            } else if self.kw(e + 1, K::The) && self.c(e + 2) == C::Unit(Unit::Year, false) {
                rel_year = Some(0);
                e += 3;
            } else if let (C::Kw(k), C::Unit(Unit::Year, false)) = (self.c(e + 1), self.c(e + 2)) {
                rel_year = Some(match k {
                    K::Last => -1,
                    K::This => 0,
                    K::Next => 1,
                    _ => return None,
                });
                e += 3;
            } else {
                // "the first half of the match": not a part of a year
                return None;
            }
        }
        if self.kw(j, K::Last) && year.is_none() && rel_year.is_none() {
            // "the last quarter" alone is the past three months (see past_n)
            return None;
        }
        let core = i..e;
        let span_of =
            |y: i32| -> Option<(Date, Date)> { Some((month_start(y, m1)?, month_end(y, m2)?)) };
        let mut relative = false;
        let se = match (year, rel_year, self.doc) {
            (Some(y), _, _) => span_of(y),
            (None, Some(off), Some(d)) => {
                relative = true;
                span_of(i32::from(d.year()) + off as i32)
            }
            (None, None, Some(d)) => {
                relative = true;
                let y = i32::from(d.year());
                if self.future() {
                    [y - 1, y, y + 1]
                        .into_iter()
                        .filter_map(span_of)
                        .find(|(_, e)| *e >= d)
                } else {
                    [y + 1, y, y - 1]
                        .into_iter()
                        .filter_map(span_of)
                        .find(|(s, _)| *s <= d)
                }
            }
            (None, _, None) => {
                relative = true;
                None
            }
        };
        let months = (m2 - m1 + 1) as u32;
        let dv = match se {
            Some((s, en)) => DateVal {
                start: Some(s),
                end: Some(en),
                granularity: g,
                weekday: None,
                relative,
                resolved: true,
                days: exact_days(s, en),
            },
            None => {
                // fixed months: the length only depends on whether February has 29 days
                let days = match (span_of(2015), span_of(2016)) {
                    (Some((a, b)), Some((c, d))) => {
                        let x = exact_days(a, b).0;
                        let y = exact_days(c, d).0;
                        (x.min(y), x.max(y))
                    }
                    _ => months_days(months),
                };
                DateVal {
                    start: None,
                    end: None,
                    granularity: g,
                    weekday: None,
                    relative,
                    resolved: false,
                    days,
                }
            }
        };
        Some(Hit {
            core,
            end: e,
            kind: HitKind::Date(dv),
        })
    }

    /// A counted unit: "three days ago", "a week away", "a year earlier", "in 12 months",
    /// "over 10 days", "a year" (per year).
    fn counted(&self, i: usize, prep: Option<K>) -> Option<Hit> {
        let (n, j, is_a) = self.count(i)?;
        let (u, _plural) = self.unit(j)?;
        let k = j + 1;
        let (sign, end) = match self.c(k) {
            C::Kw(K::Ago) => (-1i64, k + 1),
            C::Kw(K::Away) => (1, k + 1),
            C::Kw(K::From) if self.kw(k + 1, K::Now) => (1, k + 2),
            C::Kw(K::Earlier | K::Before) => {
                // "a year earlier": the comparison period, one unit long
                if n != Some(1.0) || prep == Some(K::Less) {
                    return None;
                }
                return Some(Hit {
                    core: i..k + 1,
                    end: k + 1,
                    kind: HitKind::Period(PeriodVal {
                        start: None,
                        end: None,
                        days: unit_days(u, 1.0),
                        resolved: false,
                    }),
                });
            }
            C::Kw(K::Later | K::After) => return None,
            _ => {
                let len = |n: Option<f64>| PeriodVal {
                    start: None,
                    end: None,
                    days: n.map_or_else(
                        || {
                            let (lo, _) = unit_days(u, 2.0);
                            let (_, hi) = unit_days(u, 9.0);
                            (lo, hi)
                        },
                        |n| unit_days(u, n),
                    ),
                    resolved: false,
                };
                let hit = |p: PeriodVal| Hit {
                    core: i..k,
                    end: k,
                    kind: HitKind::Period(p),
                };
                if matches!(
                    prep,
                    Some(K::In | K::Over | K::For | K::Within | K::During | K::Throughout)
                ) {
                    return Some(hit(len(n)));
                }
                // "a year": a rate's period
                if is_a && prep.is_none() {
                    let prev_half = i > 0 && matches!(self.c(i - 1), C::Kw(K::Half) | C::Ord(_));
                    let and_half = self.kw(k, K::And) && self.kw(k + 1, K::A);
                    if u == Unit::Quarter || prev_half || and_half {
                        return None;
                    }
                    return Some(hit(len(Some(1.0))));
                }
                return None;
            }
        };
        // a date relative to the document date
        let g = match u {
            Unit::Week | Unit::Fortnight => Granularity::Week,
            Unit::Month => Granularity::Month,
            Unit::Quarter => Granularity::Quarter,
            Unit::Year => Granularity::Year,
            Unit::Decade | Unit::Century => Granularity::Range,
            _ => Granularity::Day,
        };
        let within = matches!(prep, Some(K::Less | K::Within | K::Under)) && sign > 0;
        let g = if within { Granularity::Range } else { g };
        let target = match (self.doc, n) {
            (Some(d), Some(n)) if n.fract() == 0.0 && (0.0..10000.0).contains(&n) => {
                let n = n as i64 * sign;
                match u {
                    Unit::Day => add_days(d, n),
                    Unit::Week => add_days(d, 7 * n),
                    Unit::Fortnight => add_days(d, 14 * n),
                    Unit::Month => add_months(d, n),
                    Unit::Quarter => add_months(d, 3 * n),
                    Unit::Year => add_years(d, n),
                    Unit::Decade => add_years(d, 10 * n),
                    Unit::Century => add_years(d, 100 * n),
                    Unit::Hour | Unit::Minute | Unit::Second => Some(d),
                }
            }
            _ => None,
        };
        let se = target.and_then(|t| {
            if within {
                return Some((add_days(self.doc?, 1)?, t));
            }
            match g {
                Granularity::Week => {
                    let s = week_start(t)?;
                    Some((s, add_days(s, 6)?))
                }
                Granularity::Month => Some((t.first_of_month(), t.last_of_month())),
                Granularity::Quarter => {
                    let q0 = (i32::from(t.month()) - 1) / 3;
                    let y = i32::from(t.year());
                    Some((month_start(y, q0 * 3 + 1)?, month_end(y, q0 * 3 + 3)?))
                }
                Granularity::Year => Some((t.first_of_year(), t.last_of_year())),
                _ => Some((t, t)),
            }
        });
        let dv = match se {
            Some((s, e)) if s <= e => DateVal::resolved(s, e, g, None, true),
            _ => DateVal {
                start: None,
                end: None,
                granularity: g,
                weekday: None,
                relative: true,
                resolved: false,
                days: match g {
                    Granularity::Day => (1.0, 1.0),
                    Granularity::Week => (7.0, 7.0),
                    Granularity::Month => months_days(1),
                    Granularity::Quarter => months_days(3),
                    Granularity::Year => years_days(1),
                    _ => n.map_or((1.0, 1.0), |n| (1.0, unit_days(u, n).1)),
                },
            },
        };
        Some(Hit {
            core: i..end,
            end,
            kind: if within && prep != Some(K::Within) {
                HitKind::DateWithPrep(dv)
            } else {
                HitKind::Date(dv)
            },
        })
    }

    /// "annually", "per year", "each year", "every second", "every two years", "per annum".
    fn frequency(&self, i: usize) -> Option<Hit> {
        let one = |u: Unit, end: usize| Hit {
            core: i..end,
            end,
            kind: HitKind::Period(PeriodVal {
                start: None,
                end: None,
                days: unit_days(u, 1.0),
                resolved: false,
            }),
        };
        match self.c(i) {
            C::Kw(K::Annually | K::Yearly) => Some(one(Unit::Year, i + 1)),
            C::Kw(K::Daily) => Some(one(Unit::Day, i + 1)),
            C::Kw(K::Weekly) => Some(one(Unit::Week, i + 1)),
            C::Kw(K::Monthly) => Some(one(Unit::Month, i + 1)),
            C::Kw(K::Quarterly) => Some(one(Unit::Quarter, i + 1)),
            C::Kw(K::Hourly) => Some(one(Unit::Hour, i + 1)),
            C::Kw(K::Per) if self.kw(i + 1, K::Annum) => Some(one(Unit::Year, i + 2)),
            C::Kw(K::Per | K::Each | K::Every) => {
                if let Some((u, _)) = self.unit(i + 1) {
                    return Some(one(u, i + 2));
                }
                if self.kw(i, K::Every) {
                    let (n, j, a) = self.count(i + 1)?;
                    let n = n?;
                    if a {
                        return None;
                    }
                    let (u, _) = self.unit(j)?;
                    return Some(Hit {
                        core: i..j + 1,
                        end: j + 1,
                        kind: HitKind::Period(PeriodVal {
                            start: None,
                            end: None,
                            days: unit_days(u, n),
                            resolved: false,
                        }),
                    });
                }
                None
            }
            _ => None,
        }
    }

    // ---- calendar dates -----------------------------------------------------------------

    /// Calendar expressions (with ranges): weekdays, month/day dates, numeric dates, years,
    /// decades, bare months after a preposition or modifier.
    fn calendar(&self, i: usize, prep: Option<K>) -> Option<Hit> {
        // "early 2015", "mid-March", "late December"
        let mut j = i;
        let mut modified = false;
        if matches!(self.c(j), C::Kw(K::Early | K::Late)) {
            j += 1;
            modified = true;
        } else if self.kw(j, K::Mid) {
            j += 1;
            if self.glue(j, b'-') {
                j += 1;
            }
            modified = true;
        }
        // "15-17 December 2015", "1 to 3 March"
        if let Some(h) = self.day_range_first(j) {
            return Some(Hit {
                core: i..h.core.end,
                ..h
            });
        }
        let (a, wd, core_end, end) = self.atom(j, prep.is_some() || modified)?;
        let mut core = i..core_end;
        let mut end = end;
        let mut kind = HitKind::Atom(a, wd);
        // a range: "2010 to 2015", "from Wednesday to Friday", "Dec. 15-17"
        if end == core_end && !matches!(a, Atom::Years(..) | Atom::Unknown) {
            let conn = match self.c(core_end) {
                C::Kw(K::To | K::Through | K::Until) => prep != Some(K::Between),
                C::P(b'-') => prep != Some(K::Between),
                C::Kw(K::And) => prep == Some(K::Between),
                _ => false,
            };
            if conn {
                if let Some((b, e2)) = self.range_end(core_end + 1, a) {
                    core = i..e2;
                    end = e2;
                    kind = HitKind::Span(a, b);
                }
            }
        }
        if matches!(kind, HitKind::Atom(..)) && prep == Some(K::Between) {
            // "between 2010 and ..." without a second date is not a range we know
            return None;
        }
        // "the 2015-16 season"
        if matches!(a, Atom::Years(..)) && self.kw(core.end, K::Season) {
            core.end += 1;
            end = end.max(core.end);
        }
        Some(Hit { core, end, kind })
    }

    /// One calendar atom at `i`: (atom, attached weekday, core end, temporal end).
    fn atom(&self, i: usize, bare_ok: bool) -> Option<(Atom, Option<Weekday>, usize, usize)> {
        match self.c(i) {
            C::Wd(w, abbr) => {
                let mut j = i + 1;
                if abbr && self.p(j, b'.') && self.joined(j) {
                    j += 1;
                }
                let k = if self.p(j, b',') { j + 1 } else { j };
                if let Some((a, e)) = self.date_atom(k) {
                    return Some((a, Some(w), e, e));
                }
                if self.p(j, b'(') {
                    if let Some((a, e)) = self.date_atom(j + 1) {
                        if self.p(e, b')') {
                            return Some((a, Some(w), e + 1, e + 1));
                        }
                    }
                }
                if abbr || !self.bare_weekday_ok(i) {
                    return None;
                }
                let mut e = i + 1;
                if self.part_of_day(e) {
                    e += 1;
                }
                Some((Atom::Weekday(w, Rel::Bare), Some(w), e, e))
            }
            C::Kw(K::The) => match self.date_atom(i) {
                Some((a @ Atom::Day { .. }, e)) => Some((a, None, e, e)),
                _ => None,
            },
            C::Month(..) | C::Num(..) | C::NumX => {
                if let Some((a, e)) = self.date_atom(i) {
                    // "Dec. 15 (Tuesday)"
                    if matches!(a, Atom::Day { .. } | Atom::Unknown) && self.p(e, b'(') {
                        if let C::Wd(w, _) = self.c(e + 1) {
                            if self.p(e + 2, b')') {
                                return Some((a, Some(w), e + 3, e + 3));
                            }
                        }
                    }
                    return Some((a, None, e, e));
                }
                if let C::Month(m, false) = self.c(i) {
                    if bare_ok {
                        return Some((
                            Atom::Month {
                                y: None,
                                m: i32::from(m),
                            },
                            None,
                            i + 1,
                            i + 1,
                        ));
                    }
                    return None;
                }
                self.year_atom(i)
            }
            C::P(b'\'') => {
                // "'90s"
                if let C::Num(v, 2) = self.c(i + 1) {
                    if self.joined(i + 1)
                        && self.joined(i + 2)
                        && self.ctx.tok(i + 2) == "s"
                        && v % 10 == 0
                    {
                        let y = if v >= 30 { 1900 + v } else { 2000 + v } as i32;
                        return Some((Atom::Decade(y), None, i + 3, i + 3));
                    }
                }
                None
            }
            _ => None,
        }
    }

    fn bare_weekday_ok(&self, i: usize) -> bool {
        if i > 0 && self.ctx.is_capitalised(i - 1) {
            let prev = self.ctx.tok(i - 1);
            if matches!(
                prev,
                "Good"
                    | "Black"
                    | "Cyber"
                    | "Super"
                    | "Ash"
                    | "Holy"
                    | "Maundy"
                    | "Easter"
                    | "Palm"
                    | "Bloody"
                    | "Shrove"
                    | "Whit"
                    | "Giving"
                    | "Low"
                    | "Trinity"
                    | "Orthodox"
                    | "Fat"
            ) {
                return false;
            }
        }
        !matches!(
            self.ctx.tok(i + 1),
            "Times"
                | "Telegraph"
                | "Mirror"
                | "Express"
                | "Post"
                | "Herald"
                | "Observer"
                | "Mail"
                | "Independent"
                | "Sport"
                | "Night"
                | "School"
                | "Review"
        )
    }

    /// A date with a day or a month and year: "December 15, 2015", "Dec. 15", "15 December",
    /// "the 15th of December", "March 2020", "2015-12-15", "15/12/2015".
    fn date_atom(&self, i: usize) -> Option<(Atom, usize)> {
        match self.c(i) {
            C::Month(..) => self.month_first(i),
            C::Num(..) | C::NumX => self.numeric_date(i).or_else(|| self.day_first(i)),
            C::Kw(K::The) if self.day_num(i + 1).is_some() => {
                let (a, e) = self.day_first(i + 1)?;
                Some((a, e))
            }
            _ => None,
        }
    }

    fn ord_suffix(&self, i: usize) -> bool {
        self.joined(i) && {
            let t = self.ctx.tok(i);
            matches!(t, "st" | "nd" | "rd" | "th" | "ST" | "ND" | "RD" | "TH")
        }
    }

    /// A year after a date, unless the number is a count ("Dec. 15, 2000 people").
    /// What follows a day of the month at token `e`: an ordinal suffix ("15th"), then an
    /// optional comma and a year ("Dec. 15, 2015"): (the year, the token after the date).
    fn after_day(&self, mut e: usize) -> (Option<i32>, usize) {
        if self.ord_suffix(e) {
            e += 1;
        }
        let k = if self.p(e, b',') { e + 1 } else { e };
        match self.trailing_year(k) {
            Some(y) => (Some(y), k + 1),
            None => (None, e),
        }
    }

    fn trailing_year(&self, k: usize) -> Option<i32> {
        let y = self.year_num(k)?;
        if self.joined(k + 1)
            && matches!(
                self.ctx.kind(k + 1),
                Some(crate::text::tokens::TokenKind::Word)
            )
        {
            return None;
        }
        if self.count_follows(k + 1, false) {
            return None;
        }
        Some(y)
    }

    fn month_first(&self, i: usize) -> Option<(Atom, usize)> {
        let C::Month(m, abbr) = self.c(i) else {
            return None;
        };
        let m = i32::from(m);
        let mut j = i + 1;
        if abbr && self.p(j, b'.') && self.joined(j) {
            j += 1;
        }
        if let Some(d) = self.day_num(j) {
            // not "May 3:30" (a time) or "March 15-year-old"
            let time_or_age =
                self.glue(j + 1, b':') || (self.glue(j + 1, b'-') && self.unit(j + 2).is_some());
            if !time_or_age {
                let (y, end) = self.after_day(j + 1);
                return Some((Atom::Day { y, m, d }, end));
            }
        }
        let k = if self.p(j, b',') { j + 1 } else { j };
        if let Some(y) = self.trailing_year(k) {
            return Some((Atom::Month { y: Some(y), m }, k + 1));
        }
        None
    }

    fn day_first(&self, i: usize) -> Option<(Atom, usize)> {
        let d = self.day_num(i)?;
        let mut e = i + 1;
        let suffix = self.ord_suffix(e);
        if suffix {
            e += 1;
        }
        if suffix && self.kw(e, K::Of) {
            e += 1;
        }
        let C::Month(m, abbr) = self.c(e) else {
            return None;
        };
        e += 1;
        if abbr && self.p(e, b'.') && self.joined(e) {
            e += 1;
        }
        let k = if self.p(e, b',') { e + 1 } else { e };
        if let Some(y) = self.trailing_year(k) {
            return Some((
                Atom::Day {
                    y: Some(y),
                    m: i32::from(m),
                    d,
                },
                k + 1,
            ));
        }
        Some((
            Atom::Day {
                y: None,
                m: i32::from(m),
                d,
            },
            e,
        ))
    }

    /// "15-17 December 2015", "1 to 3 March".
    fn day_range_first(&self, i: usize) -> Option<Hit> {
        let d1 = self.day_num(i)?;
        let k = match self.c(i + 1) {
            C::P(b'-') => i + 2,
            C::Kw(K::To) => i + 2,
            _ => return None,
        };
        self.day_num(k)?;
        let (b, e) = self.day_first(k)?;
        let Atom::Day { y, m, d: d2 } = b else {
            return None;
        };
        if d2 <= d1 {
            return None;
        }
        Some(Hit {
            core: i..e,
            end: e,
            kind: HitKind::Span(Atom::Day { y, m, d: d1 }, b),
        })
    }

    fn numeric_date(&self, i: usize) -> Option<(Atom, usize)> {
        if i > 0 && self.kw(i - 1, K::Version) {
            return None;
        }
        if let C::NumX = self.c(i) {
            // "15.12.2015", "2015.12.15"
            let t = self.ctx.tok(i);
            let mut parts = t.split('.');
            let (a, b, c) = (parts.next()?, parts.next()?, parts.next()?);
            if parts.next().is_some() || t.contains(',') {
                return None;
            }
            let num = |s: &str| s.parse::<i32>().ok();
            let atom = if a.len() == 4 && b.len() <= 2 && c.len() <= 2 {
                Atom::Day {
                    y: Some(num(a)?),
                    m: num(b)?,
                    d: num(c)?,
                }
            } else if c.len() == 4 && a.len() <= 2 && b.len() <= 2 {
                self.dm_order(num(a)?, num(b)?, num(c)?)?
            } else {
                return None;
            };
            return Some((atom, i + 1));
        }
        let C::Num(a, da) = self.c(i) else {
            return None;
        };
        let sep = match self.c(i + 1) {
            C::P(s @ (b'-' | b'/')) if self.glue(i + 1, s) => s,
            _ => return None,
        };
        let C::Num(b, db) = self.c(i + 2) else {
            return None;
        };
        if !(self.glue(i + 3, sep)) {
            return None;
        }
        let C::Num(c, dc) = self.c(i + 4) else {
            return None;
        };
        // a fourth group ("2015-12-15-33") is not a date
        if self.glue(i + 5, sep) {
            return None;
        }
        let (a, b, c) = (a as i32, b as i32, c as i32);
        let atom = if da == 4 && db <= 2 && dc <= 2 {
            if !(1000..=2999).contains(&a) {
                return None;
            }
            Atom::Day {
                y: Some(a),
                m: b,
                d: c,
            }
        } else if da <= 2 && db <= 2 && dc == 4 {
            if !(1000..=2999).contains(&c) {
                return None;
            }
            self.dm_order(a, b, c)?
        } else {
            return None;
        };
        if let Atom::Day { y: Some(y), m, d } = atom {
            ymd(y, m, d)?;
        }
        Some((atom, i + 5))
    }

    /// Day and month of "a/b/yyyy": the order is known when one of them exceeds 12.
    fn dm_order(&self, a: i32, b: i32, y: i32) -> Option<Atom> {
        if !(1..=31).contains(&a) || !(1..=31).contains(&b) {
            return None;
        }
        if a > 12 && b <= 12 {
            Some(Atom::Day {
                y: Some(y),
                m: b,
                d: a,
            })
        } else if b > 12 && a <= 12 {
            Some(Atom::Day {
                y: Some(y),
                m: a,
                d: b,
            })
        } else if a == b {
            Some(Atom::Day {
                y: Some(y),
                m: a,
                d: a,
            })
        } else if a <= 12 && b <= 12 {
            Some(Atom::Unknown)
        } else {
            None
        }
    }

    /// A four-digit number read as a year (or decade, or year range), when the context
    /// says it is one.
    fn year_atom(&self, i: usize) -> Option<(Atom, Option<Weekday>, usize, usize)> {
        let y = self.year_num(i)?;
        // glued letters: "1990s" is a decade, "2015km" is not a year
        if self.joined(i + 1) && self.ctx.is_word(i + 1) {
            if self.ctx.tok(i + 1) == "s" && y % 10 == 0 {
                return Some((Atom::Decade(y), None, i + 2, i + 2));
            }
            return None;
        }
        if self.p(i + 1, b'%') {
            return None;
        }
        // currency or a number sign before it
        if i > 0 {
            match self.c(i - 1) {
                C::P(b'$' | b'#' | b'+') if self.joined(i) => return None,
                C::Kw(K::Version) => return None,
                C::Num(..) | C::NumX => return None,
                C::Other if self.joined(i) && !self.ctx.is_word(i - 1) => return None,
                _ => {}
            }
            if self.ctx.is(i - 1, "No") || self.ctx.is(i - 1, "number") {
                return None;
            }
        }
        // ranges: "2010-2015", "2015-16", "2015/16"
        if (self.glue(i + 1, b'-') || self.glue(i + 1, b'/')) && !self.glue(i + 3, b'-') {
            match self.c(i + 2) {
                C::Num(y2, 4) => {
                    let y2 = y2 as i32;
                    if y2 > y && y2 - y <= 100 {
                        return Some((Atom::Years(y, y2, y2 == y + 1), None, i + 3, i + 3));
                    }
                    return None;
                }
                C::Num(yy, 2) => {
                    let yy = yy as i32;
                    let mut y2 = y - y % 100 + yy;
                    if y2 <= y {
                        y2 += 100;
                    }
                    if y2 == y + 1 {
                        return Some((Atom::Years(y, y2, true), None, i + 3, i + 3));
                    }
                    if self.p(i + 1, b'-') && (1..=12).contains(&yy) {
                        // ISO year-month "2015-12"
                        return Some((Atom::Month { y: Some(y), m: yy }, None, i + 3, i + 3));
                    }
                    if y2 - y <= 10 {
                        return Some((Atom::Years(y, y2, false), None, i + 3, i + 3));
                    }
                    return None;
                }
                _ => return None,
            }
        }
        if !self.year_context(i, y) {
            return None;
        }
        let mut end = i + 1;
        if self.glue(end, b'\'') && self.ctx.is(end + 1, "s") {
            end += 2;
        }
        Some((Atom::Year(y), None, i + 1, end))
    }

    /// Whether a plain four-digit number is used as a year.
    fn year_context(&self, i: usize, y: i32) -> bool {
        // a unit of measure or a currency after it makes it an amount: "2000 milligrams",
        // "to 1000 l", "2015 dollars"
        if crate::numbers::units::unit_at(self.ctx, i + 1).is_some()
            || crate::numbers::figure::currency_after(self.ctx, i + 1).is_some()
        {
            return false;
        }
        let prev = if i == 0 {
            None
        } else if self.glue(i - 1, b'-') && i >= 2 {
            // "mid-2015", "pre-2008"
            Some(i - 2)
        } else {
            Some(i - 1)
        };
        let prev_c = prev.map_or(C::Other, |p| self.c(p));
        // after "the" or a year preposition a plural noun does not make a count: "the
        // 2015 elections", "from 2010 levels"
        let lenient = matches!(
            prev_c,
            C::Kw(
                K::The
                    | K::In
                    | K::During
                    | K::Since
                    | K::Until
                    | K::Before
                    | K::After
                    | K::From
                    | K::Through
                    | K::Throughout
                    | K::Early
                    | K::Late
                    | K::Mid
                    | K::Fiscal
            )
        ) && (1900..=2100).contains(&y);
        if self.count_follows(i + 1, lenient) {
            return false;
        }
        if self.possessive_next(i) {
            return (1900..=2100).contains(&y);
        }
        match prev_c {
            C::Kw(
                K::In
                | K::During
                | K::Since
                | K::By
                | K::Until
                | K::Before
                | K::After
                | K::From
                | K::Through
                | K::Throughout
                | K::Of
                | K::Early
                | K::Late
                | K::Mid
                | K::Fiscal
                | K::To
                | K::And
                | K::For
                | K::The
                | K::Between,
            ) => return true,
            C::Kw(K::Approx | K::Over | K::Under | K::Than) => {
                // "about 2000 other ..." is a count; "around 2015," a year
                return !self.ctx.is_word(i + 1) && (1900..=2100).contains(&y);
            }
            _ => {}
        }
        if let Some(p) = prev {
            if self.ctx.is(p, "spring")
                || self.ctx.is(p, "summer")
                || self.ctx.is(p, "autumn")
                || self.ctx.is(p, "fall")
                || self.ctx.is(p, "winter")
                || self.ctx.is(p, "year")
                || self.ctx.is(p, "FY")
                || self.ctx.is(p, "circa")
                || self.ctx.is(p, "pre")
                || self.ctx.is(p, "post")
            {
                return true;
            }
        }
        (1900..=2100).contains(&y)
    }

    fn possessive_next(&self, i: usize) -> bool {
        self.glue(i + 1, b'\'') && self.ctx.is(i + 2, "s")
    }

    /// The token at `k` makes a number before it a count ("2000 people", "1500 km").
    fn count_follows(&self, k: usize, lenient: bool) -> bool {
        match self.c(k) {
            C::P(b'%') => true,
            C::Unit(..) => true,
            C::Other | C::Kw(K::More | K::Per) => {
                if !self.ctx.is_word(k) {
                    return false;
                }
                let mut buf = [0u8; 16];
                let Some((w, _)) = super::lex::lower_into(self.ctx.tok(k), &mut buf) else {
                    return false;
                };
                if count_noun(w) {
                    return true;
                }
                // a plural noun after a number: "2000 delegates" (unless lenient), not
                // after a sentence start ("2016 marks ...")
                !lenient && k >= 2 && !self.ctx.is_capitalised(k) && plural_looking(self.ctx.tok(k))
            }
            _ => false,
        }
    }

    /// The second end of a range after its connector.
    fn range_end(&self, k: usize, a: Atom) -> Option<(Atom, usize)> {
        match a {
            Atom::Day { y, m, .. } => {
                if let Some(d2) = self.day_num(k) {
                    let day_first = matches!(self.c(k + 1), C::Month(..))
                        || (self.ord_suffix(k + 1) && matches!(self.c(k + 2), C::Kw(K::Of)));
                    if !day_first {
                        let (y2, end) = self.after_day(k + 1);
                        return Some((
                            Atom::Day {
                                y: y2.or(y),
                                m,
                                d: d2,
                            },
                            end,
                        ));
                    }
                }
                match self.date_atom(k)? {
                    (b @ Atom::Day { .. }, e) => Some((b, e)),
                    _ => None,
                }
            }
            Atom::Month { .. } => {
                if let Some((b @ Atom::Month { .. }, e)) = self.month_first(k) {
                    return Some((b, e));
                }
                if let C::Month(m, false) = self.c(k) {
                    return Some((
                        Atom::Month {
                            y: None,
                            m: i32::from(m),
                        },
                        k + 1,
                    ));
                }
                None
            }
            Atom::Year(y) => {
                let y2 = self.year_num(k)?;
                if y2 > y && y2 - y <= 200 && !self.count_follows(k + 1, false) {
                    Some((Atom::Year(y2), k + 1))
                } else {
                    None
                }
            }
            Atom::Weekday(..) => match self.c(k) {
                C::Wd(w, false) => Some((Atom::Weekday(w, Rel::Bare), k + 1)),
                _ => None,
            },
            _ => None,
        }
    }

    // ---- resolution ---------------------------------------------------------------------

    /// Picks the year of a date written without one: the candidate interval nearest to
    /// the document date (the first not yet over when the sentence speaks of the future),
    /// unless two candidates are about as near.
    fn infer_year(&self, f: impl Fn(i32) -> Option<(Date, Date)>) -> Option<(Date, Date)> {
        let d = self.doc?;
        let y = i32::from(d.year());
        let cands: Vec<(Date, Date)> = [y - 1, y, y + 1].into_iter().filter_map(&f).collect();
        if self.future() {
            return cands.into_iter().find(|(_, e)| *e >= d);
        }
        if self.past() {
            return cands.into_iter().rev().find(|(s, _)| *s <= d);
        }
        let dist = |(s, e): &(Date, Date)| -> i64 {
            if d < *s {
                super::calendar::days_between(d, *s).unwrap_or(i64::MAX)
            } else if d > *e {
                super::calendar::days_between(*e, d).unwrap_or(i64::MAX)
            } else {
                0
            }
        };
        let mut ds: Vec<(i64, (Date, Date))> = cands.iter().map(|c| (dist(c), *c)).collect();
        ds.sort_by_key(|x| x.0);
        match ds.as_slice() {
            [] => None,
            [only] => Some(only.1),
            [a, b, ..] => (b.0 - a.0 >= 30).then_some(a.1),
        }
    }

    fn resolve(&self, a: Atom, wd: Option<Weekday>) -> Option<DateVal> {
        let mk = |s: Date, e: Date, g: Granularity, relative: bool| {
            DateVal::resolved(s, e, g, wd, relative)
        };
        let open = |g: Granularity, days: (f64, f64), relative: bool| DateVal {
            start: None,
            end: None,
            granularity: g,
            weekday: wd,
            relative,
            resolved: false,
            days,
        };
        Some(match a {
            Atom::Day { y: Some(y), m, d } => {
                let dt = ymd(y, m, d)?;
                mk(dt, dt, Granularity::Day, false)
            }
            Atom::Day { y: None, m, d } => {
                // must exist in some year (February 29 in a leap year)
                ymd(2016, m, d)?;
                match self.infer_year(|y| ymd(y, m, d).map(|x| (x, x))) {
                    Some((s, e)) => mk(s, e, Granularity::Day, true),
                    None => open(Granularity::Day, (1.0, 1.0), true),
                }
            }
            Atom::Month { y: Some(y), m } => mk(
                month_start(y, m)?,
                month_end(y, m)?,
                Granularity::Month,
                false,
            ),
            Atom::Month { y: None, m } => {
                month_start(2016, m)?;
                match self.infer_year(|y| Some((month_start(y, m)?, month_end(y, m)?))) {
                    Some((s, e)) => mk(s, e, Granularity::Month, true),
                    None => {
                        let days = if m == 2 {
                            (28.0, 29.0)
                        } else {
                            let n = month_end(2015, m)?.day() as f64;
                            (n, n)
                        };
                        open(Granularity::Month, days, true)
                    }
                }
            }
            Atom::Year(y) => mk(ymd(y, 1, 1)?, ymd(y, 12, 31)?, Granularity::Year, false),
            Atom::Years(y1, y2, _) => {
                mk(ymd(y1, 1, 1)?, ymd(y2, 12, 31)?, Granularity::Range, false)
            }
            Atom::Decade(y) => mk(
                ymd(y, 1, 1)?,
                ymd(y + 9, 12, 31)?,
                Granularity::Range,
                false,
            ),
            Atom::Weekday(w, rel) => match self.resolve_weekday(w, rel) {
                Some(d) => mk(d, d, Granularity::Day, true),
                None => open(Granularity::Day, (1.0, 1.0), true),
            },
            Atom::Unknown => open(Granularity::Day, (1.0, 1.0), false),
        })
    }

    fn resolve_weekday(&self, w: Weekday, rel: Rel) -> Option<Date> {
        let d = self.doc?;
        match rel {
            Rel::Last => weekday_on_or_before(d, w, true),
            Rel::Next => weekday_on_or_after(d, w, true),
            Rel::This => weekday_on_or_after(d, w, false),
            Rel::Bare => {
                if self.future() {
                    weekday_on_or_after(d, w, true)
                } else {
                    weekday_on_or_before(d, w, false)
                }
            }
        }
    }

    fn resolve_span(&self, a: Atom, b: Atom) -> Option<DateVal> {
        let range = |s: Date, e: Date, relative: bool| {
            (s <= e).then(|| DateVal::resolved(s, e, Granularity::Range, None, relative))
        };
        let open = |days: (f64, f64)| DateVal {
            start: None,
            end: None,
            granularity: Granularity::Range,
            weekday: None,
            relative: true,
            resolved: false,
            days,
        };
        match (a, b) {
            (Atom::Weekday(w1, _), Atom::Weekday(w2, _)) => {
                let n = f64::from(w1.until(w2)) + 1.0;
                match self.resolve_weekday(w1, Rel::Bare) {
                    Some(s) => range(s, weekday_on_or_after(s, w2, false)?, true),
                    None => Some(open((n, n))),
                }
            }
            (Atom::Year(y1), Atom::Year(y2)) => range(ymd(y1, 1, 1)?, ymd(y2, 12, 31)?, false),
            (
                Atom::Day {
                    y: y1,
                    m: m1,
                    d: d1,
                },
                Atom::Day {
                    y: y2,
                    m: m2,
                    d: d2,
                },
            ) => {
                let later = (m1, d1) > (m2, d2);
                let (y1, y2) = match (y1, y2) {
                    (Some(a), Some(b)) => (Some(a), Some(b)),
                    (None, Some(b)) => (Some(if later { b - 1 } else { b }), Some(b)),
                    (Some(a), None) => (Some(a), Some(if later { a + 1 } else { a })),
                    (None, None) => (None, None),
                };
                match (y1, y2) {
                    (Some(y1), Some(y2)) => range(ymd(y1, m1, d1)?, ymd(y2, m2, d2)?, false),
                    _ => {
                        let f = |y: i32| {
                            let s = ymd(y, m1, d1)?;
                            let e = ymd(if later { y + 1 } else { y }, m2, d2)?;
                            Some((s, e))
                        };
                        match self.infer_year(f) {
                            Some((s, e)) => range(s, e, true),
                            None => {
                                let days = f(2015)
                                    .or_else(|| f(2016))
                                    .map_or((1.0, 366.0), |(s, e)| exact_days(s, e));
                                Some(open(days))
                            }
                        }
                    }
                }
            }
            (Atom::Month { y: y1, m: m1 }, Atom::Month { y: y2, m: m2 }) => {
                let later = m1 > m2;
                let (y1, y2) = match (y1, y2) {
                    (Some(a), Some(b)) => (Some(a), Some(b)),
                    (None, Some(b)) => (Some(if later { b - 1 } else { b }), Some(b)),
                    (Some(a), None) => (Some(a), Some(if later { a + 1 } else { a })),
                    (None, None) => (None, None),
                };
                match (y1, y2) {
                    (Some(y1), Some(y2)) => range(month_start(y1, m1)?, month_end(y2, m2)?, false),
                    _ => {
                        let f = |y: i32| {
                            let s = month_start(y, m1)?;
                            let e = month_end(if later { y + 1 } else { y }, m2)?;
                            Some((s, e))
                        };
                        match self.infer_year(f) {
                            Some((s, e)) => range(s, e, true),
                            None => {
                                let n = (if later { m2 + 12 } else { m2 }) - m1 + 1;
                                Some(open(months_days(n as u32)))
                            }
                        }
                    }
                }
            }
            _ => None,
        }
    }
}

#[cfg(test)]
pub(crate) mod testutil {
    use super::*;
    use crate::document::Document;
    use crate::text::sentences;

    /// Runs `f` on the context of every sentence of `text`, with the document date `date`
    /// ("YYYY-MM-DD" or "").
    pub fn with_ctx<R>(text: &str, date: &str, mut f: impl FnMut(&Ctx) -> R) -> Vec<R> {
        let mut doc = Document::from_text("t", text.to_string());
        doc.date = date.parse().ok();
        let mut out = Vec::new();
        for s in sentences::split(&doc) {
            let ctx = Ctx::new(&doc, &s);
            out.push(f(&ctx));
        }
        out
    }

    fn d(x: Option<Date>) -> String {
        x.map_or("?".into(), |d| d.to_string())
    }

    /// A readable line per expression.
    pub fn show(text: &str, date: &str) -> Vec<String> {
        with_ctx(text, date, |ctx| {
            scan(ctx)
                .into_iter()
                .map(|e| {
                    let mut s = format!("[{}]", ctx.slice(e.range.start, e.range.end - 1));
                    if e.time_of_day {
                        s.push_str(" time");
                    }
                    if let Some((r, v)) = &e.date {
                        s.push_str(&format!(
                            " date<{}> {:?} {}..{}{}{}{}",
                            ctx.slice(r.start, r.end - 1),
                            v.granularity,
                            d(v.start),
                            d(v.end),
                            v.weekday.map_or(String::new(), |w| format!(" {w:?}")),
                            if v.relative { " rel" } else { "" },
                            if v.resolved { "" } else { " unresolved" },
                        ));
                    }
                    if let Some((r, v)) = &e.period {
                        s.push_str(&format!(
                            " period<{}> {}..{} {}-{}{}",
                            ctx.slice(r.start, r.end - 1),
                            d(v.start),
                            d(v.end),
                            v.days.0,
                            v.days.1,
                            if v.resolved { "" } else { " unresolved" },
                        ));
                    }
                    s
                })
                .collect::<Vec<_>>()
        })
        .into_iter()
        .flatten()
        .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::testutil::show;

    fn check(text: &str, date: &str, want: &[&str]) {
        let got = show(text, date);
        assert_eq!(got, want, "{text}");
    }

    #[test]
    fn relative_periods_with_a_document_date() {
        check(
            "With this year's G20 summit less than a week away, delegates met.",
            "2016-08-30",
            &[
                "[this year's] date<this year's> Year 2016-01-01..2016-12-31 rel period<this year's> 2016-01-01..2016-12-31 366-366",
                "[less than a week away] date<less than a week away> Range 2016-08-31..2016-09-06 rel period<less than a week away> 2016-08-31..2016-09-06 7-7",
            ],
        );
        check(
            "There were 85.5 billion attacks last year, more than 2,000 attacks every second.",
            "2016-08-30",
            &[
                "[last year] date<last year> Year 2015-01-01..2015-12-31 rel period<last year> 2015-01-01..2015-12-31 365-365",
                "[every second] period<every second> ?..? 0.000011574074074074073-0.000011574074074074073 unresolved",
            ],
        );
        check(
            "In the past 12 months, over the next decade and in the past few years things changed.",
            "2016-08-30",
            &[
                "[In the past 12 months] period<In the past 12 months> 2015-08-31..2016-08-30 366-366",
                "[over the next decade] period<over the next decade> 2016-08-31..2026-08-30 3652-3652",
                "[in the past few years] period<in the past few years> ?..? 730-3288 unresolved",
            ],
        );
    }

    #[test]
    fn relative_periods_without_a_document_date_keep_their_length() {
        check(
            "Attacks doubled last year and this month.",
            "",
            &[
                "[last year] date<last year> Year ?..? rel unresolved period<last year> ?..? 365-366 unresolved",
                "[this month] date<this month> Month ?..? rel unresolved period<this month> ?..? 28-31 unresolved",
            ],
        );
    }

    #[test]
    fn parts_of_years() {
        check(
            "The first nine months of 2015 had 80,000 incidents, up 124 percent year on year.",
            "2015-12-15",
            &["[The first nine months of 2015] date<The first nine months of 2015> Range 2015-01-01..2015-09-30 period<The first nine months of 2015> 2015-01-01..2015-09-30 273-273"],
        );
        check(
            "Profit in Q3 rose; third-quarter profit and the fourth quarter of last year and H1 2020 too.",
            "2016-08-30",
            &[
                "[in Q3] date<Q3> Quarter 2016-07-01..2016-09-30 rel period<in Q3> 2016-07-01..2016-09-30 92-92",
                "[third-quarter] date<third-quarter> Quarter 2016-07-01..2016-09-30 rel period<third-quarter> 2016-07-01..2016-09-30 92-92",
                "[the fourth quarter of last year] date<the fourth quarter of last year> Quarter 2015-10-01..2015-12-31 rel period<the fourth quarter of last year> 2015-10-01..2015-12-31 92-92",
                "[H1 2020] date<H1 2020> Range 2020-01-01..2020-06-30 period<H1 2020> 2020-01-01..2020-06-30 182-182",
            ],
        );
        check(
            "The last quarter and the first half of the match.",
            "2016-08-30",
            &["[The last quarter] period<The last quarter> 2016-05-31..2016-08-30 92-92"],
        );
    }

    #[test]
    fn ranges() {
        check(
            "The conference, to be held from Wednesday to Friday, opens soon.",
            "2015-12-15",
            &["[from Wednesday to Friday] date<from Wednesday to Friday> Range 2015-12-16..2015-12-18 rel period<from Wednesday to Friday> 2015-12-16..2015-12-18 3-3"],
        );
        check(
            "It ran from Dec. 1 to Dec. 15, 2015, then Dec. 15-17, 2015, then 15-17 December 2015, from January to March 2015.",
            "",
            &[
                "[from Dec. 1 to Dec. 15, 2015] date<from Dec. 1 to Dec. 15, 2015> Range 2015-12-01..2015-12-15 period<from Dec. 1 to Dec. 15, 2015> 2015-12-01..2015-12-15 15-15",
                "[Dec. 15-17, 2015] date<Dec. 15-17, 2015> Range 2015-12-15..2015-12-17 period<Dec. 15-17, 2015> 2015-12-15..2015-12-17 3-3",
                "[15-17 December 2015] date<15-17 December 2015> Range 2015-12-15..2015-12-17 period<15-17 December 2015> 2015-12-15..2015-12-17 3-3",
                "[from January to March 2015] date<from January to March 2015> Range 2015-01-01..2015-03-31 period<from January to March 2015> 2015-01-01..2015-03-31 90-90",
            ],
        );
        check(
            "Since 2010 output grew; by 2020 it will double, from 2010 levels.",
            "2016-08-30",
            &[
                "[Since 2010] date<2010> Year 2010-01-01..2010-12-31 period<Since 2010> 2010-01-01..2016-08-30 2434-2434",
                "[2020] date<2020> Year 2020-01-01..2020-12-31",
                "[2010] date<2010> Year 2010-01-01..2010-12-31",
            ],
        );
    }

    #[test]
    fn weekdays_and_relative_days() {
        check(
            "Last March, next Friday, last Friday, this weekend, last weekend, last night and this morning.",
            "2015-12-15",
            &[
                "[Last March] date<Last March> Month 2015-03-01..2015-03-31 rel period<Last March> 2015-03-01..2015-03-31 31-31",
                "[next Friday] date<next Friday> Day 2015-12-18..2015-12-18 Friday rel period<next Friday> 2015-12-18..2015-12-18 1-1",
                "[last Friday] date<last Friday> Day 2015-12-11..2015-12-11 Friday rel period<last Friday> 2015-12-11..2015-12-11 1-1",
                "[this weekend] date<this weekend> Range 2015-12-19..2015-12-20 rel period<this weekend> 2015-12-19..2015-12-20 2-2",
                "[last weekend] date<last weekend> Range 2015-12-12..2015-12-13 rel period<last weekend> 2015-12-12..2015-12-13 2-2",
                "[last night] date<last night> Day 2015-12-14..2015-12-14 rel period<last night> 2015-12-14..2015-12-14 1-1",
                "[this morning] date<this morning> Day 2015-12-15..2015-12-15 rel period<this morning> 2015-12-15..2015-12-15 1-1",
            ],
        );
        check(
            "In today's world, today's meeting matters; Good Friday and the Sunday Times do not.",
            "2015-12-15",
            &["[today's] date<today's> Day 2015-12-15..2015-12-15 rel period<today's> 2015-12-15..2015-12-15 1-1"],
        );
    }

    #[test]
    fn lengths_and_rates() {
        check(
            "It costs $5m annually, 3,000 a year, 10 per year, in 12 months, over 10 days, a year earlier.",
            "",
            &[
                "[annually] period<annually> ?..? 365-366 unresolved",
                "[a year] period<a year> ?..? 365-366 unresolved",
                "[per year] period<per year> ?..? 365-366 unresolved",
                "[in 12 months] period<in 12 months> ?..? 365-366 unresolved",
                "[over 10 days] period<over 10 days> ?..? 10-10 unresolved",
                "[a year earlier] period<a year earlier> ?..? 365-366 unresolved",
            ],
        );
        check(
            "It happens every two years, 5% per annum, twice a day, for half a year, a year and a half.",
            "",
            &[
                "[every two years] period<every two years> ?..? 730-731 unresolved",
                "[per annum] period<per annum> ?..? 365-366 unresolved",
                "[a day] period<a day> ?..? 1-1 unresolved",
            ],
        );
    }

    #[test]
    fn ordinals_are_not_durations() {
        check(
            "The upcoming second World Internet Conference opens soon.",
            "2015-12-15",
            &[],
        );
        check(
            "For a second time, the second-largest firm waited a second. Second, it left.",
            "",
            &["[a second] period<a second> ?..? 0.000011574074074074073-0.000011574074074074073 unresolved"],
        );
    }

    #[test]
    fn times_of_day_and_traps() {
        check(
            "At noon, at 10 a.m. local time, at 0900 GMT, at 9.30pm and at 13:19:05.",
            "",
            &[
                "[noon] time",
                "[10 a.m. local time] time",
                "[0900 GMT] time",
                "[9.30pm] time",
                "[13:19:05] time",
            ],
        );
        check(
            "Call 555-0134 or visit 12 Baker Street; version 2.0 and v2.1.3 are out.",
            "",
            &[],
        );
        check(
            "About 2000 people and 2,000 other representatives came from over 120 countries.",
            "",
            &[],
        );
        check(
            "Dated 2015.12.15, 15.12.2015 and 05/06/2015, in the '90s.",
            "",
            &[
                "[2015.12.15] date<2015.12.15> Day 2015-12-15..2015-12-15 period<2015.12.15> 2015-12-15..2015-12-15 1-1",
                "[15.12.2015] date<15.12.2015> Day 2015-12-15..2015-12-15 period<15.12.2015> 2015-12-15..2015-12-15 1-1",
                "[05/06/2015] date<05/06/2015> Day ?..? unresolved period<05/06/2015> ?..? 1-1 unresolved",
                "[in the '90s] date<the '90s> Range 1990-01-01..1999-12-31 period<in the '90s> 1990-01-01..1999-12-31 3652-3652",
            ],
        );
    }
}
