//! The interaction layer driven as a person would, without a browser: clicks, drags,
//! wheel, pinch, keys — and what the map shows afterwards.

use carte_mentale::interaction::{Input, MapState};
use carte_mentale::model::{Axis, Contribution, Lever, Motion};
use carte_mentale::view::text::ApproxMeasure;

fn lever(id: &str, title: &str) -> Lever {
    Lever {
        id: id.into(),
        title: title.into(),
        description: String::new(),
        links: Vec::new(),
        folded: false,
    }
}

fn contribution(id: &str, author: &str, levers: &[&str]) -> Contribution {
    Contribution {
        id: id.into(),
        text: format!("Texte de la contribution {id}"),
        author: Some(author.into()),
        role: Some("adjoint au maire".into()),
        collectivity: Some("Fontenay-sous-Bois".into()),
        department: Some("94".into()),
        year: Some(2021),
        label: Some(5),
        levers: levers.iter().map(|s| s.to_string()).collect(),
        axis: None,
        links: Vec::new(),
        proposals: None,
    }
}

fn motion() -> Motion {
    Motion {
        id: "motion".into(),
        title: "Motion d'essai 2021".into(),
        description: "Préambule.".into(),
        year: Some(2021),
        links: Vec::new(),
        initial_expand_level: None,
        layout: None,
        axes: vec![
            Axis {
                id: "a1".into(),
                title: "Premier axe".into(),
                description: String::new(),
                links: Vec::new(),
                folded: false,
                levers: vec![lever("a1-l1", "Levier un"), lever("a1-l2", "Levier deux")],
            },
            Axis {
                id: "a2".into(),
                title: "Second axe".into(),
                description: String::new(),
                links: Vec::new(),
                folded: false,
                levers: vec![
                    lever("a2-l1", "Levier trois"),
                    lever("a2-l2", "Levier quatre"),
                ],
            },
        ],
        contributions: vec![
            contribution("c1", "Loïc Damiani", &["a1-l1"]),
            contribution("c2", "Claude Morin", &["a1-l1", "a2-l1"]),
            contribution("c3", "Nicolas Liot", &["a2-l2"]),
        ],
    }
}

fn map() -> MapState {
    MapState::new(motion(), 900.0, 600.0, &mut ApproxMeasure)
}

fn screen_of(m: &MapState, id: &str) -> [f32; 2] {
    let n = m.node_by_id(id).unwrap();
    m.camera().world_to_screen(m.layout().position(n))
}

fn click(m: &mut MapState, p: [f32; 2], t: f64) -> carte_mentale::interaction::Response {
    let mut me = ApproxMeasure;
    m.handle(
        Input::PointerDown {
            id: 1,
            x: p[0],
            y: p[1],
            touch: false,
            time_ms: t,
        },
        &mut me,
    );
    m.handle(
        Input::PointerUp {
            id: 1,
            x: p[0],
            y: p[1],
            time_ms: t + 80.0,
        },
        &mut me,
    )
}

fn click_id(m: &mut MapState, id: &str, t: f64) -> carte_mentale::interaction::Response {
    let p = screen_of(m, id);
    click(m, p, t)
}

fn settle(m: &mut MapState) {
    let mut frames = 0;
    while m.frame(16.0, &mut ApproxMeasure) {
        frames += 1;
        assert!(frames < 5_000, "the frame loop never stops");
    }
}

#[test]
fn starts_settled_folded_and_fitted() {
    let m = map();
    assert!(
        !m.is_animating(),
        "the first layout is settled before the first frame"
    );
    let visible: Vec<&str> = (0..m.graph().len() as u32)
        .filter(|&n| m.layout().is_visible(n))
        .map(|n| m.id(n))
        .collect();
    assert_eq!(
        visible,
        vec!["motion", "a1", "a2", "a1-l1", "a1-l2", "a2-l1", "a2-l2"]
    );
    for id in &visible {
        let p = screen_of(&m, id);
        assert!(
            p[0] > 0.0 && p[0] < 900.0 && p[1] > 0.0 && p[1] < 600.0,
            "{id} off screen at {p:?}"
        );
    }
    let scene = m.scene(&mut ApproxMeasure);
    let labelled: Vec<&str> = scene.labels.iter().map(|l| m.id(l.node)).collect();
    for id in &visible {
        assert!(labelled.contains(id), "{id} has no label");
    }
    for l in &scene.labels {
        assert!(
            l.bounds.min[0] >= 0.0 && l.bounds.max[0] <= 900.0,
            "label of {} cut off",
            m.id(l.node)
        );
    }
}

