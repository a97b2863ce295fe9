//! Finding and moving around the real 2021 motion without a browser: search hits and the
//! halos they leave, filters and the counts they change, the keyboard walk, and the view a
//! link carries (written, read back, and restored on a fresh map).

use carte_mentale::interaction::url::{UrlState, read_fragment, write_fragment};
use carte_mentale::interaction::{Input, MapState};
use carte_mentale::model::search::Filters;
use carte_mentale::model::{Format, parse};
use carte_mentale::view::text::ApproxMeasure;

fn map() -> MapState {
    let motion = parse(include_str!("../assets/motion-2021.md"), Format::Markdown)
        .value
        .expect("the 2021 motion parses");
    MapState::new(motion, 1200.0, 800.0, &mut ApproxMeasure)
}

fn ids(m: &MapState, nodes: &[u32]) -> Vec<String> {
    nodes.iter().map(|&n| m.id(n).to_string()).collect()
}

fn key(m: &mut MapState, k: &str) -> carte_mentale::interaction::Response {
    m.handle(Input::Key { key: k.into() }, &mut ApproxMeasure)
}

fn focused(m: &MapState) -> String {
    m.id(m.view().focused.expect("a focused node")).to_string()
}

fn settle(m: &mut MapState) {
    let mut frames = 0;
    while m.frame(16.0, &mut ApproxMeasure) {
        frames += 1;
        assert!(frames < 5_000, "the frame loop never stops");
    }
}

#[test]
fn searching_ignores_accents_and_case_and_halos_what_it_finds() {
    let mut m = map();
    assert_eq!(m.set_query("DAMIANI"), 2);
    assert_eq!(ids(&m, m.hits()), ["c1", "c3"]);
    // Both are folded away: the halo is on the levers that hold them.
    let halo: Vec<String> = (0..m.graph().len() as u32)
        .filter(|&n| m.view().is_matched(n))
        .map(|n| m.id(n).to_string())
        .collect();
    let levers_of = |m: &MapState, c: &str| -> Vec<String> {
        let n = m.node_by_id(c).unwrap();
        m.graph()
            .levers_of(n)
            .map(|l| m.id(l).to_string())
            .collect()
    };
    let mut expected = levers_of(&m, "c1");
    expected.extend(levers_of(&m, "c3"));
    expected.sort();
    expected.dedup();
    assert_eq!(halo, expected);

    // Going to the first hit unfolds its lever, selects it, and moves the halo onto it.
    let step = m.step_hit(true).unwrap();
    assert_eq!((m.id(step.node), step.index, step.count), ("c1", 0, 2));
    assert!(m.layout().is_visible(step.node));
    assert_eq!(m.view().selected, Some(step.node));
    assert!(m.view().is_matched(step.node));
    settle(&mut m);
    let p = m.camera().world_to_screen(m.layout().position(step.node));
    assert!(
        (0.0..1200.0).contains(&p[0]) && (0.0..800.0).contains(&p[1]),
        "the view follows: {p:?}"
    );
    // Enter again: the next one, then round to the first; backwards from the first: the last.
    let mut step_id = |forward: bool| {
        let n = m.step_hit(forward).unwrap().node;
        m.id(n).to_string()
    };
    assert_eq!(step_id(true), "c3");
    assert_eq!(step_id(true), "c1");
    assert_eq!(step_id(false), "c3");

    assert_eq!(m.set_query("numerique"), m.hits().len());
    assert!(
        ids(&m, m.hits()).contains(&"a1".to_string()),
        "« numérique »"
    );
    assert_eq!(m.current_hit(), None, "a new search starts over");
    assert_eq!(m.set_query("  "), 0);
    assert!(m.view().matched.is_empty() && m.step_hit(true).is_none());
}

