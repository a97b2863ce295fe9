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
                assert!(
                    dx * dx + dy * dy >= r * r,
                    "label of {} covers node {}",
                    a.node,
                    n.node
                );
            }
        }
    }
    assert!(labels > 0);
    let l = legibility::measure(map.graph(), &scene);
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

/// On a phone the levers' titles go first (the axes' are shortened): at least half of them in
/// full; the others are read by a tap.
#[test]
fn half_the_lever_titles_read_in_full_on_a_phone() {
    for text in [MOTION_2021, SHAPE_2022] {
        let l = whole_map(text, 390.0, 640.0);
        assert!(2 * l.levers_full >= l.levers, "{l:?}");
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

/// A contribution shown under one lever that also speaks to a folded lever gets a short stub
/// towards it, not a line across the map; hovering it draws the whole line.
#[test]
fn links_to_folded_levers_are_stubs_until_hovered() {
    let motion = carte_mentale::model::synthetic::synthetic_motion(400, 1);
    let mut m = MapState::new(motion, 1100.0, 560.0, &mut ApproxMeasure);
    // Unfold the first lever holding a contribution that speaks to another lever too.
    let (lever, shared) = (0..m.graph().len() as u32)
        .filter(|&l| m.graph().nodes[l as usize].level == 2)
        .find_map(|l| {
            let c = m.graph().contributions_of(l).find(|&c| {
                m.graph().nodes[c as usize].parent == Some(l) && m.graph().levers_of(c).count() > 1
            })?;
            Some((l, c))
        })
        .expect("the synthetic motion has contributions on two levers");
    assert!(m.toggle(lever));
    while m.frame(16.0, &mut ApproxMeasure) {}
    let other = m.graph().levers_of(shared).find(|&l| l != lever).unwrap();
    let ends = |m: &MapState| {
        let s = m.scene(&mut ApproxMeasure);
        let from = m.camera().world_to_screen(m.layout().position(shared));
        let to = m.camera().world_to_screen(m.layout().position(other));
        let distance = (to[0] - from[0]).hypot(to[1] - from[1]);
        let toward = [(to[0] - from[0]) / distance, (to[1] - from[1]) / distance];
        // The link drawn from the contribution towards the other lever.
        let drawn = s
            .links
            .iter()
            .filter_map(|l| {
                let (a, b) = if l.from == from {
                    (l.from, l.to)
                } else {
                    (l.to, l.from)
                };
                let len = (b[0] - a[0]).hypot(b[1] - a[1]);
                let along = ((b[0] - a[0]) * toward[0] + (b[1] - a[1]) * toward[1]) / len;
                (a == from && along > 0.999).then_some(len)
            })
            .fold(0.0f32, f32::max);
        (drawn, distance)
    };
    let (drawn, distance) = ends(&m);
    assert!(distance > 60.0, "the other lever is far: {distance}");
    assert!(drawn < 20.0, "only a stub is drawn: {drawn} of {distance}");
    m.hover(Some(shared));
    let (drawn, distance) = ends(&m);
    assert!(
        (drawn - distance).abs() < 0.5,
        "hovered: the whole line, {drawn} of {distance}"
    );
}

/// Three-digit counts stay inside their badge, drawn no smaller than 11 px.
#[test]
fn lever_badges_are_as_wide_as_their_count() {
    let motion = carte_mentale::model::synthetic::synthetic_motion(3000, 1);
    let map = MapState::new(motion, 1100.0, 560.0, &mut ApproxMeasure);
    let scene = map.scene(&mut ApproxMeasure);
    let mut me = ApproxMeasure;
    let wide = scene.badges.iter().filter(|b| b.text.len() >= 3).count();
    assert!(wide > 0, "some lever holds 100 contributions or more");
    for b in &scene.badges {
        use carte_mentale::view::text::TextMeasure;
        assert!(b.font_px >= 11.0);
        let w = me.width(&b.text, b.font_px, true);
        assert!(2.0 * b.half_width >= w + 4.0, "{b:?}: text {w} px wide");
        assert!(b.half_width >= b.radius);
    }
}

/// On a phone, a lever whose title is cut shows it whole once selected (a tap), with no hover.
#[test]
fn a_selected_lever_with_a_cut_title_shows_it_whole() {
    let motion = parse(MOTION_2021, Format::Markdown).value.unwrap();
    let mut m = MapState::new(motion, 390.0, 640.0, &mut ApproxMeasure);
    let scene = m.scene(&mut ApproxMeasure);
    let cut = (0..m.graph().len() as u32)
        .filter(|&i| m.graph().nodes[i as usize].level == 2)
        .find(|&i| {
            let title = m.graph().nodes[i as usize]
                .label
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            scene
                .labels
                .iter()
                .find(|l| l.node == i)
                .map(|l| l.lines.join(" "))
                != Some(title)
        })
        .expect("some lever title is cut on a phone");
    assert!(scene.tooltip.is_none());
    assert!(m.select(Some(cut)));
    let t = m
        .scene(&mut ApproxMeasure)
        .tooltip
        .expect("the whole title");
    assert_eq!(t.node, cut);
    assert_eq!(
        t.lines.join(" "),
        m.graph().nodes[cut as usize]
            .label
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    );
}

/// The page's controls along the top (the search bar, 46 px) keep labels out: no label is
/// placed under them, on a wide element or a narrow one (two maps side by side).
#[test]
fn no_label_slides_under_the_search_bar() {
    for text in [MOTION_2021, SHAPE_2022] {
        for (w, h) in [(1100.0, 560.0), (540.0, 400.0), (390.0, 640.0)] {
            let motion = parse(text, Format::Markdown).value.unwrap();
            let mut map = MapState::new(motion.clone(), w, h, &mut ApproxMeasure);
            map.set_top_inset(46.0, &mut ApproxMeasure);
            // Told before the load (as the element does), the map is fitted once, the same way.
            let below = MapState::below(motion, w, h, 46.0, &mut ApproxMeasure);
            assert_eq!(below.camera(), map.camera(), "{w} × {h}");
            assert_eq!(
                below.scene(&mut ApproxMeasure),
                map.scene(&mut ApproxMeasure)
            );
            let scene = map.scene(&mut ApproxMeasure);
            assert!(!scene.labels.is_empty());
            for l in &scene.labels {
                assert!(
                    l.bounds.min[1] >= 46.0,
                    "{w} × {h}: the label of node {} reaches {} under the bar",
                    l.node,
                    l.bounds.min[1]
                );
            }
        }
    }
}
