//! figure_conflicts (to come).
