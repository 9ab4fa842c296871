//! role_conflicts (to come).
