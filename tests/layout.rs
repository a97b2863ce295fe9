//! The layout engine: determinism to the bit, no NaN, no overlap, structure kept.

use carte_mentale::layout::forces::{self, Bodies};
use carte_mentale::layout::quadtree::QuadTree;
use carte_mentale::layout::{Layout, metrics};
use carte_mentale::model::synthetic::{synthetic_graph, synthetic_motion};
use carte_mentale::model::{Format, MindGraph, parse};

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
/// `tests/web.rs` checks on the same motion.
#[test]
fn the_real_motion_settles_to_pinned_coordinates() {
    let g = real_graph();
    let visible: Vec<bool> = g.nodes.iter().map(|n| n.level <= 2).collect();
    let mut l = Layout::new(&g, &visible);
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
    (3124682941, 3277657562),
    (3274829414, 3284679614),
    (3284680047, 3274829972),
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
    let mut grid = carte_mentale::layout::grid::Grid::default();
    let (mut sx, mut sy, mut small, mut big) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for _ in 0..50 {
        forces::many_body::apply(&mut b, &mut tree, &mut scratch, 0.9, 1.0);
        forces::collide::apply(
            &mut b, &mut grid, 0.9, &mut sx, &mut sy, &mut small, &mut big,
        );
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
    l.hide(&kids);
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
    tree.build(&b.x, &b.y, &b.charge, &b.radius, &b.active);
    for (theta, tolerance) in [(0.5f32, 0.02f32), (0.9, 0.06)] {
        let (mut err, mut norm) = (0.0f64, 0.0f64);
        for i in 0..n as u32 {
            let (ax, ay) = forces::many_body::force_on(&b, &mut tree, i, theta * theta, 1.0);
            let (ex, ey) = forces::many_body::exact_force_on(&b, i, 1.0);
            err += ((ax - ex) as f64).powi(2) + ((ay - ey) as f64).powi(2);
            norm += (ex as f64).powi(2) + (ey as f64).powi(2);
        }
        let rel = (err / norm).sqrt() as f32;
        assert!(rel < tolerance, "theta {theta}: relative RMS error {rel}");
    }
}
