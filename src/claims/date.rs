//! Date claims: absolute dates, weekdays attached to dates, relative references.

use super::{Claim, Ctx};
use crate::document::Span;
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

pub fn extract(_ctx: &Ctx, _out: &mut Vec<Claim>) {}
