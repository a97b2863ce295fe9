//! Collision by radius (d3's `forceCollide`), on the quadtree: overlapping pairs are pushed
//! apart along the line between them, the lighter (smaller) node moving more. Uses positions
//! predicted with the velocities of this tick. Independent of alpha, like d3's.

use super::Bodies;
use crate::layout::quadtree::{NONE, QuadTree};
use crate::layout::rng::jiggle;

/// Extra space kept between node circles.
pub const PADDING: f32 = 2.0;

pub fn apply(
    b: &mut Bodies,
    tree: &mut QuadTree,
    strength: f32,
    scratch_x: &mut Vec<f32>,
    scratch_y: &mut Vec<f32>,
) {
    // Predicted positions.
    scratch_x.clear();
    scratch_y.clear();
    scratch_x.extend(b.x.iter().zip(&b.vx).map(|(x, v)| x + v));
    scratch_y.extend(b.y.iter().zip(&b.vy).map(|(y, v)| y + v));
    tree.build(scratch_x, scratch_y, &b.charge, &b.radius, &b.active);
    let QuadTree {
        cells,
        order,
        stack,
        ..
    } = tree;
    for k in 0..b.active.len() {
        let i = b.active[k] as usize;
        let ri = b.radius[i] + PADDING * 0.5;
        let (xi, yi) = (scratch_x[i], scratch_y[i]);
        stack.clear();
        if !cells.is_empty() {
            stack.push(0);
        }
        while let Some(c) = stack.pop() {
            let cell = &cells[c as usize];
            let reach = ri + cell.rmax + PADDING * 0.5;
            if xi + reach < cell.x0
                || xi - reach > cell.x0 + cell.size
                || yi + reach < cell.y0
                || yi - reach > cell.y0 + cell.size
            {
                continue;
            }
            if !cell.leaf {
                for &ch in cell.children.iter().rev() {
                    if ch != NONE {
                        stack.push(ch);
                    }
                }
                continue;
            }
            for &j in &order[cell.start as usize..cell.end as usize] {
                let j = j as usize;
                if j <= i {
                    continue;
                }
                let (fi, fj) = (b.fixed[i], b.fixed[j]);
                if fi && fj {
                    continue;
                }
                let rj = b.radius[j] + PADDING * 0.5;
                let r = ri + rj;
                let (mut dx, mut dy) = (xi - scratch_x[j], yi - scratch_y[j]);
                let mut l = dx * dx + dy * dy;
                if l >= r * r {
                    continue;
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
            }
        }
    }
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
