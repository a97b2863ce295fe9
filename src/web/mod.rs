//! The browser boundary: the only module that touches web-sys, wasm-bindgen and gloo.
//!
//! One `#[wasm_bindgen]` type, [`CarteMentale`], is the whole JS surface: create it on a
//! canvas, `load` a document, forward size changes, and `destroy` it. Event listeners are
//! gloo [`EventListener`]s (removed when dropped); the frame loop runs only while the
//! map animates.

mod bench;
mod export;
mod finding;
mod panel;
mod render;

pub use bench::LayoutBench;

use std::cell::RefCell;
use std::rc::{Rc, Weak};

use gloo::events::{EventListener, EventListenerOptions};
use serde::Serialize;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{
    CanvasRenderingContext2d, HtmlCanvasElement, KeyboardEvent, MouseEvent, PointerEvent,
    WheelEvent,
};

use crate::interaction::{Input, MapState, Response};
use crate::model::{self, Diagnostic, Format};
use render::CanvasMeasure;

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
}

/// A carte-mentale map drawn on one canvas.
#[wasm_bindgen]
pub struct CarteMentale {
    inner: Rc<RefCell<Inner>>,
    listeners: Vec<EventListener>,
}

#[derive(Serialize)]
struct LoadResult {
    ok: bool,
    diagnostics: Vec<DiagnosticOut>,
    axes: usize,
    levers: usize,
    contributions: usize,
    title: String,
    /// The motion's id (names this map's part of the URL fragment unless the element has an id).
    id: String,
}

