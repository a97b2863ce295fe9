//! Hooks for tests and benchmarks, compiled only with the `probes` feature (`cargo xtask build`
//! turns it on; `cargo xtask dist`, the public build, leaves it out). Most read the map; those
//! that change it say so (`loadSynthetic`, `unfoldAllAndSettle`, `setZoomFactor`,
//! `drawTimes`, which draws).

use serde::Serialize;
use wasm_bindgen::prelude::*;

use super::{CarteMentale, Inner, focused_id, render, snapshot, to_js};
use crate::model;

#[derive(Serialize)]
struct LabelBoxOut {
    id: String,
    text: String,
    x: f32,
    y: f32,
    width: f32,
    height: f32,
    font: f32,
}

#[wasm_bindgen]
impl CarteMentale {
    /// Id of the node under the pointer, if any.
    pub fn hovered(&self) -> Option<String> {
        let inner = self.inner.borrow();
        let map = inner.map.as_ref()?;
        map.view().hovered.map(|n| map.id(n).to_string())
    }

    /// Current zoom (screen pixels per layout unit).
    pub fn zoom(&self) -> f32 {
        self.inner
            .borrow()
            .map
            .as_ref()
            .map_or(1.0, |m| m.camera().zoom)
    }

    /// Where a node is drawn, in CSS pixels from the canvas's top-left corner: `[x, y, radius]`.
    #[wasm_bindgen(js_name = nodeScreenPosition)]
    pub fn node_screen_position(&self, id: &str) -> Option<Vec<f32>> {
        let inner = self.inner.borrow();
        let map = inner.map.as_ref()?;
        let n = map.node_by_id(id)?;
        if !map.layout().is_visible(n) {
            return None;
        }
        let p = map.camera().world_to_screen(map.layout().position(n));
        Some(vec![p[0], p[1], map.layout().radius(n) * map.camera().zoom])
    }

    /// Ids of the nodes currently in the map (folded contributions are not).
    #[wasm_bindgen(js_name = visibleIds)]
    pub fn visible_ids(&self) -> Vec<String> {
        let inner = self.inner.borrow();
        let Some(map) = inner.map.as_ref() else {
            return Vec::new();
        };
        (0..map.graph().len() as u32)
            .filter(|&n| map.layout().is_visible(n))
            .map(|n| map.id(n).to_string())
            .collect()
    }

    /// All layout coordinates, `[x0, y0, x1, y1, …]` (hidden nodes included), for determinism checks.
    pub fn positions(&self) -> Vec<f32> {
        let inner = self.inner.borrow();
        let Some(map) = inner.map.as_ref() else {
            return Vec::new();
        };
        (0..map.graph().len() as u32)
            .flat_map(|n| map.layout().position(n))
            .collect()
    }

    /// The labels drawn in the last frame: `[{ id, text, x, y, width, height }]` in CSS pixels.
    #[wasm_bindgen(js_name = labelBoxes)]
    pub fn label_boxes(&self) -> JsValue {
        let mut inner = self.inner.borrow_mut();
        let Inner { map, measure, .. } = &mut *inner;
        let Some(map) = map.as_ref() else {
            return to_js(&Vec::<LabelBoxOut>::new());
        };
        let scene = map.scene(measure);
        let out: Vec<LabelBoxOut> = scene
            .labels
            .iter()
            .map(|l| LabelBoxOut {
                id: map.id(l.node).to_string(),
                text: l.lines.join(" "),
                x: l.bounds.min[0],
                y: l.bounds.min[1],
                width: l.bounds.width(),
                height: l.bounds.height(),
                font: l.font_px,
            })
            .collect();
        to_js(&out)
    }

    /// Benchmarks and tests: loads the labelled synthetic motion of `contributions`
    /// contributions (`model::synthetic`), as `load` would a file.
    #[wasm_bindgen(js_name = loadSynthetic)]
    pub fn load_synthetic(&mut self, contributions: u32) -> JsValue {
        let motion = model::synthetic::synthetic_motion(contributions as usize, 1);
        let text = model::json::to_json(&motion);
        self.load(&text, "synthetique.json")
    }

    /// Benchmarks and tests: unfolds every lever and settles the layout at once.
    #[wasm_bindgen(js_name = unfoldAllAndSettle)]
    pub fn unfold_all_and_settle(&mut self) {
        self.with_map(|m, measure| {
            for i in 0..m.graph().len() as u32 {
                if m.graph().nodes[i as usize].level == 2 && !m.view().unfolded[i as usize] {
                    m.toggle(i);
                }
            }
            while m.frame(0.0, measure) {}
            m.set_reduced_motion(true);
            m.fit(measure);
        });
    }