#[test]
fn the_outline_can_ask_for_levers_unfolded_at_load() {
    // markmap's `initialExpandLevel: 3` unfolds the levers; a folded lever stays folded.
    let mut motion = motion();
    motion.initial_expand_level = Some(3);
    motion.axes[1].levers[1].folded = true;
    let m = MapState::new(motion, 900.0, 600.0, &mut ApproxMeasure);
    let visible: Vec<&str> = (0..m.graph().len() as u32)
        .filter(|&n| m.layout().is_visible(n))
        .map(|n| m.id(n))
        .collect();
    assert_eq!(
        visible,
        vec![
            "motion", "a1", "a2", "a1-l1", "a1-l2", "a2-l1", "a2-l2", "c1", "c2"
        ]
    );
    assert_eq!(m.unfolded_levers(), vec!["a1-l1", "a2-l1"]);
}

#[test]
fn clicking_a_lever_unfolds_it_selects_it_and_folds_it_again() {
    let mut m = map();
    let before: Vec<[f32; 2]> = (0..7).map(|n| m.layout().position(n)).collect();
    let r = click_id(&mut m, "a1-l1", 1000.0);
    assert!(r.selection_changed && r.redraw);
    assert_eq!(m.view().selected, m.node_by_id("a1-l1"));
    for id in ["c1", "c2"] {
        assert!(
            m.layout().is_visible(m.node_by_id(id).unwrap()),
            "{id} shown"
        );
    }
    assert!(!m.layout().is_visible(m.node_by_id("c3").unwrap()));
    assert!(m.is_animating(), "new contributions settle in frames");
    settle(&mut m);
    let after: Vec<[f32; 2]> = (0..7).map(|n| m.layout().position(n)).collect();
    assert_eq!(
        before, after,
        "unfolding keeps existing nodes where they are"
    );
    // Contributions come out next to their lever.
    let l = m.layout().position(m.node_by_id("a1-l1").unwrap());
    let c = m.layout().position(m.node_by_id("c1").unwrap());
    let other = m.layout().position(m.node_by_id("a2-l2").unwrap());
    let d = |a: [f32; 2], b: [f32; 2]| (a[0] - b[0]).hypot(a[1] - b[1]);
    assert!(d(l, c) < d(other, c));

    let detail = m.detail(m.node_by_id("c2").unwrap());
    assert_eq!(detail.author.as_deref(), Some("Claude Morin"));
    assert_eq!(detail.levers, vec!["Levier un", "Levier trois"]);
    assert_eq!(detail.label, Some(5));

    click_id(&mut m, "a1-l1", 3000.0);
    assert!(!m.layout().is_visible(m.node_by_id("c1").unwrap()));
}

#[test]
fn a_contribution_with_two_levers_stays_while_one_is_open() {
    let mut m = map();
    let (l1, l3, c2) = (
        m.node_by_id("a1-l1").unwrap(),
        m.node_by_id("a2-l1").unwrap(),
        m.node_by_id("c2").unwrap(),
    );
    m.toggle(l1);
    m.toggle(l3);
    m.toggle(l1);
    assert!(m.layout().is_visible(c2));
    assert!(!m.layout().is_visible(m.node_by_id("c1").unwrap()));
    m.toggle(l3);
    assert!(!m.layout().is_visible(c2));
}

#[test]
fn clicking_a_contribution_opens_its_detail_and_empty_space_closes_it() {
    let mut m = map();
    m.toggle(m.node_by_id("a2-l2").unwrap());
    settle(&mut m);
    let r = click_id(&mut m, "c3", 100.0);
    assert!(r.selection_changed);
    let d = m.detail(m.view().selected.unwrap());
    assert_eq!(
        (d.kind, d.author.as_deref(), d.department.as_deref()),
        ("contribution", Some("Nicolas Liot"), Some("94"))
    );
    let r = click(&mut m, [3.0, 3.0], 500.0);
    assert!(r.selection_changed);
    assert_eq!(m.view().selected, None);
}

#[test]
fn escape_closes_the_selection() {
    let mut m = map();
    click_id(&mut m, "a1", 0.0);
    assert!(m.view().selected.is_some());
    let r = m.handle(
        Input::Key {
            key: "Escape".into(),
        },
        &mut ApproxMeasure,
    );
    assert!(r.selection_changed && r.consumed);
    assert_eq!(m.view().selected, None);
}

