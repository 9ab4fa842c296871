//! The verdict ladder every arithmetic rule shares: a claimed interval against the interval
//! derived from the text's other figures.

use crate::findings::Severity;
use crate::numbers::interval::Interval;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Disjoint: the text contradicts its own figures.
    Contradicts,
    /// Overlapping but not inside: outside the stated approximation.
    Outside,
    /// Inside, but the claimed bound is far looser than the figures allow.
    Loose,
    /// Inside.
    Consistent,
}

impl Verdict {
    /// The default severity of the verdict (capped by the rule's own severity).
    pub fn severity(self) -> Option<Severity> {
        match self {
            Verdict::Contradicts => Some(Severity::Error),
            Verdict::Outside => Some(Severity::Warning),
            Verdict::Loose => Some(Severity::Info),
            Verdict::Consistent => None,
        }
    }
}

/// Whether `inner` lies inside `outer`.
pub fn inside(inner: &Interval, outer: &Interval) -> bool {
    let lower_ok = match (outer.lower, inner.lower) {
        (None, _) => true,
        (Some(_), None) => false,
        (Some(o), Some(i)) => {
            i > o || (i == o && (outer.lower_inclusive || !inner.lower_inclusive))
        }
    };
    let upper_ok = match (outer.upper, inner.upper) {
        (None, _) => true,
        (Some(_), None) => false,
        (Some(o), Some(i)) => {
            i < o || (i == o && (outer.upper_inclusive || !inner.upper_inclusive))
        }
    };
    lower_ok && upper_ok
}

/// Judges a claimed interval against a derived one. A one-sided claim ("more than 2,000")
/// that holds is `Loose` when the figures allow a bound `loose_ratio` times tighter.
pub fn judge(claimed: &Interval, derived: &Interval, loose_ratio: f64) -> Verdict {
    if !claimed.overlaps(derived) {
        return Verdict::Contradicts;
    }
    if !inside(derived, claimed) {
        return Verdict::Outside;
    }
    let loose_below = matches!((claimed.lower, claimed.upper, derived.lower), (Some(c), None, Some(d)) if c > 0.0 && d / c >= loose_ratio);
    let loose_above = matches!((claimed.lower, claimed.upper, derived.upper), (None, Some(c), Some(d)) if d > 0.0 && c / d >= loose_ratio);
    if loose_below || loose_above {
        Verdict::Loose
    } else {
        Verdict::Consistent
    }
}

/// `iv` divided by a positive interval `[lo, hi]`.
pub fn divide(iv: &Interval, lo: f64, hi: f64) -> Interval {
    Interval {
        lower: iv.lower.map(|l| if l >= 0.0 { l / hi } else { l / lo }),
        upper: iv.upper.map(|u| if u >= 0.0 { u / lo } else { u / hi }),
        lower_inclusive: iv.lower_inclusive,
        upper_inclusive: iv.upper_inclusive,
    }
}

