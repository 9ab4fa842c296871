//! `change`: a change claim's own figures against each other. "climbed from 1,200 to 1,500,
//! a 30% rise" is an error (1,200 to 1,500 is a 25% rise); "doubled from 40 to 95" is one
//! too (a factor of 2.4), and so is "fell to 1,500 from 1,200".
//!
//! Only change claims that carry both a `from` and a `to` value are checked; a change with
//! no starting value ("rose to 80,000, up 124 percent") gives nothing to check. The claim
//! holds everything, so there is no pairing. What is judged, the first that applies:
//! - a percent: against (to − from) / from × 100 (from must be above 0);
//! - points: against to − from;
//! - a multiplier ("doubled", "halved", "threefold"): against to / from, the multiplier read
//!   with the rule's `tolerance` ("doubled" is 1.8–2.2 by default; "more than doubled" above
//!   2; "nearly doubled" 1.8 up to 2);
//! - then the direction: "fell" with a `to` above `from` (or "rose" with one below) is an
//!   error, and so is "unchanged" with a change beyond the tolerance.
//!
//! From and to are taken as exact. The claimed percent is read as written
//! (`ladder::as_written`: "about" under the rule's `tolerance`, "25%" as rounded or truncated
//! to whole percents). A contradiction is lowered to a warning when it goes away with figures
//! that are plainly rounded ("from $1.2 billion to $1.5 billion": half a step of the last
//! digit before million, billion, trillion), or when the percent is the difference in points
//! ("from 5% to 6%, a 1% increase": a point, not a percent). A pair that looks like one
//! value in cents and one in whole units ("from 40 to 20 cents", which the extractor reads
//! as 40 and 0.20) is not judged.

use super::ladder::{self, Verdict};
use super::template::number;
use super::{Check, RawRule, RuleCx};
use crate::claims::change::{ChangeClaim, Direction};
use crate::claims::Claim;
use crate::findings::Finding;
use crate::numbers::interval::{asserted, Interval};

pub const PARAMS: &[&str] = &[
    "tolerance",
    "loose_ratio",
    "message_outside",
    "message_loose",
];
/// `{claimed}` the change as written, `{from}` and `{to}` its values, `{derived}` what they
/// give ("a rise of 25%", "a fall of 0.4 points", "a factor of 2.4").
pub const FIELDS: &[&str] = &["claimed", "from", "to", "derived"];

const DEFAULT_OUTSIDE: &str =
    "{claimed} may not match its own figures: from {from} to {to} is {derived}";
const DEFAULT_LOOSE: &str = "{claimed} holds, but from {from} to {to} is {derived}";

pub fn build(raw: &RawRule) -> Result<Box<dyn Check>, String> {
    let (tolerance, loose_ratio) =
        ladder::tolerance_and_loose_ratio(raw.tolerance, raw.loose_ratio)?;
    Ok(Box::new(Change {
        tolerance,
        loose_ratio,
    }))
}

struct Change {
    tolerance: f64,
    loose_ratio: f64,
}

/// The precision a plainly rounded figure was written with: 1.2e9 ("1.2 billion") → 0.05e9.
/// Figures under a million, or with more than three decimals before their scale, are exact.
fn rounded_precision(v: f64) -> f64 {
    let a = v.abs();
    for scale in [1e12, 1e9, 1e6] {
        if a >= scale {
            let x = a / scale;
            for d in 0..=3 {
                let m = 10f64.powi(d);
                if ((x * m).round() - x * m).abs() < 1e-6 {
                    return 0.5 / m * scale;
                }
            }
            return 0.0;
        }
    }
    0.0
}

/// Whether the two values look like one in cents and one in whole units ("from 40 to 20
/// cents" read as 40 and 0.20): a value under 1 that is a whole number of hundredths, the
/// other 20 times it or more. Such a pair is not judged.
fn unit_mismatch(from: f64, to: f64) -> bool {
    let (lo, hi) = (from.abs().min(to.abs()), from.abs().max(to.abs()));
    let cents = lo * 100.0;
    lo > 0.0 && lo < 1.0 && (cents - cents.round()).abs() < 1e-6 && hi >= 20.0 * lo
}

