//! Many-body repulsion with the Barnes–Hut approximation, O(n log n).
//!
//! A cell of size `s` at squared distance `l` from a node is taken as one body at its
//! (strength-weighted) centroid when `s² / θ² < l`. `theta` is the accuracy: 0 is exact, d3's
//! default 0.9 keeps the force within a few percent (see `tests/layout.rs`). Distances below
//! `sqrt(DISTANCE_MIN2)` are softened as in d3; coincident nodes are separated by a tiny
//! deterministic jiggle, so no NaN or infinite force can arise.

use super::Bodies;
use crate::layout::quadtree::{NONE, QuadTree};
use crate::layout::rng::jiggle;

pub const DISTANCE_MIN2: f32 = 1.0;

/// Adds the many-body force to the velocities of active, non-fixed nodes.
pub fn apply(b: &mut Bodies, tree: &mut QuadTree, theta: f32, alpha: f32) {
    tree.build(&b.x, &b.y, &b.charge, &b.radius, &b.active);
    let theta2 = theta * theta;
    for k in 0..b.active.len() {
        let i = b.active[k];
        if b.fixed[i as usize] {
            continue;
        }
        let (fx, fy) = force_on(b, tree, i, theta2, alpha);
        b.vx[i as usize] += fx;
        b.vy[i as usize] += fy;
    }
}

/// The force on node `i` (already multiplied by `alpha`). The tree must be built.
pub fn force_on(b: &Bodies, tree: &mut QuadTree, i: u32, theta2: f32, alpha: f32) -> (f32, f32) {
    let (xi, yi) = (b.x[i as usize], b.y[i as usize]);
    let (mut fx, mut fy) = (0.0f32, 0.0f32);
    let QuadTree {
        cells,
        order,
        stack,
        ..
    } = tree;
    stack.clear();
    if !cells.is_empty() {
        stack.push(0);
    }
    while let Some(c) = stack.pop() {
        let cell = &cells[c as usize];
        if cell.strength == 0.0 {
            continue;
        }
        if !cell.leaf {
            let (dx, dy) = (cell.cx - xi, cell.cy - yi);
            let l = dx * dx + dy * dy;
            if cell.size * cell.size / theta2 < l {
                let l = if l < DISTANCE_MIN2 {
                    (DISTANCE_MIN2 * l).sqrt()
                } else {
                    l
                };
                let k = cell.strength * alpha / l;
                fx += dx * k;
                fy += dy * k;
                continue;
            }
            for &ch in cell.children.iter().rev() {
                if ch != NONE {
                    stack.push(ch);
                }
            }
            continue;
        }
        for &j in &order[cell.start as usize..cell.end as usize] {
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
            let mut l = dx * dx + dy * dy;
            if l < DISTANCE_MIN2 {
                l = (DISTANCE_MIN2 * l).sqrt();
            }
            let k = b.charge[j as usize] * alpha / l;
            fx += dx * k;
            fy += dy * k;
        }
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
        let mut l = dx * dx + dy * dy;
        if l < DISTANCE_MIN2 {
            l = (DISTANCE_MIN2 * l).sqrt();
        }
        if l == 0.0 {
            continue;
        }
        let k = b.charge[j as usize] * alpha / l;
        fx += dx * k;
        fy += dy * k;
    }
    (fx, fy)
}
