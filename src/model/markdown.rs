//! Motion outline in Markdown (formats.md, section 1).
use super::{Motion, Parsed};

/// Parses a motion outline.
pub fn parse_markdown(_input: &str) -> Parsed<Motion> {
    todo!("parse_markdown")
}
