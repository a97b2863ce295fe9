//! Many-body repulsion with the Barnes–Hut approximation, O(n log n).
//!
//! A cell of size `s` at squared distance `l` from a node is taken as one body at its
//! (strength-weighted) centroid when `s² / θ² < l`. `theta` is the accuracy: 0 is exact, d3's
//! default 0.9 keeps the force within a few percent (see `tests/layout.rs`). Squared distances
//! below `DISTANCE_MIN2` count as `DISTANCE_MIN2` (d3 softens them too), so a node exerts no
//! force on itself or on a coincident node and no NaN or infinite force can arise; collision
//! separates coincident nodes with a tiny deterministic jiggle.

use crate::Bodies;
use crate::quadtree::QuadTree;
use crate::rng::jiggle;

pub const DISTANCE_MIN2: f32 = 1.0;

/// Most points in a group: the points that share one traversal.
pub const GROUP_SIZE: u32 = 16;
/// Most points in a leaf of the tree. Leaves smaller than groups keep the near field (summed
/// point by point) to a thin shell around each group: a quarter fewer terms at 20 000 nodes
/// than with leaves as large as groups.
pub const LEAF_SIZE: u32 = 4;

/// Reused buffers of the grouped evaluation: what one group interacts with — the far cells
/// (centroid and strength), then every point of the near leaves.
#[derive(Clone, Debug)]
pub struct Scratch {
    fx: Vec<f32>,
    fy: Vec<f32>,
    fs: Vec<f32>,
}

impl Default for Scratch {
    fn default() -> Self {
        Scratch::EMPTY
    }
}

impl Scratch {
    /// Empty buffers, in a constant (what `Default` gives).
    pub const EMPTY: Scratch = Scratch {
        fx: Vec::new(),
        fy: Vec::new(),
        fs: Vec::new(),
    };
}

/// `max(l, DISTANCE_MIN2)` as one comparison: the same value as `f32::max` for every `l`
/// (a NaN gives `DISTANCE_MIN2` too), without the NaN handling `f32::max` compiles to, which
/// costs several instructions in the innermost loop, in wasm as natively.
#[inline(always)]
fn soften(l: f32) -> f32 {
    if l > DISTANCE_MIN2 { l } else { DISTANCE_MIN2 }
}

/// `f32::max` and `f32::min` for numbers that are never NaN (positions), as one comparison
/// each (in wasm, `f32::max` is a call to `fmaxf`).
#[inline(always)]
fn greater(a: f32, b: f32) -> f32 {
    if a > b { a } else { b }
}

#[inline(always)]
fn lesser(a: f32, b: f32) -> f32 {
    if a < b { a } else { b }
}

/// Sum over `(x, y, s)` of `(dx, dy) · s / max(dx² + dy², DISTANCE_MIN2)` as seen from `(xi, yi)`.
/// Four independent lanes combined in a fixed order: the same bits on every platform, and
/// loops the compiler can vectorise.
#[inline]
fn accumulate(xs: &[f32], ys: &[f32], ss: &[f32], xi: f32, yi: f32) -> (f32, f32) {
    let mut ax = [0.0f32; 4];
    let mut ay = [0.0f32; 4];
    let n = xs.len().min(ys.len()).min(ss.len());
    let (xs, ys, ss) = (&xs[..n], &ys[..n], &ss[..n]);
    let chunks = n / 4;
    for c in 0..chunks {
        for k in 0..4 {
            let j = c * 4 + k;
            let (dx, dy) = (xs[j] - xi, ys[j] - yi);
            let l = soften(dx * dx + dy * dy);
            let w = ss[j] / l;
            ax[k] += dx * w;
            ay[k] += dy * w;
        }
    }
    for j in chunks * 4..n {
        let (dx, dy) = (xs[j] - xi, ys[j] - yi);
        let l = soften(dx * dx + dy * dy);
        let w = ss[j] / l;
        ax[0] += dx * w;
        ay[0] += dy * w;
    }
    (
        (ax[0] + ax[1]) + (ax[2] + ax[3]),
        (ay[0] + ay[1]) + (ay[2] + ay[3]),
    )
}

