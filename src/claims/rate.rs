//! Rate claims: a quantity per unit of time or per other unit.

use crate::document::Span;
use crate::numbers::interval::Interval;
use crate::numbers::qualifier::Qualifier;
use crate::numbers::units::Unit;
use crate::time::period::Period;
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RateClaim {
    pub span: Span,
    pub text: String,
    pub value: f64,
    pub interval: Interval,
    pub qualifier: Qualifier,
    pub unit: Unit,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub noun: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub head: Option<String>,
    /// second, minute, hour, day, week, month, year, or the per-unit noun ("capita").
    pub per: String,
    /// When `per` is a unit of time: its length in seconds (a month 28–31 days, a year 365–366).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub per_seconds: Option<[f64; 2]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub period: Option<Period>,
}

impl RateClaim {
    pub(crate) fn spans_mut(&mut self) -> Vec<&mut Span> {
        let mut v = vec![&mut self.span];
        if let Some(p) = &mut self.period {
            v.push(&mut p.span);
        }
        v
    }
}
