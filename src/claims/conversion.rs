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

use super::quantity::Reading;
use super::{Claim, Ctx};
use crate::numbers::figure;
use crate::numbers::qualifier::qualifier_before;
use crate::numbers::units::unit_at;
use crate::numbers::units::Dimension;

/// A reading with a unit of measure followed by its conversion in parentheses.
pub fn conversion_of(ctx: &Ctx, r: &Reading) -> Option<(Claim, usize)> {
    if matches!(
        r.unit.dimension,
        Dimension::Count | Dimension::Percent | Dimension::Currency
    ) {
        return None;
    }
    let open = r.end;
    if !ctx.is(open, "(") {
        return None;
    }
    let mut k = open + 1;
    // "(about 8 km)", "(or 8 km)", "(= 8 km)"
    if ctx.is(k, "or") || ctx.is(k, "=") {
        k += 1;
    }
    while ctx.is_word(k) && qualifier_before(ctx, k + 1).is_some() && !ctx.is_number(k) {
        k += 1;
    }
    let fig2 = figure::parse_at(ctx, k)?;
    let (unit2, used) = unit_at(ctx, fig2.end)?;
    let close = fig2.end + used;
    if unit2.dimension != r.unit.dimension || unit2.symbol == r.unit.symbol || !ctx.is(close, ")") {
        return None;
    }
    Some((
        Claim::Conversion(Box::new(ConversionClaim {
            span: ctx.span(r.start, close),
            text: String::new(),
            from: Measure {
                span: ctx.span(r.fig.start, r.end - 1),
                value: r.fig.value,
                unit: r.unit.clone(),
                decimals: r.fig.decimals,
            },
            to: Measure {
                span: ctx.span(fig2.start, close - 1),
                value: fig2.value,
                unit: unit2,
                decimals: fig2.decimals,
            },
        })),
        close + 1,
    ))
}
