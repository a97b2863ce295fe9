//! What the handle returns to the page when it loads a document.

use serde::Serialize;

use crate::model::{self, Diagnostic};

#[derive(Serialize)]
pub(super) struct LoadResult {
    pub(super) ok: bool,
    pub(super) diagnostics: Vec<DiagnosticOut>,
    pub(super) axes: usize,
    pub(super) levers: usize,
    pub(super) contributions: usize,
    pub(super) title: String,
    /// The motion's id (names this map's part of the URL fragment unless the element has an id).
    pub(super) id: String,
}

#[derive(Serialize)]
pub(super) struct DiagnosticOut {
    /// The file it is about (the motion's, or the contributions table's).
    file: String,
    severity: model::Severity,
    line: u32,
    column: u32,
    message: String,
    /// « ligne 3, colonne 5 : … », ready to show.
    text: String,
}

impl DiagnosticOut {
    pub(super) fn new(d: &Diagnostic, file: &str) -> Self {
        DiagnosticOut {
            file: file.to_string(),
            severity: d.severity,
            line: d.line,
            column: d.column,
            message: d.message.clone(),
            text: d.render(None),
        }
    }
}
