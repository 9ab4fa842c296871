//! Token classes for the time scanner: every token of a sentence is classified once
//! (month, weekday, time unit, number word, keyword, ...) without allocating, so the
//! patterns in [`super::scan`] compare small enums instead of strings.

use super::calendar::{
    month_number, number_word, ordinal_word, weekday_of, MONTH_WORDS, NUMBER_WORDS, ORDINAL_WORDS,
    WEEKDAY_WORDS,
};
use crate::claims::names::{self, Sent};
use crate::claims::Ctx;
use crate::text::lexicon::{ends_key, ends_key_slot, has_shape, shape_add, Shapes};
use crate::text::tokens::TokenKind;
use jiff::civil::Weekday;
use std::sync::OnceLock;

/// A unit of time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Second,
    Minute,
    Hour,
    Day,
    Week,
    Fortnight,
    Month,
    Quarter,
    Year,
    Decade,
    Century,
}

/// Keywords the time patterns look for (lower-cased).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum K {
    A,
    The,
    Last,
    This,
    Next,
    Past,
    Previous,
    Coming,
    Following,
    In,
    During,
    Over,
    For,
    Within,
    Throughout,
    Since,
    On,
    From,
    To,
    Through,
    Until,
    By,
    Before,
    After,
    Between,
    And,
    Of,
    Per,
    Each,
    Every,
    Ago,
    Away,
    Earlier,
    Later,
    Early,
    Late,
    Mid,
    Yesterday,
    Today,
    Tomorrow,
    Tonight,
    Noon,
    Midnight,
    Annually,
    Yearly,
    Daily,
    Weekly,
    Monthly,
    Quarterly,
    Hourly,
    Annum,
    Half,
    Season,
    Am,
    Pm,
    OClock,
    Morning,
    Afternoon,
    Evening,
    Night,
    Weekend,
    Few,
    Several,
    Now,
    Less,
    More,
    Than,
    Under,
    Approx,
    Final,
    Fiscal,
    Upcoming,
    Will,
    At,
    Version,
    Same,
    Recent,
}

/// The class of one token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum C {
    Other,
    /// A number of plain digits: value and digit count (at most 9 digits).
    Num(u32, u8),
    /// Any other number token ("2,000", "85.5", very long digit runs).
    NumX,
    /// A capitalised month name; abbreviation flag.
    Month(i8, bool),
    /// A capitalised weekday name; abbreviation flag.
    Wd(Weekday, bool),
    /// A time unit word; plural flag.
    Unit(Unit, bool),
    /// A cardinal number word.
    NumW(u32),
    /// An ordinal word ("third"); "second" is `Ord(2)`, see [`super::is_ordinal_use`].
    Ord(u8),
    /// "Q1".."Q4".
    Q(u8),
    /// "H1", "H2".
    H(u8),
    Kw(K),
    /// One punctuation character (ASCII, with dashes folded to `-` and curly quotes to `'`).
    P(u8),
}

/// The word `s` lower-cased into `buf` (ASCII letters and `'`, at most 16 bytes, a curly
/// apostrophe folded to `'`), with a possessive `'s` dropped (flag); `None` otherwise.
pub(crate) fn lower_bytes<'b>(s: &str, buf: &'b mut [u8; 16]) -> Option<(&'b [u8], bool)> {
    let b = s.as_bytes();
    let mut n = 0;
    let mut i = 0;
    while i < b.len() {
        let x = b[i];
        let y = match x {
            b'a'..=b'z' | b'\'' => x,
            b'A'..=b'Z' => x | 0x20,
            0xE2 if b.get(i + 1) == Some(&0x80) && b.get(i + 2) == Some(&0x99) => {
                i += 2;
                b'\''
            }
            _ => return None,
        };
        if n == buf.len() {
            return None;
        }
        buf[n] = y;
        n += 1;
        i += 1;
    }
    let mut poss = false;
    if n > 2 && buf[n - 2] == b'\'' && buf[n - 1] == b's' {
        n -= 2;
        poss = true;
    }
    Some((&buf[..n], poss))
}