    /// Benchmarks: draws `frames` full frames synchronously (scene, label selection and canvas
    /// drawing) and returns the time of each in milliseconds.
    #[wasm_bindgen(js_name = drawTimes)]
    pub fn draw_times(&mut self, frames: u32) -> Vec<f64> {
        let Some(perf) = web_sys::window().and_then(|w| w.performance()) else {
            return Vec::new();
        };
        let mut inner = self.inner.borrow_mut();
        let Inner {
            map,
            measure,
            ctx,
            dpr,
            ..
        } = &mut *inner;
        let Some(map) = map.as_mut() else {
            return Vec::new();
        };
        (0..frames)
            .map(|_| {
                let t = perf.now();
                let scene = map.scene(measure);
                render::draw(ctx, &scene, *dpr, measure);
                perf.now() - t
            })
            .collect()
    }

    /// Benchmarks: sets the zoom to `factor` × the fitted zoom, at once.
    #[wasm_bindgen(js_name = setZoomFactor)]
    pub fn set_zoom_factor(&mut self, factor: f32) {
        self.with_map(|m, measure| {
            m.set_reduced_motion(true);
            m.fit(measure);
            m.zoom_by(factor);
        });
    }

    /// Layout ticks run since the map was loaded: 0 when it opened on saved positions.
    #[wasm_bindgen(js_name = layoutTicks)]
    pub fn layout_ticks(&self) -> f64 {
        let inner = self.inner.borrow();
        inner
            .map
            .as_ref()
            .map_or(0.0, |m| m.layout().ticks() as f64)
    }

    /// Is the frame loop running (layout settling or camera moving)?
    #[wasm_bindgen(js_name = isAnimating)]
    pub fn is_animating(&self) -> bool {
        self.inner.borrow().frame_id.is_some()
    }

    /// How many DOM event listeners this map holds (0 after `destroy`).
    #[wasm_bindgen(js_name = listenerCount)]
    pub fn listener_count(&self) -> u32 {
        self.listeners.len() as u32
    }

    /// Fault tests: the next event (`inFrame` false) or frame (true) callback panics, as a bug
    /// would, with the map's state borrowed.
    #[wasm_bindgen(js_name = crashNext)]
    pub fn crash_next(&mut self, in_frame: bool) {
        self.inner.borrow_mut().crash_next = Some(in_frame);
        if in_frame {
            super::request_frame(&self.inner);
        }
    }

    // Read-only views of what the snapshot carries, for tests.

    /// Id of the selected node, if any.
    pub fn selected(&self) -> Option<String> {
        let inner = self.inner.borrow();
        let map = inner.map.as_ref()?;
        map.view().selected.map(|n| map.id(n).to_string())
    }

    /// The filters in force, in the shape `setFilters` takes.
    pub fn filters(&self) -> JsValue {
        let inner = self.inner.borrow();
        inner
            .map
            .as_ref()
            .map_or(JsValue::NULL, |m| to_js(m.filters()))
    }

    /// How many contributions pass the filters, and how many there are: `{ kept, total }`.
    #[wasm_bindgen(js_name = filterCount)]
    pub fn filter_count(&self) -> JsValue {
        let inner = self.inner.borrow();
        inner.map.as_ref().map_or(JsValue::NULL, |m| {
            let (kept, total) = m.filter_count();
            to_js(&snapshot::CountOut { kept, total })
        })
    }

    /// The search text in force.
    pub fn query(&self) -> String {
        let inner = self.inner.borrow();
        inner
            .map
            .as_ref()
            .map_or(String::new(), |m| m.query().to_string())
    }

    /// Ids of the unfolded levers, in map order.
    #[wasm_bindgen(js_name = unfoldedIds)]
    pub fn unfolded_ids(&self) -> Vec<String> {
        let inner = self.inner.borrow();
        inner
            .map
            .as_ref()
            .map_or(Vec::new(), |m| m.unfolded_levers())
    }

    /// Ids of the contributions the filters keep (all of them without filters).
    #[wasm_bindgen(js_name = keptIds)]
    pub fn kept_ids(&self) -> Vec<String> {
        let inner = self.inner.borrow();
        inner.map.as_ref().map_or(Vec::new(), snapshot::kept_ids)
    }

    /// Id of the node the keyboard is on, if any.
    pub fn focused(&self) -> Option<String> {
        focused_id(&self.inner.borrow())
    }
}
