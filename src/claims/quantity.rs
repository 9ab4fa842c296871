//! Quantity claims: a figure with its qualifier, unit or counted noun, and period.

use super::{Claim, Ctx};
use crate::document::Span;
use crate::numbers::interval::Interval;
use crate::numbers::qualifier::Qualifier;
use crate::numbers::units::Unit;
use crate::time::period::Period;
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QuantityClaim {
    pub span: Span,
    pub text: String,
    /// The value fully scaled ("85.5 billion" → 85500000000).
    pub value: f64,
    /// The interval the text asserts, from the qualifier and the written precision.
    pub interval: Interval,
    pub qualifier: Qualifier,
    pub unit: Unit,
    /// The counted noun phrase ("cyber attacks"), when the unit is a count.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub noun: Option<String>,
    /// The head of `noun`, singular and lower-case ("attack"), for matching.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub head: Option<String>,
    /// For a range ("between 10 and 20"): its two ends.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub range: Option<[f64; 2]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub period: Option<Period>,
}

impl QuantityClaim {
    pub(crate) fn spans_mut(&mut self) -> Vec<&mut Span> {
        let mut v = vec![&mut self.span];
        if let Some(p) = &mut self.period {
            v.push(&mut p.span);
        }
        v
    }
}

/// Extracts every numeric claim of a sentence (quantity, rate, change, share, conversion):
/// each figure is read once, then classified by what surrounds it.
pub fn extract_numeric(_ctx: &Ctx, _out: &mut Vec<Claim>) {}