#[test]
fn dragging_pans_and_does_not_click() {
    let mut m = map();
    let mut me = ApproxMeasure;
    let start = screen_of(&m, "a1");
    m.handle(
        Input::PointerDown {
            id: 7,
            x: start[0],
            y: start[1],
            touch: false,
            time_ms: 0.0,
        },
        &mut me,
    );
    m.handle(
        Input::PointerMove {
            id: 7,
            x: start[0] + 40.0,
            y: start[1] + 10.0,
        },
        &mut me,
    );
    m.handle(
        Input::PointerMove {
            id: 7,
            x: start[0] + 100.0,
            y: start[1] + 30.0,
        },
        &mut me,
    );
    let r = m.handle(
        Input::PointerUp {
            id: 7,
            x: start[0] + 100.0,
            y: start[1] + 30.0,
            time_ms: 200.0,
        },
        &mut me,
    );
    assert!(!r.selection_changed);
    assert_eq!(m.view().selected, None);
    let now = screen_of(&m, "a1");
    assert!((now[0] - start[0] - 100.0).abs() < 0.01 && (now[1] - start[1] - 30.0).abs() < 0.01);
}

#[test]
fn ctrl_wheel_zooms_about_the_pointer_and_plain_wheel_scrolls_the_page() {
    let mut m = map();
    let z = m.camera().zoom;
    let r = m.handle(
        Input::Wheel {
            x: 200.0,
            y: 100.0,
            delta_y: 100.0,
            zoom: false,
        },
        &mut ApproxMeasure,
    );
    assert!(!r.consumed && r.wheel_hint);
    assert_eq!(m.camera().zoom, z);
    let anchor = m.camera().screen_to_world([200.0, 100.0]);
    let r = m.handle(
        Input::Wheel {
            x: 200.0,
            y: 100.0,
            delta_y: -100.0,
            zoom: true,
        },
        &mut ApproxMeasure,
    );
    assert!(r.consumed && r.redraw);
    assert!(m.camera().zoom > z * 2.0);
    let back = m.camera().world_to_screen(anchor);
    assert!((back[0] - 200.0).abs() < 0.01 && (back[1] - 100.0).abs() < 0.01);
}

#[test]
fn pinch_zooms_and_fit_brings_everything_back() {
    let mut m = map();
    let mut me = ApproxMeasure;
    let z = m.camera().zoom;
    m.handle(
        Input::PointerDown {
            id: 1,
            x: 400.0,
            y: 300.0,
            touch: true,
            time_ms: 0.0,
        },
        &mut me,
    );
    m.handle(
        Input::PointerDown {
            id: 2,
            x: 500.0,
            y: 300.0,
            touch: true,
            time_ms: 5.0,
        },
        &mut me,
    );
    m.handle(
        Input::PointerMove {
            id: 2,
            x: 600.0,
            y: 300.0,
        },
        &mut me,
    );
    assert!((m.camera().zoom / z - 2.0).abs() < 0.05, "pinch out ×2");
    m.handle(
        Input::PointerUp {
            id: 2,
            x: 600.0,
            y: 300.0,
            time_ms: 300.0,
        },
        &mut me,
    );
    m.handle(
        Input::PointerUp {
            id: 1,
            x: 400.0,
            y: 300.0,
            time_ms: 310.0,
        },
        &mut me,
    );
    assert_eq!(m.view().selected, None, "a pinch is not a tap");
    m.set_reduced_motion(true);
    m.handle(Input::Key { key: "0".into() }, &mut me);
    assert!(
        (m.camera().zoom - z).abs() < 1e-4,
        "0 fits the whole map again"
    );
}

#[test]
fn buttons_zoom_with_animation_that_ends() {
    let mut m = map();
    let z = m.camera().zoom;
    m.zoom_by(1.5);
    assert!(m.is_animating());
    settle(&mut m);
    assert!((m.camera().zoom / z - 1.5).abs() < 1e-4);
    assert!(!m.is_animating());
}

