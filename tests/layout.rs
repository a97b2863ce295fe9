//! The layout engine: determinism to the bit, no NaN, no overlap, structure kept, quality
//! targets, Barnes–Hut accuracy, bounded positions, and no allocation per tick. Native only
//! (proptest); `tests/web.rs` checks in the browser that wasm32 computes the same bits.
#![cfg(not(target_arch = "wasm32"))]

use std::alloc::{GlobalAlloc, Layout as AllocLayout, System};
use std::cell::Cell;

use carte_mentale::layout::forces::{self, Bodies};
use carte_mentale::layout::quadtree::QuadTree;
use carte_mentale::layout::{Layout, Params, metrics};
use carte_mentale::model::synthetic::{synthetic_graph, synthetic_motion};
use carte_mentale::model::{Format, MindGraph, parse};
use proptest::prelude::*;

/// Counts allocations per thread (tests run in parallel threads), for
/// `ticks_allocate_nothing_after_the_first`.
struct Counting;

thread_local! {
    static ALLOCATIONS: Cell<u64> = const { Cell::new(0) };
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: AllocLayout) -> *mut u8 {
        ALLOCATIONS.with(|a| a.set(a.get() + 1));
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: AllocLayout) {
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: AllocLayout, new_size: usize) -> *mut u8 {
        ALLOCATIONS.with(|a| a.set(a.get() + 1));
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

fn allocations() -> u64 {
    ALLOCATIONS.with(|a| a.get())
}

fn real_graph() -> MindGraph {
    let motion = parse(include_str!("../assets/motion-2021.md"), Format::Markdown)
        .value
        .unwrap();
    MindGraph::from_motion(&motion)
}

fn positions(l: &Layout) -> Vec<[f32; 2]> {
    (0..l.len() as u32).map(|i| l.position(i)).collect()
}

fn settle(l: &mut Layout) -> usize {
    let mut ticks = 0;
    while !l.is_settled() {
        l.tick(1);
        ticks += 1;
        assert!(ticks < 5_000, "never settles");
    }
    ticks
}

fn quality(g: &MindGraph, l: &Layout) -> metrics::Quality {
    let visible: Vec<bool> = (0..g.len() as u32).map(|i| l.is_visible(i)).collect();
    let radius: Vec<f32> = (0..g.len() as u32).map(|i| l.radius(i)).collect();
    metrics::quality(g, &positions(l), &radius, &l.rest_lengths(), &visible)
}

#[test]
fn same_input_same_positions_bit_for_bit() {
    let g = synthetic_graph(300, 3);
    let visible = vec![true; g.len()];
    let (mut a, mut b) = (Layout::new(&g, &visible), Layout::new(&g, &visible));
    settle(&mut a);
    settle(&mut b);
    let bits = |l: &Layout| {
        positions(l)
            .iter()
            .flat_map(|p| [p[0].to_bits(), p[1].to_bits()])
            .collect::<Vec<_>>()
    };
    assert_eq!(bits(&a), bits(&b));
}

/// Exact coordinates of the real motion's settled map. These are the numbers the browser draws:
/// the wasm build computes the same bits (same operations, `libm` for trigonometry), which
/// `tests/web.rs` checks on the same motion, in an element of 600 × 400 (the plan is stretched
/// to its aspect ratio).
#[test]
fn the_real_motion_settles_to_pinned_coordinates() {
    let g = real_graph();
    let visible: Vec<bool> = g.nodes.iter().map(|n| n.level <= 2).collect();
    let params = Params {
        aspect: 600.0 / 400.0,
        ..Params::default()
    };
    let mut l = Layout::with_params(&g, &visible, params);
    settle(&mut l);
    let p = positions(&l);
    assert_eq!(p[0], [0.0, 0.0], "the motion stays at the origin");
    let pinned: Vec<(u32, u32)> = [1usize, 5, 16]
        .iter()
        .map(|&i| (p[i][0].to_bits(), p[i][1].to_bits()))
        .collect();
    let expected: Vec<(u32, u32)> = EXPECTED.to_vec();
    assert_eq!(
        pinned,
        expected,
        "as floats: {:?}",
        [1usize, 5, 16].map(|i| p[i])
    );
}

/// Nodes 1 (first axis), 5 (first lever) and 16 (last lever); `tests/web.rs` pins the same bits.
pub const EXPECTED: [(u32, u32); 3] = [
    (3174564226, 3280458624),
    (3280239178, 3288082805),
    (3290411836, 3280164607),
];

#[test]
fn no_nan_even_when_every_node_starts_at_the_same_point() {
    let n = 200;
    let mut b = Bodies::default();
    b.resize(n);
    for i in 0..n {
        b.charge[i] = -30.0;
        b.radius[i] = 7.0;
    }
    b.active = (0..n as u32).collect();
    let mut tree = QuadTree::default();
    let mut scratch = forces::many_body::Scratch::default();
    let mut grid = forces::collide::CollisionGrid::default();
    for _ in 0..50 {
        forces::many_body::apply(&mut b, &mut tree, &mut scratch, 0.5, 1.0);
        forces::collide::apply(&mut b, &mut grid, 0.9);
        for i in 0..n {
            b.x[i] += b.vx[i];
            b.y[i] += b.vy[i];
            b.vx[i] *= 0.6;
            b.vy[i] *= 0.6;
        }
    }
    assert!(b.x.iter().chain(&b.y).all(|v| v.is_finite()));
    let spread = b.x.iter().fold(0.0f32, |m, v| m.max(v.abs()));
    assert!(spread > 1.0, "coincident nodes were pushed apart");
}

#[test]
fn settled_layouts_have_no_overlap_and_keep_the_structure() {
    for n in [0usize, 1, 40, 500] {
        let g = synthetic_graph(n, 11);
        let visible = vec![true; g.len()];
        let mut l = Layout::new(&g, &visible);
        settle(&mut l);
        let q = quality(&g, &l);
        assert!(
            positions(&l)
                .iter()
                .all(|p| p[0].is_finite() && p[1].is_finite())
        );
        assert_eq!(q.overlapping_pairs, 0, "N={n}: {q:?}");
        assert_eq!(q.levers_nearest_own_axis, 1.0, "N={n}: {q:?}");
        assert!(q.contributions_nearest_own_lever >= 0.9, "N={n}: {q:?}");
        assert!(q.axis_gap_error <= 0.2, "N={n}: {q:?}");
    }
}

#[test]
fn the_real_motion_unfolded_has_no_overlap() {
    let g = real_graph();
    let mut l = Layout::new(&g, &vec![true; g.len()]);
    settle(&mut l);
    let q = quality(&g, &l);
    assert_eq!(
        (
            q.overlapping_pairs,
            q.levers_nearest_own_axis,
            q.contributions_nearest_own_lever
        ),
        (0, 1.0, 1.0),
        "{q:?}"
    );
}

#[test]
fn showing_and_hiding_keep_settled_nodes_still() {
    let g = MindGraph::from_motion(&synthetic_motion(120, 5));
    let visible: Vec<bool> = g.nodes.iter().map(|n| n.level <= 2).collect();
    let mut l = Layout::new(&g, &visible);
    settle(&mut l);
    let before = positions(&l);
    let lever = 5u32;
    let kids: Vec<u32> = g.children[lever as usize].clone();
    assert!(!kids.is_empty());
    l.show(&kids);
    assert!(!l.is_settled());
    settle(&mut l);
    let after = positions(&l);
    for i in 0..17 {
        assert_eq!(
            before[i], after[i],
            "node {i} moved during the warm restart"
        );
    }
    let lp = after[lever as usize];
    for &k in &kids {
        let p = after[k as usize];
        assert!(l.is_visible(k));
        let d = (p[0] - lp[0]).hypot(p[1] - lp[1]);
        assert!(d < 400.0, "contribution {k} came out near its lever ({d})");
    }
    assert_eq!(quality(&g, &l).overlapping_pairs, 0);
    let settled = l.version();
    l.tick(10);
    assert_eq!(l.version(), settled, "a settled layout does not move");
    l.hide(&kids);
    assert_ne!(l.version(), settled, "hiding is a new version");
    assert_eq!(positions(&l)[..17], after[..17]);
    assert!(kids.iter().all(|&k| !l.is_visible(k)));
}

#[test]
fn barnes_hut_is_close_to_the_exact_sum() {
    let g = synthetic_graph(400, 2);
    let mut l = Layout::new(&g, &vec![true; g.len()]);
    l.tick(30);
    let n = g.len();
    let mut b = Bodies::default();
    b.resize(n);
    for i in 0..n {
        let p = l.position(i as u32);
        b.x[i] = p[0];
        b.y[i] = p[1];
        b.charge[i] = carte_mentale::layout::charge_for_level(g.nodes[i].level);
        b.radius[i] = l.radius(i as u32);
    }
    b.active = (0..n as u32).collect();
    let mut tree = QuadTree::default();
    tree.build(&b.x, &b.y, &b.charge, &b.active);
    for (theta, tolerance) in [(0.5f32, 0.02f32), (0.9, 0.06)] {
        let (mut err, mut norm) = (0.0f64, 0.0f64);
        for i in 0..n as u32 {
            let (ax, ay) = forces::many_body::force_on(&b, &tree, i, theta * theta, 1.0);
            let (ex, ey) = forces::many_body::exact_force_on(&b, i, 1.0);
            err += ((ax - ex) as f64).powi(2) + ((ay - ey) as f64).powi(2);
            norm += (ex as f64).powi(2) + (ey as f64).powi(2);
        }
        let rel = (err / norm).sqrt() as f32;
        assert!(rel < tolerance, "theta {theta}: relative RMS error {rel}");
    }
}

/// The targets of the layout's quality on synthetic motions (uneven levers, two-lever
/// contributions, cross links): no overlap, every lever nearest its own axis, tree links within
/// 30% of their rest length on average, contributions nearest one of their own levers
/// (target 95%, the placement aims at all of them), axes evenly spread, few crossings.
#[test]
fn synthetic_motions_meet_the_quality_targets() {
    for n in [500usize, 2_000] {
        let g = synthetic_graph(n, 1);
        let mut l = Layout::new(&g, &vec![true; g.len()]);
        settle(&mut l);
        let q = quality(&g, &l);
        assert_eq!(q.overlapping_pairs, 0, "N={n}: {q:?}");
        assert_eq!(q.levers_nearest_own_axis, 1.0, "N={n}: {q:?}");
        assert!(q.link_length_error <= 0.3, "N={n}: {q:?}");
        assert!(q.contributions_nearest_own_lever >= 0.99, "N={n}: {q:?}");
        assert!(q.axis_gap_error <= 0.2, "N={n}: {q:?}");
        // Two-lever contributions on strands towards their other lever (0.23 and 0.55 today;
        // 0.30 and 0.77 when they sat in rows inside the ring).
        let most = if n == 500 { 0.26 } else { 0.62 };
        assert!(q.crossings_per_link <= most, "N={n}: {q:?}");
    }
}

/// Unfolding a second lever and folding it again leaves every node that was visible before —
/// contributions included — exactly where it was, to the bit.
#[test]
fn unfolding_and_folding_keep_visible_nodes_to_the_bit() {
    let g = synthetic_graph(400, 4);
    let first: Vec<u32> = g.children[5].clone();
    let second: Vec<u32> = g.children[9].clone();
    let mut visible: Vec<bool> = g.nodes.iter().map(|n| n.level <= 2).collect();
    for &c in &first {
        visible[c as usize] = true;
    }
    let mut l = Layout::new(&g, &visible);
    settle(&mut l);
    let bits = |l: &Layout| -> Vec<(u32, u32)> {
        positions(l)
            .iter()
            .map(|p| (p[0].to_bits(), p[1].to_bits()))
            .collect()
    };
    let before = bits(&l);
    let shown: Vec<u32> = second
        .iter()
        .copied()
        .filter(|&c| !l.is_visible(c))
        .collect();
    assert!(!shown.is_empty());
    l.show(&shown);
    settle(&mut l);
    let after = bits(&l);
    for i in 0..g.len() {
        if visible[i] {
            assert_eq!(before[i], after[i], "node {i} moved when lever 9 unfolded");
        }
    }
    assert_eq!(quality(&g, &l).overlapping_pairs, 0);
    l.hide(&shown);
    assert_eq!(bits(&l), after, "folding moves nothing");
    assert!(shown.iter().all(|&c| !l.is_visible(c)));
}

/// No node runs away: at every tick of a run, all positions are finite and within a margin
/// of the planned map.
#[test]
fn positions_stay_finite_and_bounded() {
    let g = synthetic_graph(1_000, 8);
    let mut l = Layout::new(&g, &vec![true; g.len()]);
    let reach = |l: &Layout| {
        positions(l)
            .iter()
            .map(|p| p[0].hypot(p[1]))
            .fold(0.0f32, f32::max)
    };
    let bound = reach(&l) * 1.25 + 100.0;
    let mut ticks = 0;
    while !l.is_settled() {
        l.tick(1);
        ticks += 1;
        assert!(ticks < 5_000);
        let p = positions(&l);
        assert!(p.iter().all(|p| p[0].is_finite() && p[1].is_finite()));
        let r = reach(&l);
        assert!(
            r <= bound,
            "tick {ticks}: a node is {r} from the motion (bound {bound})"
        );
    }
}

/// After the first tick (which sizes the reused buffers), ticking allocates nothing, up to and
/// including the tick that settles the layout.
#[test]
fn ticks_allocate_nothing_after_the_first() {
    let g = synthetic_graph(2_000, 6);
    let mut l = Layout::new(&g, &vec![true; g.len()]);
    l.tick(1);
    let before = allocations();
    let ticks = settle(&mut l);
    assert!(ticks > 50, "a real run: {ticks} ticks");
    assert_eq!(
        allocations() - before,
        0,
        "allocations during {ticks} ticks"
    );
}

proptest! {
    /// The engine's grouped Barnes–Hut stays close to the exact O(n²) sum on random clustered
    /// point sets (coincident points included) with the map's charges, as relative RMS error
    /// over all points: below 3% at θ = 0.5 and below 20% at θ = 0.9, d3's default (worst seen
    /// in 6 000 cases: 0.9% and 9.6%, then one clustered case at 15.4%, kept in
    /// `layout.proptest-regressions`; at θ = 0.9 the per-point evaluation d3 uses errs as
    /// much, e.g. for a node a few units from a heavy one).
    #[test]
    fn grouped_barnes_hut_is_close_to_the_exact_sum(
        clusters in prop::collection::vec((-3000.0f32..3000.0, -3000.0f32..3000.0, 1.0f32..900.0), 1..6),
        points in prop::collection::vec((0.0f32..1.0, 0.0f32..1.0, 0usize..4, 0usize..6), 2..500),
    ) {
        let n = points.len();
        let mut b = Bodies::default();
        b.resize(n);
        for (i, &(u, v, level, c)) in points.iter().enumerate() {
            let (cx, cy, spread) = clusters[c % clusters.len()];
            b.x[i] = cx + (u - 0.5) * spread;
            b.y[i] = cy + (v - 0.5) * spread;
            b.charge[i] = carte_mentale::layout::charge_for_level(level as u8);
            b.radius[i] = carte_mentale::layout::radius_for_level(level as u8);
        }
        b.active = (0..n as u32).collect();
        let exact: Vec<(f32, f32)> =
            (0..n as u32).map(|i| forces::many_body::exact_force_on(&b, i, 1.0)).collect();
        let norm: f64 = exact.iter().map(|&(x, y)| (x as f64).powi(2) + (y as f64).powi(2)).sum();
        for (theta, tolerance) in [(0.5f32, 0.03f64), (0.9, 0.20)] {
            let mut a = b.clone();
            let mut tree = QuadTree::default();
            let mut scratch = forces::many_body::Scratch::default();
            forces::many_body::apply(&mut a, &mut tree, &mut scratch, theta, 1.0);
            let mut err = 0.0f64;
            for (i, &(ex, ey)) in exact.iter().enumerate() {
                prop_assert!(a.vx[i].is_finite() && a.vy[i].is_finite());
                err += ((a.vx[i] - ex) as f64).powi(2) + ((a.vy[i] - ey) as f64).powi(2);
            }
            if norm > 0.0 {
                let rel = (err / norm).sqrt();
                prop_assert!(rel < tolerance, "theta {}: relative RMS error {}", theta, rel);
            }
        }
    }
}
