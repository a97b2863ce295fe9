//! What each fuzz target does with one input. Shared by the cargo-fuzz binaries
//! (`fuzz_targets/`) and the native test that replays the corpus and the crash reproducers
//! (`tests/fuzz_corpus.rs`), so a file that once crashed stays a test.
//!
//! Besides « no panic », each target checks an invariant: a parse that succeeds builds a graph;
//! a JSON document that loads without error writes back to itself; a restored link names only
//! what the map has.

use carte_mentale::interaction::MapState;
use carte_mentale::interaction::url::{UrlState, read_fragment};
use carte_mentale::model::{Format, MindGraph, Motion, json, parse, table};
use carte_mentale::view::text::ApproxMeasure;

/// Inputs are text; bytes that are not UTF-8 are replaced, as the page's decoder does.
fn text(data: &[u8]) -> String {
    String::from_utf8_lossy(data).into_owned()
}

fn motion_2021() -> Motion {
    parse(
        include_str!("../../assets/motion-2021.md"),
        Format::Markdown,
    )
    .value
    .expect("the 2021 outline parses")
}

fn builds_a_graph(m: &Motion) {
    let g = MindGraph::from_motion(m);
    assert!(!g.is_empty(), "a motion has at least its root node");
}

/// The Markdown outline.
pub fn markdown(data: &[u8]) {
    let p = parse(&text(data), Format::Markdown);
    if let Some(m) = &p.value {
        builds_a_graph(m);
    }
    assert!(p.value.is_some() || p.has_errors(), "no map and no error");
}

/// A contributions table joined to the real 2021 motion.
pub fn table(data: &[u8]) {
    let p = table::join(motion_2021(), &text(data));
    if let Some(m) = &p.value {
        builds_a_graph(m);
    }
}

/// The JSON loader; what loads cleanly writes back to the same motion.
pub fn json(data: &[u8]) {
    let p = parse(&text(data), Format::Json);
    let errors = p.has_errors();
    let Some(m) = p.value else {
        assert!(errors, "no map and no error");
        return;
    };
    builds_a_graph(&m);
    if !errors {
        let again = parse(&json::to_json(&m), Format::Json);
        assert_eq!(again.value.as_ref(), Some(&m), "{:?}", again.diagnostics);
    }
}

/// A link's fragment read and restored on the 2021 map; the view it gives reads back.
pub fn fragment(data: &[u8]) {
    let s = text(data);
    let decoded = UrlState::decode(&s);
    // Written once, a state reads back to what it writes.
    let written = decoded.encode();
    assert_eq!(UrlState::decode(&written).encode(), written);
    let mut map = MapState::new(motion_2021(), 800.0, 600.0, &mut ApproxMeasure);
    for state in [Some(decoded), read_fragment(&s, "motion-2021")]
        .into_iter()
        .flatten()
    {
        map.apply_url_state(&state);
        let back = map.url_state();
        for id in back.unfolded.iter().chain(back.selected.iter()) {
            assert!(map.node_by_id(id).is_some(), "{id} is not on the map");
        }
        let _ = map.scene(&mut ApproxMeasure);
    }
}

/// Parse → layout (a few ticks) → scene, for an outline or a JSON document.
pub fn scene(data: &[u8]) {
    let s = text(data);
    let format = Format::detect("", &s);
    let Some(m) = parse(&s, format).value else {
        return;
    };
    let mut map = MapState::new(m, 640.0, 480.0, &mut ApproxMeasure);
    for lever in 0..map.graph().len() as u32 {
        if map.graph().nodes[lever as usize].level == 2 {
            map.toggle(lever);
        }
    }
    for _ in 0..3 {
        map.frame(16.0, &mut ApproxMeasure);
    }
    let scene = map.scene(&mut ApproxMeasure);
    for n in &scene.nodes {
        assert!(n.center[0].is_finite() && n.center[1].is_finite());
    }
}
