//! The handle's core: create a map on a canvas, load a document, follow the element's size,
//! move the camera, select and unfold, and destroy it.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

use super::events::attach;
use super::frame::on_frame;
use super::render::CanvasMeasure;
use super::types::{LoadResult, load_from_page};
use super::{CarteMentale, Inner, emit, emit_selection, request_frame, snapshot, to_js};
use crate::interaction::MapState;
use crate::model;

#[wasm_bindgen]
impl CarteMentale {
    /// Creates a map on `canvas`. Nothing is drawn until [`CarteMentale::load`].
    #[wasm_bindgen(constructor)]
    pub fn new(canvas: HtmlCanvasElement) -> Result<CarteMentale, JsValue> {
        // Panic messages in the console for tests and development builds; the public build
        // leaves the hook and the message formatting it pulls in out.
        #[cfg(any(feature = "probes", debug_assertions))]
        console_error_panic_hook::set_once();
        let ctx: CanvasRenderingContext2d = canvas
            .get_context("2d")?
            .ok_or_else(|| JsValue::from_str("Canvas 2D indisponible"))?
            .dyn_into()?;
        // Text is measured on canvases of its own, one per weight (see `CanvasMeasure`).
        let document = canvas
            .owner_document()
            .ok_or_else(|| JsValue::from_str("Pas de document"))?;
        let measure = CanvasMeasure::in_document(&document)?;
        let inner = Rc::new(RefCell::new(Inner {
            canvas: canvas.clone(),
            ctx,
            measure,
            map: None,
            dpr: 1.0,
            css_size: (
                canvas.client_width().max(1) as f32,
                canvas.client_height().max(1) as f32,
            ),
            listener: None,
            shown: None,
            frame_id: None,
            last_time: None,
            frame_closure: None,
            destroyed: false,
            reduced_motion: false,
            top_inset: 0.0,
            #[cfg(feature = "probes")]
            crash_next: None,
        }));
        let weak = Rc::downgrade(&inner);
        inner.borrow_mut().frame_closure = Some(Closure::new(move |t: f64| on_frame(&weak, t)));
        let listeners = attach(&canvas, &inner);
        Ok(CarteMentale { inner, listeners })
    }

    /// Loads a document (`name` is its file name or URL, used to pick the format).
    /// Returns `{ ok, diagnostics: [{ severity, line, column, message, text }], … }`.
    /// On errors the previous map, if any, is kept.
    pub fn load(&mut self, text: &str, name: &str) -> JsValue {
        self.open(text, name, None, None)
    }

    /// Loads a motion outline (or JSON) with its contributions table (CSV, `formats.md` §2),
    /// whose rows replace the outline's contributions. Diagnostics name their `file`. Only in
    /// builds that read tables (`authoring`: the development and test builds); the public
    /// map's module reads JSON only, and a page hands tables to the converter.
    #[cfg(feature = "authoring")]
    #[wasm_bindgen(js_name = loadWithTable)]
    pub fn load_with_table(
        &mut self,
        text: &str,
        name: &str,
        table: Option<String>,
        table_name: Option<String>,
    ) -> JsValue {
        self.open(text, name, table, table_name)
    }

    fn open(
        &mut self,
        text: &str,
        name: &str,
        table: Option<String>,
        table_name: Option<String>,
    ) -> JsValue {
        let (loaded, diagnostics) = load_from_page(text, name, table, table_name);
        let has_errors = loaded.has_errors();
        let mut result = LoadResult {
            ok: false,
            diagnostics,
            axes: 0,
            levers: 0,
            contributions: 0,
            title: String::new(),
            id: String::new(),
        };
        let Some(motion) = loaded.motion.filter(|_| !has_errors) else {
            return to_js(&result);
        };
        result.ok = true;
        result.title = motion.title.clone();
        result.id = motion.id.clone();
        result.axes = motion.axes.len();
        result.levers = motion.axes.iter().map(|a| a.levers.len()).sum();
        result.contributions = motion.contributions.len();
        {
            let mut inner = self.inner.borrow_mut();
            let (w, h) = inner.css_size;
            let (reduced, top) = (inner.reduced_motion, inner.top_inset);
            let mut map = MapState::below(motion, w, h, top, &mut inner.measure);
            map.set_reduced_motion(reduced);
            inner.map = Some(map);
            inner.shown = None;
        }
        request_frame(&self.inner);
        snapshot::push(&self.inner);
        to_js(&result)
    }

