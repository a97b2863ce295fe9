//! The map's handle, `CarteMentale`, and everything only it uses (the `viewer` feature): see
//! the list of files in `web/mod.rs`.

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
mod snapshot;

#[cfg(feature = "probes")]
pub use bench::LayoutBench;
pub use handle::needs_converter;

use std::cell::RefCell;
use std::rc::Rc;

use gloo::events::EventListener;
use wasm_bindgen::prelude::*;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

use super::{to_js, types};
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
    /// The map's revision the page's listener last received a snapshot of.
    shown: Option<u64>,
    frame_id: Option<i32>,
    last_time: Option<f64>,
    frame_closure: Option<Closure<dyn FnMut(f64)>>,
    destroyed: bool,
    reduced_motion: bool,
    /// CSS pixels the page's controls cover along the top (`setTopInset`), kept for the next load.
    top_inset: f32,
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

impl CarteMentale {
    fn with_map<R>(&mut self, f: impl FnOnce(&mut MapState, &mut CanvasMeasure) -> R) -> Option<R> {
        let r = {
            let mut inner = self.inner.borrow_mut();
            let Inner { map, measure, .. } = &mut *inner;
            map.as_mut().map(|m| f(m, measure))
        };
        request_frame(&self.inner);
        snapshot::push(&self.inner);
        r
    }

    /// What `f` says of the node with this id, as a JS value; null without a map, for an
    /// unknown id, or when `f` has nothing to say.
    fn of_node<T: serde::Serialize>(
        &self,
        id: &str,
        f: impl FnOnce(&MapState, u32) -> Option<T>,
    ) -> JsValue {
        let inner = self.inner.borrow();
        inner
            .map
            .as_ref()
            .and_then(|m| m.node_by_id(id).and_then(|n| f(m, n)))
            .map_or(JsValue::NULL, |v| to_js(&v))
    }
}

impl Drop for CarteMentale {
    fn drop(&mut self) {
        self.destroy();
    }
}
