//! Segmentation: blocks (paragraphs) → sentences → tokens.

pub mod blocks;
pub mod sentences;
pub mod tokens;