/// [`lower_bytes`] as a `str`.
pub(crate) fn lower_into<'b>(s: &str, buf: &'b mut [u8; 16]) -> Option<(&'b str, bool)> {
    let (w, poss) = lower_bytes(s, buf)?;
    std::str::from_utf8(w).ok().map(|w| (w, poss))
}

/// Time unit words (lower-case): unit, plural flag. "second" is an ordinal word; see
/// [`super::is_ordinal_use`].
const UNIT_WORDS: &[(&str, Unit, bool)] = &[
    ("seconds", Unit::Second, true),
    ("secs", Unit::Second, true),
    ("minute", Unit::Minute, false),
    ("min", Unit::Minute, false),
    ("minutes", Unit::Minute, true),
    ("mins", Unit::Minute, true),
    ("hour", Unit::Hour, false),
    ("hr", Unit::Hour, false),
    ("hours", Unit::Hour, true),
    ("hrs", Unit::Hour, true),
    ("day", Unit::Day, false),
    ("days", Unit::Day, true),
    ("week", Unit::Week, false),
    ("weeks", Unit::Week, true),
    ("fortnight", Unit::Fortnight, false),
    ("fortnights", Unit::Fortnight, true),
    ("month", Unit::Month, false),
    ("months", Unit::Month, true),
    ("quarter", Unit::Quarter, false),
    ("quarters", Unit::Quarter, true),
    ("year", Unit::Year, false),
    ("yr", Unit::Year, false),
    ("years", Unit::Year, true),
    ("yrs", Unit::Year, true),
    ("decade", Unit::Decade, false),
    ("decades", Unit::Decade, true),
    ("century", Unit::Century, false),
    ("centuries", Unit::Century, true),
];

/// Keywords (lower-case).
const KEYWORDS: &[(&str, K)] = &[
    ("a", K::A),
    ("an", K::A),
    ("ago", K::Ago),
    ("away", K::Away),
    ("after", K::After),
    ("and", K::And),
    ("annually", K::Annually),
    ("annum", K::Annum),
    ("am", K::Am),
    ("afternoon", K::Afternoon),
    ("at", K::At),
    ("about", K::Approx),
    ("around", K::Approx),
    ("almost", K::Approx),
    ("approximately", K::Approx),
    ("by", K::By),
    ("before", K::Before),
    ("between", K::Between),
    ("coming", K::Coming),
    ("during", K::During),
    ("daily", K::Daily),
    ("each", K::Each),
    ("every", K::Every),
    ("earlier", K::Earlier),
    ("early", K::Early),
    ("evening", K::Evening),
    ("for", K::For),
    ("from", K::From),
    ("following", K::Following),
    ("few", K::Few),
    ("final", K::Final),
    ("fiscal", K::Fiscal),
    ("hourly", K::Hourly),
    ("half", K::Half),
    ("in", K::In),
    ("last", K::Last),
    ("later", K::Later),
    ("late", K::Late),
    ("less", K::Less),
    ("mid", K::Mid),
    ("midnight", K::Midnight),
    ("monthly", K::Monthly),
    ("morning", K::Morning),
    ("more", K::More),
    ("next", K::Next),
    ("noon", K::Noon),
    ("midday", K::Noon),
    ("night", K::Night),
    ("now", K::Now),
    ("nearly", K::Approx),
    ("over", K::Over),
    ("on", K::On),
    ("of", K::Of),
    ("o'clock", K::OClock),
    ("past", K::Past),
    ("previous", K::Previous),
    ("preceding", K::Previous),
    ("prior", K::Previous),
    ("per", K::Per),
    ("pm", K::Pm),
    ("quarterly", K::Quarterly),
    ("recent", K::Recent),
    ("roughly", K::Approx),
    ("since", K::Since),
    ("season", K::Season),
    ("several", K::Several),
    ("same", K::Same),
    ("some", K::Approx),
    ("the", K::The),
    ("this", K::This),
    ("to", K::To),
    ("through", K::Through),
    ("thru", K::Through),
    ("throughout", K::Throughout),
    ("till", K::Until),
    ("today", K::Today),
    ("tomorrow", K::Tomorrow),
    ("tonight", K::Tonight),
    ("than", K::Than),
    ("until", K::Until),
    ("upcoming", K::Upcoming),
    ("under", K::Under),
    ("version", K::Version),
    ("ver", K::Version),
    ("v", K::Version),
    ("within", K::Within),
    ("weekly", K::Weekly),
    ("weekend", K::Weekend),
    ("will", K::Will),
    ("yesterday", K::Yesterday),
    ("yearly", K::Yearly),
];

