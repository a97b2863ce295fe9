//! The frame loop: one long-lived closure, a frame requested only while the map asks for one
//! (layout settling, camera moving), so an idle map costs nothing.

use std::cell::RefCell;
use std::rc::{Rc, Weak};

use wasm_bindgen::JsCast;

use super::{Inner, render};

/// Asks for one animation frame unless one is pending or the map is gone.
pub(super) fn request_frame(inner: &Rc<RefCell<Inner>>) {
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

pub(super) fn on_frame(weak: &Weak<RefCell<Inner>>, time: f64) {
    let Some(inner) = weak.upgrade() else { return };
    let again = {
        let mut i = inner.borrow_mut();
        i.frame_id = None;
        #[cfg(feature = "probes")]
        if i.crash_next == Some(true) {
            panic!("probe: a panic inside a frame callback");
        }
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
