//! The contributions table (`formats.md` §2): the consultation's spreadsheet, joined to a motion
//! outline. The outline gives the axes and levers; the table, who said what.
//!
//! Reading and joining are apart, so that every source shares one join: [`read_csv`] (CSV text,
//! here and in the browser) and, natively, [`read_bytes`] (CSV in UTF-8, Windows-1252 or
//! ISO-8859-15, or an `.xlsx` / `.ods` workbook's first sheet) give a [`Sheet`] of rows of
//! [`Cell`]s with their places; [`join_sheet`] makes them the motion's contributions.
//!
//! - The header row names the columns, in any order, case and accents ignored: `contribution`
//!   (required), `axe`, `levier`, `auteur`, `fonction`, `collectivite`, `departement`, `annee`,
//!   `label`, and the two the map's own export adds, `id` and `liens`. An unknown, repeated or
//!   unnamed column is reported and its cells left out.
//! - `levier` and `axe` are matched to the motion by id or by title, case, accents and
//!   punctuation ignored. Several levers in one cell are separated by `|` or line breaks. Rows
//!   with the same `id`, the same text and the same other cells are one contribution on several
//!   levers (the export writes one row per contribution and lever); the same id and text with
//!   other cells are kept apart, reported.
//! - **Errors versus warnings, by what the visitor loses.** Only what makes the map meaningless
//!   is an error: an unreadable file, no `contribution` column, a row with no text, a quote left
//!   open, a table past the limits of [`crate::model::limits`]. An invalid optional cell (label,
//!   year, department, link, an over-long cell) is a warning: the value is left out (or cut),
//!   the row kept.
//! - No row is dropped silently: every data row is a contribution, an extra lever of an earlier
//!   row's contribution, or set aside with a diagnostic naming its line ([`Report`] counts the
//!   three). A row whose lever is empty or unknown is **unclassified**: kept, and reported with
//!   the closest levers by the words of its text.
//! - Ids: an `id` equal to the motion's, an axis's or a lever's, or to an earlier row's other
//!   contribution, is renamed with a warning. Automatic ids (`c1`, `c2`… by row order) skip every
//!   id the table names, in one pass.
//! - The table's contributions replace those of the outline.
//!
//! Reading, joining and the lever proposals (`read.rs`, `join.rs`, `file.rs`, `workbook.rs`,
//! `suggest.rs`) are behind the `authoring` feature. The proposals are written into the map
//! (`Contribution::proposals`) by the tools that publish it, and the map's detail panel shows
//! them from there: the public module has no stemmer. [`Report`] is always built.

use serde::Serialize;

#[cfg(not(feature = "authoring"))]
use crate::model::Diagnostic;
use crate::model::{Motion, Parsed};

#[cfg(all(not(target_arch = "wasm32"), feature = "authoring"))]
mod file;
#[cfg(feature = "authoring")]
mod join;
#[cfg(feature = "authoring")]
mod read;
#[cfg(feature = "authoring")]
pub mod suggest;
#[cfg(feature = "workbooks")]
mod workbook;

#[cfg(all(not(target_arch = "wasm32"), feature = "authoring"))]
pub use file::{decode, read_bytes};
#[cfg(feature = "authoring")]
pub use join::*;
#[cfg(feature = "workbooks")]
pub use workbook::read_workbook;

/// Is this file name a spreadsheet workbook's (`.xlsx`, `.xlsm`, `.xlsb`, `.xls`, `.ods`)?
pub fn is_workbook_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    [".xlsx", ".xlsm", ".xlsb", ".xls", ".ods"]
        .iter()
        .any(|e| lower.ends_with(e))
}
#[cfg(feature = "authoring")]
pub use read::read_csv;
#[cfg(feature = "authoring")]
pub use suggest::{SuggestIndex, propose_missing, similar_contributions, suggest};

/// A lever proposed for an unclassified contribution, with its title and how close its words
/// are (0 to 1): what the tools list and the detail panel shows.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Suggestion {
    pub lever: String,
    pub title: String,
    pub score: f32,
}

/// The proposals `c` carries (`None`: not computed), with their levers' titles; one naming no
/// lever of `motion` is left out.
pub fn suggestions(motion: &Motion, c: &crate::model::Contribution) -> Option<Vec<Suggestion>> {
    let list = c.proposals.as_ref()?;
    Some(
        list.iter()
            .filter_map(|p| {
                Some(Suggestion {
                    lever: p.lever.clone(),
                    title: motion.lever(&p.lever)?.2.title.clone(),
                    score: p.score,
                })
            })
            .collect(),
    )
}

/// What became of a table's rows: `rows == contributions + merged + set_aside`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Report {
    /// Data rows read (the header excluded).
    pub rows: usize,
    /// Contributions made from them.
    pub contributions: usize,
    /// Rows that add a lever to an earlier row's contribution (same id, text and cells).
    pub merged: usize,
    /// Rows not on the map: each has an error or warning at its line.
    pub set_aside: usize,
    /// Contributions attached to at least one lever, and those shown apart as unclassified.
    pub classified: usize,
    pub unclassified: usize,
    pub errors: usize,
    pub warnings: usize,
    /// The unclassified contributions, in order: for the proposals and the report.
    pub unclassified_rows: Vec<Unclassified>,
}

/// An unclassified contribution: its index in `motion.contributions`, the line of its row, and
/// the axis the row names (proposals stay in it).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Unclassified {
    pub index: usize,
    pub line: u32,
    pub axis: Option<usize>,
}

/// A joined table: the motion with the table's contributions, and what became of each row.
#[derive(Clone, Debug)]
pub struct Joined {
    pub parsed: Parsed<Motion>,
    pub report: Report,
}

/// Joins a contributions table given as CSV text to a motion: the one place that says what a
/// module without the table reader (the public map's, without the `authoring` feature) does
/// with a table: it refuses it with an error, and the page asks the converter instead.
pub fn join_text(motion: Motion, text: &str) -> Joined {
    #[cfg(feature = "authoring")]
    {
        join_sheet(motion, read_csv(text))
    }
    #[cfg(not(feature = "authoring"))]
    {
        let _ = (motion, text);
        Joined {
            parsed: Parsed {
                value: None,
                diagnostics: vec![Diagnostic::error(0, 0, NO_TABLE_READER)],
            },
            report: Report::default(),
        }
    }
}

/// Why a module without the `authoring` feature refuses a table.
#[cfg(not(feature = "authoring"))]
pub const NO_TABLE_READER: &str = "ce module de la carte ne lit pas les tableaux de contributions : la page doit charger le convertisseur (pkg-lecteur)";