/// The spatial index answers exactly as a scan of every node would, on a large map.
#[test]
fn hit_testing_agrees_with_a_full_scan() {
    let motion = carte_mentale::model::synthetic::synthetic_motion(1500, 4);
    let mut m = MapState::new(motion, 1000.0, 700.0, &mut ApproxMeasure);
    for lever in 5..17u32 {
        m.toggle(lever);
    }
    let mut frames = 0;
    while m.frame(16.0, &mut ApproxMeasure) && frames < 3_000 {
        frames += 1;
    }
    m.handle(
        Input::Wheel {
            x: 500.0,
            y: 350.0,
            delta_y: -60.0,
            zoom: true,
        },
        &mut ApproxMeasure,
    );
    let brute = |m: &MapState, x: f32, y: f32, slop: f32| {
        let w = m.camera().screen_to_world([x, y]);
        let mut best: Option<(f32, u32)> = None;
        for i in 0..m.graph().len() as u32 {
            if !m.layout().is_visible(i) {
                continue;
            }
            let p = m.layout().position(i);
            let r = m.layout().radius(i) + (slop + 2.0) / m.camera().zoom;
            let d2 = (p[0] - w[0]).powi(2) + (p[1] - w[1]).powi(2);
            if d2 <= r * r {
                let score = d2.sqrt() / r;
                if best.is_none_or(|(s, b)| score < s || (score == s && i < b)) {
                    best = Some((score, i));
                }
            }
        }
        best.map(|(_, i)| i)
    };
    let mut hits = 0;
    for k in 0..4000 {
        let (x, y) = ((k * 37 % 1000) as f32 + 0.5, (k * 53 % 700) as f32 + 0.25);
        for slop in [0.0, 10.0] {
            let got = m.hit(x, y, slop);
            assert_eq!(got, brute(&m, x, y, slop), "at ({x}, {y}) slop {slop}");
            hits += got.is_some() as usize;
        }
    }
    assert!(hits > 100, "the sample does land on nodes ({hits})");
}

#[test]
fn hovering_a_cut_label_shows_the_full_text_in_a_tooltip() {
    const LONG: &str = "Pour un accompagnement volontariste permettant de réduire les fractures \
        numériques, territoriales, générationnelles, sociales, cognitives et socio-économiques, \
        que la crise sanitaire a révélées au sein de l'école comme des services publics";
    let mut motion = motion();
    motion.axes[0].title = LONG.into();
    let mut me = ApproxMeasure;
    let mut m = MapState::new(motion, 320.0, 480.0, &mut me);
    assert!(
        m.scene(&mut me).tooltip.is_none(),
        "nothing hovered, no tooltip"
    );
    let a1 = m.node_by_id("a1").unwrap();
    let p = screen_of(&m, "a1");
    m.handle(
        Input::PointerMove {
            id: 99,
            x: p[0],
            y: p[1],
        },
        &mut me,
    );
    assert_eq!(m.view().hovered, Some(a1));
    let scene = m.scene(&mut me);
    let drawn = scene
        .labels
        .iter()
        .find(|l| l.node == a1)
        .map(|l| l.lines.join(" "))
        .unwrap();
    assert!(
        drawn.ends_with('…') && drawn.len() < LONG.len(),
        "the drawn label is cut: {drawn}"
    );
    let t = scene.tooltip.expect("a tooltip with the whole title");
    assert_eq!(t.lines.join(" "), LONG);
    assert!(
        t.bounds.min[0] >= 0.0
            && t.bounds.max[0] <= 320.0
            && t.bounds.min[1] >= 0.0
            && t.bounds.max[1] <= 480.0
    );
    // A node whose label is drawn whole gets no tooltip.
    let q = screen_of(&m, "a2-l1");
    m.handle(
        Input::PointerMove {
            id: 99,
            x: q[0],
            y: q[1],
        },
        &mut me,
    );
    let scene = m.scene(&mut me);
    if scene
        .labels
        .iter()
        .any(|l| l.node == m.node_by_id("a2-l1").unwrap() && l.lines.join(" ") == "Levier trois")
    {
        assert!(scene.tooltip.is_none());
    } else {
        assert_eq!(scene.tooltip.unwrap().lines.join(" "), "Levier trois");
    }
}

#[test]
fn zoom_to_a_node_centres_it_readably_and_animates() {
    let mut m = map();
    let c = m.node_by_id("a2-l2").unwrap();
    assert!(m.zoom_to(c));
    assert!(m.is_animating(), "the camera moves over a few frames");
    settle(&mut m);
    let p = screen_of(&m, "a2-l2");
    assert!(
        (p[0] - 450.0).abs() < 0.01 && (p[1] - 300.0).abs() < 0.01,
        "centred: {p:?}"
    );
    assert!(m.camera().zoom >= 1.2);
    m.set_reduced_motion(true);
    assert!(m.zoom_to(m.node_by_id("a1").unwrap()));
    assert!(!m.is_animating(), "reduced motion: the view jumps");
    assert!(
        !m.zoom_to(m.node_by_id("c1").unwrap()),
        "a folded contribution cannot be shown"
    );
}