/// A value for messages: "1,500", "1.2 billion".
fn value_text(v: f64) -> String {
    let a = v.abs();
    for (scale, word) in [(1e12, "trillion"), (1e9, "billion"), (1e6, "million")] {
        if a >= scale && rounded_precision(v) > 0.0 {
            return format!("{} {word}", number(v / scale));
        }
    }
    number(v)
}

/// A signed relative change for messages.
fn percent_text(d: f64) -> String {
    if d.abs() < 1e-9 {
        "no change".into()
    } else if d > 0.0 {
        format!("a rise of {}%", number(d))
    } else {
        format!("a fall of {}%", number(-d))
    }
}

fn points_text(d: f64) -> String {
    let unit = |x: f64| {
        if (x - 1.0).abs() < 1e-9 {
            "point"
        } else {
            "points"
        }
    };
    if d.abs() < 1e-9 {
        "no change".into()
    } else if d > 0.0 {
        format!("a rise of {} {}", number(d), unit(d))
    } else {
        format!("a fall of {} {}", number(-d), unit(-d))
    }
}

/// The quotient interval `a / b` for intervals with `b` above 0.
fn quotient(a: (f64, f64), b: (f64, f64)) -> Interval {
    let c = [a.0 / b.0, a.0 / b.1, a.1 / b.0, a.1 / b.1];
    let lo = c.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = c.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    Interval::closed(lo, hi)
}

/// A judgement of one claim: the verdict and the derived value as words.
struct Judged {
    verdict: Verdict,
    derived: String,
}

impl Change {
    /// A signed claimed interval and the signed exact derived value, judged on the claim's
    /// side of zero (so that "a fall of more than 20%" can be loose, like a rise).
    fn judge_signed(&self, claimed: &Interval, sign: f64, derived: f64) -> Verdict {
        let (c, d) = if sign < 0.0 {
            (ladder::negate(claimed), -derived)
        } else {
            (*claimed, derived)
        };
        ladder::judge(&c, &Interval::exact(d), self.loose_ratio)
    }

    fn percent(&self, ch: &ChangeClaim, p: f64, from: f64, to: f64) -> Option<Judged> {
        if from <= 0.0 {
            return None;
        }
        let iv = ch.interval.unwrap_or(Interval::exact(p));
        let claimed = ladder::as_written(&iv, p, ch.qualifier, self.tolerance);
        let derived = (to - from) / from * 100.0;
        let sign = if p < 0.0 { -1.0 } else { 1.0 };
        let mut verdict = self.judge_signed(&claimed, sign, derived);
        let mut text = percent_text(derived);
        if verdict == Verdict::Contradicts {
            let (pf, pt) = (rounded_precision(from), rounded_precision(to));
            let rounded = (pf > 0.0 || pt > 0.0) && from - pf > 0.0 && {
                let r = quotient((to - pt, to + pt), (from - pf, from + pf));
                let r = Interval::closed(
                    (r.lower.unwrap_or(0.0) - 1.0) * 100.0,
                    (r.upper.unwrap_or(0.0) - 1.0) * 100.0,
                );
                claimed.overlaps(&r)
            };
            // "from 5% to 6%, a 1% increase": the difference in points
            let points = to - from;
            let as_points = points.abs() > 1e-9 && claimed.contains(points);
            if as_points {
                let n = points.abs();
                let unit = if (n - 1.0).abs() < 1e-9 {
                    "point"
                } else {
                    "points"
                };
                text = format!("{text}, or {} percentage {unit}", number(n));
            }
            if rounded || as_points {
                verdict = Verdict::Outside;
            }
        }
        Some(Judged {
            verdict,
            derived: text,
        })
    }

    fn points(&self, ch: &ChangeClaim, p: f64, from: f64, to: f64) -> Judged {
        let iv = ch.interval.unwrap_or(Interval::exact(p));
        let claimed = ladder::as_written(&iv, p, ch.qualifier, self.tolerance);
        let derived = to - from;
        let sign = if p < 0.0 { -1.0 } else { 1.0 };
        Judged {
            verdict: self.judge_signed(&claimed, sign, derived),
            derived: points_text(derived),
        }
    }

