//! Time expressions shared by claim extractors: periods, calendar words, weekdays.

pub mod period;
