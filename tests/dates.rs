//! Date and age claims through the whole pipeline (`factlint::extract`).

use factlint::claims::date::{DateClaim, Granularity};
use factlint::claims::AgeClaim;
use factlint::{Claim, Document};
use jiff::civil::{date, Date};

fn doc(text: &str, day: Option<Date>) -> Document {
    let mut d = Document::from_text("test.txt", text.to_string());
    d.date = day;
    d
}

fn dates_of(text: &str, day: Option<Date>) -> Vec<DateClaim> {
    let d = doc(text, day);
    factlint::extract(&d)
        .into_iter()
        .filter_map(|c| match c {
            Claim::Date(x) => {
                // the claim's text is the original text at its span
                assert_eq!(&d.source[x.span.start..x.span.end], x.text);
                Some(x)
            }
            _ => None,
        })
        .collect()
}

fn ages_of(text: &str) -> Vec<AgeClaim> {
    let d = doc(text, Some(date(2016, 8, 30)));
    factlint::extract(&d)
        .into_iter()
        .filter_map(|c| match c {
            Claim::Age(x) => {
                assert_eq!(&d.source[x.span.start..x.span.end], x.text);
                Some(x)
            }
            _ => None,
        })
        .collect()
}

/// The only date claim of `text`.
fn one_date(text: &str, day: Option<Date>) -> DateClaim {
    let v = dates_of(text, day);
    assert_eq!(v.len(), 1, "{text}: {v:#?}");
    v.into_iter().next().unwrap()
}

fn one_age(text: &str) -> AgeClaim {
    let v = ages_of(text);
    assert_eq!(v.len(), 1, "{text}: {v:#?}");
    v.into_iter().next().unwrap()
}

fn day_claim(c: &DateClaim, d: Date) {
    assert_eq!(c.granularity, Granularity::Day, "{c:?}");
    assert_eq!((c.start, c.end), (Some(d), Some(d)), "{c:?}");
    assert!(c.resolved, "{c:?}");
}

const TUE: Date = date(2015, 12, 15);

// ---- absolute dates ---------------------------------------------------------------------

#[test]
fn month_day_year() {
    let c = one_date("The plant closed on December 15, 2015, after a fire.", None);
    assert_eq!(c.text, "December 15, 2015");
    day_claim(&c, TUE);
    assert!(!c.relative);
    assert_eq!(c.weekday, None);
}

#[test]
fn day_month_year() {
    let c = one_date(
        "The rules took effect on 1 January 2016 across the region.",
        None,
    );
    assert_eq!(c.text, "1 January 2016");
    day_claim(&c, date(2016, 1, 1));
}

#[test]
fn abbreviated_month() {
    let c = one_date("Ballots were counted on Dec. 15, 2015 in Wuzhen.", None);
    assert_eq!(c.text, "Dec. 15, 2015");
    day_claim(&c, TUE);
}

#[test]
fn iso_date() {
    let c = one_date(
        "The bulletin was revised on 2015-12-15 by the bureau.",
        None,
    );
    assert_eq!(c.text, "2015-12-15");
    day_claim(&c, TUE);
}

#[test]
fn slashed_date_day_first() {
    let c = one_date("The invoice is dated 15/12/2015 and was paid.", None);
    day_claim(&c, TUE);
}

#[test]
fn slashed_date_that_cannot_be_ordered() {
    let c = one_date("The invoice is dated 05/06/2015 and was paid.", None);
    assert_eq!(c.granularity, Granularity::Day);
    assert!(!c.resolved && c.start.is_none());
}

#[test]
fn month_and_year() {
    let c = one_date("In March 2020 the port shut down.", None);
    assert_eq!(c.text, "March 2020");
    assert_eq!(c.granularity, Granularity::Month);
    assert_eq!(
        (c.start, c.end),
        (Some(date(2020, 3, 1)), Some(date(2020, 3, 31)))
    );
}

#[test]
fn year_in_a_quantity() {
    let c = one_date("Exports fell 3 percent in 2015.", None);
    assert_eq!(c.text, "2015");
    assert_eq!(c.granularity, Granularity::Year);
    assert_eq!(
        (c.start, c.end),
        (Some(date(2015, 1, 1)), Some(date(2015, 12, 31)))
    );
}

