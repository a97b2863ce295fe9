//! The documented limits of what a map accepts (README « Garanties », docs/format.md).
//!
//! Past a limit the input is refused, or the value cut, with a French message naming the limit:
//! never a frozen page. Every reader checks these same numbers, so the browser and the CLI
//! agree. The figures measured at the limits are in `docs/limits.md`.

/// Largest outline, JSON or table file, in bytes.
pub const MAX_INPUT_BYTES: usize = 16 * 1024 * 1024;
/// Most contributions in one map (the layout is benchmarked up to 20 000 nodes).
pub const MAX_CONTRIBUTIONS: usize = 20_000;
/// Most axes in one motion, and most levers in one axis.
pub const MAX_AXES: usize = 64;
pub const MAX_LEVERS_PER_AXIS: usize = 256;
/// Longest motion, axis or lever title, in characters (longer ones are cut with a warning).
pub const MAX_TITLE_CHARS: usize = 1_000;
/// Longest contribution text or table cell, in characters (longer ones are cut with a warning).
pub const MAX_TEXT_CHARS: usize = 20_000;
/// Most columns in a table's header.
pub const MAX_COLUMNS: usize = 64;
/// Longest map state read from a link (the URL fragment), in bytes; a longer one is ignored.
pub const MAX_FRAGMENT_BYTES: usize = 16 * 1024;
