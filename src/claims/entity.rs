//! Organisation and person mentions, each with a normalised key for matching across texts.

use super::{Claim, Ctx};
use crate::document::Span;
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EntityClaim {
    pub span: Span,
    pub text: String,
    /// The name as written, white space folded.
    pub name: String,
    /// The matching key: lower-case, "&" → "and", "Centre" → "center", punctuation dropped.
    pub key: String,
}

pub fn extract(_ctx: &Ctx, _out: &mut Vec<Claim>) {}
