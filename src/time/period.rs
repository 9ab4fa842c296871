//! Periods: the stretch of time a figure covers ("last year", "in 2015", "the first nine
//! months of 2015", "annually"), resolved to dates against the document date when it has
//! one. Without a document date a relative period keeps only its length: nothing here ever
//! reads today's clock.

use super::scan::{scan_cached, PeriodVal};
use crate::claims::Ctx;
use crate::document::Span;
use jiff::civil::Date;
use serde::Serialize;
use std::ops::Range;

/// A length in days, as an interval: a year is 365–366 days, a month 28–31.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Days {
    pub min: f64,
    pub max: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Period {
    pub span: Span,
    pub text: String,
    /// First day covered, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start: Option<Date>,
    /// Last day covered (inclusive), when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end: Option<Date>,
    /// How long the period is (exact when resolved).
    pub days: Days,
    /// True when start and end are known.
    pub resolved: bool,
}

impl Period {
    fn from_scan(ctx: &Ctx, r: &Range<usize>, p: &PeriodVal) -> Option<Period> {
        if r.start >= r.end || r.end > ctx.tokens.len() {
            return None;
        }
        let span = ctx.span(r.start, r.end - 1);
        Some(Period {
            span,
            text: ctx.text.get(span.start..span.end)?.to_string(),
            start: p.start,
            end: p.end,
            days: Days {
                min: p.days.0,
                max: p.days.1,
            },
            resolved: p.resolved,
        })
    }
}

/// Every expression of the sentence that states the time a figure covers, with its token
/// range (into `ctx.tokens`): "last year", "in 2015", "the first nine months of 2015",
/// "over the past five years", "annually", "in 12 months", ... Resolved against the
/// document date when it has one; otherwise relative periods keep only their length.
pub fn find_periods(ctx: &Ctx) -> Vec<(Range<usize>, Period)> {
    scan_cached(ctx)
        .iter()
        .filter_map(|e| {
            let (r, p) = e.period.as_ref()?;
            Some((r.clone(), Period::from_scan(ctx, r, p)?))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::scan::testutil::with_ctx;
    use jiff::civil::date;

    fn periods(text: &str, doc: &str) -> Vec<Period> {
        with_ctx(text, doc, |ctx| {
            let ps = find_periods(ctx);
            for (r, p) in &ps {
                // the range and the span agree, and text is the exact slice
                assert_eq!(ctx.span(r.start, r.end - 1), p.span);
                assert_eq!(&ctx.text[p.span.start..p.span.end], p.text);
            }
            ps.into_iter().map(|x| x.1).collect::<Vec<_>>()
        })
        .concat()
    }

    #[test]
    fn last_year_resolves_against_the_document_date() {
        let p = periods("Attacks rose last year.", "2016-08-30");
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].text, "last year");
        assert_eq!(p[0].start, Some(date(2015, 1, 1)));
        assert_eq!(p[0].end, Some(date(2015, 12, 31)));
        assert_eq!(
            p[0].days,
            Days {
                min: 365.0,
                max: 365.0
            }
        );
        assert!(p[0].resolved);
    }

    #[test]
    fn without_a_document_date_only_the_length_is_known() {
        let p = periods("Attacks rose last year.", "");
        assert_eq!(p[0].start, None);
        assert_eq!(
            p[0].days,
            Days {
                min: 365.0,
                max: 366.0
            }
        );
        assert!(!p[0].resolved);
    }

    #[test]
    fn prepositions_belong_to_the_period() {
        let p = periods(
            "Sales fell in 2015, during 2014 and in the third quarter, on Tuesday.",
            "2016-08-30",
        );
        let texts: Vec<&str> = p.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "in 2015",
                "during 2014",
                "in the third quarter",
                "on Tuesday"
            ]
        );
        assert_eq!(p[3].start, Some(date(2016, 8, 30)));
    }

    #[test]
    fn rates_are_one_unit_long_without_a_position() {
        for t in ["annually", "a year", "per year", "each year", "every year"] {
            let p = periods(&format!("It makes 5,000 cars {t}."), "2016-08-30");
            assert_eq!(p.len(), 1, "{t}");
            assert_eq!(p[0].text, t);
            assert_eq!(
                p[0].days,
                Days {
                    min: 365.0,
                    max: 366.0
                }
            );
            assert!(!p[0].resolved && p[0].start.is_none());
        }
    }

    #[test]
    fn seasons_and_year_ranges() {
        let p = periods(
            "Output doubled from 2010 to 2015 and in the 2015-2016 season.",
            "",
        );
        assert_eq!(p[0].text, "from 2010 to 2015");
        assert_eq!(
            (p[0].start, p[0].end),
            (Some(date(2010, 1, 1)), Some(date(2015, 12, 31)))
        );
        assert_eq!(p[1].text, "in the 2015-2016 season");
        assert!(!p[1].resolved);
        assert_eq!(
            p[1].days,
            Days {
                min: 365.0,
                max: 366.0
            }
        );
    }
}
