//! Reading the motion at first sight: at the whole-map view, the share of axis and lever
//! titles drawn in full and the smallest font, on the real 2021 motion and on a test shape
//! like the 2022 outline (`tests/data/forme-2022.md`, 4 axes of 5 / 2 / 2 / 2 levers with long
//! titles; not a real motion), on a desktop element (1 100 × 560) and a phone (390 × 640).
//! The draw benchmark records the same measure in the browser (`docs/benchmarks-draw.md`).
#![cfg(not(target_arch = "wasm32"))]

use carte_mentale::interaction::MapState;
use carte_mentale::model::{Format, parse};
use carte_mentale::view::legibility::{self, Legibility};
use carte_mentale::view::text::ApproxMeasure;

const MOTION_2021: &str = include_str!("../assets/motion-2021.md");
const SHAPE_2022: &str = include_str!("data/forme-2022.md");

fn whole_map(text: &str, width: f32, height: f32) -> Legibility {
    let motion = parse(text, Format::Markdown).value.unwrap();
    let map = MapState::new(motion, width, height, &mut ApproxMeasure);
    let scene = map.scene(&mut ApproxMeasure);
    let labels = scene.labels.len();
    for (i, a) in scene.labels.iter().enumerate() {
        for b in &scene.labels[i + 1..] {
            assert!(!a.bounds.overlaps(&b.bounds), "labels overlap: {a:?} {b:?}");
        }
        for n in &scene.nodes {
            if n.node != a.node {
                let r = n.radius;
                let inside = |v: f32, lo: f32, hi: f32| v.clamp(lo, hi);
                let dx = n.center[0] - inside(n.center[0], a.bounds.min[0], a.bounds.max[0]);
                let dy = n.center[1] - inside(n.center[1], a.bounds.min[1], a.bounds.max[1]);
                assert!(dx * dx + dy * dy >= r * r, "label of {} covers node {}", a.node, n.node);
            }
        }
    }
    assert!(labels > 0);
    let l = legibility::measure(&map.graph, &scene);
    eprintln!("{width} × {height}: {l:?}");
    l
}

#[test]
fn the_2021_motion_reads_in_full_on_a_desktop_element() {
    let l = whole_map(MOTION_2021, 1100.0, 560.0);
    assert_eq!((l.axes_full, l.axes), (4, 4), "{l:?}");
    assert_eq!((l.levers_full, l.levers), (12, 12), "{l:?}");
    assert!(l.min_font_px >= 11.0, "{l:?}");
}

#[test]
fn the_2022_shape_reads_almost_in_full_on_a_desktop_element() {
    let l = whole_map(SHAPE_2022, 1100.0, 560.0);
    assert_eq!(l.axes, 4);
    assert_eq!(l.levers, 11);
    assert!(l.levers_full >= 10, "{l:?}");
    assert!(l.min_font_px >= 11.0, "{l:?}");
}

#[test]
fn half_the_titles_read_in_full_on_a_phone() {
    for text in [MOTION_2021, SHAPE_2022] {
        let l = whole_map(text, 390.0, 640.0);
        assert!(2 * l.levers_full >= l.levers, "{l:?}");
        assert!(2 * l.axes_full >= l.axes, "{l:?}");
        assert!(l.min_font_px >= 11.0, "{l:?}");
    }
}

/// Writes the scenes as SVG under `$LEGIBILITY_SVG` when set (to look at them), else nothing.
#[test]
fn scenes_as_svg_when_asked() {
    let Ok(dir) = std::env::var("LEGIBILITY_SVG") else {
        return;
    };
    for (name, text) in [("2021", MOTION_2021), ("2022", SHAPE_2022)] {
        for (w, h) in [(1100.0, 560.0), (390.0, 640.0)] {
            let motion = parse(text, Format::Markdown).value.unwrap();
            let map = MapState::new(motion, w, h, &mut ApproxMeasure);
            let scene = map.scene(&mut ApproxMeasure);
            let svg = carte_mentale::view::svg::render(&scene, name);
            std::fs::write(format!("{dir}/{name}-{w}x{h}.svg"), svg).unwrap();
        }
    }
}