/// Unclassified contributions are a named group, « Non classées (N) », under the axis their row
/// named, else under the motion: folded at load like a lever, unfolded to show them, listed,
/// counted, exported and kept in the link state.
#[test]
fn unclassified_contributions_form_a_named_group_under_their_axis_or_the_motion() {
    let mut motion = motion();
    motion
        .contributions
        .push(contribution("c9", "Sans Levier", &[]));
    let mut in_axis = contribution("c10", "Axe Seul", &[]);
    in_axis.axis = Some("a1".into());
    motion.contributions.push(in_axis);
    let mut m = MapState::new(motion, 900.0, 600.0, &mut ApproxMeasure);
    let group = m.node_by_id("non-classees").expect("the motion's group");
    let axis_group = m.node_by_id("a1-non-classees").expect("the axis's group");
    assert_eq!(m.graph().nodes[group as usize].label, "Non classées (1)");
    assert_eq!(m.graph().nodes[group as usize].parent, Some(0));
    assert_eq!(
        m.graph().nodes[axis_group as usize].parent,
        m.node_by_id("a1")
    );
    let (c9, c10) = (m.node_by_id("c9").unwrap(), m.node_by_id("c10").unwrap());
    assert_eq!(m.graph().nodes[c9 as usize].parent, Some(group));
    assert_eq!(m.graph().nodes[c10 as usize].parent, Some(axis_group));
    // Folded at load, drawn on the lever ring, with its count.
    assert!(m.layout().is_visible(group) && !m.layout().is_visible(c9));
    let reach = |m: &MapState, n: u32| {
        let q = m.layout().position(n);
        (q[0] * q[0] + q[1] * q[1]).sqrt()
    };
    let lever = m.node_by_id("a1-l1").unwrap();
    assert!((reach(&m, group) / reach(&m, lever) - 1.0).abs() < 0.5);
    assert_eq!(m.view().counts[group as usize], 1);
    let d = m.detail(group);
    assert_eq!((d.kind, d.unclassified, d.count), ("lever", true, Some(1)));
    // Unfolded like a lever; its contribution is listed, selected and exported.
    assert!(m.toggle(group));
    settle(&mut m);
    assert!(m.layout().is_visible(c9));
    let p = m.layout().position(c9);
    assert!(p[0].is_finite() && p[1].is_finite());
    assert!(m.select(Some(c9)));
    assert!(m.detail(c9).unclassified);
    let list = m
        .lever_list(axis_group, carte_mentale::interaction::panel::SortKey::Map)
        .expect("a group lists its contributions");
    assert_eq!(list.items.len(), 1);
    m.select(Some(axis_group));
    let csv = m.csv_in_scope();
    assert!(csv.contains("Axe Seul") && csv.contains(",c10,"), "{csv}");
    assert!(!csv.contains(",c9,"), "{csv}");
    // The axis's count holds its group; the outline and the link state name the groups.
    let a1 = m.node_by_id("a1").unwrap() as usize;
    assert!(m.view().counts[a1] >= 1);
    assert!(m.outline().iter().any(|o| o.id == "a1-non-classees"));
    let state = m.url_state();
    assert!(state.unfolded.contains(&"non-classees".to_string()));
    let mut again = MapState::new(m.motion().clone(), 900.0, 600.0, &mut ApproxMeasure);
    again.apply_url_state(&state);
    assert!(again.layout().is_visible(again.node_by_id("c9").unwrap()));
}