#[test]
fn month_day_takes_the_year_of_the_document() {
    let c = one_date(
        "The hearing is set for Dec 15 in the capital.",
        Some(date(2015, 12, 1)),
    );
    assert_eq!(c.text, "Dec 15");
    day_claim(&c, TUE);
    assert!(c.relative);
}

#[test]
fn month_day_without_a_document_date_is_unresolved() {
    let c = one_date("The hearing is set for Dec 15 in the capital.", None);
    assert!(!c.resolved && c.start.is_none());
    assert_eq!(c.granularity, Granularity::Day);
}

#[test]
fn past_tense_takes_last_years_month() {
    let c = one_date(
        "The storm struck on 3 May, officials said.",
        Some(date(2016, 1, 10)),
    );
    day_claim(&c, date(2015, 5, 3));
}

#[test]
fn decade() {
    let c = one_date("Coal use peaked in the 1990s.", None);
    assert_eq!(c.granularity, Granularity::Range);
    assert_eq!(
        (c.start, c.end),
        (Some(date(1990, 1, 1)), Some(date(1999, 12, 31)))
    );
}

// ---- weekdays attached to dates -------------------------------------------------------------

#[test]
fn weekday_comma_date() {
    let c = one_date("Voting ends on Tuesday, Dec. 15, 2015, at noon.", None);
    assert_eq!(c.text, "Tuesday, Dec. 15, 2015");
    assert_eq!(c.weekday.as_deref(), Some("tuesday"));
    day_claim(&c, TUE);
}

#[test]
fn weekday_is_kept_even_when_wrong() {
    // 2015-12-15 was a Tuesday: the claim records what the text says, a rule checks it
    let c = one_date("Voting ends on Monday, December 15, 2015.", None);
    assert_eq!(c.weekday.as_deref(), Some("monday"));
    day_claim(&c, TUE);
}

#[test]
fn weekday_with_date_in_brackets() {
    let c = one_date(
        "Delegates arrive on Tuesday (Dec. 15) by train.",
        Some(date(2015, 12, 10)),
    );
    assert_eq!(c.text, "Tuesday (Dec. 15)");
    assert_eq!(c.weekday.as_deref(), Some("tuesday"));
    day_claim(&c, TUE);
}

#[test]
fn weekday_day_month() {
    let c = one_date("The forum closes Friday 18 December 2015.", None);
    assert_eq!(c.weekday.as_deref(), Some("friday"));
    day_claim(&c, date(2015, 12, 18));
}

// ---- relative references ---------------------------------------------------------------------

#[test]
fn last_year() {
    let c = one_date(
        "There were 85.5 billion attacks last year alone.",
        Some(date(2016, 8, 30)),
    );
    assert_eq!(c.text, "last year");
    assert_eq!(c.granularity, Granularity::Year);
    assert_eq!(
        (c.start, c.end),
        (Some(date(2015, 1, 1)), Some(date(2015, 12, 31)))
    );
    assert!(c.relative && c.resolved);
}

#[test]
fn last_year_without_a_document_date() {
    let c = one_date("There were 85.5 billion attacks last year alone.", None);
    assert!(c.relative && !c.resolved);
    assert_eq!(c.start, None);
}

#[test]
fn earlier_this_month() {
    let c = one_date(
        "Earlier this month, a satellite went into orbit.",
        Some(date(2016, 8, 30)),
    );
    assert_eq!(c.text, "Earlier this month");
    assert_eq!(c.granularity, Granularity::Month);
    assert_eq!(
        (c.start, c.end),
        (Some(date(2016, 8, 1)), Some(date(2016, 8, 31)))
    );
    assert!(c.relative);
}

#[test]
fn yesterday() {
    let c = one_date("Shares slid yesterday in Shanghai.", Some(TUE));
    day_claim(&c, date(2015, 12, 14));
    assert!(c.relative);
}

#[test]
fn bare_weekday_in_the_past() {
    let c = one_date("The strike ended on Friday, the union said.", Some(TUE));
    assert_eq!(c.text, "Friday");
    assert_eq!(c.weekday.as_deref(), Some("friday"));
    day_claim(&c, date(2015, 12, 11));
}

#[test]
fn bare_weekday_in_the_future() {
    let c = one_date("The strike will end on Friday.", Some(TUE));
    day_claim(&c, date(2015, 12, 18));
}

