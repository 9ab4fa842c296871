//! quote_conflicts (to come).
