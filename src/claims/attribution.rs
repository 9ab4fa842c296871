//! Attribution claims: who said a quotation, in what role, for which organisation.

use super::{Claim, Ctx};
use crate::document::Span;
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AttributionClaim {
    pub span: Span,
    pub text: String,
    pub speaker: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub organisation: Option<String>,
    /// The quotation's span, when the attribution is of a quotation.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quote: Option<Span>,
    /// The reporting verb ("said", "told", "added").
    pub verb: String,
}

impl AttributionClaim {
    pub(crate) fn spans_mut(&mut self) -> Vec<&mut Span> {
        let mut v = vec![&mut self.span];
        if let Some(q) = &mut self.quote {
            v.push(q);
        }
        v
    }
}

pub fn extract(_ctx: &Ctx, _out: &mut Vec<Claim>) {}
