//! Collision by radius (d3's `forceCollide`): overlapping pairs are pushed apart along the line
//! between them, the smaller node moving more. Uses positions predicted with the velocities of
//! this tick, and is independent of alpha, like d3's.
//!
//! Instead of a quadtree, pairs are found on a uniform grid whose cells are as wide as the
//! largest contact distance between two *small* nodes (nearly all nodes are contributions of
//! one radius). Small nodes are counting-sorted into the cells — O(n), contiguous in memory —
//! and each cell is compared with itself and four neighbours, so every pair is seen once. The
//! few large nodes (motion, axes, levers) are checked against the cells they can reach and
//! against each other. Pushes are accumulated and applied at the end (Jacobi): within a pass,
//! no pair sees another pair's push, whatever order pairs are met in.

use crate::Bodies;
use crate::rng::jiggle;

/// Extra space kept between node circles.
pub const PADDING: f32 = 2.0;

/// Grid cells per point at most (a far outlier widens the cells instead of growing the grid).
const CELLS_PER_POINT: f32 = 4.0;

/// The grid and sorted copies of the points, rebuilt on each use into buffers that keep their
/// capacity.
#[derive(Clone, Debug)]
pub struct CollisionGrid {
    sorted: Sorted,
    /// Push received by each sorted slot during a pass.
    dvx: Vec<f32>,
    dvy: Vec<f32>,
    /// Scratch: cell of each active node, in active order.
    cell_of: Vec<u32>,
}

#[derive(Clone, Debug)]
struct Sorted {
    cell: f32,
    x0: f32,
    y0: f32,
    cols: usize,
    rows: usize,
    /// Sorted slot of the first point of each cell (one more entry than cells).
    start: Vec<u32>,
    /// Sorted slots `small..` hold the large nodes.
    small: usize,
    /// Largest radius among small nodes.
    small_radius: f32,
    /// Per sorted slot: node index, position, radius, whether it may move.
    order: Vec<u32>,
    x: Vec<f32>,
    y: Vec<f32>,
    r: Vec<f32>,
    mobile: Vec<bool>,
}

impl Default for CollisionGrid {
    fn default() -> Self {
        CollisionGrid::EMPTY
    }
}

impl CollisionGrid {
    /// Empty buffers, in a constant (what `Default` gives).
    pub const EMPTY: CollisionGrid = CollisionGrid {
        sorted: Sorted {
            cell: 0.0,
            x0: 0.0,
            y0: 0.0,
            cols: 0,
            rows: 0,
            start: Vec::new(),
            small: 0,
            small_radius: 0.0,
            order: Vec::new(),
            x: Vec::new(),
            y: Vec::new(),
            r: Vec::new(),
            mobile: Vec::new(),
        },
        dvx: Vec::new(),
        dvy: Vec::new(),
        cell_of: Vec::new(),
    };

