//! `weekday`: a weekday that does not match its date ("Tuesday, Sept. 1, 2016" was a
//! Thursday). A weekday alone ("on Tuesday") is resolved from the dateline and so always
//! agrees with it; a weekday written beside a day of the month is checked, also when the
//! year comes from the dateline ("Sunday (Aug. 29)").

use super::{Check, RawRule, RuleCx};
use crate::claims::date::Granularity;
use crate::claims::Claim;
use crate::findings::{Finding, Severity};

pub const PARAMS: &[&str] = &[];
/// `{weekday}` as written, `{date}` (ISO), `{actual}` the date's real weekday.
pub const FIELDS: &[&str] = &["weekday", "date", "actual"];

pub fn build(_raw: &RawRule) -> Result<Box<dyn Check>, String> {
    Ok(Box::new(Weekday))
}

struct Weekday;

fn capitalise(w: &str) -> String {
    let mut c = w.chars();
    c.next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}

impl Check for Weekday {
    fn check(&self, cx: &RuleCx, out: &mut Vec<Finding>) {
        for c in &cx.ex.claims {
            let Claim::Date(d) = c else { continue };
            let (Some(written), Some(start)) = (&d.weekday, d.start) else {
                continue;
            };
            // a weekday alone ("on Tuesday") is resolved from the dateline and cannot
            // disagree with it; a weekday beside a day of the month ("Sunday (Aug. 29)",
            // its year taken from the dateline) can
            let names_a_day = d.text.bytes().any(|b| b.is_ascii_digit());
            if !names_a_day || d.granularity != Granularity::Day || d.end != Some(start) {
                continue;
            }
            let actual = crate::time::calendar::weekday_name(start.weekday()).to_lowercase();
            if *written == actual {
                continue;
            }
            let mut f = cx.finding(
                Severity::Error,
                &cx.rule.message,
                &[
                    ("weekday", capitalise(written)),
                    ("date", start.to_string()),
                    ("actual", capitalise(&actual)),
                ],
                d.span,
            );
            // the same text with the weekday corrected, keeping its case as written
            let text = &d.text;
            if let Some(pos) = text.to_lowercase().find(written.as_str()) {
                let orig = &text[pos..pos + written.len()];
                let fixed = if orig.chars().all(|ch| ch.is_uppercase()) {
                    actual.to_uppercase()
                } else {
                    capitalise(&actual)
                };
                f.suggestion = Some(format!(
                    "{}{}{}",
                    &text[..pos],
                    fixed,
                    &text[pos + written.len()..]
                ));
            }
            out.push(f);
        }
    }
}
