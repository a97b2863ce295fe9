//! The studio's handle (`www/studio.html`): staff open an outline and a table, read the report,
//! file the unclassified contributions under levers, and download the JSON and the corrected
//! table. A thin wrapper over [`crate::model::review::Review`]; nothing here draws.

use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::interaction::with_saved_layout;
use crate::model::review::{Report, Review};
use crate::model::{FileDiagnostic, json};

/// One outline and one table under review.
#[wasm_bindgen]
pub struct Studio {
    review: Option<Review>,
}

#[derive(Serialize)]
struct Opened<'a> {
    ok: bool,
    report: Report,
    diagnostics: Vec<DiagnosticOut<'a>>,
}

#[derive(Serialize)]
struct DiagnosticOut<'a> {
    file: &'a str,
    severity: crate::model::Severity,
    line: u32,
    column: u32,
    /// « t.csv:3:5 : avertissement : … », ready to show.
    text: String,
}

fn diagnostics(list: &[FileDiagnostic]) -> Vec<DiagnosticOut<'_>> {
    list.iter()
        .map(|d| DiagnosticOut {
            file: &d.file,
            severity: d.diagnostic.severity,
            line: d.diagnostic.line,
            column: d.diagnostic.column,
            text: d.diagnostic.render(Some(&d.file)),
        })
        .collect()
}

fn to_js<T: Serialize>(v: &T) -> JsValue {
    v.serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .unwrap_or(JsValue::NULL)
}

impl Default for Studio {
    fn default() -> Self {
        Self::new()
    }
}

#[wasm_bindgen]
impl Studio {
    #[wasm_bindgen(constructor)]
    pub fn new() -> Studio {
        Studio { review: None }
    }

    /// Opens an outline (Markdown or JSON) and, optionally, a contributions table (CSV text).
    /// Returns `{ ok, report, diagnostics }`; `ok` is false when the files make no map.
    pub fn open(
        &mut self,
        outline: &str,
        outline_name: &str,
        table: Option<String>,
        table_name: Option<String>,
    ) -> JsValue {
        let name = table_name.unwrap_or_else(|| "contributions.csv".into());
        self.opened(Review::new(
            outline,
            outline_name,
            table.as_deref().map(|t| (t, name.as_str())),
        ))
    }

    fn opened(&mut self, review: Review) -> JsValue {
        let out = to_js(&Opened {
            ok: review.motion().is_some(),
            report: review.report(),
            diagnostics: diagnostics(review.diagnostics()),
        });
        self.review = Some(review);
        out
    }

    /// [`Studio::open`] with the table as a workbook's bytes (`.xlsx`, `.ods`…: its first
    /// sheet), in the staff module only (built with the `workbooks` feature).
    #[cfg(feature = "workbooks")]
    #[wasm_bindgen(js_name = openWorkbook)]
    pub fn open_workbook(
        &mut self,
        outline: &str,
        outline_name: &str,
        table: &[u8],
        table_name: &str,
    ) -> JsValue {
        let sheet = crate::model::table::read_workbook(table);
        self.opened(Review::with_sheet(
            outline,
            outline_name,
            Some((sheet, table_name)),
        ))
    }

    /// The counts of the report (after the choices made so far).
    pub fn report(&self) -> JsValue {
        self.review
            .as_ref()
            .map_or(JsValue::NULL, |r| to_js(&r.report()))
    }

    /// The contributions to review: `[{ id, text, author?, collectivity?, department?,
    /// proposals: [{ lever, title, score }], chosen? }]`.
    pub fn rows(&self) -> JsValue {
        self.review
            .as_ref()
            .map_or(JsValue::NULL, |r| to_js(&r.rows()))
    }

    /// Every lever: `[{ id, title, axis }]`.
    pub fn levers(&self) -> JsValue {
        self.review
            .as_ref()
            .map_or(JsValue::NULL, |r| to_js(&r.levers()))
    }

    /// Files a contribution under a lever (`null`: back to unclassified).
    pub fn choose(&mut self, id: &str, lever: Option<String>) -> bool {
        self.review
            .as_mut()
            .is_some_and(|r| r.choose(id, lever.as_deref()))
    }

    /// The motion as JSON, choices applied, with the positions of its map as it opens (the
    /// viewer paints them at once).
    pub fn json(&self) -> Option<String> {
        let motion = self.review.as_ref()?.motion()?.clone();
        Some(json::to_json(&with_saved_layout(motion)))
    }

    /// The corrected table as CSV (UTF-8 with BOM), choices applied.
    pub fn csv(&self) -> Option<String> {
        self.review.as_ref().and_then(Review::to_csv)
    }
}