/// The class of a lower-case word, the slow way (used to build the table).
fn classify_slow(w: &str, capitalised: bool) -> C {
    if capitalised {
        if let Some((m, abbr)) = month_number(w) {
            return C::Month(m, abbr);
        }
        if let Some((d, abbr)) = weekday_of(w) {
            return C::Wd(d, abbr);
        }
    }
    if let Some(k) = KEYWORDS.iter().find(|x| x.0 == w) {
        return C::Kw(k.1);
    }
    if let Some(u) = UNIT_WORDS.iter().find(|x| x.0 == w) {
        return C::Unit(u.1, u.2);
    }
    if let Some(n) = number_word(w) {
        return C::NumW(n);
    }
    if let Some(o) = ordinal_word(w) {
        return C::Ord(o);
    }
    C::Other
}

const SLOTS: usize = 1024;

#[derive(Clone, Copy)]
struct Entry {
    /// [`ends_key`] of `word`.
    key: u32,
    word: &'static str,
    cap: C,
    low: C,
}

/// Every word the scanner knows, in an open-addressing table keyed by [`ends_key`].
fn table() -> &'static [Option<Entry>] {
    static TABLE: OnceLock<Vec<Option<Entry>>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut t: Vec<Option<Entry>> = vec![None; SLOTS];
        let words = MONTH_WORDS
            .iter()
            .map(|x| x.0)
            .chain(WEEKDAY_WORDS.iter().map(|x| x.0))
            .chain(KEYWORDS.iter().map(|x| x.0))
            .chain(UNIT_WORDS.iter().map(|x| x.0))
            .chain(NUMBER_WORDS.iter().map(|x| x.0))
            .chain(ORDINAL_WORDS.iter().map(|x| x.0));
        for w in words {
            let key = ends_key(w.as_bytes());
            let mut h = ends_key_slot::<SLOTS>(key);
            loop {
                match &t[h] {
                    Some(e) if e.word == w => break,
                    Some(_) => h = (h + 1) & (SLOTS - 1),
                    None => {
                        t[h] = Some(Entry {
                            key,
                            word: w,
                            cap: classify_slow(w, true),
                            low: classify_slow(w, false),
                        });
                        break;
                    }
                }
            }
        }
        t
    })
}

/// Every word the scanner knows (lower-case) with its id (0, 1, ...), for the names
/// lexicon, which records the id of a word's stem (see [`names::time_id`]).
pub(crate) fn known_words() -> impl Iterator<Item = (&'static str, usize)> {
    table()
        .iter()
        .flatten()
        .enumerate()
        .map(|(id, e)| (e.word, id))
}

/// The classes of the known words by their ids ([`known_words`]): capitalised, then not
/// (kept dense, apart from the table, for a cache-friendly read per word).
fn classes() -> &'static [[C; 2]] {
    static CLASSES: OnceLock<Vec<[C; 2]>> = OnceLock::new();
    CLASSES.get_or_init(|| table().iter().flatten().map(|e| [e.cap, e.low]).collect())
}

/// Whether a known word ([`known_words`]) is an anchor ([`is_anchor`]) in either case.
pub(crate) fn may_anchor(id: usize) -> bool {
    classes()[id].iter().any(|&c| is_anchor(c))
}