/// Adds the many-body force to the velocities of active, non-fixed nodes.
///
/// Nodes are evaluated by group: a group is the largest cell with at most [`GROUP_SIZE`]
/// points (or a leaf), and its points share a single traversal, which opens a cell unless it
/// is far from the *whole* group box by the usual criterion (so each point is treated at least
/// as accurately as on its own), and never approximates a cell that contains the group. The
/// far cells and the points of the near leaves (of up to [`LEAF_SIZE`] points) go in one flat
/// list that every point of the group then sums in a tight, branch-free loop.
/// Squared distances below [`DISTANCE_MIN2`] count as `DISTANCE_MIN2`, so a node exerts no
/// force on itself or on a coincident node (collision separates those).
pub fn apply(b: &mut Bodies, tree: &mut QuadTree, scratch: &mut Scratch, theta: f32, alpha: f32) {
    tree.leaf_size = LEAF_SIZE;
    tree.build(&b.x, &b.y, &b.charge, &b.active);
    let theta2 = theta * theta;
    let QuadTree {
        cells,
        order,
        x: px,
        y: py,
        strength: ps,
        ..
    } = tree;
    let Scratch { fx, fy, fs } = scratch;
    // A group's list never exceeds all cells plus all points: sized once, never grown.
    for v in [&mut *fx, &mut *fy, &mut *fs] {
        v.clear();
        v.reserve(cells.capacity() + order.capacity());
    }
    let mut g = 0;
    while let Some(&group) = cells.get(g) {
        if !group.leaf && group.end - group.start > GROUP_SIZE {
            g += 1;
            continue;
        }
        let gid = g;
        g = group.next as usize;
        let (gs, ge) = (group.start as usize, group.end as usize);
        if order[gs..ge].iter().all(|&i| b.fixed[i as usize]) {
            continue;
        }
        let (mut bx0, mut by0, mut bx1, mut by1) = (
            f32::INFINITY,
            f32::INFINITY,
            f32::NEG_INFINITY,
            f32::NEG_INFINITY,
        );
        for k in gs..ge {
            bx0 = lesser(bx0, px[k]);
            by0 = lesser(by0, py[k]);
            bx1 = greater(bx1, px[k]);
            by1 = greater(by1, py[k]);
        }
        fx.clear();
        fy.clear();
        fs.clear();
        let mut c = 0;
        while let Some(cell) = cells.get(c) {
            if cell.strength == 0.0 {
                c = cell.next as usize;
                continue;
            }
            let contains = cell.x0 <= bx0
                && cell.y0 <= by0
                && cell.x0 + cell.size >= bx1
                && cell.y0 + cell.size >= by1;
            if !contains && c != gid {
                let dx = greater(greater(bx0 - cell.cx, cell.cx - bx1), 0.0);
                let dy = greater(greater(by0 - cell.cy, cell.cy - by1), 0.0);
                if cell.size * cell.size / theta2 < dx * dx + dy * dy {
                    fx.push(cell.cx);
                    fy.push(cell.cy);
                    fs.push(cell.strength);
                    c = cell.next as usize;
                    continue;
                }
            }
            if cell.leaf {
                let (s, e) = (cell.start as usize, cell.end as usize);
                fx.extend_from_slice(&px[s..e]);
                fy.extend_from_slice(&py[s..e]);
                fs.extend_from_slice(&ps[s..e]);
                c = cell.next as usize;
            } else {
                c += 1;
            }
        }
        for k in gs..ge {
            let i = order[k] as usize;
            if b.fixed[i] {
                continue;
            }
            let (sx, sy) = accumulate(fx, fy, fs, px[k], py[k]);
            b.vx[i] += sx * alpha;
            b.vy[i] += sy * alpha;
        }
    }
}

/// The force on node `i` by d3's per-node Barnes–Hut (already multiplied by `alpha`), for
/// tests. The tree must be built over the active nodes.
pub fn force_on(b: &Bodies, tree: &QuadTree, i: u32, theta2: f32, alpha: f32) -> (f32, f32) {
    let (xi, yi) = (b.x[i as usize], b.y[i as usize]);
    let (mut fx, mut fy) = (0.0f32, 0.0f32);
    let cells = &tree.cells;
    let mut c = 0;
    while let Some(cell) = cells.get(c) {
        if cell.strength == 0.0 {
            c = cell.next as usize;
            continue;
        }
        if !cell.leaf {
            let (dx, dy) = (cell.cx - xi, cell.cy - yi);
            let l = dx * dx + dy * dy;
            let contains = cell.x0 <= xi
                && cell.y0 <= yi
                && xi <= cell.x0 + cell.size
                && yi <= cell.y0 + cell.size;
            if !contains && cell.size * cell.size / theta2 < l {
                let k = cell.strength * alpha / l.max(DISTANCE_MIN2);
                fx += dx * k;
                fy += dy * k;
                c = cell.next as usize;
            } else {
                c += 1;
            }
            continue;
        }
        for &j in tree.points(cell) {
            if j == i {
                continue;
            }
            let (mut dx, mut dy) = (b.x[j as usize] - xi, b.y[j as usize] - yi);
            if dx == 0.0 {
                dx = jiggle(i.wrapping_mul(31).wrapping_add(j));
            }
            if dy == 0.0 {
                dy = jiggle(j.wrapping_mul(31).wrapping_add(i));
            }
            let l = (dx * dx + dy * dy).max(DISTANCE_MIN2);
            let k = b.charge[j as usize] * alpha / l;
            fx += dx * k;
            fy += dy * k;
        }
        c = cell.next as usize;
    }
    (fx, fy)
}

/// The exact O(n²) force on node `i`, for tests of the approximation.
pub fn exact_force_on(b: &Bodies, i: u32, alpha: f32) -> (f32, f32) {
    let (xi, yi) = (b.x[i as usize], b.y[i as usize]);
    let (mut fx, mut fy) = (0.0f32, 0.0f32);
    for &j in &b.active {
        if j == i {
            continue;
        }
        let (dx, dy) = (b.x[j as usize] - xi, b.y[j as usize] - yi);
        let l = (dx * dx + dy * dy).max(DISTANCE_MIN2);
        let k = b.charge[j as usize] * alpha / l;
        fx += dx * k;
        fy += dy * k;
    }
    (fx, fy)
}