    fn multiplier(&self, ch: &ChangeClaim, m: f64, from: f64, to: f64) -> Option<Judged> {
        if from <= 0.0 || m <= 0.0 {
            return None;
        }
        let mut claimed = asserted(m, m * self.tolerance, ch.qualifier, self.tolerance);
        // "doubled" and "nearly doubled" both hold for exactly twice the start
        claimed.upper_inclusive = true;
        let ratio = to / from;
        let mut verdict = ladder::judge(&claimed, &Interval::exact(ratio), self.loose_ratio);
        if verdict == Verdict::Contradicts {
            let (pf, pt) = (rounded_precision(from), rounded_precision(to));
            if (pf > 0.0 || pt > 0.0)
                && from - pf > 0.0
                && claimed.overlaps(&quotient((to - pt, to + pt), (from - pf, from + pf)))
            {
                verdict = Verdict::Outside;
            }
        }
        Some(Judged {
            verdict,
            derived: format!("a factor of {}", number(ratio)),
        })
    }

    /// The direction against the values.
    fn direction(&self, ch: &ChangeClaim, from: f64, to: f64) -> Judged {
        let rel = if from > 0.0 {
            Some((to - from) / from * 100.0)
        } else {
            None
        };
        let wrong = match ch.direction {
            Direction::Up => to < from,
            Direction::Down => to > from,
            Direction::Unchanged => match rel {
                Some(r) => r.abs() > self.tolerance * 100.0,
                None => to != from,
            },
        };
        Judged {
            verdict: if wrong {
                Verdict::Contradicts
            } else {
                Verdict::Consistent
            },
            derived: match rel {
                Some(r) => percent_text(r),
                None if to > from => format!("a rise of {}", number(to - from)),
                None if to < from => format!("a fall of {}", number(from - to)),
                None => "no change".into(),
            },
        }
    }

    fn judge_claim(&self, ch: &ChangeClaim, from: f64, to: f64) -> Judged {
        let numeric = if let Some(p) = ch.percent {
            self.percent(ch, p, from, to)
        } else if let Some(p) = ch.points {
            Some(self.points(ch, p, from, to))
        } else if let Some(m) = ch.multiplier {
            self.multiplier(ch, m, from, to)
        } else {
            None
        };
        match numeric {
            Some(j) if j.verdict != Verdict::Consistent => j,
            _ => self.direction(ch, from, to),
        }
    }
}

impl Check for Change {
    fn check(&self, cx: &RuleCx, out: &mut Vec<Finding>) {
        for c in &cx.ex.claims {
            let Claim::Change(ch) = c else { continue };
            let (Some(from), Some(to)) = (ch.from, ch.to) else {
                continue;
            };
            if !(from.is_finite() && to.is_finite()) || unit_mismatch(from, to) {
                continue;
            }
            let j = self.judge_claim(ch, from, to);
            let Some(severity) = j.verdict.severity() else {
                continue;
            };
            let template = cx.template(j.verdict, DEFAULT_OUTSIDE, DEFAULT_LOOSE);
            out.push(cx.finding(
                severity,
                template,
                &[
                    ("claimed", ch.text.clone()),
                    ("from", value_text(from)),
                    ("to", value_text(to)),
                    ("derived", j.derived),
                ],
                ch.span,
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounded_figures_and_words() {
        assert_eq!(rounded_precision(1.2e9), 0.05e9);
        assert_eq!(rounded_precision(1500.0), 0.0);
        assert_eq!(rounded_precision(1_234_567.0), 0.0);
        assert_eq!(value_text(1.2e9), "1.2 billion");
        assert_eq!(value_text(1200.0), "1,200");
        assert_eq!(percent_text(25.0), "a rise of 25%");
        assert_eq!(percent_text(-50.0), "a fall of 50%");
        assert_eq!(points_text(1.0), "a rise of 1 point");
        assert!(unit_mismatch(40.0, 0.2));
        assert!(!unit_mismatch(0.4, 0.2));
        assert!(!unit_mismatch(2.5, 3.0));
    }
}
