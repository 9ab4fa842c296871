//! Share claims: a part of a whole ("61% backed the plan", "30 of the 75 members").

use crate::document::Span;
use crate::numbers::interval::Interval;
use crate::numbers::qualifier::Qualifier;
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ShareClaim {
    pub span: Span,
    pub text: String,
    /// The share as a percentage of the whole (30 of 75 → 40).
    pub percent: f64,
    /// The interval the share asserts, in percent.
    pub interval: Interval,
    pub qualifier: Qualifier,
    /// The part, when stated as a count ("30" of "30 of the 75 members").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub part: Option<f64>,
    /// The whole, when stated ("75").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub whole: Option<f64>,
    /// What the whole is made of ("members", "voters").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub noun: Option<String>,
}

impl ShareClaim {
    pub(crate) fn spans_mut(&mut self) -> Vec<&mut Span> {
        vec![&mut self.span]
    }
}