#[test]
fn filters_fade_what_they_drop_and_the_counts_follow() {
    let mut m = map();
    let lever = |m: &MapState, c: &str| m.graph().levers_of(m.node_by_id(c).unwrap()).next();
    let l1 = lever(&m, "c1").unwrap();
    let before = m.view().shown_count(l1);
    let mut f = Filters::default();
    f.departments.insert("72".into());
    let (kept, total) = m.set_filters(f.clone());
    assert_eq!((kept, total), (1, 5));
    let kept_ids: Vec<String> = ["c1", "c2", "c3", "c4", "c5"]
        .iter()
        .filter(|c| m.is_kept(m.node_by_id(c).unwrap()))
        .map(|c| c.to_string())
        .collect();
    assert_eq!(kept_ids.len(), 1);
    let survivor = m.node_by_id(&kept_ids[0]).unwrap();
    for c in ["c1", "c2", "c3", "c4", "c5"] {
        let n = m.node_by_id(c).unwrap();
        assert_eq!(m.view().is_dimmed(n), n != survivor, "{c}");
    }
    assert_eq!(m.view().shown_count(0), 1, "the motion counts what passes");
    // A lever with nothing left is faded, its count 0.
    let holder: Vec<u32> = m.graph().levers_of(survivor).collect();
    if !holder.contains(&l1) {
        assert_eq!(m.view().shown_count(l1), 0);
        assert!(m.view().is_dimmed(l1));
    }
    assert!(before >= m.view().shown_count(l1));
    // Search only finds what passes the filters.
    m.set_query("damiani");
    assert!(m.hits().iter().all(|&h| m.is_kept(h)));
    // One call clears everything.
    assert_eq!(m.set_filters(Filters::default()), (5, 5));
    assert!(m.view().dimmed.is_empty() && m.view().kept.is_empty());
    assert_eq!(m.view().shown_count(l1), before);
}

#[test]
fn facets_list_every_value_with_its_count() {
    let m = map();
    let f = m.facets();
    assert_eq!(f.axes.len(), 4);
    assert_eq!(
        f.axes.iter().map(|a| a.count).sum::<u32>(),
        5,
        "{:?}",
        f.axes
    );
    let deps: Vec<(&str, u32)> = f
        .departments
        .iter()
        .map(|d| (d.value.as_str(), d.count))
        .collect();
    assert_eq!(deps.iter().map(|d| d.1).sum::<u32>(), 5);
    assert!(deps.contains(&("94", 2)), "{deps:?}");
    assert_eq!(f.years.len(), 1);
    assert_eq!(f.years[0].value, "2021");
    assert!(
        f.labels
            .iter()
            .all(|l| l.label == "@".repeat(l.value.parse().unwrap()))
    );
}

#[test]
fn the_keyboard_walks_from_the_motion_to_a_contribution_and_back() {
    let mut m = map();
    assert!(m.set_focus_visible(true));
    assert_eq!(m.view().focused, Some(0), "the motion first");
    let r = key(&mut m, "ArrowRight");
    assert!(r.consumed && r.focus_changed);
    assert_eq!(focused(&m), "a1");
    key(&mut m, "ArrowDown");
    assert_eq!(focused(&m), "a2");
    key(&mut m, "ArrowUp");
    key(&mut m, "ArrowUp");
    assert_eq!(focused(&m), "a4", "siblings go round the circle");
    key(&mut m, "ArrowDown");
    assert_eq!(focused(&m), "a1");
    key(&mut m, "ArrowRight");
    assert_eq!(focused(&m), "a1-l1");
    // → on a folded lever unfolds it; → again enters it.
    let r = key(&mut m, "ArrowRight");
    assert!(r.unfold_changed && m.view().unfolded[m.node_by_id("a1-l1").unwrap() as usize]);
    assert_eq!(focused(&m), "a1-l1");
    key(&mut m, "ArrowRight");
    let first = focused(&m);
    assert_eq!(m.graph().nodes[m.view().focused.unwrap() as usize].level, 3);
    // Enter opens the panel of the focused contribution.
    let r = key(&mut m, "Enter");
    assert!(r.selection_changed);
    assert_eq!(m.id(m.view().selected.unwrap()), first);
    // ← goes back up, ← again folds the lever, then up to the axis and Home to the motion.
    key(&mut m, "ArrowLeft");
    assert_eq!(focused(&m), "a1-l1");
    let r = key(&mut m, "ArrowLeft");
    assert!(r.unfold_changed && !m.view().unfolded[m.node_by_id("a1-l1").unwrap() as usize]);
    assert_eq!(
        m.id(m.view().selected.unwrap()),
        "a1-l1",
        "a hidden selection moves up to its lever"
    );
    key(&mut m, "ArrowLeft");
    assert_eq!(focused(&m), "a1");
    key(&mut m, "Home");
    assert_eq!(m.view().focused, Some(0));
    // Enter on a lever unfolds it and opens its panel.
    key(&mut m, "ArrowRight");
    key(&mut m, "ArrowRight");
    let r = key(&mut m, "Enter");
    assert!(r.unfold_changed && r.selection_changed);
    assert_eq!(m.id(m.view().selected.unwrap()), "a1-l1");
    // Other keys are left to the page.
    assert!(!key(&mut m, "a").consumed);
    // The focus ring is drawn only while the map has the keyboard.
    let scene = m.scene(&mut ApproxMeasure);
    assert_eq!(scene.nodes.iter().filter(|n| n.focus).count(), 1);
    m.set_focus_visible(false);
    let scene = m.scene(&mut ApproxMeasure);
    assert!(scene.nodes.iter().all(|n| !n.focus));
}

