//! entity_variants (to come).
