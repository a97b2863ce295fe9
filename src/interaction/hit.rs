//! Which node is under the pointer: a uniform grid over the visible nodes' world positions,
//! rebuilt only when the layout has moved since the last query (its version says so).

use std::cell::RefCell;

use crate::layout::Layout;
use crate::layout::grid::Grid;

#[derive(Default)]
struct Index {
    grid: Grid,
    xs: Vec<f32>,
    ys: Vec<f32>,
    points: Vec<u32>,
    rmax: f32,
    /// Layout version the grid was built for (`None`: never built).
    built: Option<u64>,
}

/// Lazily rebuilt spatial index of a layout's visible nodes.
#[derive(Default)]
pub struct HitIndex(RefCell<Index>);

impl HitIndex {
    /// The visible node whose circle, widened by `extra` world units, contains `w`; the one
    /// whose centre is nearest relative to its size wins.
    pub fn hit(&self, layout: &Layout, w: [f32; 2], extra: f32) -> Option<u32> {
        let version = layout.version();
        let mut ix = self.0.borrow_mut();
        if ix.built != Some(version) {
            let Index {
                grid,
                xs,
                ys,
                points,
                rmax,
                built,
            } = &mut *ix;
            xs.clear();
            ys.clear();
            points.clear();
            *rmax = 0.0;
            for i in 0..layout.len() as u32 {
                let p = layout.position(i);
                xs.push(p[0]);
                ys.push(p[1]);
                if layout.is_visible(i) {
                    points.push(i);
                    *rmax = rmax.max(layout.radius(i));
                }
            }
            grid.build(xs, ys, points, 4.0 * rmax.max(1.0));
            *built = Some(version);
        }
        if ix.points.is_empty() {
            return None;
        }
        let (x0, x1, y0, y1) = ix.grid.around(w[0], w[1], ix.rmax + extra);
        let mut best: Option<(f32, u32)> = None;
        for cy in y0..=y1 {
            for cx in x0..=x1 {
                for &i in ix.grid.cell_items(cx, cy) {
                    let r = layout.radius(i) + extra;
                    let (dx, dy) = (ix.xs[i as usize] - w[0], ix.ys[i as usize] - w[1]);
                    let d2 = dx * dx + dy * dy;
                    if d2 <= r * r {
                        let score = d2.sqrt() / r;
                        if best.is_none_or(|(s, b)| score < s || (score == s && i < b)) {
                            best = Some((score, i));
                        }
                    }
                }
            }
        }
        best.map(|(_, i)| i)
    }
}