    /// Receives `(type, detail)` events: `change` (the snapshot of what the page's controls
    /// show: now, then after each change; see `snapshot.rs`), `select` (detail or null),
    /// `focus` (the keyboard's node id), `toggle` (a lever unfolded or folded), `wheelhint`.
    /// Called during the handle's own calls: a listener must not call the handle back before
    /// they return.
    #[wasm_bindgen(js_name = setListener)]
    pub fn set_listener(&mut self, f: js_sys::Function) {
        {
            let mut inner = self.inner.borrow_mut();
            inner.listener = Some(f);
            inner.shown = None;
        }
        snapshot::push(&self.inner);
    }

    /// The element's size in CSS pixels and the device pixel ratio.
    pub fn resize(&mut self, width: f32, height: f32, dpr: f64) {
        {
            let mut inner = self.inner.borrow_mut();
            let dpr = if dpr.is_finite() && dpr > 0.0 {
                dpr.min(4.0)
            } else {
                1.0
            };
            inner.dpr = dpr;
            inner.css_size = (width.max(1.0), height.max(1.0));
            inner
                .canvas
                .set_width((width.max(1.0) as f64 * dpr).round() as u32);
            inner
                .canvas
                .set_height((height.max(1.0) as f64 * dpr).round() as u32);
            let Inner { map, measure, .. } = &mut *inner;
            if let Some(map) = map {
                map.resize(width, height, measure);
            }
        }
        request_frame(&self.inner);
    }

    #[wasm_bindgen(js_name = setReducedMotion)]
    pub fn set_reduced_motion(&mut self, reduced: bool) {
        let mut inner = self.inner.borrow_mut();
        inner.reduced_motion = reduced;
        if let Some(map) = inner.map.as_mut() {
            map.set_reduced_motion(reduced);
        }
    }

    #[wasm_bindgen(js_name = zoomIn)]
    pub fn zoom_in(&mut self) {
        self.with_map(|m, _| m.zoom_by(1.5));
    }

    #[wasm_bindgen(js_name = zoomOut)]
    pub fn zoom_out(&mut self) {
        self.with_map(|m, _| m.zoom_by(1.0 / 1.5));
    }

    /// Zooms by `factor` about the middle of the viewport (ignored unless finite and positive).
    #[wasm_bindgen(js_name = zoomBy)]
    pub fn zoom_by(&mut self, factor: f32) {
        if factor.is_finite() && factor > 0.0 {
            self.with_map(|m, _| m.zoom_by(factor));
        }
    }

    pub fn fit(&mut self) {
        self.with_map(|m, measure| m.fit(measure));
    }

    /// Selects the node with this id (or none). Returns whether it exists (or `id` is null).
    pub fn select(&mut self, id: Option<String>) -> bool {
        let mut found = true;
        let changed = self.with_map(|m, _| {
            let node = id.as_deref().and_then(|i| m.node_by_id(i));
            found = id.is_none() || node.is_some();
            m.select(node)
        });
        if changed.unwrap_or(false) {
            emit_selection(&self.inner);
        }
        found
    }

    /// Centres the view on the node with this id and zooms in to read it.
    #[wasm_bindgen(js_name = zoomTo)]
    pub fn zoom_to(&mut self, id: &str) -> bool {
        self.with_map(|m, _| m.node_by_id(id).is_some_and(|n| m.zoom_to(n)))
            .unwrap_or(false)
    }

    /// Unfolds or folds the lever with this id.
    pub fn toggle(&mut self, id: &str) -> bool {
        let (changed, moved) = self
            .with_map(|m, _| {
                let before = m.selected();
                let changed = m.node_by_id(id).is_some_and(|n| m.toggle(n));
                (changed, m.selected() != before)
            })
            .unwrap_or((false, false));
        if changed {
            emit(&self.inner, "toggle", &JsValue::NULL);
        }
        if moved {
            // Folding hid the selected contribution: its lever is selected instead.
            emit_selection(&self.inner);
        }
        changed
    }

    /// The detail shown in the panel for a node, or null.
    pub fn detail(&self, id: &str) -> JsValue {
        self.of_node(id, |m, n| Some(m.detail(n)))
    }

    /// Removes every listener, stops the frame loop and frees the map. Idempotent.
    pub fn destroy(&mut self) {
        self.listeners.clear();
        let mut inner = self.inner.borrow_mut();
        if let Some(id) = inner.frame_id.take()
            && let Some(w) = web_sys::window()
        {
            let _ = w.cancel_animation_frame(id);
        }
        inner.destroyed = true;
        inner.map = None;
        inner.listener = None;
        inner.frame_closure = None;
    }
}

/// Whether a source the page fetched needs the converter (`www/pkg-lecteur`) before the map
/// reads it: not JSON by the rule every reader uses ([`model::Format::detect`]: the name's
/// extension, else the first non-blank character).
#[wasm_bindgen(js_name = needsConverter)]
pub fn needs_converter(name: &str, text: &str) -> bool {
    model::Format::detect(name, text) != model::Format::Json
}
