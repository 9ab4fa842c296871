//! `names`: to be written (see issue 3).

use super::{Check, RawRule};
use std::path::Path;

pub const PARAMS: &[&str] = &[];
pub const FIELDS: &[&str] = &[];

pub fn build(_raw: &RawRule, _base: &Path) -> Result<Box<dyn Check>, String> {
    Err("kind `names` is not available yet".into())
}
