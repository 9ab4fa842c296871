//! `unsourced`: a statistic with no source in its sentence or paragraph, for editors
//! (always at most `info`).
//!
//! A statistic is an amount of money or a count of at least `min_value` (not the headcount of
//! an event, "2,000 delegates attended"; not durations, lengths, ages or dates), a rate of at least `min_value`
//! (any percentage rate), a relative change ("up 124 percent", "doubled", "up 3 points") or
//! one from or to at least `min_value` ("rose to 20" is not), a share as a percentage or a
//! fraction of something ("40%", "two-thirds of the firms"; not a bare "half of"), or one
//! counted of a whole of at least `min_value` ("nine of the 12 events" is not). It is sourced when its `scope` (`paragraph`, the default, or `sentence`) holds a
//! source claim ("according to a report by ...") or an attribution ("..., Lyu Benfu said").
//!
//! Low noise: at most one finding per paragraph, on its first unsourced statistic, with the
//! others listed as related; nothing in a paragraph that quotes someone (its figures are
//! the speaker's).

use super::{Check, RawRule, RuleCx, Scope};
use crate::claims::Claim;
use crate::findings::{Finding, Severity};
use crate::numbers::units::Dimension;

pub const PARAMS: &[&str] = &["min_value", "scope"];
/// `{claim}` the first unsourced statistic as written.
pub const FIELDS: &[&str] = &["claim"];

/// Counts and amounts below this are not worth a source by default.
pub const DEFAULT_MIN_VALUE: f64 = 1000.0;

pub fn build(raw: &RawRule) -> Result<Box<dyn Check>, String> {
    let min_value = raw.min_value.unwrap_or(DEFAULT_MIN_VALUE);
    if !min_value.is_finite() || min_value < 0.0 {
        return Err(format!(
            "min_value must be a number of at least 0 (got {min_value})"
        ));
    }
    Ok(Box::new(Unsourced {
        min_value,
        scope: raw.scope.unwrap_or(Scope::Paragraph),
    }))
}

struct Unsourced {
    min_value: f64,
    scope: Scope,
}

/// People counted at an event: organisers announce these, nobody sources them.
fn is_headcount(head: &str) -> bool {
    matches!(
        head,
        "delegate"
            | "representative"
            | "participant"
            | "attendee"
            | "guest"
            | "spectator"
            | "speaker"
            | "delegation"
            | "exhibitor"
    )
}

impl Unsourced {
    /// The claim is a statistic that needs a source.
    fn is_statistic(&self, c: &Claim) -> bool {
        match c {
            // a count is a statistic when it covers a stated period ("80,000 incidents in the
            // first nine months"): a headcount ("2,000 representatives attended") is not
            Claim::Quantity(q) => match q.unit.dimension {
                Dimension::Currency => q.value.abs() >= self.min_value,
                Dimension::Count => {
                    q.value.abs() >= self.min_value && !q.head.as_deref().is_some_and(is_headcount)
                }
                _ => false,
            },
            Claim::Rate(r) => {
                r.unit.dimension == Dimension::Percent || r.value.abs() >= self.min_value
            }
            // relative changes always; "rose from 1,200 to 1,500" like counts
            Claim::Change(ch) => {
                ch.percent.is_some()
                    || ch.points.is_some()
                    || ch.multiplier.is_some()
                    || [ch.from, ch.to]
                        .iter()
                        .flatten()
                        .any(|v| v.abs() >= self.min_value)
            }
            // percentages and fractions of something always ("half of" alone may be "the
            // first half of 2004"); "nine of the 12 events" only of a large whole
            Claim::Share(sh) => match (sh.part, sh.whole) {
                (Some(_), Some(w)) => w >= self.min_value,
                _ => sh.noun.is_some() || sh.text.bytes().any(|b| b.is_ascii_digit()),
            },
            _ => false,
        }
    }
}

fn is_source(c: &Claim) -> bool {
    matches!(c, Claim::Source(_) | Claim::Attribution(_))
}

impl Check for Unsourced {
    fn check(&self, cx: &RuleCx, out: &mut Vec<Finding>) {
        let ex = cx.ex;
        let n = ex.claims.len();
        // claims are ordered by position, so each paragraph is one run of claims
        let mut k = 0;
        while k < n {
            let block = ex.block_of(k);
            let mut end = k;
            while end < n && ex.block_of(end) == block {
                end += 1;
            }
            self.paragraph(cx, k..end, out);
            k = end;
        }
    }
}

impl Unsourced {
    fn paragraph(&self, cx: &RuleCx, range: std::ops::Range<usize>, out: &mut Vec<Finding>) {
        let ex = cx.ex;
        let claims = &ex.claims[range.clone()];
        // a quotation's figures are the speaker's
        if claims
            .iter()
            .any(|c| matches!(c, Claim::Attribution(a) if a.quote.is_some()))
        {
            return;
        }
        let paragraph_sourced = claims.iter().any(is_source);
        if paragraph_sourced && self.scope == Scope::Paragraph {
            return;
        }
        let sourced_sentences: std::collections::HashSet<usize> = range
            .clone()
            .filter(|&j| is_source(&ex.claims[j]))
            .map(|j| ex.claim_sentence[j])
            .collect();
        let mut unsourced: Vec<&Claim> = Vec::new();
        for j in range.clone() {
            let c = &ex.claims[j];
            if !self.is_statistic(c) {
                continue;
            }
            if sourced_sentences.contains(&ex.claim_sentence[j]) {
                continue;
            }
            // a figure inside another statistic (the count of a share) is the same claim
            if unsourced
                .last()
                .is_some_and(|p| p.span().contains(c.span()) || c.span().contains(p.span()))
            {
                continue;
            }
            unsourced.push(c);
        }
        let Some(first) = unsourced.first() else {
            return;
        };
        let mut f = cx.finding(
            Severity::Info,
            &cx.rule.message,
            &[("claim", first.text().to_string())],
            first.span(),
        );
        for c in &unsourced[1..] {
            f.related
                .push(cx.related(c.span(), "also without a source in this paragraph"));
        }
        out.push(f);
    }
}
