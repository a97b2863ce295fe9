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
        (3174564226, 3280458624),
        (3280239178, 3288082805),
        (3290411836, 3280164607),
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

/// Search, filters and the URL fragment through the handle, as the element uses them; and the
/// arrow keys on the canvas, which move the keyboard's node and tell the page.
#[wasm_bindgen_test]
fn search_filters_links_and_keys_through_the_handle() {
    let c = canvas();
    let mut map = CarteMentale::new(c.clone()).unwrap();
    map.resize(600.0, 400.0, 1.0);
    assert_eq!(
        field(&map.load(MOTION_JSON, "motion-2021.json"), "ok"),
        true
    );
    let events = std::rc::Rc::new(std::cell::RefCell::new(Vec::<String>::new()));
    let seen = events.clone();
    let listener = wasm_bindgen::closure::Closure::<dyn FnMut(String, wasm_bindgen::JsValue)>::new(
        move |kind: String, _detail: wasm_bindgen::JsValue| seen.borrow_mut().push(kind),
    );
    map.set_listener(
        listener
            .as_ref()
            .unchecked_ref::<js_sys::Function>()
            .clone(),
    );

    let changes = |events: &std::cell::RefCell<Vec<String>>| {
        events.borrow().iter().filter(|k| *k == "change").count()
    };
    assert_eq!(
        changes(&events),
        1,
        "the snapshot comes as the listener is set"
    );
    let found = map.search("DAMIANI");
    assert_eq!(field(&found, "count"), 2);
    assert_eq!(changes(&events), 2, "one snapshot for one search");
    map.zoom_in();
    map.search("DAMIANI");
    assert_eq!(changes(&events), 2, "none for a zoom or the same search");
    let step = map.step_hit(true);
    assert_eq!(changes(&events), 3, "one snapshot for a step");
    assert_eq!(field(&step, "id"), "c1");
    assert_eq!(map.selected().as_deref(), Some("c1"));
    assert!(events.borrow().contains(&"select".to_string()));

    let filters = js_sys::JSON::parse(r#"{"departments":["94"]}"#).unwrap();
    let counts = map.set_filters(filters).unwrap();
    assert_eq!(
        (field(&counts, "kept"), field(&counts, "total")),
        (2.into(), 5.into())
    );
    assert!(
        map.set_filters(js_sys::JSON::parse(r#"{"years":"2021"}"#).unwrap())
            .is_err(),
        "a malformed filter is refused, not half applied"
    );

    let fragment = map.write_fragment("intro", "carte");
    assert!(fragment.starts_with("intro&cm.carte="), "{fragment}");
    let mut other = CarteMentale::new(canvas()).unwrap();
    other.resize(600.0, 400.0, 1.0);
    other.load(MOTION_JSON, "motion-2021.json");
    assert!(other.apply_fragment(&fragment, "carte"));
    assert_eq!(other.selected().as_deref(), Some("c1"));
    assert_eq!(other.query(), "DAMIANI");
    assert_eq!(other.write_fragment("intro", "carte"), fragment);
    assert!(
        !other.apply_fragment("intro", "carte"),
        "no part for this map: the default view"
    );
    assert_eq!(other.selected(), None);

    // Arrow keys on the canvas: the keyboard's node moves and the page hears of it.
    events.borrow_mut().clear();
    map.select(None);
    for key in ["Home", "ArrowRight"] {
        let init = web_sys::KeyboardEventInit::new();
        init.set_key(key);
        init.set_cancelable(true);
        let e =
            web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
        c.dispatch_event(&e).unwrap();
        assert!(e.default_prevented(), "{key} is the map's");
    }
    assert_eq!(map.focused().as_deref(), Some("a1"));
    assert!(events.borrow().contains(&"focus".to_string()));
    map.destroy();
    other.destroy();
}

/// Reads a PNG's size from its IHDR chunk, after checking the signature.
fn png_size(bytes: &[u8]) -> (u32, u32) {
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "PNG signature");
    assert_eq!(&bytes[12..16], b"IHDR");
    let be = |i: usize| u32::from_be_bytes([bytes[i], bytes[i + 1], bytes[i + 2], bytes[i + 3]]);
    (be(16), be(20))
}

#[wasm_bindgen_test]
async fn exports_the_view_as_a_png_at_twice_its_css_size() {
    use wasm_bindgen_futures::JsFuture;
    let c = canvas();
    let mut map = CarteMentale::new(c.clone()).unwrap();
    // A screen of pixel ratio 3: the PNG is still twice the CSS size.
    map.resize(600.0, 400.0, 3.0);
    assert!(map.export_png().is_err(), "no map, no image");
    map.load(MOTION_JSON, "motion-2021.json");
    assert!(map.select(Some("a3-l1".into())));
    let blob: web_sys::Blob = JsFuture::from(map.export_png().unwrap())
        .await
        .unwrap()
        .dyn_into()
        .unwrap();
    assert_eq!(blob.type_(), "image/png");
    let buffer = JsFuture::from(blob.array_buffer()).await.unwrap();
    let bytes = js_sys::Uint8Array::new(&buffer).to_vec();
    assert_eq!(png_size(&bytes), (1200, 800));
    assert!(
        bytes.len() > 10_000,
        "not a blank image ({} bytes)",
        bytes.len()
    );
    assert_eq!(map.printable_lever().as_deref(), Some("a3-l1"));
    // The print view's data, written by the exports module from the same document.
    let print = carte_mentale::web::print_data(MOTION_JSON, "motion-2021.json", "a3-l1");
    let lever = js_sys::Reflect::get(&print, &"leverId".into()).unwrap();
    assert_eq!(lever.as_string().as_deref(), Some("a3-l1"));
    let listed = js_sys::Reflect::get(&print, &"contributions".into()).unwrap();
    assert_eq!(
        js_sys::Array::from(&listed).length(),
        2,
        "the lever's two contributions"
    );
    assert!(carte_mentale::web::print_data(MOTION_JSON, "motion-2021.json", "a3").is_null());
    // The handle says which rows; the converter writes them from the same document.
    let rows = map.csv_rows();
    assert_eq!(rows.len(), 2, "the lever's two contributions");
    assert_eq!(
        map.csv_levers().map(|l| l.len()),
        Some(1),
        "the lever's node"
    );
    let csv = carte_mentale::web::contributions_csv(
        MOTION_JSON,
        "motion-2021.json",
        &rows,
        map.csv_levers(),
    )
    .unwrap();
    assert_eq!(
        csv.matches("\r\n").count(),
        3,
        "header and the lever's two rows"
    );
    assert_eq!(
        carte_mentale::web::contributions_csv(MOTION_JSON, "motion-2021.json", &[100_000], None),
        None,
        "a row the document does not have"
    );
    // The poster: drawn by the converter from the document, the link state and the positions.
    let svg = carte_mentale::web::poster_svg(
        MOTION_JSON,
        "motion-2021.json",
        &map.link_state(),
        &map.layout_positions(),
        map.layout_aspect(),
        "1 contribution".into(),
        "{n} contributions".into(),
    )
    .unwrap();
    assert!(svg.starts_with("<?xml") && svg.contains("<title id=\"title\">Motion du Congrès"));
    assert!(svg.contains("<circle"), "the nodes are drawn");
    map.destroy();
    c.remove();
}

/// Runs `f` and fails when it took longer than `seconds` (a generous bound for a busy two-core
/// machine: the quadratic versions of these paths took minutes).
fn within<T>(seconds: f64, what: &str, f: impl FnOnce() -> T) -> T {
    let start = js_sys::Date::now();
    let out = f();
    let took = (js_sys::Date::now() - start) / 1000.0;
    assert!(
        took < seconds,
        "{what}: {took:.2} s, over the {seconds} s bound"
    );
    out
}

fn messages(result: &wasm_bindgen::JsValue) -> String {
    let diags: js_sys::Array = field(result, "diagnostics").dyn_into().unwrap();
    diags
        .iter()
        .map(|d| field(&d, "message").as_string().unwrap_or_default())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The inputs that once froze the page (`tests/hostile.rs` checks them natively), at ten times
/// the size that froze, through the handle in the browser: each loads or is refused with a
/// French message within a bound, and the map keeps drawing.
#[wasm_bindgen_test]
async fn hostile_inputs_at_ten_times_load_or_are_refused_in_the_browser() {
    let c = canvas();
    let mut map = CarteMentale::new(c.clone()).unwrap();
    map.resize(600.0, 400.0, 1.0);

    // Free automatic ids: 200 000 rows with ids `c200001…`, then 200 000 without (froze at
    // 20 000 + 20 000): refused past the contribution limit, every row counted.
    let mut table = String::from("id;contribution;levier\n");
    let n = 200_000;
    for k in 0..n {
        table += &format!("c{};Texte {k};a1-l1\n", n + k + 1);
    }
    for k in 0..n {
        table += &format!(";Autre {k};a1-l1\n");
    }
    let r = within(30.0, "400 000 rows for automatic ids", || {
        map.load_with_table(MOTION_MD, "motion.md", Some(table), None)
    });
    assert_eq!(field(&r, "ok"), false);
    assert!(
        messages(&r).contains("la limite d'une carte"),
        "{}",
        messages(&r)
    );

    // The same shape at the limit loads.
    let mut table = String::from("id;contribution;levier\n");
    for k in 0..10_000 {
        table += &format!("c{};Texte {k};a1-l1\n", 10_000 + k + 1);
    }
    for k in 0..10_000 {
        table += &format!(";Autre {k};a1-l1\n");
    }
    let r = within(30.0, "20 000 rows for automatic ids", || {
        map.load_with_table(MOTION_MD, "motion.md", Some(table), None)
    });
    assert_eq!(field(&r, "ok"), true, "{}", messages(&r));
    assert_eq!(field(&r, "contributions").as_f64(), Some(20_000.0));

    // CR-only line ends (old Mac exports), an unnamed column, conflicting duplicates and ids of
    // the outline, 10 000 rows: all read, each oddity reported.
    let mut table = String::from("id;contribution;;levier;auteur\r");
    for k in 0..10_000 {
        let id = if k % 100 == 0 {
            "a1-l1".to_string()
        } else {
            format!("d{}", k / 2)
        };
        table += &format!("{id};Texte {};note;a1-l1;Auteur {k}\r", k / 2);
    }
    let r = within(20.0, "10 000 CR-only rows", || {
        map.load_with_table(MOTION_MD, "motion.md", Some(table), None)
    });
    assert_eq!(field(&r, "ok"), true, "{}", messages(&r));
    assert_eq!(field(&r, "contributions").as_f64(), Some(10_000.0));
    let m = messages(&r);
    assert!(
        m.contains("colonne sans nom") && m.contains("« a1-l1 »"),
        "{m}"
    );

    // JSON: 1 000 000 contributions with `"levers": []` (froze at 100 000): over the file limit.
    let mut json = String::from(
        r#"{"format":"carte-mentale","version":1,"motion":{"id":"m","title":"M","axes":[{"id":"a1","title":"A","levers":[{"id":"l1","title":"L"}]}],"contributions":["#,
    );
    for k in 0..1_000_000 {
        if k > 0 {
            json.push(',');
        }
        json += &format!(r#"{{"id":"c{k}","text":"t","levers":[]}}"#);
    }
    json += "]}}";
    let r = within(10.0, "a 40 MB JSON file", || map.load(&json, "m.json"));
    assert_eq!(field(&r, "ok"), false);
    assert!(messages(&r).contains("trop volumineux"), "{}", messages(&r));

    // Markdown: 1 MB of `[` in a title (froze at 100 KB); a million levers in one axis.
    let outline = format!("# M\n## A\n- {}\n", "[".repeat(1_000_000));
    let r = within(10.0, "1 MB of [", || map.load(&outline, "m.md"));
    assert_eq!(field(&r, "ok"), true, "{}", messages(&r));
    let mut outline = String::from("# M\n## A\n");
    for k in 0..1_000_000 {
        outline += &format!("- levier {k}\n");
    }
    let r = within(10.0, "a million levers", || map.load(&outline, "m.md"));
    assert_eq!(field(&r, "ok"), false);
    assert!(
        messages(&r).contains("au plus 256 par axe"),
        "{}",
        messages(&r)
    );

    // A lever title of 100 000 characters (10 000 cost 100 ms a frame): cut, and frames stay
    // cheap.
    let outline = format!("# M\n## A\n- {}\n", "mot ".repeat(25_000));
    let r = within(10.0, "a 100 000-character title", || {
        map.load(&outline, "m.md")
    });
    assert_eq!(field(&r, "ok"), true, "{}", messages(&r));
    assert!(messages(&r).contains("coupé"), "{}", messages(&r));
    let start = js_sys::Date::now();
    next_frames(10).await;
    let took = (js_sys::Date::now() - start) / 1000.0;
    assert!(took < 5.0, "ten frames: {took:.2} s");

    // A search matching every contribution of a map at the limit, levers folded (each hit
    // marked its levers by a scan of every link: 20 000 × 20 000 at each keystroke).
    map.load_synthetic(20_000);
    for q in ["synth", "synthé", "synthétique"] {
        within(3.0, "a keystroke matching 20 000 contributions", || {
            map.search(q)
        });
    }

    // A crafted link of 1 MB (94 KB froze for 5 s, then 1.6 s a count) on a 500-contribution
    // map: ignored, the default view kept.
    map.load_synthetic(500);
    let mut fragment = String::from("cm.carte=fonctions=");
    for k in 0..150_000 {
        if k > 0 {
            fragment.push(',');
        }
        fragment += &format!("r{k}");
    }
    let found = within(2.0, "a 1 MB link", || {
        map.apply_fragment(&fragment, "carte")
    });
    assert!(!found, "a link over the limit is ignored");
    assert!(map.query().is_empty());
    map.destroy();
    c.remove();
}

/// What the handle returns reaches the page as it is: text with quotes, backslashes, line
/// breaks, control characters and characters beyond the BMP, integers, scores, absent fields.
#[wasm_bindgen_test]
fn values_reach_the_page_as_they_are() {
    let c = canvas();
    let mut map = CarteMentale::new(c.clone()).unwrap();
    let text = "« cité » \"entre guillemets\" \\ une barre\nune ligne\tune tabulation \u{1} 😀";
    let json = format!(
        r#"{{"format":"carte-mentale","version":1,"motion":{{"id":"m","title":"M","year":2021,"axes":[{{"id":"a1","title":"A","levers":[{{"id":"l1","title":"L"}}]}}],"contributions":[{{"id":"c1","text":{},"levers":["l1"],"department":"94","year":2021}},{{"id":"c2","text":"non classée","levers":[],"proposals":[{{"lever":"l1","score":0.4242424}}]}}]}}}}"#,
        js_sys::JSON::stringify(&text.into()).unwrap()
    );
    let result = map.load(&json, "valeurs.json");
    assert_eq!(field(&result, "ok"), true, "{}", messages(&result));
    assert_eq!(field(&result, "contributions").as_f64(), Some(2.0));
    let detail = map.detail("c1");
    assert_eq!(field(&detail, "title").as_string().as_deref(), Some(text));
    assert_eq!(field(&detail, "year").as_f64(), Some(2021.0));
    assert_eq!(
        field(&detail, "department").as_string().as_deref(),
        Some("94")
    );
    assert!(
        field(&detail, "role").is_undefined(),
        "an absent field is left out"
    );
    let suggestions: js_sys::Array = field(&map.detail("c2"), "suggestions").dyn_into().unwrap();
    let score = field(&suggestions.get(0), "score").as_f64().unwrap();
    assert!((score - 0.424242).abs() < 1e-6, "{score}");
    assert!(map.detail("inconnu").is_null());
    map.destroy();
    c.remove();
}