    /// Sorts the active nodes into the grid at `x + vx` (if `predict`) with radius `radius + pad`.
    fn build(&mut self, b: &Bodies, predict: bool, pad: f32) {
        let g = &mut self.sorted;
        let n = b.active.len();
        g.order.clear();
        g.x.clear();
        g.y.clear();
        g.r.clear();
        g.mobile.clear();
        g.start.clear();
        g.small = 0;
        g.small_radius = 0.0;
        self.cell_of.clear();
        if n == 0 {
            return;
        }
        let pos = |i: usize| {
            if predict {
                (b.x[i] + b.vx[i], b.y[i] + b.vy[i])
            } else {
                (b.x[i], b.y[i])
            }
        };
        let rmin = b
            .active
            .iter()
            .map(|&i| b.radius[i as usize] + pad)
            .fold(f32::INFINITY, f32::min);
        // Small: within 1.5× the smallest radius. Their largest contact distance sizes the cells.
        let limit = rmin * 1.5;
        let (mut x0, mut y0, mut x1, mut y1) = (
            f32::INFINITY,
            f32::INFINITY,
            f32::NEG_INFINITY,
            f32::NEG_INFINITY,
        );
        let mut rs = 0.0f32;
        let mut small = 0usize;
        for &i in &b.active {
            let r = b.radius[i as usize] + pad;
            if r <= limit {
                let (x, y) = pos(i as usize);
                x0 = x0.min(x);
                y0 = y0.min(y);
                x1 = x1.max(x);
                y1 = y1.max(y);
                rs = rs.max(r);
                small += 1;
            }
        }
        let (w, h) = ((x1 - x0).max(0.0), (y1 - y0).max(0.0));
        let mut cell = (2.0 * rs).max(1e-3);
        let budget = CELLS_PER_POINT * small as f32 + 16.0;
        // Room for the most cells this many points can get: later ticks never reallocate.
        g.start.reserve(budget as usize + 2);
        while (w / cell + 1.0) * (h / cell + 1.0) > budget {
            cell *= 1.25;
        }
        g.cell = cell;
        g.x0 = x0;
        g.y0 = y0;
        g.cols = (w / cell) as usize + 1;
        g.rows = (h / cell) as usize + 1;
        let cells = g.cols * g.rows;
        g.start.resize(cells + 2, 0);
        for &i in &b.active {
            let i = i as usize;
            if b.radius[i] + pad <= limit {
                let (x, y) = pos(i);
                let cx = (((x - x0) / cell) as usize).min(g.cols - 1);
                let cy = (((y - y0) / cell) as usize).min(g.rows - 1);
                let c = cy * g.cols + cx;
                self.cell_of.push(c as u32);
                g.start[c + 2] += 1;
            } else {
                self.cell_of.push(u32::MAX);
            }
        }
        for c in 2..cells + 2 {
            g.start[c] += g.start[c - 1];
        }
        // start[c + 1] is now the first slot of cell c: fill, moving it to the end of cell c,
        // which leaves start[c] as the first slot of cell c.
        g.order.resize(n, 0);
        let mut big = small;
        for (k, &i) in b.active.iter().enumerate() {
            let c = self.cell_of[k];
            let slot = if c == u32::MAX {
                big += 1;
                big - 1
            } else {
                let s = &mut g.start[c as usize + 1];
                *s += 1;
                *s as usize - 1
            };
            g.order[slot] = i;
        }
        g.start.truncate(cells + 1);
        g.small = small;
        g.small_radius = rs;
        for &i in &g.order {
            let i = i as usize;
            let (x, y) = pos(i);
            g.x.push(x);
            g.y.push(y);
            g.r.push(b.radius[i] + pad);
            g.mobile.push(!b.fixed[i]);
        }
    }
}

