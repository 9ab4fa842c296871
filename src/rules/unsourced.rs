//! `unsourced`: to be written (see issue 3).

use super::{Check, RawRule};

pub const PARAMS: &[&str] = &[];
pub const FIELDS: &[&str] = &[];

pub fn build(_raw: &RawRule) -> Result<Box<dyn Check>, String> {
    Err("kind `unsourced` is not available yet".into())
}