/// Whether `w` is the listed (lower-case) `word` but for ASCII case: each byte is the
/// word's, or its letter in upper case (`| 0x20` lower-cases exactly the capitals).
fn equal_but_case(word: &[u8], w: &[u8]) -> bool {
    word.len() == w.len()
        && word
            .iter()
            .zip(w)
            .all(|(&y, &x)| x == y || (x | 0x20 == y && y.is_ascii_lowercase()))
}

/// The class of the listed word equal to `w` but for ASCII case (every listed word is
/// lower-case), `C::Other` when none is. `w` is not empty.
#[inline(always)]
fn lookup(w: &[u8], capitalised: bool) -> C {
    let t = table();
    let key = ends_key(w);
    let mut h = ends_key_slot::<SLOTS>(key);
    loop {
        match &t[h] {
            None => return C::Other,
            Some(e) if e.key == key && equal_but_case(e.word.as_bytes(), w) => {
                return if capitalised { e.cap } else { e.low };
            }
            Some(_) => h = (h + 1) & (SLOTS - 1),
        }
    }
}

/// The shapes (first letter, length, last letter) of every known word of letters only.
const SHAPES: Shapes = {
    let mut m = [[0u32; 32]; 26];
    let mut i = 0;
    while i < MONTH_WORDS.len() {
        m = shape_add(m, MONTH_WORDS[i].0);
        i += 1;
    }
    i = 0;
    while i < WEEKDAY_WORDS.len() {
        m = shape_add(m, WEEKDAY_WORDS[i].0);
        i += 1;
    }
    i = 0;
    while i < KEYWORDS.len() {
        m = shape_add(m, KEYWORDS[i].0);
        i += 1;
    }
    i = 0;
    while i < UNIT_WORDS.len() {
        m = shape_add(m, UNIT_WORDS[i].0);
        i += 1;
    }
    i = 0;
    while i < NUMBER_WORDS.len() {
        m = shape_add(m, NUMBER_WORDS[i].0);
        i += 1;
    }
    i = 0;
    while i < ORDINAL_WORDS.len() {
        m = shape_add(m, ORDINAL_WORDS[i].0);
        i += 1;
    }
    m
};

/// Keywords that name a time on their own ("yesterday", "noon", "annually", "weekend", ...):
/// with the months, weekdays, time units, ordinals, numbers and "Q1"/"H1" words, the
/// classes of which every time expression holds at least one (see [`is_anchor`]).
const fn is_anchor_keyword(k: K) -> bool {
    matches!(
        k,
        K::Noon
            | K::Midnight
            | K::Yesterday
            | K::Today
            | K::Tomorrow
            | K::Tonight
            | K::Night
            | K::Morning
            | K::Afternoon
            | K::Evening
            | K::Weekend
            | K::Half
            | K::Annually
            | K::Yearly
            | K::Daily
            | K::Weekly
            | K::Monthly
            | K::Quarterly
            | K::Hourly
            | K::Annum
    )
}

/// Whether a token of class `c` anchors a time expression: every pattern of
/// [`super::scan`] needs one (a number, a month, a weekday, a time unit, an ordinal, "Q1",
/// "H1" or an anchor keyword); "the", "in", "last", "a" alone never make one.
pub(crate) fn is_anchor(c: C) -> bool {
    match c {
        C::Num(..) | C::NumX | C::Month(..) | C::Wd(..) | C::Unit(..) | C::Ord(_) => true,
        C::Q(_) | C::H(_) => true,
        C::Kw(k) => is_anchor_keyword(k),
        C::Other | C::NumW(_) | C::P(_) => false,
    }
}

