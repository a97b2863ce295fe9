//! The converter: a Markdown outline (and its contributions table) as the project's JSON, with
//! the same diagnostics as the handle's `load`. Built alone (`--no-default-features --features
//! authoring`) it is the converter module (`www/pkg-lecteur`) a page fetches only when its
//! source is an outline or comes with a table; the public map's module reads only JSON.

use wasm_bindgen::prelude::*;

use super::to_js;
use super::types::{ConvertResult, load_from_page};
use crate::model::json;

/// Converts an outline (Markdown or JSON; `name` is its file name or URL, used to pick the
/// format) and, optionally, its contributions table (CSV text, `table_name` its file name).
/// Returns `{ ok, json, diagnostics, title, id }`: `json` is the motion as `carte-mentale
/// convert` writes it, empty when a diagnostic is an error.
#[wasm_bindgen(js_name = convertOutline)]
pub fn convert_outline(
    text: &str,
    name: &str,
    table: Option<String>,
    table_name: Option<String>,
) -> JsValue {
    let (loaded, diagnostics) = load_from_page(text, name, table, table_name);
    let motion = loaded.motion.as_ref().filter(|_| !loaded.has_errors());
    to_js(&ConvertResult {
        ok: motion.is_some(),
        json: motion.map(json::to_json).unwrap_or_default(),
        diagnostics,
        title: motion.map(|m| m.title.clone()).unwrap_or_default(),
        id: motion.map(|m| m.id.clone()).unwrap_or_default(),
    })
}