impl Sorted {
    /// Calls `f(a, b, dx, dy, l)` for every pair of sorted slots whose circles overlap
    /// (`dx, dy`: from b to a; `l`: squared distance), each pair once, in a fixed order.
    #[inline(always)]
    fn overlapping_pairs(&self, mut f: impl FnMut(usize, usize, f32, f32, f32)) {
        let (x, y, r) = (&self.x[..], &self.y[..], &self.r[..]);
        let mut test = |a: usize, b: usize| {
            let (dx, dy) = (x[a] - x[b], y[a] - y[b]);
            let l = dx * dx + dy * dy;
            let s = r[a] + r[b];
            if l < s * s {
                f(a, b, dx, dy, l);
            }
        };
        let (cols, rows) = (self.cols, self.rows);
        let start = &self.start[..];
        if self.small > 0 {
            for cy in 0..rows {
                for cx in 0..cols {
                    let c = cy * cols + cx;
                    let (s, e) = (start[c] as usize, start[c + 1] as usize);
                    if s == e {
                        continue;
                    }
                    for a in s..e {
                        for b in a + 1..e {
                            test(a, b);
                        }
                    }
                    // Forward neighbours: right, and the three below.
                    let below = cy + 1 < rows;
                    let ranges = [
                        (cx + 1 < cols, c + 1, c + 2),
                        (below && cx > 0, c + cols - 1, c + cols),
                        (below, c + cols, c + cols + 1),
                        (below && cx + 1 < cols, c + cols + 1, c + cols + 2),
                    ];
                    for (ok, c0, c1) in ranges {
                        if !ok {
                            continue;
                        }
                        let (s2, e2) = (start[c0] as usize, start[c1] as usize);
                        for a in s..e {
                            for b in s2..e2 {
                                test(a, b);
                            }
                        }
                    }
                }
            }
        }
        let n = self.order.len();
        let clamp = |v: f32, n: usize| (v.max(0.0) as usize).min(n - 1);
        for a in self.small..n {
            if self.small > 0 {
                let reach = r[a] + self.small_radius;
                let gx0 = clamp((x[a] - reach - self.x0) / self.cell, cols);
                let gx1 = clamp((x[a] + reach - self.x0) / self.cell, cols);
                let gy0 = clamp((y[a] - reach - self.y0) / self.cell, rows);
                let gy1 = clamp((y[a] + reach - self.y0) / self.cell, rows);
                for cy in gy0..=gy1 {
                    let (s, e) = (start[cy * cols + gx0], start[cy * cols + gx1 + 1]);
                    for b in s as usize..e as usize {
                        test(a, b);
                    }
                }
            }
            for b in a + 1..n {
                test(a, b);
            }
        }
    }
}

/// Adds the collision pushes of this tick to the velocities of the nodes that may move;
/// returns how many overlapping pairs were pushed apart.
pub fn apply(b: &mut Bodies, grid: &mut CollisionGrid, strength: f32) -> usize {
    grid.build(b, true, PADDING * 0.5);
    let CollisionGrid {
        sorted, dvx, dvy, ..
    } = grid;
    let mut pairs = 0;
    let n = sorted.order.len();
    dvx.clear();
    dvx.resize(n, 0.0);
    dvy.clear();
    dvy.resize(n, 0.0);
    let (order, r, mobile) = (&sorted.order[..], &sorted.r[..], &sorted.mobile[..]);
    sorted.overlapping_pairs(|a, c, mut dx, mut dy, mut l| {
        let (ma, mc) = (mobile[a], mobile[c]);
        if !ma && !mc {
            return;
        }
        pairs += 1;
        if dx == 0.0 || dy == 0.0 {
            let (lo, hi) = (order[a].min(order[c]), order[a].max(order[c]));
            if dx == 0.0 {
                dx = jiggle(lo.wrapping_mul(7).wrapping_add(hi));
                l += dx * dx;
            }
            if dy == 0.0 {
                dy = jiggle(hi.wrapping_mul(7).wrapping_add(lo));
                l += dy * dy;
            }
        }
        let d = l.sqrt();
        let f = (r[a] + r[c] - d) / d * strength;
        let share = if !mc {
            1.0
        } else if !ma {
            0.0
        } else {
            let (ra2, rc2) = (r[a] * r[a], r[c] * r[c]);
            rc2 / (ra2 + rc2)
        };
        dvx[a] += dx * f * share;
        dvy[a] += dy * f * share;
        dvx[c] -= dx * f * (1.0 - share);
        dvy[c] -= dy * f * (1.0 - share);
    });
    for (k, &i) in order.iter().enumerate() {
        b.vx[i as usize] += dvx[k];
        b.vy[i as usize] += dvy[k];
    }
    pairs
}

/// Number of overlapping active pairs (distance < sum of radii), for tests and the final
/// clean-up.
pub fn overlaps(b: &Bodies, grid: &mut CollisionGrid) -> usize {
    grid.build(b, false, 0.0);
    let mut count = 0;
    grid.sorted.overlapping_pairs(|_, _, _, _, _| count += 1);
    count
}
