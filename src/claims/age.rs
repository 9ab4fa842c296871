//! Age claims: "John Doe, 58," and birth years ("born in 1966").

use super::{Claim, Ctx};
use crate::document::Span;
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AgeClaim {
    pub span: Span,
    pub text: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub person: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub age: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub birth_year: Option<i32>,
}

pub fn extract(_ctx: &Ctx, _out: &mut Vec<Claim>) {}
