//! Units of measure: what a figure counts or measures.

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Dimension {
    Count,
    Percent,
    Currency,
    Length,
    Mass,
    Area,
    Volume,
    Speed,
    Temperature,
    Duration,
}

/// A unit: its dimension, a canonical symbol ("km", "USD", "%"), and the factor that turns a
/// value in this unit into the dimension's base unit (metre, kilogram, square metre, litre,
/// metre per second, second). Temperatures carry no factor: they convert affinely.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Unit {
    pub dimension: Dimension,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub symbol: Option<String>,
    #[serde(skip_serializing)]
    pub factor: f64,
}

impl Unit {
    pub fn count() -> Unit {
        Unit {
            dimension: Dimension::Count,
            symbol: None,
            factor: 1.0,
        }
    }
    pub fn percent() -> Unit {
        Unit {
            dimension: Dimension::Percent,
            symbol: Some("%".into()),
            factor: 1.0,
        }
    }
    pub fn currency(code: &str) -> Unit {
        Unit {
            dimension: Dimension::Currency,
            symbol: Some(code.into()),
            factor: 1.0,
        }
    }
}
