//! Change claims: a rise or fall, by a percentage, a multiplier or from one value to another.

use crate::document::Span;
use crate::numbers::interval::Interval;
use crate::numbers::qualifier::Qualifier;
use crate::time::period::Period;
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    Up,
    Down,
    Unchanged,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChangeClaim {
    pub span: Span,
    pub text: String,
    pub direction: Direction,
    /// The relative change in percent, signed (+124 for "up 124 percent").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub percent: Option<f64>,
    /// The interval the percent figure asserts.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub interval: Option<Interval>,
    /// A change in percentage points ("up 3 points").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub points: Option<f64>,
    /// "doubled" → 2, "halved" → 0.5, "tripled" → 3.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub multiplier: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to: Option<f64>,
    pub qualifier: Qualifier,
    /// The comparison basis: "year on year", "month on month", "from a year earlier".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub basis: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub noun: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub period: Option<Period>,
}

impl ChangeClaim {
    pub(crate) fn spans_mut(&mut self) -> Vec<&mut Span> {
        let mut v = vec![&mut self.span];
        if let Some(p) = &mut self.period {
            v.push(&mut p.span);
        }
        v
    }
}
