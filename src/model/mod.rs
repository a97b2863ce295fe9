//! The data of a motion and its parsing. Pure Rust: no layout, no drawing, no browser.
//!
//! A [`Motion`] has axes, each axis has levers, and contributions point at one or more
//! levers by id (a contribution speaking to two levers is one node with two links).
//! Every parser returns a [`Parsed`]: the model when it could be built, plus
//! [`Diagnostic`]s in French with a location. Parsers never panic.

pub mod decimal;
mod diagnostic;
pub mod export;
pub mod graph;
pub mod json;
pub mod limits;
pub mod lines;
pub mod links;
#[cfg(feature = "authoring")]
pub mod markdown;
pub mod order;
#[cfg(feature = "authoring")]
pub mod review;
pub mod search;
pub mod synthetic;
pub mod table;
pub mod text;

pub use diagnostic::{Diagnostic, Parsed, Severity};
pub use graph::{LinkKind, MindGraph, NodeKind};

use serde::Serialize;

/// A motion adopted by the congress: the root of the map.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Motion {
    pub id: String,
    pub title: String,
    /// The preamble, as plain text (paragraphs separated by blank lines).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub description: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub year: Option<u16>,
    /// Links in the title or the preamble; only http(s) and mailto survive parsing.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<Link>,
    /// markmap's `initialExpandLevel`: nodes at this depth or deeper (the motion is depth 0)
    /// start folded; `-1` unfolds everything. See [`Motion::unfolded_at_load`].
    #[serde(rename = "initialExpandLevel", skip_serializing_if = "Option::is_none")]
    pub initial_expand_level: Option<i32>,
    pub axes: Vec<Axis>,
    pub contributions: Vec<Contribution>,
    /// The settled positions of the map as it opens, written by `carte-mentale build` or the
    /// studio: the viewer paints them at once instead of running its layout. A cache: ignored
    /// when absent, made by another engine version, or missing a node shown at load.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub layout: Option<SavedLayout>,
}

/// Positions of the nodes shown when the map opens, as a layout engine settled them.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SavedLayout {
    /// The engine that computed them (`layout::ENGINE`); another engine's are recomputed.
    pub engine: String,
    /// Width over height of the map they were computed for.
    pub aspect: f32,
    /// `[id, x, y]` per node shown at load, in world units, in the map's node order.
    pub positions: Vec<SavedPosition>,
}

/// One node's position: `[id, x, y]`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SavedPosition(pub String, pub f32, pub f32);

/// One of the few strong orientations of the motion.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Axis {
    pub id: String,
    pub title: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// Links in the title or the description; only http(s) and mailto survive parsing.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<Link>,
    /// Folded at load (markmap's `<!-- markmap: fold -->`): its levers stay folded.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub folded: bool,
    pub levers: Vec<Lever>,
}

/// A lever ("levier") of an axis: what the contributions are classified into.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Lever {
    pub id: String,
    pub title: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// Links in the title or the description; only http(s) and mailto survive parsing.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<Link>,
    /// Folded at load (markmap's `<!-- markmap: fold -->`), whatever `initialExpandLevel` says.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub folded: bool,
}

/// What one elected official said, attached to the lever(s) it speaks to.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Contribution {
    pub id: String,
    /// The verbatim text, as plain text (inline Markdown already reduced to text).
    pub text: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub collectivity: Option<String>,
    /// Department code: `94`, `2A`, `971`…
    #[serde(skip_serializing_if = "Option::is_none")]
    pub department: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub year: Option<u16>,
    /// Villes Internet label of the collectivity, 1 to 5 arobases.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<u8>,
    /// Ids of the levers this contribution speaks to (empty: unclassified).
    pub levers: Vec<String>,
    /// For an unclassified contribution, the id of the axis its row named: it is shown in that
    /// axis's « Non classées » group (else in the motion's). Ignored when `levers` is not empty.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub axis: Option<String>,
    /// Links found in the text; only http(s) and mailto survive parsing.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<Link>,
    /// For an unclassified contribution, the levers closest to its words, best first, as the
    /// tools that publish the map computed them (`table::suggest`): `None` when they were not
    /// computed, empty when no lever is close enough. The detail panel shows them; the map's
    /// own module does not compute them.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub proposals: Option<Vec<Proposal>>,
}

/// A lever proposed for an unclassified contribution: its id, and how close the words are
/// (0 to 1).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Proposal {
    pub lever: String,
    pub score: f32,
}

/// A hyperlink kept from the source text. `href` is always http(s) or mailto.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Link {
    pub text: String,
    pub href: String,
}

impl Motion {
    /// Are this lever's contributions shown when the map loads? Levers are folded unless
    /// `initialExpandLevel` is `-1` or at least 3 (markmap's depths: motion 0, axes 1, levers 2),
    /// and a lever or axis marked folded stays folded.
    pub fn unfolded_at_load(&self, axis: usize, lever: usize) -> bool {
        let level_unfolds = self
            .initial_expand_level
            .is_some_and(|n| !(0..3).contains(&n));
        let folded = self
            .axes
            .get(axis)
            .is_none_or(|a| a.folded || a.levers.get(lever).is_none_or(|l| l.folded));
        level_unfolds && !folded
    }

    /// The lever with this id, with the index of its axis and its own index in the axis.
    /// The index of the axis a contribution's row named (`Contribution::axis`), if the motion
    /// has it.
    pub fn named_axis(&self, c: &Contribution) -> Option<usize> {
        let id = c.axis.as_deref()?;
        self.axes.iter().position(|a| a.id == id)
    }

    pub fn lever(&self, id: &str) -> Option<(usize, usize, &Lever)> {
        self.axes.iter().enumerate().find_map(|(a, axis)| {
            axis.levers
                .iter()
                .enumerate()
                .find(|(_, l)| l.id == id)
                .map(|(l, lever)| (a, l, lever))
        })
    }
}

