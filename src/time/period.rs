//! Periods: the stretch of time a figure covers ("last year", "in 2015", "the first nine
//! months of 2015", "annually"), resolved to dates against the document date when it has
//! one. Without a document date a relative period keeps only its length: nothing here ever
//! reads today's clock.

use crate::document::Span;
use jiff::civil::Date;
use serde::Serialize;

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
