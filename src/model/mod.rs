//! The data of a motion and its parsing. Pure Rust: no layout, no drawing, no browser.
//!
//! A [`Motion`] has axes, each axis has levers, and contributions point at one or more
//! levers by id (a contribution speaking to two levers is one node with two links).
//! Every parser returns a [`Parsed`]: the model when it could be built, plus
//! [`Diagnostic`]s in French with a location. Parsers never panic.

mod diagnostic;
pub mod export;
pub mod graph;
pub mod json;
pub mod limits;
pub mod markdown;
pub mod search;
pub mod synthetic;
pub mod table;
pub mod text;

pub use diagnostic::{Diagnostic, Parsed, Severity};
pub use graph::{LinkKind, MindGraph, NodeKind};

use serde::{Deserialize, Serialize};

/// A motion adopted by the congress: the root of the map.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Motion {
    pub id: String,
    pub title: String,
    /// The preamble, as plain text (paragraphs separated by blank lines).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<u16>,
    pub axes: Vec<Axis>,
    #[serde(default)]
    pub contributions: Vec<Contribution>,
}

/// One of the few strong orientations of the motion.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Axis {
    pub id: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    pub levers: Vec<Lever>,
}

/// A lever ("levier") of an axis: what the contributions are classified into.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Lever {
    pub id: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
}

/// What one elected official said, attached to the lever(s) it speaks to.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Contribution {
    pub id: String,
    /// The verbatim text, as plain text (inline Markdown already reduced to text).
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub collectivity: Option<String>,
    /// Department code: `94`, `2A`, `971`…
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub department: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<u16>,
    /// Villes Internet label of the collectivity, 1 to 5 arobases.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<u8>,
    /// Ids of the levers this contribution speaks to (empty: unclassified).
    #[serde(default)]
    pub levers: Vec<String>,
    /// Links found in the text; only http(s) and mailto survive parsing.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<Link>,
}

/// A hyperlink kept from the source text. `href` is always http(s) or mailto.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Link {
    pub text: String,
    pub href: String,
}

impl Motion {
    /// The lever with this id, with the index of its axis and its own index in the axis.
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

/// Is this href one we may show as a link? Only http(s) and mailto.
pub fn is_safe_href(href: &str) -> bool {
    let h = href.trim().to_ascii_lowercase();
    h.starts_with("https://") || h.starts_with("http://") || h.starts_with("mailto:")
}

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
    match format {
        Format::Json => json::parse_json(input),
        Format::Markdown => markdown::parse_markdown(input),
    }
}
