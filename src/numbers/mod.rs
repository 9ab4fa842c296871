//! Numbers: figures in digits and words, scale words, qualifiers, intervals, units.

pub mod figure;
pub mod interval;
pub mod qualifier;
pub mod traps;
pub mod units;
pub mod words;