/// Whether a word of no known shape may still fold to a listed word in [`lower_bytes`]: when
/// it ends in a possessive "'s" (dropped), or has an apostrophe (straight or curly) at
/// byte 1, where "o'clock", the one listed word with an apostrophe, has it. Any other word
/// with an apostrophe or a non-ASCII byte folds to no listed word.
fn may_fold_to_listed(b: &[u8]) -> bool {
    let n = b.len();
    let possessive = n >= 3
        && b[n - 1] | 0x20 == b's'
        && (b[n - 2] == b'\'' || (n >= 5 && b[n - 4..n - 1] == [0xE2, 0x80, 0x99]));
    possessive || (n >= 2 && (b[1] == b'\'' || b[1] == 0xE2))
}

fn classify_word(text: &str, capitalised: bool) -> C {
    let b = text.as_bytes();
    // a word equal to a listed word but for ASCII case is found as it is written, with no
    // lower-cased copy (it has that word's shape)
    if has_shape(&SHAPES, text) {
        let c = lookup(b, capitalised);
        if !matches!(c, C::Other) {
            return c;
        }
    }
    // any other word folds to a listed word only through an apostrophe (the key drops a
    // possessive, folds a curly apostrophe): the rest are Other
    if !may_fold_to_listed(b) {
        return C::Other;
    }
    let mut buf = [0u8; 16];
    match lower_bytes(text, &mut buf) {
        Some((w, _)) if !w.is_empty() => lookup(w, capitalised),
        _ => C::Other,
    }
}

fn classify_number(text: &str) -> C {
    let b = text.as_bytes();
    if b.len() <= 9 && b.iter().all(|c| c.is_ascii_digit()) {
        let v = b.iter().fold(0u32, |acc, c| acc * 10 + u32::from(c - b'0'));
        return C::Num(v, b.len() as u8);
    }
    C::NumX
}

fn classify_punct(text: &str) -> C {
    match text {
        "\u{2013}" | "\u{2014}" | "\u{2012}" | "\u{2010}" | "\u{2011}" => C::P(b'-'),
        "\u{2019}" | "\u{2018}" => C::P(b'\''),
        _ => match text.as_bytes() {
            [b] if b.is_ascii() => C::P(*b),
            _ => C::Other,
        },
    }
}