/// Saved positions (what `build` and the studio write) open the map without a tick, at the very
/// positions the live layout settles to, and later unfolds go on exactly as live; saved by
/// another engine, partial, or unreadable, they are ignored and the layout runs.
#[test]
fn saved_positions_paint_at_once_and_match_the_live_layout() {
    use carte_mentale::model::json::{parse_json, to_json};
    let (w, h) = (900.0, 600.0);
    let mut live = MapState::new(motion(), w, h, &mut ApproxMeasure);
    assert!(live.layout().ticks() > 0);
    let saved = live.saved_layout();
    assert_eq!(saved.engine, carte_mentale::layout::ENGINE);
    let mut with_layout = motion();
    with_layout.layout = Some(saved.clone());
    // Through the JSON file, bit for bit.
    let read = parse_json(&to_json(&with_layout)).value.expect("reads");
    assert_eq!(read.layout.as_ref(), Some(&saved));
    let mut fast = MapState::new(read, w, h, &mut ApproxMeasure);
    assert_eq!(fast.layout().ticks(), 0, "no tick before the first paint");
    assert!(fast.layout().is_settled());
    let bits = |m: &MapState| -> Vec<(u32, u32)> {
        (0..m.graph().len() as u32)
            .map(|i| {
                let p = m.layout().position(i);
                (p[0].to_bits(), p[1].to_bits())
            })
            .collect()
    };
    assert_eq!(bits(&fast), bits(&live));
    assert_eq!(fast.camera(), live.camera());
    for m in [&mut live, &mut fast] {
        click_id(m, "a1-l1", 0.0);
        settle(m);
    }
    assert_eq!(bits(&fast), bits(&live), "an unfold goes on as live");

    // Another engine, a missing node, or a block that does not read: the layout runs.
    let mut other = with_layout.clone();
    other.layout.as_mut().unwrap().engine = "carte-mentale 0".into();
    assert!(
        MapState::new(other, w, h, &mut ApproxMeasure)
            .layout()
            .ticks()
            > 0
    );
    let mut partial = with_layout.clone();
    partial.layout.as_mut().unwrap().positions.pop();
    assert!(
        MapState::new(partial, w, h, &mut ApproxMeasure)
            .layout()
            .ticks()
            > 0
    );
    let json = to_json(&with_layout).replace("\"engine\"", "\"moteur\"");
    let p = parse_json(&json);
    assert!(!p.has_errors(), "{:?}", p.diagnostics);
    assert_eq!(p.value.unwrap().layout, None);

    // A map of another shape paints the saved positions at once, stretched to its rings.
    let tall = MapState::new(with_layout.clone(), 400.0, 700.0, &mut ApproxMeasure);
    assert_eq!(tall.layout().ticks(), 0);
    let axis = tall.node_by_id("a1").unwrap();
    let p = tall.layout().position(axis);
    let q = fast.layout().position(axis);
    assert!(p[0].abs() <= q[0].abs() + 1e-3 && p[1].abs() >= q[1].abs() - 1e-3);
}

/// A map loaded while hidden (no size yet: planned round) and then shown is planned again for
/// its real shape, and settles to the very layout of a map loaded at that size; once the
/// visitor has unfolded a lever, a new shape keeps the layout (only the camera refits).
#[test]
fn a_map_loaded_hidden_is_planned_again_for_its_shape_when_shown() {
    let bits = |m: &MapState| -> Vec<(u32, u32)> {
        (0..m.graph().len() as u32)
            .map(|i| {
                let p = m.layout().position(i);
                (p[0].to_bits(), p[1].to_bits())
            })
            .collect()
    };
    let shown = MapState::new(motion(), 1100.0, 560.0, &mut ApproxMeasure);
    let mut hidden = MapState::new(motion(), 0.0, 0.0, &mut ApproxMeasure);
    assert_ne!(bits(&hidden), bits(&shown), "planned round while hidden");
    hidden.resize(1100.0, 560.0, &mut ApproxMeasure);
    assert!(!hidden.layout().is_settled(), "planned again, settling");
    settle(&mut hidden);
    assert_eq!(bits(&hidden), bits(&shown));
    assert_eq!(hidden.layout().params().aspect, 1100.0 / 560.0);

    // A small change of shape keeps the layout.
    let before = bits(&hidden);
    hidden.resize(1080.0, 560.0, &mut ApproxMeasure);
    assert!(hidden.layout().is_settled());
    assert_eq!(bits(&hidden), before);
    // After an unfold, a new shape keeps it too.
    click_id(&mut hidden, "a1-l1", 0.0);
    settle(&mut hidden);
    let before = bits(&hidden);
    hidden.resize(390.0, 640.0, &mut ApproxMeasure);
    assert!(hidden.layout().is_settled());
    assert_eq!(bits(&hidden), before);
}

