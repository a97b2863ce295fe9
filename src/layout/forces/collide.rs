//! Collision by radius (d3's `forceCollide`): overlapping pairs are pushed apart along the line
//! between them, the smaller node moving more, using positions predicted with the velocities of
//! this tick; independent of alpha, like d3's. Small nodes (contributions) are found on a
//! uniform grid, O(n); the few large ones look around themselves in it.

use super::Bodies;
use crate::layout::grid::Grid;
use crate::layout::quadtree::{NONE, QuadTree};
use crate::layout::rng::jiggle;

/// Extra space kept between node circles.
pub const PADDING: f32 = 2.0;

/// Nodes up to this radius go in the grid; larger ones (motion, axes, levers) are few and
/// look around themselves in it.
const SMALL: f32 = 10.0;

/// Pushes overlapping pairs apart; returns how many pairs overlapped. `grid` and the scratch
/// vectors are reused buffers.
pub fn apply(
    b: &mut Bodies,
    grid: &mut Grid,
    strength: f32,
    sx: &mut Vec<f32>,
    sy: &mut Vec<f32>,
    small: &mut Vec<u32>,
    big: &mut Vec<u32>,
) -> usize {
    let mut pairs = 0;
    // Predicted positions.
    sx.clear();
    sy.clear();
    sx.extend(b.x.iter().zip(&b.vx).map(|(x, v)| x + v));
    sy.extend(b.y.iter().zip(&b.vy).map(|(y, v)| y + v));
    small.clear();
    big.clear();
    let mut rsmall = 0.0f32;
    for &i in &b.active {
        if b.radius[i as usize] <= SMALL {
            small.push(i);
            rsmall = rsmall.max(b.radius[i as usize]);
        } else {
            big.push(i);
        }
    }
    let pad = PADDING * 0.5;
    grid.build(sx, sy, small, 2.0 * (rsmall + pad));
    if !small.is_empty() {
        for &i in small.iter() {
            let i = i as usize;
            let (x0, x1, y0, y1) = grid.around(sx[i], sy[i], b.radius[i] + rsmall + 2.0 * pad);
            for cy in y0..=y1 {
                for cx in x0..=x1 {
                    for &j in grid.cell_items(cx, cy) {
                        if (j as usize) > i {
                            pairs += resolve(b, sx, sy, i, j as usize, strength) as usize;
                        }
                    }
                }
            }
        }
    }
    for k in 0..big.len() {
        let i = big[k] as usize;
        if !small.is_empty() {
            let (x0, x1, y0, y1) = grid.around(sx[i], sy[i], b.radius[i] + rsmall + 2.0 * pad);
            for cy in y0..=y1 {
                for cx in x0..=x1 {
                    for &j in grid.cell_items(cx, cy) {
                        pairs += resolve(b, sx, sy, i, j as usize, strength) as usize;
                    }
                }
            }
        }
        for &j in &big[k + 1..] {
            pairs += resolve(b, sx, sy, i, j as usize, strength) as usize;
        }
    }
    pairs
}

/// Separates `i` and `j` if their predicted circles overlap (d3's collide step for one pair);
/// returns whether they did.
#[inline]
fn resolve(b: &mut Bodies, sx: &[f32], sy: &[f32], i: usize, j: usize, strength: f32) -> bool {
    let (fi, fj) = (b.fixed[i], b.fixed[j]);
    if fi && fj {
        return false;
    }
    let ri = b.radius[i] + PADDING * 0.5;
    let rj = b.radius[j] + PADDING * 0.5;
    let r = ri + rj;
    let (mut dx, mut dy) = (sx[i] - sx[j], sy[i] - sy[j]);
    let mut l = dx * dx + dy * dy;
    if l >= r * r {
        return false;
    }
    if dx == 0.0 {
        dx = jiggle((i * 7 + j) as u32);
        l += dx * dx;
    }
    if dy == 0.0 {
        dy = jiggle((j * 7 + i) as u32);
        l += dy * dy;
    }
    let d = l.sqrt();
    let f = (r - d) / d * strength;
    let (ri2, rj2) = (ri * ri, rj * rj);
    let share_i = if fj {
        1.0
    } else if fi {
        0.0
    } else {
        rj2 / (ri2 + rj2)
    };
    b.vx[i] += dx * f * share_i;
    b.vy[i] += dy * f * share_i;
    b.vx[j] -= dx * f * (1.0 - share_i);
    b.vy[j] -= dy * f * (1.0 - share_i);
    true
}

/// Number of overlapping active pairs (distance < sum of radii), for tests and metrics.
pub fn overlaps(b: &Bodies, tree: &mut QuadTree) -> usize {
    tree.build(&b.x, &b.y, &b.charge, &b.radius, &b.active);
    let QuadTree {
        cells,
        order,
        stack,
        ..
    } = tree;
    let mut count = 0;
    for &i in &b.active {
        let i = i as usize;
        stack.clear();
        if !cells.is_empty() {
            stack.push(0);
        }
        while let Some(c) = stack.pop() {
            let cell = &cells[c as usize];
            let reach = b.radius[i] + cell.rmax;
            if b.x[i] + reach < cell.x0
                || b.x[i] - reach > cell.x0 + cell.size
                || b.y[i] + reach < cell.y0
                || b.y[i] - reach > cell.y0 + cell.size
            {
                continue;
            }
            if !cell.leaf {
                stack.extend(cell.children.iter().copied().filter(|&ch| ch != NONE));
                continue;
            }
            for &j in &order[cell.start as usize..cell.end as usize] {
                let j = j as usize;
                if j <= i {
                    continue;
                }
                let r = b.radius[i] + b.radius[j];
                let (dx, dy) = (b.x[i] - b.x[j], b.y[i] - b.y[j]);
                if dx * dx + dy * dy < r * r {
                    count += 1;
                }
            }
        }
    }
    count
}