#[test]
fn the_keyboard_keeps_its_node_in_view() {
    let mut m = map();
    m.set_focus_visible(true);
    m.zoom_by(6.0);
    settle(&mut m);
    for k in ["ArrowRight", "ArrowDown", "ArrowDown", "ArrowRight"] {
        key(&mut m, k);
        settle(&mut m);
        let n = m.view().focused.unwrap();
        let p = m.camera().world_to_screen(m.layout().position(n));
        assert!(
            p[0] > 0.0 && p[1] > 0.0 && p[0] < 1200.0 && p[1] < 800.0,
            "{} at {p:?}",
            m.id(n)
        );
    }
}

#[test]
fn a_link_restores_the_same_view_on_a_fresh_map() {
    let mut m = map();
    let c4 = m.node_by_id("c4").unwrap();
    m.set_query("cybersecurite");
    let mut f = Filters::default();
    f.years.insert(2021);
    m.set_filters(f);
    assert_eq!(ids(&m, m.hits()), ["a3", "c4"]);
    m.step_hit(true);
    let step = m.step_hit(true).unwrap();
    assert_eq!((step.node, step.index, step.count), (c4, 1, 2));
    let state = m.url_state();
    assert_eq!(state.selected.as_deref(), Some("c4"));
    assert!(!state.unfolded.is_empty());
    let fragment = write_fragment("#haut-de-page", "motion-2021", &state);
    assert!(fragment.starts_with("haut-de-page&cm.motion-2021="));

    let mut fresh = map();
    let read = read_fragment(&fragment, "motion-2021").unwrap();
    assert_eq!(read, state);
    fresh.apply_url_state(&read);
    assert_eq!(fresh.url_state(), state, "the same view, read back");
    assert_eq!(fresh.view().selected, Some(c4));
    assert!(fresh.layout().is_visible(c4));
    assert_eq!(fresh.query(), "cybersecurite");
    assert_eq!(ids(&fresh, fresh.hits()), ids(&m, m.hits()));
    settle(&mut fresh);
    let p = fresh.camera().world_to_screen(fresh.layout().position(c4));
    assert!((0.0..1200.0).contains(&p[0]) && (0.0..800.0).contains(&p[1]));

    // Back to the default view: everything folds again and nothing is selected.
    fresh.apply_url_state(&UrlState::default());
    assert!(fresh.url_state().is_empty());
    assert!(fresh.view().unfolded.iter().all(|u| !u));
    // Unknown ids in a hand-edited link are ignored.
    let odd = UrlState {
        selected: Some("nulle-part".into()),
        unfolded: vec!["a9-l9".into(), "c1".into()],
        ..UrlState::default()
    };
    fresh.apply_url_state(&odd);
    assert!(fresh.url_state().is_empty());
}

#[test]
fn the_outline_mirrors_the_map() {
    let m = map();
    let o = m.outline();
    assert_eq!(o.len(), m.graph().len());
    assert_eq!((o[0].kind, o[0].level), ("motion", 0));
    assert_eq!(o[0].children.len(), 4);
    let levers: Vec<_> = o.iter().filter(|i| i.kind == "lever").collect();
    assert_eq!(levers.len(), 12);
    // Every contribution is under each of its levers; Liot's (c4) is under two.
    let under = |c: &str| {
        let k = o.iter().position(|i| i.id == c).unwrap() as u32;
        o.iter().filter(|i| i.children.contains(&k)).count()
    };
    assert_eq!(under("c4"), 2);
    assert_eq!(under("c1"), 1);
    let c1 = o.iter().find(|i| i.id == "c1").unwrap();
    assert!(c1.place.ends_with("(94)"), "{}", c1.place);
}
