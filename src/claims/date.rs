//! Date claims: absolute dates, weekdays attached to dates, relative references.

use super::{Claim, Ctx};
use crate::document::Span;
use crate::time::calendar::weekday_name;
use crate::time::scan::scan_cached;
use jiff::civil::Date;
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Granularity {
    Day,
    Week,
    Month,
    Quarter,
    Year,
    Range,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DateClaim {
    pub span: Span,
    pub text: String,
    /// First day the expression denotes, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start: Option<Date>,
    /// Last day (inclusive), when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end: Option<Date>,
    pub granularity: Granularity,
    /// The weekday the text names ("Tuesday"), lower-case, when it names one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub weekday: Option<String>,
    /// Relative to the document date ("last year", "on Friday").
    pub relative: bool,
    /// Whether start/end could be fixed (always, for absolute dates with a year).
    pub resolved: bool,
}

/// Emits a date claim for every date the sentence names (absolute or relative); times of
/// day, lengths ("over 10 days") and rates ("annually") are not dates.
pub fn extract(ctx: &Ctx, out: &mut Vec<Claim>) {
    for e in scan_cached(ctx).iter() {
        let Some((r, d)) = &e.date else {
            continue;
        };
        if r.start >= r.end || r.end > ctx.tokens.len() {
            continue;
        }
        let span = ctx.span(r.start, r.end - 1);
        let Some(text) = ctx.text.get(span.start..span.end) else {
            continue;
        };
        out.push(Claim::Date(DateClaim {
            span,
            text: text.to_string(),
            start: d.start,
            end: d.end,
            granularity: d.granularity,
            weekday: d.weekday.map(|w| weekday_name(w).to_string()),
            relative: d.relative,
            resolved: d.resolved,
        }));
    }
}