#[derive(Serialize)]
struct DiagnosticOut {
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
    fn new(d: &Diagnostic, file: &str) -> Self {
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

#[derive(Serialize)]
struct LabelBoxOut {
    id: String,
    text: String,
    x: f32,
    y: f32,
    width: f32,
    height: f32,
}

fn to_js<T: Serialize>(v: &T) -> JsValue {
    v.serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .unwrap_or(JsValue::NULL)
}

#[wasm_bindgen]
impl CarteMentale {
    /// Creates a map on `canvas`. Nothing is drawn until [`CarteMentale::load`].
    #[wasm_bindgen(constructor)]
    pub fn new(canvas: HtmlCanvasElement) -> Result<CarteMentale, JsValue> {
        console_error_panic_hook::set_once();
        let ctx: CanvasRenderingContext2d = canvas
            .get_context("2d")?
            .ok_or_else(|| JsValue::from_str("Canvas 2D indisponible"))?
            .dyn_into()?;
        let measure = CanvasMeasure::new(ctx.clone());
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
            frame_id: None,
            last_time: None,
            frame_closure: None,
            destroyed: false,
            reduced_motion: false,
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
        self.load_with_table(text, name, None, None)
    }

    /// Loads a motion outline (or JSON) with its contributions table (CSV, `formats.md` §2),
    /// whose rows replace the outline's contributions. Diagnostics name their `file`.
    #[wasm_bindgen(js_name = loadWithTable)]
    pub fn load_with_table(
        &mut self,
        text: &str,
        name: &str,
        table: Option<String>,
        table_name: Option<String>,
    ) -> JsValue {
        let mut parsed = model::parse(text, Format::detect(name, text));
        let mut diagnostics: Vec<DiagnosticOut> = parsed
            .diagnostics
            .iter()
            .map(|d| DiagnosticOut::new(d, name))
            .collect();
        if let (Some(table), Some(motion), false) =
            (table, parsed.value.clone(), parsed.has_errors())
        {
            let table_name = table_name.unwrap_or_else(|| "contributions.csv".to_string());
            let joined = model::table::join(motion, &table);
            diagnostics.extend(
                joined
                    .diagnostics
                    .iter()
                    .map(|d| DiagnosticOut::new(d, &table_name)),
            );
            parsed = joined;
        }
        let mut result = LoadResult {
            ok: false,
            diagnostics,
            axes: 0,
            levers: 0,
            contributions: 0,
            title: String::new(),
            id: String::new(),
        };
        if parsed.has_errors() {
            return to_js(&result);
        }
        let Some(motion) = parsed.value else {
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
            let reduced = inner.reduced_motion;
            let mut map = MapState::new(motion, w, h, &mut inner.measure);
            map.reduced_motion = reduced;
            inner.map = Some(map);
        }
        request_frame(&self.inner);
        to_js(&result)
    }

    /// Receives `(type, detail)` events: `select` (detail or null), `focus` (the keyboard's
    /// node id), `toggle` (a lever unfolded or folded), `wheelhint`.
    #[wasm_bindgen(js_name = setListener)]
    pub fn set_listener(&mut self, f: js_sys::Function) {
        self.inner.borrow_mut().listener = Some(f);
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
            map.reduced_motion = reduced;
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
                let before = m.view.selected;
                let changed = m.node_by_id(id).is_some_and(|n| m.toggle(n));
                (changed, m.view.selected != before)
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
        let inner = self.inner.borrow();
        match inner
            .map
            .as_ref()
            .and_then(|m| m.node_by_id(id).map(|n| m.detail(n)))
        {
            Some(d) => to_js(&d),
            None => JsValue::NULL,
        }
    }

    /// Id of the selected node, if any.
    pub fn selected(&self) -> Option<String> {
        let inner = self.inner.borrow();
        let map = inner.map.as_ref()?;
        map.view.selected.map(|n| map.id(n).to_string())
    }

    /// Id of the node under the pointer, if any.
    pub fn hovered(&self) -> Option<String> {
        let inner = self.inner.borrow();
        let map = inner.map.as_ref()?;
        map.view.hovered.map(|n| map.id(n).to_string())
    }

    /// Current zoom (screen pixels per layout unit).
    pub fn zoom(&self) -> f32 {
        self.inner
            .borrow()
            .map
            .as_ref()
            .map_or(1.0, |m| m.camera.zoom)
    }

    /// Where a node is drawn, in CSS pixels from the canvas's top-left corner: `[x, y, radius]`.
    #[wasm_bindgen(js_name = nodeScreenPosition)]
    pub fn node_screen_position(&self, id: &str) -> Option<Vec<f32>> {
        let inner = self.inner.borrow();
        let map = inner.map.as_ref()?;
        let n = map.node_by_id(id)?;
        if !map.layout.is_visible(n) {
            return None;
        }
        let p = map.camera.world_to_screen(map.layout.position(n));
        Some(vec![p[0], p[1], map.layout.radius(n) * map.camera.zoom])
    }

    /// Ids of the nodes currently in the map (folded contributions are not).
    #[wasm_bindgen(js_name = visibleIds)]
    pub fn visible_ids(&self) -> Vec<String> {
        let inner = self.inner.borrow();
        let Some(map) = inner.map.as_ref() else {
            return Vec::new();
        };
        (0..map.graph.len() as u32)
            .filter(|&n| map.layout.is_visible(n))
            .map(|n| map.id(n).to_string())
            .collect()
    }

    /// All layout coordinates, `[x0, y0, x1, y1, …]` (hidden nodes included), for determinism checks.
    pub fn positions(&self) -> Vec<f32> {
        let inner = self.inner.borrow();
        let Some(map) = inner.map.as_ref() else {
            return Vec::new();
        };
        (0..map.graph.len() as u32)
            .flat_map(|n| map.layout.position(n))
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
            for i in 0..m.graph.len() as u32 {
                if m.graph.nodes[i as usize].level == 2 && !m.view.unfolded[i as usize] {
                    m.toggle(i);
                }
            }
            while m.frame(0.0, measure) {}
            m.reduced_motion = true;
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
            m.reduced_motion = true;
            m.fit(measure);
            m.zoom_by(factor);
        });
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

/// Asks for one animation frame unless one is pending or the map is gone.
fn request_frame(inner: &Rc<RefCell<Inner>>) {
    let mut i = inner.borrow_mut();
    if i.destroyed || i.frame_id.is_some() || i.map.is_none() {
        return;
    }
    let Some(window) = web_sys::window() else {
        return;
    };
    let Some(closure) = i.frame_closure.as_ref() else {
        return;
    };
    if let Ok(id) = window.request_animation_frame(closure.as_ref().unchecked_ref()) {
        i.frame_id = Some(id);
    }
}

fn on_frame(weak: &Weak<RefCell<Inner>>, time: f64) {
    let Some(inner) = weak.upgrade() else { return };
    let again = {
        let mut i = inner.borrow_mut();
        i.frame_id = None;
        if i.destroyed {
            return;
        }
        let dt = i.last_time.map_or(16.0, |t| (time - t).clamp(0.0, 100.0));
        let Inner {
            map,
            measure,
            ctx,
            dpr,
            ..
        } = &mut *i;
        let Some(map) = map.as_mut() else { return };
        let again = map.frame(dt, measure);
        let scene = map.scene(measure);
        render::draw(ctx, &scene, *dpr, measure);
        i.last_time = if again { Some(time) } else { None };
        again
    };
    if again {
        request_frame(&inner);
    }
}

fn emit(inner: &Rc<RefCell<Inner>>, kind: &str, detail: &JsValue) {
    let f = inner.borrow().listener.clone();
    if let Some(f) = f {
        let _ = f.call2(&JsValue::NULL, &JsValue::from_str(kind), detail);
    }
}

fn emit_selection(inner: &Rc<RefCell<Inner>>) {
    let detail = {
        let i = inner.borrow();
        i.map
            .as_ref()
            .and_then(|m| m.view.selected.map(|n| to_js(&m.detail(n))))
            .unwrap_or(JsValue::NULL)
    };
    emit(inner, "select", &detail);
}

/// Feeds one input to the map and acts on the response.
fn dispatch(inner: &Rc<RefCell<Inner>>, input: Input, event: &web_sys::Event) {
    let response = {
        let mut i = inner.borrow_mut();
        let Inner { map, measure, .. } = &mut *i;
        match map.as_mut() {
            Some(m) => m.handle(input, measure),
            None => Response::default(),
        }
    };
    if response.consumed {
        event.prevent_default();
    }
    if response.redraw {
        request_frame(inner);
    }
    if response.selection_changed {
        emit_selection(inner);
    }
    if response.wheel_hint {
        emit(inner, "wheelhint", &JsValue::NULL);
    }
    if response.unfold_changed {
        emit(inner, "toggle", &JsValue::NULL);
    }
    if response.focus_changed {
        emit_focus(inner);
    }
}

/// Id of the node the keyboard is on, if any.
fn focused_id(inner: &Inner) -> Option<String> {
    let map = inner.map.as_ref()?;
    map.view.focused.map(|n| map.id(n).to_string())
}

/// Tells the page where the keyboard is (`focus`, with the node's id or null).
fn emit_focus(inner: &Rc<RefCell<Inner>>) {
    let id = focused_id(&inner.borrow());
    emit(inner, "focus", &id.map_or(JsValue::NULL, JsValue::from));
}

/// Pointer position in CSS pixels relative to the canvas.
fn local(canvas: &HtmlCanvasElement, e: &MouseEvent) -> (f32, f32) {
    let r = canvas.get_bounding_client_rect();
    (
        (e.client_x() as f64 - r.left()) as f32,
        (e.client_y() as f64 - r.top()) as f32,
    )
}

/// A pointer-event listener: the event's position in canvas pixels (measured first) and time
/// go to `make`, whose input, if any, is dispatched to the map.
fn on_pointer(
    canvas: &HtmlCanvasElement,
    inner: &Rc<RefCell<Inner>>,
    name: &'static str,
    options: EventListenerOptions,
    make: impl Fn(&HtmlCanvasElement, &PointerEvent, f32, f32, f64) -> Option<Input> + 'static,
) -> EventListener {
    let (c, w) = (canvas.clone(), Rc::downgrade(inner));
    EventListener::new_with_options(canvas, name, options, move |e| {
        let (Some(inner), Some(p)) = (w.upgrade(), e.dyn_ref::<PointerEvent>()) else {
            return;
        };
        let (x, y) = local(&c, p);
        if let Some(input) = make(&c, p, x, y, e.time_stamp()) {
            dispatch(&inner, input, e);
        }
    })
}

fn attach(canvas: &HtmlCanvasElement, inner: &Rc<RefCell<Inner>>) -> Vec<EventListener> {
    let active = EventListenerOptions::enable_prevent_default();
    let mut out = Vec::new();
    let on = |name: &'static str, opts: EventListenerOptions, f: Box<dyn Fn(&web_sys::Event)>| {
        EventListener::new_with_options(canvas, name, opts, move |e| f(e))
    };

    out.push(on_pointer(
        canvas,
        inner,
        "pointerdown",
        active,
        |c, p, x, y, time_ms| {
            if p.pointer_type() == "mouse" && p.button() != 0 {
                return None;
            }
            // The position is measured before focusing, and focus does not scroll: on a phone,
            // focusing a map that is partly off screen would scroll the page under the finger.
            let _ = c.set_pointer_capture(p.pointer_id());
            let options = web_sys::FocusOptions::new();
            options.set_prevent_scroll(true);
            let _ = c.focus_with_options(&options);
            let touch = p.pointer_type() != "mouse";
            Some(Input::PointerDown {
                id: p.pointer_id(),
                x,
                y,
                touch,
                time_ms,
            })
        },
    ));
    out.push(on_pointer(
        canvas,
        inner,
        "pointermove",
        active,
        |_, p, x, y, _| {
            Some(Input::PointerMove {
                id: p.pointer_id(),
                x,
                y,
            })
        },
    ));
    out.push(on_pointer(
        canvas,
        inner,
        "pointerup",
        active,
        |_, p, x, y, time_ms| {
            Some(Input::PointerUp {
                id: p.pointer_id(),
                x,
                y,
                time_ms,
            })
        },
    ));
    out.push(on_pointer(
        canvas,
        inner,
        "pointercancel",
        EventListenerOptions::default(),
        |_, p, _, _, _| Some(Input::PointerCancel { id: p.pointer_id() }),
    ));
    let (c, w) = (canvas.clone(), Rc::downgrade(inner));
    out.push(on(
        "wheel",
        active,
        Box::new(move |e| {
            let (Some(inner), Some(we)) = (w.upgrade(), e.dyn_ref::<WheelEvent>()) else {
                return;
            };
            let (x, y) = local(&c, we);
            let scale = match we.delta_mode() {
                1 => 16.0,
                2 => c.client_height().max(1) as f64,
                _ => 1.0,
            };
            let zoom = we.ctrl_key() || we.meta_key();
            dispatch(
                &inner,
                Input::Wheel {
                    x,
                    y,
                    delta_y: (we.delta_y() * scale) as f32,
                    zoom,
                },
                e,
            );
        }),
    ));
    let (c, w) = (canvas.clone(), Rc::downgrade(inner));
    out.push(on(
        "dblclick",
        active,
        Box::new(move |e| {
            let (Some(inner), Some(m)) = (w.upgrade(), e.dyn_ref::<MouseEvent>()) else {
                return;
            };
            let (x, y) = local(&c, m);
            dispatch(&inner, Input::DoubleClick { x, y }, e);
        }),
    ));
    let w = Rc::downgrade(inner);
    out.push(on(
        "keydown",
        active,
        Box::new(move |e| {
            let (Some(inner), Some(k)) = (w.upgrade(), e.dyn_ref::<KeyboardEvent>()) else {
                return;
            };
            if k.ctrl_key() || k.meta_key() || k.alt_key() {
                return;
            }
            dispatch(&inner, Input::Key { key: k.key() }, e);
        }),
    ));
    let w = Rc::downgrade(inner);
    out.push(on(
        "pointerleave",
        EventListenerOptions::default(),
        Box::new(move |e| {
            let Some(inner) = w.upgrade() else { return };
            // A move far outside clears the hover.
            dispatch(
                &inner,
                Input::PointerMove {
                    id: i32::MIN,
                    x: -1e6,
                    y: -1e6,
                },
                e,
            );
        }),
    ));
    out
}
