//! Conversion claims: a measure with its conversion in parentheses ("5 miles (8 km)").

use crate::document::Span;
use crate::numbers::units::Unit;
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Measure {
    pub span: Span,
    pub value: f64,
    pub unit: Unit,
    /// Decimal places written ("8.05" → 2), for judging the rounding the text used.
    pub decimals: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ConversionClaim {
    pub span: Span,
    pub text: String,
    pub from: Measure,
    pub to: Measure,
}

impl ConversionClaim {
    pub(crate) fn spans_mut(&mut self) -> Vec<&mut Span> {
        vec![&mut self.span, &mut self.from.span, &mut self.to.span]
    }
}
