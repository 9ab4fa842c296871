//! Source claims: "according to a report by 360 Security Center".

use super::{Claim, Ctx};
use crate::document::Span;
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SourceClaim {
    pub span: Span,
    pub text: String,
    /// The source named ("360 Security Center").
    pub name: String,
    /// Its matching key (as for organisations).
    pub key: String,
    /// What was cited, when named: "report", "survey", "study", "data", "statement".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub document: Option<String>,
}

pub fn extract(_ctx: &Ctx, _out: &mut Vec<Claim>) {}