/// A lever's contributions seen from afar are one disc with their count; the words of that
/// count come from the page, in its language (French until it gives them).
#[test]
fn a_group_count_is_written_in_the_words_the_page_gives() {
    let motion = carte_mentale::model::synthetic::synthetic_motion(2_000, 1);
    let mut map = MapState::new(motion, 1200.0, 800.0, &mut ApproxMeasure);
    let lever = (0..map.graph().len() as u32)
        .filter(|&i| map.graph().nodes[i as usize].level == 2)
        .max_by_key(|&i| map.graph().children[i as usize].len())
        .unwrap();
    assert!(map.toggle(lever));
    for _ in 0..2_000 {
        if !map.frame(16.0, &mut ApproxMeasure) && !map.is_animating() {
            break;
        }
    }
    // Just below the zoom where contributions become one disc (where its count finds room).
    map.zoom_by(0.6);
    for _ in 0..200 {
        if !map.frame(16.0, &mut ApproxMeasure) && !map.is_animating() {
            break;
        }
    }
    let group_label = |map: &MapState| {
        let scene = map.scene(&mut ApproxMeasure);
        let g = scene
            .groups
            .iter()
            .find(|g| g.node == lever)
            .expect("drawn as a group");
        let label = scene.labels.iter().find(|l| {
            l.node == lever
                && l.lines[0]
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_ascii_digit())
        });
        (g.count, label.map(|l| l.lines.join(" ")))
    };
    let (count, text) = group_label(&map);
    assert!(count > 100, "{count}");
    assert_eq!(text, Some(format!("{count} contributions")));
    map.set_group_text("1 Beitrag", "{n} Beiträge");
    assert_eq!(group_label(&map).1, Some(format!("{count} Beiträge")));
}

/// The page renders a snapshot when the revision moves: it moves with every change its
/// controls show, and only then (a hover, a zoom or a repeated call leave it).
#[test]
fn the_revision_moves_with_what_the_page_shows_and_only_then() {
    let mut m = map();
    let mut me = ApproxMeasure;
    let mut last = m.revision();
    let mut step = |m: &MapState, what: &str, moves: bool| {
        let now = m.revision();
        assert_eq!(now != last, moves, "{what}: {last} then {now}");
        last = now;
    };
    let lever = m.node_by_id("a1-l1").unwrap();
    let c1 = m.node_by_id("c1").unwrap();
    let p = screen_of(&m, "a1-l1");
    m.handle(
        Input::PointerMove {
            id: 9,
            x: p[0],
            y: p[1],
        },
        &mut me,
    );
    assert_eq!(
        m.view().hovered,
        Some(lever),
        "the pointer hovers the lever"
    );
    step(&m, "a hover", false);
    m.zoom_by(1.5);
    m.fit(&mut me);
    step(&m, "zooming", false);
    m.select(Some(lever));
    step(&m, "a selection", true);
    m.select(Some(lever));
    step(&m, "the same selection", false);
    m.toggle(lever);
    step(&m, "an unfold", true);
    m.set_query("Damiani");
    step(&m, "a search", true);
    m.set_query("Damiani");
    step(&m, "the same search", false);
    m.step_hit(true);
    assert_eq!(m.selected(), Some(c1));
    step(&m, "a step to a hit", true);
    m.set_filters(carte_mentale::model::search::Filters {
        years: [2020].into(),
        ..Default::default()
    });
    step(&m, "a filter", true);
    m.handle(Input::Key { key: "Home".into() }, &mut me);
    assert_eq!(m.focused(), Some(0));
    step(&m, "a key that moves the keyboard's node", true);
    m.handle(Input::Key { key: "Home".into() }, &mut me);
    step(&m, "the same key again", false);
    m.toggle(lever);
    assert_eq!(m.selected(), Some(lever), "folding moved the selection up");
    step(&m, "a fold", true);
}

/// The hit index follows the layout's own version: after a fold, an unfold and a new plan for
/// another shape, a click finds what is drawn there.
#[test]
fn hits_follow_the_layout_through_folds_and_a_new_plan() {
    let mut m = map();
    let mut me = ApproxMeasure;
    let lever = m.node_by_id("a1-l1").unwrap();
    let v0 = m.layout().version();
    m.toggle(lever);
    assert_ne!(m.layout().version(), v0, "an unfold is a new version");
    while m.frame(16.0, &mut me) {}
    let c1 = m.node_by_id("c1").unwrap();
    let p = screen_of(&m, "c1");
    assert_eq!(m.hit(p[0], p[1], 0.0), Some(c1));
    m.toggle(lever);
    assert_eq!(m.hit(p[0], p[1], 0.0), None, "folded: nothing left there");
    // A map never unfolded plans its layout again for a new shape (the version goes on).
    let mut m = map();
    let v = m.layout().version();
    m.resize(400.0, 900.0, &mut me);
    assert!(m.layout().version() > v);
    while m.frame(16.0, &mut me) {}
    for id in ["a1", "a1-l2", "a2-l2"] {
        let n = m.node_by_id(id).unwrap();
        let p = screen_of(&m, id);
        assert_eq!(m.hit(p[0], p[1], 0.0), Some(n), "{id} after the new plan");
    }
}

