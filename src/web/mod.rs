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
//!
//! The handle and everything only it uses are behind the `viewer` feature. `convert.rs`
//! (`convertOutline`, feature `authoring`) turns a Markdown outline and its table into the
//! project's JSON: built alone (`--no-default-features --features authoring`) it is the small
//! converter module (`www/pkg-lecteur`) a page fetches only for such sources.

#[cfg(feature = "probes")]
mod bench;
#[cfg(feature = "authoring")]
mod convert;
#[cfg(feature = "viewer")]
mod events;
#[cfg(feature = "viewer")]
mod export;
#[cfg(feature = "viewer")]
mod finding;
#[cfg(feature = "viewer")]
mod frame;
#[cfg(feature = "viewer")]
mod handle;
#[cfg(feature = "viewer")]
mod panel;
#[cfg(feature = "probes")]
mod probes;
#[cfg(feature = "viewer")]
mod render;
#[cfg(feature = "workbooks")]
mod studio;
mod types;

#[cfg(feature = "probes")]
pub use bench::LayoutBench;
#[cfg(feature = "authoring")]
pub use convert::convert_outline;
#[cfg(feature = "workbooks")]
pub use studio::Studio;

#[cfg(feature = "viewer")]
use std::cell::RefCell;
#[cfg(feature = "viewer")]
use std::rc::Rc;

#[cfg(feature = "viewer")]
use gloo::events::EventListener;
use serde::Serialize;
use wasm_bindgen::prelude::*;
#[cfg(feature = "viewer")]
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

#[cfg(feature = "viewer")]
use crate::interaction::MapState;
#[cfg(feature = "viewer")]
use render::CanvasMeasure;

#[cfg(feature = "probes")]
use events::focused_id;
#[cfg(feature = "viewer")]
use events::{emit, emit_focus, emit_selection};
#[cfg(feature = "viewer")]
use frame::request_frame;

#[cfg(feature = "viewer")]
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
#[cfg(feature = "viewer")]
#[wasm_bindgen]
pub struct CarteMentale {
    inner: Rc<RefCell<Inner>>,
    listeners: Vec<EventListener>,
}

fn to_js<T: Serialize>(v: &T) -> JsValue {
    v.serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .unwrap_or(JsValue::NULL)
}

#[cfg(feature = "viewer")]
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

#[cfg(feature = "viewer")]
impl Drop for CarteMentale {
    fn drop(&mut self) {
        self.destroy();
    }
}
