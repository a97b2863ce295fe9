//! Exports, on the handle: the current view as a PNG at twice its CSS size, and what the
//! exports module needs to write the SVG poster of the whole map, the CSV of the contributions
//! behind the selection and the print view of the lever in scope. The page turns the results
//! into downloads and the print view (`www/src/exports.js`).

use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

use super::{CarteMentale, Inner, render};

/// Pixel ratio of the PNG: twice the CSS size of the view, whatever the screen.
const PNG_SCALE: f64 = 2.0;

#[wasm_bindgen]
impl CarteMentale {
    /// The file name of an export (`png`, `svg`, `csv`): `motion-2021.png`, and for a CSV the
    /// scope too (`motion-2021-a3-l1.csv`). Null before a map is loaded.
    #[wasm_bindgen(js_name = exportFileName)]
    pub fn export_file_name(&self, ext: &str) -> Option<String> {
        let inner = self.inner.borrow();
        inner.map.as_ref().map(|m| m.export_file_name(ext))
    }

    /// The rows of the CSV export: the indices (in the document's order) of the contributions
    /// behind the selection (or all of them), filters applied. The exports module writes the
    /// CSV (`contributionsCsv`), so that the map's module carries no CSV writer. Empty before a
    /// map is loaded.
    #[wasm_bindgen(js_name = csvRows)]
    pub fn csv_rows(&self) -> Vec<u32> {
        let inner = self.inner.borrow();
        inner.map.as_ref().map_or_else(Vec::new, |m| {
            m.contributions_in_scope()
                .into_iter()
                .map(|i| i as u32)
                .collect()
        })
    }

    /// The levers the CSV's rows are limited to (a lever or an axis is selected), as node
    /// indices, which the exports module names from the same document; else null.
    #[wasm_bindgen(js_name = csvLevers)]
    pub fn csv_levers(&self) -> Option<Vec<u32>> {
        let inner = self.inner.borrow();
        inner.map.as_ref()?.lever_nodes_in_scope()
    }

    /// What the SVG poster needs besides the document, for the exports module, which draws
    /// it (`posterSvg`): the layout's positions (`x, y` per node, NaN for a hidden one). With
    /// [`CarteMentale::link_state`] and [`CarteMentale::layout_aspect`]. Empty before a map is
    /// loaded.
    #[wasm_bindgen(js_name = layoutPositions)]
    pub fn layout_positions(&self) -> Vec<f32> {
        let inner = self.inner.borrow();
        inner.map.as_ref().map_or_else(Vec::new, |m| m.positions())
    }

    /// The width over height the layout was planned for.
    #[wasm_bindgen(js_name = layoutAspect)]
    pub fn layout_aspect(&self) -> f32 {
        let inner = self.inner.borrow();
        inner
            .map
            .as_ref()
            .map_or(1.0, |m| m.layout().params().aspect)
    }

    /// The map's link state (`sel=…&ouverts=…`, as in its part of the URL fragment).
    #[wasm_bindgen(js_name = linkState)]
    pub fn link_state(&self) -> String {
        let inner = self.inner.borrow();
        inner
            .map
            .as_ref()
            .map_or_else(String::new, |m| m.url_state().encode())
    }

    /// The current view drawn at twice its CSS size on a canvas of its own: a promise of a PNG
    /// `Blob` (null if the browser could not encode it).
    #[wasm_bindgen(js_name = exportPng)]
    pub fn export_png(&self) -> Result<js_sys::Promise, JsValue> {
        let mut inner = self.inner.borrow_mut();
        let Inner {
            map,
            measure,
            canvas,
            ..
        } = &mut *inner;
        let map = map
            .as_ref()
            .ok_or_else(|| JsValue::from_str("Aucune carte chargée"))?;
        let document = canvas
            .owner_document()
            .ok_or_else(|| JsValue::from_str("Pas de document"))?;
        let out: HtmlCanvasElement = document.create_element("canvas")?.dyn_into()?;
        out.set_width((map.camera().width as f64 * PNG_SCALE).round().max(1.0) as u32);
        out.set_height((map.camera().height as f64 * PNG_SCALE).round().max(1.0) as u32);
        let ctx: CanvasRenderingContext2d = out
            .get_context("2d")?
            .ok_or_else(|| JsValue::from_str("Canvas 2D indisponible"))?
            .dyn_into()?;
        let scene = map.view_scene(measure);
        render::draw(&ctx, &scene, PNG_SCALE, measure);
        Ok(js_sys::Promise::new(&mut |resolve, reject| {
            if let Err(e) = out.to_blob(&resolve) {
                let _ = reject.call1(&JsValue::NULL, &e);
            }
        }))
    }

    /// The id of the lever a print view would show: the selected lever, or the lever the
    /// selected contribution is shown under. Null otherwise.
    #[wasm_bindgen(js_name = printableLever)]
    pub fn printable_lever(&self) -> Option<String> {
        let inner = self.inner.borrow();
        let map = inner.map.as_ref()?;
        map.lever_in_scope().map(|n| map.id(n).to_string())
    }
}