/// The CSV export is written by the converter module from another reading of the document the
/// map loaded, the rows and the lever nodes the map names: the same text as the map's own, for
/// every kind of selection, with and without filters.
#[test]
fn the_csv_written_from_rows_and_lever_nodes_is_the_maps_own() {
    use carte_mentale::model::export::contributions_csv;
    use carte_mentale::model::graph::MindGraph;
    use carte_mentale::model::load;
    use carte_mentale::model::search::Filters;
    let text = include_str!("../assets/motion-2021.json");
    let read = || load(text, "motion-2021.json", None).motion.expect("loads");
    let mut m = MapState::new(read(), 900.0, 600.0, &mut ApproxMeasure);
    let again = read();
    let graph = MindGraph::from_motion(&again);
    let ids = graph.ids(&again);
    let written = |m: &MapState| {
        let levers: Option<Vec<String>> = m
            .lever_nodes_in_scope()
            .map(|nodes| nodes.iter().map(|&n| ids[n as usize].clone()).collect());
        contributions_csv(&again, &m.contributions_in_scope(), levers.as_deref())
    };
    let first = &again.contributions[0];
    let selections = [None, Some("a1"), Some("a3-l1"), Some(first.id.as_str())];
    let all = m.csv_in_scope().lines().count();
    for filtered in [false, true] {
        if filtered {
            let mut filters = Filters::default();
            filters
                .departments
                .insert(first.department.clone().expect("a department"));
            m.set_filters(filters);
            m.select(None);
            assert!(
                m.csv_in_scope().lines().count() < all,
                "the filter keeps fewer"
            );
        }
        for id in selections {
            m.select(id.map(|id| m.node_by_id(id).expect("a node")));
            let own = m.csv_in_scope();
            assert!(own.lines().count() > 1, "{id:?}: rows");
            assert_eq!(written(&m), own, "{id:?}, filtered: {filtered}");
        }
    }
}

/// The SVG poster is drawn by the converter module from another reading of the document, the
/// link state, the positions and the group words of the live map: the same SVG as the live
/// map's, folded or not, settled or moving, filtered, searched, selected, with keyboard focus.
#[test]
fn the_poster_of_a_mirror_is_the_live_maps() {
    use carte_mentale::model::load;
    use carte_mentale::model::search::Filters;
    use carte_mentale::view::scene::GroupText;
    use carte_mentale::view::svg;
    let text = include_str!("../assets/motion-2021.json");
    let read = || load(text, "motion-2021.json", None).motion.expect("loads");
    let m = &mut ApproxMeasure;
    let mut live = MapState::new(read(), 900.0, 600.0, m);
    live.set_group_text("1 contribution", "{n} contributions");
    let group = GroupText {
        one: "1 contribution".into(),
        many: "{n} contributions".into(),
    };
    let check = |live: &MapState, what: &str| {
        let m = &mut ApproxMeasure;
        let own = svg::render(&live.poster_scene(m), &live.motion().title);
        let aspect = live.layout().params().aspect;
        let mirror = MapState::mirror(
            read(),
            &live.url_state(),
            &live.positions(),
            aspect,
            &group,
            m,
        );
        assert_eq!(mirror.layout().ticks(), 0, "{what}: no tick");
        let drawn = svg::render(&mirror.poster_scene(m), &mirror.motion().title);
        assert!(own.contains("<circle"), "{what}: a poster");
        assert_eq!(drawn, own, "{what}");
    };
    check(&live, "at load");
    let lever = live.node_by_id("a3-l1").expect("a lever");
    live.toggle(lever);
    live.frame(16.0, m);
    check(&live, "unfolding, moving");
    for _ in 0..400 {
        live.frame(16.0, m);
    }
    let other = live.node_by_id("a1-l1").expect("a lever");
    live.toggle(other);
    for _ in 0..400 {
        live.frame(16.0, m);
    }
    check(&live, "two levers unfolded, settled");
    live.set_query("numérique");
    check(&live, "searched");
    let department = live.motion().contributions[0].department.clone();
    let mut filters = Filters::default();
    filters
        .departments
        .insert(department.expect("a department"));
    live.set_filters(filters);
    live.select(Some(lever));
    live.set_focus_visible(true);
    check(&live, "filtered, selected, keyboard focus");
    live.toggle(other);
    live.frame(16.0, m);
    check(&live, "folding back");
}
