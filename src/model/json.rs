//! The project's own JSON format (versioned; schema in `assets/schema/`).
use super::{Motion, Parsed};

/// Parses a document in the carte-mentale JSON format.
pub fn parse_json(_input: &str) -> Parsed<Motion> {
    todo!("parse_json")
}

/// Writes a motion in the carte-mentale JSON format (pretty-printed, stable order).
pub fn to_json(_motion: &Motion) -> String {
    todo!("to_json")
}
