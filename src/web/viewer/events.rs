//! DOM events in, page events out: the canvas's listeners turn browser events into
//! `interaction::Input`s for the map, and the map's changes go to the page's one listener
//! (`select`, `toggle`, `focus`, `wheelhint`, then `change` with the snapshot).

use std::cell::RefCell;
use std::rc::Rc;

use gloo::events::{EventListener, EventListenerOptions};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{HtmlCanvasElement, KeyboardEvent, MouseEvent, PointerEvent, WheelEvent};

use super::{Inner, request_frame, to_js};
use crate::interaction::{Input, Response};

pub(super) fn emit(inner: &Rc<RefCell<Inner>>, kind: &str, detail: &JsValue) {
    let f = inner.borrow().listener.clone();
    if let Some(f) = f {
        let _ = f.call2(&JsValue::NULL, &JsValue::from_str(kind), detail);
    }
}

pub(super) fn emit_selection(inner: &Rc<RefCell<Inner>>) {
    let detail = {
        let i = inner.borrow();
        i.map
            .as_ref()
            .and_then(|m| m.selected().map(|n| to_js(&m.detail(n))))
            .unwrap_or(JsValue::NULL)
    };
    emit(inner, "select", &detail);
}

/// Feeds one input to the map and acts on the response.
fn dispatch(inner: &Rc<RefCell<Inner>>, input: Input, event: &web_sys::Event) {
    let response = {
        let mut i = inner.borrow_mut();
        #[cfg(feature = "probes")]
        if i.crash_next == Some(false) {
            panic!("probe: a panic inside an event callback");
        }
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
    super::snapshot::push(inner);
}

/// Id of the node the keyboard is on, if any.
pub(super) fn focused_id(inner: &Inner) -> Option<String> {
    let map = inner.map.as_ref()?;
    map.focused().map(|n| map.id(n).to_string())
}

/// Tells the page where the keyboard is (`focus`, with the node's id or null).
pub(super) fn emit_focus(inner: &Rc<RefCell<Inner>>) {
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

/// A listener for a pointer, wheel or mouse event (`E`): the event's position in canvas pixels
/// (measured first) and time go to `make`, whose input, if any, is dispatched to the map.
fn on_pointer<E: JsCast + AsRef<MouseEvent>>(
    canvas: &HtmlCanvasElement,
    inner: &Rc<RefCell<Inner>>,
    name: &'static str,
    options: EventListenerOptions,
    make: impl Fn(&HtmlCanvasElement, &E, f32, f32, f64) -> Option<Input> + 'static,
) -> EventListener {
    let (c, w) = (canvas.clone(), Rc::downgrade(inner));
    EventListener::new_with_options(canvas, name, options, move |e| {
        let (Some(inner), Some(p)) = (w.upgrade(), e.dyn_ref::<E>()) else {
            return;
        };
        let (x, y) = local(&c, p.as_ref());
        if let Some(input) = make(&c, p, x, y, e.time_stamp()) {
            dispatch(&inner, input, e);
        }
    })
}

pub(super) fn attach(canvas: &HtmlCanvasElement, inner: &Rc<RefCell<Inner>>) -> Vec<EventListener> {
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
        |c, p: &PointerEvent, x, y, time_ms| {
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
        |_, p: &PointerEvent, x, y, _| {
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
        |_, p: &PointerEvent, x, y, time_ms| {
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
        |_, p: &PointerEvent, _, _, _| Some(Input::PointerCancel { id: p.pointer_id() }),
    ));
    out.push(on_pointer(
        canvas,
        inner,
        "wheel",
        active,
        |c, we: &WheelEvent, x, y, _| {
            let scale = match we.delta_mode() {
                1 => 16.0,
                2 => c.client_height().max(1) as f64,
                _ => 1.0,
            };
            Some(Input::Wheel {
                x,
                y,
                delta_y: (we.delta_y() * scale) as f32,
                zoom: we.ctrl_key() || we.meta_key(),
            })
        },
    ));
    out.push(on_pointer(
        canvas,
        inner,
        "dblclick",
        active,
        |_, _: &MouseEvent, x, y, _| Some(Input::DoubleClick { x, y }),
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
            dispatch(&inner, Input::PointerLeave, e);
        }),
    ));
    out
}
