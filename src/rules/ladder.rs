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
