//! What the handle returns to the page when it loads a document, and what the converter
//! returns: both carry the same diagnostics.

use serde::Serialize;

use crate::model::{self, Diagnostic};

#[cfg(feature = "viewer")]
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

/// What `convertOutline` returns: the motion as the project's JSON text (as `carte-mentale
/// convert` writes it) when there is no error, and the diagnostics of both files.
#[cfg(feature = "authoring")]
#[derive(Serialize)]
pub(super) struct ConvertResult {
    pub(super) ok: bool,
    pub(super) json: String,
    pub(super) diagnostics: Vec<DiagnosticOut>,
    pub(super) title: String,
    pub(super) id: String,
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

    /// Every diagnostic of a load, outline's then table's, each naming its file.
    pub(super) fn all(loaded: &model::Loaded) -> Vec<DiagnosticOut> {
        loaded
            .diagnostics
            .iter()
            .map(|d| DiagnosticOut::new(&d.diagnostic, &d.file))
            .collect()
    }
}

/// The one load path of the page, shared by the map's handle and the converter (and with the
/// command line through `model::load`): the outline, then its table (`contributions.csv` when
/// the page names none), and every diagnostic naming its file.
pub(super) fn load_from_page(
    text: &str,
    name: &str,
    table: Option<String>,
    table_name: Option<String>,
) -> (model::Loaded, Vec<DiagnosticOut>) {
    let table_name = table_name.unwrap_or_else(|| "contributions.csv".to_string());
    let loaded = model::load(
        text,
        name,
        table.as_deref().map(|t| (t, table_name.as_str())),
    );
    let diagnostics = DiagnosticOut::all(&loaded);
    (loaded, diagnostics)
}