/// Classifies every token of the sentence.
pub fn classify(ctx: &Ctx) -> Vec<C> {
    // the names features (computed once per sentence, for the entity extractor too) give
    // each word's stem's id among the known words: see `names::time_id` for why that is the
    // class `classify_word` finds
    let words = Sent::new(ctx);
    let classes = classes();
    let mut out = vec![C::Other; ctx.tokens.len()];
    for (i, (t, slot)) in ctx.tokens.iter().zip(out.iter_mut()).enumerate() {
        let text = ctx.tok(i);
        *slot = match t.kind {
            TokenKind::Number => classify_number(text),
            TokenKind::Punct => classify_punct(text),
            TokenKind::Word => {
                let b = text.as_bytes();
                if b.len() == 2 && b[1].is_ascii_digit() && (b[0] == b'Q' || b[0] == b'q') {
                    match b[1] {
                        b'1'..=b'4' => C::Q(b[1] - b'0'),
                        _ => C::Other,
                    }
                } else if b.len() == 2 && b[0] == b'H' && (b[1] == b'1' || b[1] == b'2') {
                    C::H(b[1] - b'0')
                } else if b.len() > 16 || !b.first().is_some_and(u8::is_ascii_alphabetic) {
                    // every known word is short and ASCII
                    C::Other
                } else {
                    let capitalised = b[0].is_ascii_uppercase();
                    match names::time_id(words.f(i)) {
                        Some(Some(id)) => classes[id][usize::from(!capitalised)],
                        Some(None) => C::Other,
                        None => classify_word(text, capitalised),
                    }
                }
            }
        };
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_listed_word_is_in_the_table() {
        for (w, ..) in MONTH_WORDS {
            assert!(matches!(lookup(w.as_bytes(), true), C::Month(..)), "{w}");
        }
        for (w, ..) in WEEKDAY_WORDS {
            assert!(matches!(lookup(w.as_bytes(), true), C::Wd(..)), "{w}");
        }
        for (w, k) in KEYWORDS {
            assert_eq!(lookup(w.as_bytes(), false), C::Kw(*k), "{w}");
        }
        for (w, u, p) in UNIT_WORDS {
            assert_eq!(lookup(w.as_bytes(), false), C::Unit(*u, *p), "{w}");
        }
        for (w, n) in NUMBER_WORDS {
            assert_eq!(lookup(w.as_bytes(), false), C::NumW(*n), "{w}");
        }
        for (w, n) in ORDINAL_WORDS {
            assert_eq!(lookup(w.as_bytes(), false), C::Ord(*n), "{w}");
        }
    }

    #[test]
    fn only_o_clock_has_an_apostrophe() {
        // `may_fold_to_listed` relies on it: the one listed word with a non-letter byte
        // has an apostrophe at byte 1
        for e in table().iter().flatten() {
            if !e.word.bytes().all(|b| b.is_ascii_lowercase()) {
                assert_eq!(e.word, "o'clock");
            }
        }
        assert_eq!(classify_word("O'CLOCK", false), C::Kw(K::OClock));
        assert_eq!(
            classify_word("years\u{2019}s", false),
            C::Unit(Unit::Year, true)
        );
        assert_eq!(
            classify_word("year\u{2019}s", false),
            C::Unit(Unit::Year, false)
        );
        assert_eq!(classify_word("Today\u{2019}S", true), C::Kw(K::Today));
        assert_eq!(classify_word("don\u{2019}t", false), C::Other);
    }

    #[test]
    fn an_anchor_is_a_number_or_has_the_time_anchor_feature() {
        let text = "Last year's Q1 and H2 results came in 2015, on Monday's call at 5 o'clock. \
            The Dec. quarter, the next three weeks and approximately\u{2019}s Q5 h1 q3 Today\u{2019}S \
            YEARS' second half, mid-May and the weekend's fourfold rise was daily. \
            It fell 3.5% by noon yesterday, early this morning, in 1990s and the '90s. \
            Half a century ago, one decade on, a fortnight, \u{65e5}\u{672c} tonight, annually.";
        let anchors = crate::time::scan::testutil::with_ctx(text, "", |ctx| {
            let words = Sent::new(ctx);
            let mut n = 0;
            for (i, &c) in classify(ctx).iter().enumerate() {
                if is_anchor(c) {
                    n += 1;
                    assert!(
                        words.has(i, names::NUM | names::TIME_ANCHOR),
                        "{}",
                        ctx.tok(i)
                    );
                }
            }
            n
        });
        assert!(anchors.iter().sum::<usize>() >= 25, "{anchors:?}");
    }

    #[test]
    fn words() {
        assert_eq!(classify_word("December", true), C::Month(12, false));
        assert_eq!(classify_word("december", false), C::Other);
        assert_eq!(classify_word("Dec", true), C::Month(12, true));
        assert_eq!(classify_word("year's", false), C::Unit(Unit::Year, false));
        assert_eq!(classify_word("Last", true), C::Kw(K::Last));
        assert_eq!(classify_word("nine", false), C::NumW(9));
        assert_eq!(classify_word("second", false), C::Ord(2));
        assert_eq!(classify_word("o\u{2019}clock", false), C::Kw(K::OClock));
        assert_eq!(classify_word("中文", false), C::Other);
        assert_eq!(classify_word("internationalisation", false), C::Other);
        assert_eq!(classify_word("approximately", false), C::Kw(K::Approx));
        assert_eq!(
            classify_word("Sun", true),
            C::Wd(jiff::civil::Weekday::Sunday, true)
        );
        assert_eq!(classify_word("sun", false), C::Other);
        assert_eq!(classify_word("May", true), C::Month(5, false));
        assert_eq!(classify_word("may", false), C::Other);
        assert_eq!(classify_number("2015"), C::Num(2015, 4));
        assert_eq!(classify_number("2,015"), C::NumX);
        assert_eq!(classify_punct("\u{2013}"), C::P(b'-'));
    }
}