/// A readable form of an interval for messages: "2,711", "over 2,711", "2,709–2,713".
pub fn describe(iv: &Interval) -> String {
    use super::template::number;
    match (iv.lower, iv.upper) {
        (Some(l), Some(u)) if (u - l).abs() <= 1e-9 * l.abs().max(1.0) => number(l),
        (Some(l), Some(u)) if number(l) == number(u) => format!("about {}", number(l)),
        (Some(l), Some(u)) => format!("{}–{}", number(l), number(u)),
        (Some(l), None) => format!(
            "{} {}",
            if iv.lower_inclusive {
                "at least"
            } else {
                "over"
            },
            number(l)
        ),
        (None, Some(u)) => format!(
            "{} {}",
            if iv.upper_inclusive {
                "at most"
            } else {
                "under"
            },
            number(u)
        ),
        (None, None) => "any value".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn above(v: f64) -> Interval {
        Interval {
            lower: Some(v),
            upper: None,
            lower_inclusive: false,
            upper_inclusive: false,
        }
    }

    #[test]
    fn the_ladder() {
        // "over 85.5 billion last year" gives over 2,711 a second
        let derived = above(2711.0);
        assert_eq!(judge(&above(2000.0), &derived, 1.25), Verdict::Loose);
        assert_eq!(judge(&above(2600.0), &derived, 1.25), Verdict::Consistent);
        assert_eq!(judge(&above(5000.0), &derived, 1.25), Verdict::Outside);
        assert_eq!(
            judge(
                &Interval::exact(5000.0),
                &Interval::closed(2709.0, 2713.0),
                1.25
            ),
            Verdict::Contradicts
        );
        assert_eq!(
            judge(
                &Interval::closed(2500.0, 3000.0),
                &Interval::closed(2709.0, 2713.0),
                1.25
            ),
            Verdict::Consistent
        );
    }

    #[test]
    fn division_and_description() {
        let d = divide(
            &Interval::half_open(85.45e9, 85.55e9),
            365.0 * 86400.0,
            366.0 * 86400.0,
        );
        assert!(d.lower.unwrap() > 2700.0 && d.upper.unwrap() < 2713.0);
        assert_eq!(describe(&above(2711.4)), "over 2,711");
    }
}

// Helpers shared by the `rate` and `change` kinds.

/// The interval a figure asserts under a rule's own `tolerance` for "about" and "nearly"
/// (the extractor used the default tolerance). `iv` is the claim's interval and `value` its
/// figure; the written precision is recovered from `iv` (half its width when that is wider
/// than the default tolerance allows, else taken as 0). Other qualifiers keep `iv`.
pub fn reassert(
    iv: &Interval,
    value: f64,
    q: crate::numbers::qualifier::Qualifier,
    tolerance: f64,
) -> Interval {
    use crate::numbers::qualifier::{Qualifier, DEFAULT_TOLERANCE};
    if (tolerance - DEFAULT_TOLERANCE).abs() < 1e-12 {
        return *iv;
    }
    let default = (value * DEFAULT_TOLERANCE).abs() * (1.0 + 1e-9);
    let half = match (q, iv.lower, iv.upper) {
        (Qualifier::About, Some(l), Some(u)) => (u - l) / 2.0,
        (Qualifier::Nearly, Some(l), _) => value - l,
        _ => return *iv,
    };
    let precision = if half > default { half } else { 0.0 };
    crate::numbers::interval::asserted(value, precision, q, tolerance)
}

/// The interval a figure stands for when it is compared with a value derived from other
/// figures: "about"/"nearly" under the rule's `tolerance` ([`reassert`]); bounds as they
/// are; an exact figure as rounded or truncated at its last written digit, `[v − p, v + 2p]`,
/// where `p` is its written precision (from `iv`), or for a whole number half a step of its
/// last non-zero digit, at least 0.5 and at most 5% of the value ("2,711" → [2,710.5,
/// 2,712]; "2,700" → [2,650, 2,800]). A range keeps its interval. Negative figures mirror.
pub fn as_written(
    iv: &Interval,
    value: f64,
    q: crate::numbers::qualifier::Qualifier,
    tolerance: f64,
) -> Interval {
    use crate::numbers::qualifier::Qualifier;
    if value < 0.0 {
        return negate(&as_written(&negate(iv), -value, q, tolerance));
    }
    if q != Qualifier::Exact {
        return reassert(iv, value, q, tolerance);
    }
    let mut p = match (iv.lower, iv.upper) {
        // a range ("between 80 and 90"; its value is the lower end) stays as it is
        (Some(l), Some(u)) if ((l + u) / 2.0 - value).abs() > 1e-9 * value.max(1.0) => return *iv,
        (Some(l), Some(u)) => (u - l) / 2.0,
        _ => return *iv,
    };
    if p <= 0.0 {
        if value.fract() != 0.0 || value == 0.0 {
            return *iv;
        }
        let mut step = 1.0;
        while step < 1e15 && (value / (step * 10.0)).fract() == 0.0 {
            step *= 10.0;
        }
        p = (step / 2.0).min(value * 0.05).max(0.5);
    }
    Interval::closed(value - p, value + 2.0 * p)
}

/// `-iv`.
pub fn negate(iv: &Interval) -> Interval {
    Interval {
        lower: iv.upper.map(|u| -u),
        upper: iv.lower.map(|l| -l),
        lower_inclusive: iv.upper_inclusive,
        upper_inclusive: iv.lower_inclusive,
    }
}

/// `iv` times a positive factor `k`.
pub fn times(iv: &Interval, k: f64) -> Interval {
    Interval {
        lower: iv.lower.map(|l| l * k),
        upper: iv.upper.map(|u| u * k),
        ..*iv
    }
}

/// The `tolerance` (default 0.10, in [0, 1)) and `loose_ratio` (default 1.25, > 1) of an
/// arithmetic rule, validated.
pub fn tolerance_and_loose_ratio(
    tolerance: Option<f64>,
    loose_ratio: Option<f64>,
) -> Result<(f64, f64), String> {
    let t = tolerance.unwrap_or(crate::numbers::qualifier::DEFAULT_TOLERANCE);
    if !(0.0..1.0).contains(&t) {
        return Err(format!(
            "`tolerance` is a fraction of the figure and must be at least 0 and below 1 (got {t})"
        ));
    }
    let r = loose_ratio.unwrap_or(1.25);
    if !(r.is_finite() && r > 1.0) {
        return Err(format!(
            "`loose_ratio` must be a number above 1 (got {r}); 1.25 flags a bound 25% looser than the figures allow"
        ));
    }
    Ok((t, r))
}

#[cfg(test)]
mod rate_change_helper_tests {
    use super::*;
    use crate::numbers::interval::asserted;
    use crate::numbers::qualifier::Qualifier;

    #[test]
    fn reassert_uses_the_rules_tolerance() {
        let iv = asserted(30.0, 0.0, Qualifier::About, 0.10);
        let wide = reassert(&iv, 30.0, Qualifier::About, 0.2);
        assert_eq!((wide.lower, wide.upper), (Some(24.0), Some(36.0)));
        // a precision wider than the tolerance survives ("about 2 million" written coarsely)
        let coarse = asserted(2.0e6, 0.5e6, Qualifier::About, 0.10);
        let r = reassert(&coarse, 2.0e6, Qualifier::About, 0.05);
        assert_eq!((r.lower, r.upper), (Some(1.5e6), Some(2.5e6)));
        let exact = Interval::exact(5.0);
        assert_eq!(reassert(&exact, 5.0, Qualifier::Exact, 0.3), exact);
        assert_eq!(negate(&Interval::half_open(1.0, 2.0)).upper, Some(-1.0));
        assert!(tolerance_and_loose_ratio(Some(1.5), None).is_err());
        let w = as_written(&Interval::exact(2711.0), 2711.0, Qualifier::Exact, 0.1);
        assert_eq!((w.lower, w.upper), (Some(2710.5), Some(2712.0)));
        let w = as_written(&Interval::exact(2700.0), 2700.0, Qualifier::Exact, 0.1);
        assert_eq!((w.lower, w.upper), (Some(2650.0), Some(2800.0)));
        let w = as_written(&Interval::exact(-25.0), -25.0, Qualifier::Exact, 0.1);
        assert_eq!((w.lower, w.upper), (Some(-26.0), Some(-24.5)));
        let range = Interval::closed(80.0, 90.0);
        assert_eq!(as_written(&range, 80.0, Qualifier::Exact, 0.1), range);
        assert!(tolerance_and_loose_ratio(None, Some(1.0)).is_err());
    }
}