#[test]
fn weekday_range_upcoming() {
    let c = one_date(
        "The upcoming conference, to be held in Wuzhen from Wednesday to Friday, has 2,000 guests.",
        Some(TUE),
    );
    assert_eq!(c.text, "from Wednesday to Friday");
    assert_eq!(c.granularity, Granularity::Range);
    assert_eq!(
        (c.start, c.end),
        (Some(date(2015, 12, 16)), Some(date(2015, 12, 18)))
    );
}

#[test]
fn weekday_range_without_a_document_date() {
    let c = one_date("The fair runs from Wednesday to Friday.", None);
    assert_eq!(c.granularity, Granularity::Range);
    assert!(!c.resolved && c.start.is_none() && c.end.is_none());
}

#[test]
fn a_week_away_is_relative() {
    let c = one_date(
        "With the summit less than a week away, hotels are full.",
        Some(date(2016, 8, 30)),
    );
    assert_eq!(c.text, "less than a week away");
    assert!(c.relative);
    assert_eq!(
        (c.start, c.end),
        (Some(date(2016, 8, 31)), Some(date(2016, 9, 6)))
    );
}

#[test]
fn days_ago_and_next_month() {
    let v = dates_of(
        "Talks resumed three days ago and a vote is due next month.",
        Some(TUE),
    );
    assert_eq!(v.len(), 2);
    day_claim(&v[0], date(2015, 12, 12));
    assert_eq!(v[1].granularity, Granularity::Month);
    assert_eq!(v[1].start, Some(date(2016, 1, 1)));
}

#[test]
fn ranges_of_years_and_seasons() {
    let v = dates_of(
        "Between 2010 and 2015 output doubled. The 2015-16 season was his best.",
        None,
    );
    assert_eq!(v.len(), 2);
    assert_eq!(v[0].text, "Between 2010 and 2015");
    assert_eq!(
        (v[0].start, v[0].end),
        (Some(date(2010, 1, 1)), Some(date(2015, 12, 31)))
    );
    assert_eq!(v[1].text, "The 2015-16 season");
    assert_eq!(v[1].granularity, Granularity::Range);
}

#[test]
fn parts_of_a_year() {
    let v = dates_of(
        "The first nine months of 2015 saw 80,000 incidents. Profit rose in Q3 2021.",
        None,
    );
    assert_eq!(v[0].text, "The first nine months of 2015");
    assert_eq!(
        (v[0].start, v[0].end),
        (Some(date(2015, 1, 1)), Some(date(2015, 9, 30)))
    );
    assert_eq!(v[1].granularity, Granularity::Quarter);
    assert_eq!(v[1].start, Some(date(2021, 7, 1)));
}

// ---- not dates -------------------------------------------------------------------------------

#[test]
fn times_of_day_are_not_dates() {
    assert!(dates_of(
        "The vote opens at 3 p.m. and closes at 17:30 or 9.30pm.",
        None
    )
    .is_empty());
}

#[test]
fn versions_phones_and_streets_are_not_dates() {
    assert!(dates_of("Install version 2.0 now.", None).is_empty());
    assert!(dates_of("To book, call 555-0134 before noon.", None).is_empty());
    assert!(dates_of("He lives at 12 Baker Street with a cat.", None).is_empty());
}

#[test]
fn ordinals_and_counts_are_not_dates() {
    assert!(dates_of(
        "The second World Internet Conference opened in Wuzhen.",
        Some(TUE)
    )
    .is_empty());
    assert!(dates_of("About 2000 people and 2,000 other delegates came.", None).is_empty());
    assert!(dates_of(
        "It logs 2,000 attacks every second and 1500 km of cable.",
        None
    )
    .is_empty());
}

#[test]
fn generic_today_is_not_a_date() {
    assert!(dates_of("In today's world, privacy is rare.", Some(TUE)).is_empty());
}

#[test]
fn holidays_and_papers_are_not_bare_weekdays() {
    assert!(dates_of(
        "Shops open on Good Friday, the Sunday Times reported.",
        Some(TUE)
    )
    .is_empty());
}

// ---- ages --------------------------------------------------------------------------------------

