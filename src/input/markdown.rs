//! Markdown files with optional YAML front matter.
