//! Segmentation: blocks (paragraphs) → sentences → tokens.

pub mod blocks;
pub mod lexicon;
pub mod sentences;
pub mod tokens;