#[test]
fn name_comma_age() {
    let a = one_age("John Doe, 58, said the plant would close.");
    assert_eq!(a.person.as_deref(), Some("John Doe"));
    assert_eq!(a.age, Some(58));
    assert_eq!(a.text, "John Doe, 58");
}

#[test]
fn title_is_not_part_of_the_name() {
    let a = one_age("President Xi Jinping, 62, arrived on Sunday.");
    assert_eq!(a.person.as_deref(), Some("Xi Jinping"));
    assert_eq!(a.age, Some(62));
}

#[test]
fn year_old_with_a_name_after() {
    let a = one_age("The 58-year-old engineer John Doe was hired.");
    assert_eq!(a.age, Some(58));
    assert_eq!(a.person.as_deref(), Some("John Doe"));
    assert_eq!(a.text, "58-year-old");
}

#[test]
fn year_old_in_words_and_years_old() {
    assert_eq!(one_age("A five-year-old boy was rescued.").age, Some(5));
    assert_eq!(
        one_age("A fifty-eight-year-old man was rescued.").age,
        Some(58)
    );
    let a = one_age("She is 34 years old.");
    assert_eq!((a.age, a.person), (Some(34), None));
}

#[test]
fn aged() {
    let a = one_age("Jane Smith, aged 47, won the race.");
    assert_eq!(a.person.as_deref(), Some("Jane Smith"));
    assert_eq!(a.age, Some(47));
    assert!(ages_of("Men aged 18 to 30 were called up.").is_empty());
}

#[test]
fn born_in() {
    let a = one_age("Li Wei was born in 1966 in Hangzhou.");
    assert_eq!(a.person.as_deref(), Some("Li Wei"));
    assert_eq!(a.birth_year, Some(1966));
    assert_eq!(a.text, "born in 1966");
    let a = one_age("Hao Yeli (born 1958) spoke first.");
    assert_eq!(
        (a.person.as_deref(), a.birth_year),
        (Some("Hao Yeli"), Some(1958))
    );
    let a = one_age("The poet (b. 1931) died.");
    assert_eq!((a.person, a.birth_year), (None, Some(1931)));
    let a = one_age("He was born on March 3, 1957, in Ohio.");
    assert_eq!(a.birth_year, Some(1957));
}

#[test]
fn not_ages() {
    // one capitalised word opening the sentence is not taken for a name
    assert!(ages_of("Doe, 58, said no.").is_empty());
    assert!(ages_of("In December, 58 people died.").is_empty());
    assert!(ages_of("In Beijing, 58, were hurt.").is_empty());
    assert!(ages_of("Call 555-0134 now.").is_empty());
}

#[test]
fn two_people() {
    let v = ages_of("Police said Smith, 45, and Jones, 51, were arrested.");
    assert_eq!(v.len(), 2);
    assert_eq!(
        (v[0].person.as_deref(), v[0].age),
        (Some("Smith"), Some(45))
    );
    assert_eq!(
        (v[1].person.as_deref(), v[1].age),
        (Some("Jones"), Some(51))
    );
}

// ---- robustness --------------------------------------------------------------------------------

#[test]
fn odd_inputs_do_not_panic() {
    let odd = [
        "",
        " ",
        "-",
        ".",
        "Dec.",
        "Dec",
        "15/",
        "2015-",
        "2015-12-",
        "12:",
        ":30",
        "Q",
        "Q5",
        "the",
        "born",
        "aged",
        "year-old",
        "-year-old",
        "Tuesday (",
        "Tuesday (Dec.",
        "between 2010 and",
        "from Monday to",
        "9999-12-31",
        "0000-00-00",
        "Feb 30, 2015",
        "2015-02-29",
        "February 29",
        "𝕏 2015 中文 Dec 15 ٢٠١٥",
        "999999999999999999999 years ago",
        "in 4294967295 days",
        "the past 99999 years",
        "every 0 seconds",
        "a, 58,",
        ", 58,",
        "b.",
        "b. 1",
        "last",
        "next",
        "the first",
        "the first 13 months of 2015",
        "Q3 9999",
        "the 2999-3000 season",
        "'90s",
        "'",
        "o'clock",
        "12 o'clock",
        "24:59",
        "99:99",
        "1.2.3.4",
        "2015/16/17",
        "aged 58-",
        "John Doe, 58",
        "9999-12-31 next year",
        "in 9999, next year and the next 9 years",
        "since 2999",
        "the 58-year-old",
        "Dec. 15-",
        "15-",
        "15 to",
        "from Dec. 1 to",
    ];
    for day in [
        None,
        Some(TUE),
        Some(date(9999, 12, 31)),
        Some(date(-9999, 1, 1)),
    ] {
        for t in odd {
            let d = doc(t, day);
            let _ = factlint::extract(&d);
        }
    }
}

