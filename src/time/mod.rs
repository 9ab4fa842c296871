//! Time expressions shared by claim extractors: periods, calendar words, weekdays.

pub mod calendar;
pub mod lex;
pub mod period;
pub mod scan;

use crate::claims::Ctx;
use std::ops::Range;

/// The token ranges (into `ctx.tokens`) occupied by any time expression: dates, periods,
/// times of day, years, decades, numeric dates. Sorted, disjoint. Numbers inside them are
/// not counts.
pub fn temporal_ranges(ctx: &Ctx) -> Vec<Range<usize>> {
    scan::scan_cached(ctx)
        .iter()
        .map(|e| e.range.clone())
        .collect()
}

/// Whether the word at token `i` ("second", also "minute") is *not* a unit of time here:
/// "the second World Internet Conference", "a second term", "second-largest",
/// "minute details". False for "every second", "per second", "a second." and for any
/// other word.
pub fn is_ordinal_use(ctx: &Ctx, i: usize) -> bool {
    let w = ctx.tok(i);
    let second = w.eq_ignore_ascii_case("second");
    let minute = w.eq_ignore_ascii_case("minute");
    if !second && !minute {
        return false;
    }
    let prev = if i == 0 { "" } else { ctx.tok(i - 1) };
    let prev_is = |ws: &[&str]| ws.iter().any(|x| prev.eq_ignore_ascii_case(x));
    let next_is = |ws: &[&str]| ws.iter().any(|x| ctx.is(i + 1, x));
    // words after the unit that make it a length of time
    const TIME_AFTER: &[&str] = &[
        "and", "or", "later", "earlier", "ago", "before", "after", "of", "per", "longer", "more",
        "less", "too", "to", "in", "at", "for", "from", "away", "or", "long",
    ];
    let unit_prev = prev_is(&["every", "per", "each", "one", "split", "a", "an"])
        || (i > 0 && ctx.is_number(i - 1));
    if minute {
        // "minute" is an adjective ("minute details") unless counted or after a determiner
        if unit_prev || prev_is(&["the", "last", "final", "that", "this", "next", "first"]) {
            return false;
        }
        let next_word = ctx.is_word(i + 1) && !ctx.is_capitalised(i + 1);
        return next_word && !next_is(TIME_AFTER);
    }
    // "second-largest", "second-hand"
    if ctx.tok(i + 1) == "-" && ctx.joined(i + 1) {
        return true;
    }
    if i == 0 {
        // "Second, ..." opening a sentence
        return true;
    }
    if prev_is(&["every", "per", "each", "one", "split"]) || ctx.is_number(i - 1) {
        return false;
    }
    if prev_is(&["a", "an"]) {
        // "a second term" is an ordinal, "a second later" / "a second." a length
        return ctx.is_word(i + 1) && !next_is(TIME_AFTER);
    }
    if prev_is(&[
        "the", "its", "his", "her", "their", "our", "my", "your", "this", "that", "and", "or", "in",
    ]) || prev.ends_with("'s")
        || prev.ends_with("\u{2019}s")
    {
        return true;
    }
    // default: an ordinal when a word follows ("second round"), a length otherwise
    ctx.is_word(i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::scan::testutil::with_ctx;

    /// The texts of the temporal ranges of each sentence.
    fn ranges(text: &str) -> Vec<String> {
        with_ctx(text, "", |ctx| {
            temporal_ranges(ctx)
                .into_iter()
                .map(|r| ctx.slice(r.start, r.end - 1).to_string())
                .collect::<Vec<_>>()
        })
        .concat()
    }

    /// `is_ordinal_use` at the first token equal to `w`.
    fn ordinal(text: &str, w: &str) -> bool {
        with_ctx(text, "", |ctx| {
            (0..ctx.len())
                .find(|&i| ctx.tok(i) == w)
                .map(|i| is_ordinal_use(ctx, i))
        })
        .into_iter()
        .flatten()
        .next()
        .expect("word not found")
    }

    #[test]
    fn temporal_ranges_cover_dates_years_and_times() {
        assert_eq!(
            ranges("Updated: 2015-12-15 13:19. In 2015 the 2015 report and 2015's figures came at 3 p.m. on Dec. 15."),
            vec!["2015-12-15", "13:19", "In 2015", "2015", "2015's", "3 p.m.", "on Dec. 15"]
        );
        assert_eq!(
            ranges("Output grew in the 1990s, on 15 December and on 15/12/2015, over the past five years."),
            vec!["in the 1990s", "on 15 December", "on 15/12/2015", "over the past five years"]
        );
        assert!(ranges("There were 2,000 attacks and 1500 km of roads and 58 people.").is_empty());
    }

    #[test]
    fn second_as_ordinal() {
        assert!(ordinal("the second World Internet Conference", "second"));
        assert!(ordinal("He won a second term.", "second"));
        assert!(ordinal("It is the second-largest economy.", "second"));
        assert!(ordinal("Second, cybersecurity matters.", "Second"));
        assert!(ordinal("China's second satellite", "second"));
        assert!(!ordinal("2,000 attacks every second", "second"));
        assert!(!ordinal("10 metres per second", "second"));
        assert!(!ordinal("It took a second.", "second"));
        assert!(!ordinal("It took a second and then more.", "second"));
        assert!(!ordinal("one attack each second", "second"));
        assert!(ordinal("minute details matter", "minute"));
        assert!(!ordinal("a minute later", "minute"));
        assert!(!ordinal("the year", "year"));
    }
}