/// The real 2021 motion (`assets/motion-2021.md`), for unit tests.
#[cfg(test)]
pub(crate) fn sample_2021() -> Motion {
    parse(
        include_str!("../../assets/motion-2021.md"),
        Format::Markdown,
    )
    .value
    .expect("the 2021 outline parses")
}

pub use links::is_safe_href;

/// The input formats a motion can come in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Json,
    Markdown,
}

impl Format {
    /// Guesses the format from a file name (or URL) and, failing that, from the content.
    pub fn detect(name: &str, content: &str) -> Format {
        let lower = name.to_ascii_lowercase();
        let path = lower.split(['?', '#']).next().unwrap_or("");
        if path.ends_with(".json") {
            Format::Json
        } else if path.ends_with(".md") || path.ends_with(".markdown") {
            Format::Markdown
        } else if content.trim_start().starts_with('{') {
            Format::Json
        } else {
            Format::Markdown
        }
    }
}

/// Parses a motion in the given format.
pub fn parse(input: &str, format: Format) -> Parsed<Motion> {
    parse_named(input, format, "")
}

/// Parses a motion read from the file (or URL) `name`: an outline without a title takes its
/// title from the file name.
pub fn parse_named(input: &str, format: Format, name: &str) -> Parsed<Motion> {
    match format {
        Format::Json => json::parse_json(input),
        #[cfg(feature = "authoring")]
        Format::Markdown => markdown::parse_markdown_named(input, name),
        #[cfg(not(feature = "authoring"))]
        Format::Markdown => {
            let _ = name;
            Parsed {
                value: None,
                diagnostics: vec![Diagnostic::error(0, 0, NO_OUTLINE_READER)],
            }
        }
    }
}

/// Why a module without the `authoring` feature (the public map's) refuses a Markdown outline.
#[cfg(not(feature = "authoring"))]
pub const NO_OUTLINE_READER: &str = "ce module de la carte ne lit que le JSON carte-mentale : pour un plan Markdown, la page doit charger le convertisseur (pkg-lecteur)";

/// A diagnostic and the file it is about (the outline's or the table's name, as given).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FileDiagnostic {
    pub file: String,
    #[serde(flatten)]
    pub diagnostic: Diagnostic,
}

impl FileDiagnostic {
    /// `FICHIER:LIGNE:COLONNE : erreur : message`.
    pub fn render(&self) -> String {
        self.diagnostic.render(Some(&self.file))
    }
}

/// What [`load`] gives: the motion when it can be shown (no error), every diagnostic of both
/// files in order (the outline's, then the table's), and what became of the table's rows.
#[derive(Clone, Debug, Default)]
pub struct Loaded {
    pub motion: Option<Motion>,
    pub diagnostics: Vec<FileDiagnostic>,
    /// `None` without a table, or when the outline's errors kept it from being joined.
    pub table: Option<table::Report>,
}

impl Loaded {
    pub fn has_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.diagnostic.severity == Severity::Error)
    }
}

/// The one load path of the browser and the CLI: an outline (Markdown or JSON; `outline_name`
/// picks the format) and, optionally, its contributions table as CSV text `(text, name)`,
/// whose rows replace the outline's contributions. Without the `authoring` feature, a
/// Markdown outline or a table is refused with an error (see `table::join_text`).
pub fn load(outline: &str, outline_name: &str, table: Option<(&str, &str)>) -> Loaded {
    load_with(outline, outline_name, table, table::join_text)
}

/// [`load`] with a table already read into rows (a CSV file in another encoding, a workbook:
/// see `table::read_bytes`).
#[cfg(feature = "authoring")]
pub fn load_sheet(
    outline: &str,
    outline_name: &str,
    table: Option<(table::Sheet, &str)>,
) -> Loaded {
    load_with(outline, outline_name, table, table::join_sheet)
}

/// Outline, then the table joined by `join`, diagnostics by file.
fn load_with<T>(
    outline: &str,
    outline_name: &str,
    table: Option<(T, &str)>,
    join: impl FnOnce(Motion, T) -> table::Joined,
) -> Loaded {
    let parsed = parse_named(outline, Format::detect(outline_name, outline), outline_name);
    let named = |file: &str, d: Vec<Diagnostic>| {
        d.into_iter()
            .map(|diagnostic| FileDiagnostic {
                file: file.to_string(),
                diagnostic,
            })
            .collect::<Vec<_>>()
    };
    let outline_ok = !parsed.has_errors();
    let mut loaded = Loaded {
        diagnostics: named(outline_name, parsed.diagnostics),
        ..Loaded::default()
    };
    let (motion, table) = match (parsed.value, table) {
        (Some(m), Some(t)) if outline_ok => (m, t),
        (motion, _) => {
            loaded.motion = motion.filter(|_| outline_ok).map(proposed);
            return loaded;
        }
    };
    let (sheet, table_name) = table;
    let joined = join(motion, sheet);
    let table_ok = !joined.parsed.has_errors();
    loaded
        .diagnostics
        .extend(named(table_name, joined.parsed.diagnostics));
    loaded.table = Some(joined.report);
    loaded.motion = joined.parsed.value.filter(|_| table_ok).map(proposed);
    loaded
}

/// The motion with the lever proposals of its unclassified contributions, where the tools that
/// publish a map can compute them (`authoring`); as it is in the public map's module, which
/// shows those the file carries.
#[cfg(feature = "authoring")]
fn proposed(mut motion: Motion) -> Motion {
    table::propose_missing(&mut motion);
    motion
}

#[cfg(not(feature = "authoring"))]
fn proposed(motion: Motion) -> Motion {
    motion
}