mod fuzz {
    use super::*;
    use proptest::prelude::*;

    const WORDS: &[&str] = &[
        "in",
        "on",
        "the",
        "last",
        "this",
        "next",
        "past",
        "first",
        "second",
        "third",
        "quarter",
        "half",
        "of",
        "year",
        "years",
        "month",
        "months",
        "week",
        "day",
        "days",
        "ago",
        "away",
        "a",
        "less",
        "than",
        "from",
        "to",
        "between",
        "and",
        "since",
        "Dec",
        ".",
        ",",
        "(",
        ")",
        "-",
        "/",
        ":",
        "'",
        "s",
        "15",
        "2015",
        "16",
        "05",
        "12",
        "58",
        "Tuesday",
        "Friday",
        "March",
        "May",
        "Q3",
        "H1",
        "every",
        "per",
        "annually",
        "born",
        "aged",
        "old",
        "b",
        "John",
        "Doe",
        "p",
        "m",
        "am",
        "noon",
        "season",
        "1990s",
        "will",
        "yesterday",
        "today's",
        "nine",
        "twenty",
        "-",
        "2,000",
        "85.5",
        "version",
        "2.0",
        "555",
        "0134",
        "Street",
    ];

    fn sentence() -> impl Strategy<Value = String> {
        prop::collection::vec((0..WORDS.len(), any::<bool>()), 0..24).prop_map(|v| {
            let mut s = String::new();
            for (w, glue) in v {
                if !glue && !s.is_empty() {
                    s.push(' ');
                }
                s.push_str(WORDS[w]);
            }
            s
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(400))]

        #[test]
        fn time_words_never_panic(s in sentence(), dated in any::<bool>()) {
            let d = doc(&s, dated.then_some(TUE));
            for c in factlint::extract(&d) {
                let sp = c.span();
                prop_assert!(sp.start <= sp.end && sp.end <= d.source.len());
            }
        }

        #[test]
        fn arbitrary_text_never_panics(s in "\\PC{0,120}") {
            let d = doc(&s, Some(TUE));
            let _ = factlint::extract(&d);
        }
    }
}

#[test]
fn same_sentence_in_documents_with_other_dates() {
    let t = "Attacks rose last year.";
    let a = one_date(t, Some(date(2016, 8, 30)));
    let b = one_date(t, Some(date(2011, 3, 1)));
    let c = one_date(t, None);
    assert_eq!(a.start, Some(date(2015, 1, 1)));
    assert_eq!(b.start, Some(date(2010, 1, 1)));
    assert_eq!(c.start, None);
}

/// One line per date or age claim, for a snapshot review of a whole fixture.
fn render(text: &str, day: Option<Date>) -> String {
    let d = doc(text, day);
    let mut out = String::new();
    let opt = |x: Option<Date>| x.map_or("?".to_string(), |d| d.to_string());
    for c in factlint::extract(&d) {
        match c {
            Claim::Date(x) => out.push_str(&format!(
                "date {:?} {}..{} {:?}{}{}{}\n",
                x.text,
                opt(x.start),
                opt(x.end),
                x.granularity,
                x.weekday.map_or(String::new(), |w| format!(" weekday={w}")),
                if x.relative { " relative" } else { "" },
                if x.resolved { "" } else { " unresolved" },
            )),
            Claim::Age(x) => out.push_str(&format!(
                "age {:?} person={:?} age={:?} born={:?}\n",
                x.text, x.person, x.age, x.birth_year
            )),
            _ => {}
        }
    }
    out
}

#[test]
fn snapshot_news_fixture() {
    let text = include_str!("fixtures/dates/news.txt");
    insta::with_settings!({snapshot_path => "../snapshots"}, {
        insta::assert_snapshot!("dates_news_dated", render(text, Some(TUE)));
        insta::assert_snapshot!("dates_news_undated", render(text, None));
    });
}
