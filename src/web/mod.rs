//! The browser boundary: the only module that touches web-sys, wasm-bindgen and gloo.
//!
//! One `#[wasm_bindgen]` type, [`CarteMentale`], is the whole JS surface, split by job:
//! `handle.rs` (create on a canvas, load, size, camera, selection, destroy), `finding.rs`
//! (search, filters, outline, keyboard node, URL fragment and the snapshot the page renders),
//! `export.rs` (PNG, SVG, CSV, print data), `events.rs` (DOM event wiring and the events sent
//! to the page), `frame.rs` (the frame loop, running only while the map animates), `types.rs`
//! (what `load` returns), `render.rs` (a scene on a Canvas 2D context). With the `probes`
//! feature (tests and benchmarks only; the public build leaves it out), `probes.rs` adds
//! hooks for tests and benchmarks, and `bench.rs` the layout benchmark's `LayoutBench`.
//! `studio.rs` (the studio's `Studio` handle) is in the staff's module only, with the
//! `workbooks` feature: `studio.html` loads that module, never the public map's.

#[cfg(feature = "probes")]
mod bench;
mod events;
mod export;
mod finding;
mod frame;
mod handle;
mod panel;
#[cfg(feature = "probes")]
mod probes;
mod render;
#[cfg(feature = "workbooks")]
mod studio;
mod types;

#[cfg(feature = "probes")]
pub use bench::LayoutBench;
#[cfg(feature = "workbooks")]
pub use studio::Studio;

use std::cell::RefCell;
use std::rc::Rc;

use gloo::events::EventListener;
use serde::Serialize;
use wasm_bindgen::prelude::*;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

use crate::interaction::MapState;
use render::CanvasMeasure;

#[cfg(feature = "probes")]
use events::focused_id;
use events::{emit, emit_focus, emit_selection};
use frame::request_frame;

struct Inner {
    canvas: HtmlCanvasElement,
    ctx: CanvasRenderingContext2d,
    measure: CanvasMeasure,
    map: Option<MapState>,
    dpr: f64,
    css_size: (f32, f32),
    listener: Option<js_sys::Function>,
    frame_id: Option<i32>,
    last_time: Option<f64>,
    frame_closure: Option<Closure<dyn FnMut(f64)>>,
    destroyed: bool,
    reduced_motion: bool,
    /// Tests of faults: panic in the next event (`Some(false)`) or frame (`Some(true)`) callback.
    #[cfg(feature = "probes")]
    crash_next: Option<bool>,
}

/// A carte-mentale map drawn on one canvas.
#[wasm_bindgen]
pub struct CarteMentale {
    inner: Rc<RefCell<Inner>>,
    listeners: Vec<EventListener>,
}

fn to_js<T: Serialize>(v: &T) -> JsValue {
    v.serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .unwrap_or(JsValue::NULL)
}

impl CarteMentale {
    fn with_map<R>(&mut self, f: impl FnOnce(&mut MapState, &mut CanvasMeasure) -> R) -> Option<R> {
        let r = {
            let mut inner = self.inner.borrow_mut();
            let Inner { map, measure, .. } = &mut *inner;
            map.as_mut().map(|m| f(m, measure))
        };
        request_frame(&self.inner);
        r
    }
}

impl Drop for CarteMentale {
    fn drop(&mut self) {
        self.destroy();
    }
}
