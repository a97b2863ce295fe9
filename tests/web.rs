//! Browser unit tests of the web boundary, run by wasm-bindgen-test in headless Chromium.
#![cfg(target_arch = "wasm32")]

use carte_mentale::web::CarteMentale;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{HtmlCanvasElement, WheelEvent, WheelEventInit};

wasm_bindgen_test_configure!(run_in_browser);

const MOTION_MD: &str = include_str!("../assets/motion-2021.md");
const MOTION_JSON: &str = include_str!("../assets/motion-2021.json");

fn canvas() -> HtmlCanvasElement {
    let doc = web_sys::window().unwrap().document().unwrap();
    let c: HtmlCanvasElement = doc.create_element("canvas").unwrap().dyn_into().unwrap();
    c.set_attribute("style", "width: 600px; height: 400px; display: block")
        .unwrap();
    doc.body().unwrap().append_child(&c).unwrap();
    c
}

fn field(v: &wasm_bindgen::JsValue, name: &str) -> wasm_bindgen::JsValue {
    js_sys::Reflect::get(v, &name.into()).unwrap()
}

/// Waits for the next animation frames to run.
async fn next_frames(n: usize) {
    for _ in 0..n {
        let p = js_sys::Promise::new(&mut |resolve, _| {
            web_sys::window()
                .unwrap()
                .request_animation_frame(&resolve)
                .unwrap();
        });
        wasm_bindgen_futures::JsFuture::from(p).await.unwrap();
    }
}

/// Dispatches a Ctrl+wheel on the canvas; returns whether the map took it (prevented the default).
fn ctrl_wheel(c: &HtmlCanvasElement) -> bool {
    let init = WheelEventInit::new();
    init.set_delta_y(-120.0);
    init.set_ctrl_key(true);
    init.set_cancelable(true);
    init.set_bubbles(true);
    let r = c.get_bounding_client_rect();
    init.set_client_x((r.left() + 300.0) as i32);
    init.set_client_y((r.top() + 200.0) as i32);
    let e = WheelEvent::new_with_event_init_dict("wheel", &init).unwrap();
    c.dispatch_event(&e).unwrap();
    e.default_prevented()
}

#[wasm_bindgen_test]
async fn mounts_loads_draws_and_zooms() {
    let c = canvas();
    let mut map = CarteMentale::new(c.clone()).unwrap();
    map.resize(600.0, 400.0, 2.0);
    assert_eq!(
        (c.width(), c.height()),
        (1200, 800),
        "backing store follows the device pixel ratio"
    );
    let result = map.load(MOTION_JSON, "motion-2021.json");
    assert_eq!(field(&result, "ok"), true);
    assert_eq!(field(&result, "axes").as_f64(), Some(4.0));
    assert_eq!(field(&result, "levers").as_f64(), Some(12.0));
    let visible = map.visible_ids();
    assert_eq!(visible.len(), 1 + 4 + 12, "levers start folded");
    assert!(map.listener_count() > 0);
    next_frames(2).await;
    assert!(!map.is_animating(), "an idle map requests no frame");
    let z = map.zoom();
    assert!(ctrl_wheel(&c), "Ctrl+wheel is taken by the map");
    assert!(map.zoom() > z);
    map.destroy();
    c.remove();
}

#[wasm_bindgen_test]
async fn destroy_removes_listeners_and_stops_the_loop() {
    let c = canvas();
    let mut map = CarteMentale::new(c.clone()).unwrap();
    map.resize(600.0, 400.0, 1.0);
    map.load(MOTION_MD, "motion-2021.md");
    assert!(map.toggle("a1-l1"), "unfolding starts a warm restart");
    assert!(map.is_animating());
    map.destroy();
    assert_eq!(map.listener_count(), 0);
    assert!(!map.is_animating(), "the pending frame is cancelled");
    assert!(!ctrl_wheel(&c), "no listener is left to take the wheel");
    next_frames(2).await;
    assert!(!map.is_animating());
    assert!(map.visible_ids().is_empty());
    map.destroy();
    c.remove();
}

#[wasm_bindgen_test]
fn bad_input_returns_french_diagnostics_and_keeps_no_map() {
    let c = canvas();
    let mut map = CarteMentale::new(c.clone()).unwrap();
    let result = map.load("{ \"format\": \"carte-mentale\", ", "cassé.json");
    assert_eq!(field(&result, "ok"), false);
    let diags: js_sys::Array = field(&result, "diagnostics").dyn_into().unwrap();
    assert!(diags.length() > 0);
    let first = diags.get(0);
    assert_eq!(field(&first, "severity"), "error");
    assert!(field(&first, "line").as_f64().unwrap() >= 1.0);
    let text = field(&first, "text").as_string().unwrap();
    assert!(text.starts_with("ligne "), "{text}");
    assert!(map.visible_ids().is_empty());
    map.destroy();
    c.remove();
}

/// The same bits as `tests/layout.rs` computes natively: the layout is deterministic across
/// platforms (nodes 1, 5 and 16 of the real motion, settled with levers folded).
#[wasm_bindgen_test]
fn wasm_positions_equal_native_positions_bit_for_bit() {
    const EXPECTED: [(u32, u32); 3] = [
        (991154578, 3277656747),
        (3274830405, 3284678476),
        (3284678941, 3274830826),
    ];
    let c = canvas();
    let mut map = CarteMentale::new(c.clone()).unwrap();
    map.resize(600.0, 400.0, 1.0);
    map.load(MOTION_MD, "motion-2021.md");
    let p = map.positions();
    let got: Vec<(u32, u32)> = [1usize, 5, 16]
        .iter()
        .map(|&i| (p[2 * i].to_bits(), p[2 * i + 1].to_bits()))
        .collect();
    assert_eq!(got, EXPECTED.to_vec());
    map.destroy();
    c.remove();
}

#[wasm_bindgen_test]
fn two_maps_on_one_page_are_independent_and_identical() {
    let (c1, c2) = (canvas(), canvas());
    let mut a = CarteMentale::new(c1.clone()).unwrap();
    let mut b = CarteMentale::new(c2.clone()).unwrap();
    a.resize(600.0, 400.0, 1.0);
    b.resize(600.0, 400.0, 1.0);
    a.load(MOTION_JSON, "motion-2021.json");
    b.load(MOTION_MD, "motion-2021.md");
    assert_eq!(
        a.positions(),
        b.positions(),
        "same motion, same layout, bit for bit"
    );
    assert!(a.select(Some("a2".into())));
    assert_eq!(a.selected().as_deref(), Some("a2"));
    assert_eq!(b.selected(), None);
    let zb = b.zoom();
    ctrl_wheel(&c1);
    assert_eq!(b.zoom(), zb);
    a.destroy();
    b.destroy();
    c1.remove();
    c2.remove();
}
