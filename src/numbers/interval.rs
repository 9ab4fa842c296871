//! Every number a text states asserts an interval: from its qualifier ("over", "about") and
//! from the precision it was written with ("85.5 billion" means [85.45e9, 85.55e9)).

use super::qualifier::Qualifier;
use serde::Serialize;

/// A real interval; `None` bounds are unbounded.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Interval {
    pub lower: Option<f64>,
    pub upper: Option<f64>,
    pub lower_inclusive: bool,
    pub upper_inclusive: bool,
}

impl Interval {
    pub fn exact(v: f64) -> Interval {
        Interval::closed(v, v)
    }
    pub fn closed(lo: f64, hi: f64) -> Interval {
        Interval {
            lower: Some(lo),
            upper: Some(hi),
            lower_inclusive: true,
            upper_inclusive: true,
        }
    }
    /// `[lo, hi)`: the interval a rounded figure asserts.
    pub fn half_open(lo: f64, hi: f64) -> Interval {
        Interval {
            lower: Some(lo),
            upper: Some(hi),
            lower_inclusive: true,
            upper_inclusive: false,
        }
    }
    pub fn contains(&self, v: f64) -> bool {
        let lo_ok = match self.lower {
            None => true,
            Some(l) if self.lower_inclusive => v >= l,
            Some(l) => v > l,
        };
        let hi_ok = match self.upper {
            None => true,
            Some(h) if self.upper_inclusive => v <= h,
            Some(h) => v < h,
        };
        lo_ok && hi_ok
    }
    /// Whether the two intervals share at least one point.
    pub fn overlaps(&self, other: &Interval) -> bool {
        let below = |a: &Interval, b: &Interval| match (a.upper, b.lower) {
            (Some(h), Some(l)) => h < l || (h == l && !(a.upper_inclusive && b.lower_inclusive)),
            _ => false,
        };
        !below(self, other) && !below(other, self)
    }
}

/// The interval a figure asserts, from its value, its written precision (half a step of the
/// last digit written, 0 when exact) and its qualifier; `tolerance` is what "about" and
/// "nearly" allow, relative to the value.
pub fn asserted(value: f64, precision: f64, q: Qualifier, tolerance: f64) -> Interval {
    let unbounded = Interval {
        lower: None,
        upper: None,
        lower_inclusive: false,
        upper_inclusive: false,
    };
    let tol = (value * tolerance).abs();
    match q {
        Qualifier::Exact if precision > 0.0 => {
            Interval::half_open(value - precision, value + precision)
        }
        Qualifier::Exact => Interval::exact(value),
        Qualifier::MoreThan => Interval {
            lower: Some(value),
            ..unbounded
        },
        Qualifier::AtLeast => Interval {
            lower: Some(value),
            lower_inclusive: true,
            ..unbounded
        },
        Qualifier::LessThan => Interval {
            upper: Some(value),
            ..unbounded
        },
        Qualifier::AtMost => Interval {
            upper: Some(value),
            upper_inclusive: true,
            ..unbounded
        },
        Qualifier::About => {
            let w = tol.max(precision);
            Interval::closed(value - w, value + w)
        }
        Qualifier::Nearly => Interval {
            lower: Some(value - tol.max(precision)),
            upper: Some(value),
            lower_inclusive: true,
            upper_inclusive: false,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlap_respects_open_ends() {
        let a = Interval::half_open(1.0, 2.0);
        let b = Interval::closed(2.0, 3.0);
        assert!(!a.overlaps(&b));
        assert!(Interval::closed(1.0, 2.0).overlaps(&b));
        assert!(a.contains(1.0) && !a.contains(2.0));
    }
}
