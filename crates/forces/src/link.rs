//! Springs along links (d3's `forceLink`): each pulls its ends towards its rest length,
//! using the velocities already accumulated this tick, the correction split by degree.

use crate::rng::jiggle;
use crate::{Bodies, Spring};

/// `degree[i]`: how many active springs touch node `i` (filled by the caller).
pub fn apply(b: &mut Bodies, springs: &[Spring], degree: &[u32], alpha: f32) {
    for (k, s) in springs.iter().enumerate() {
        let (a, t) = (s.source as usize, s.target as usize);
        let (fa, ft) = (b.fixed[a], b.fixed[t]);
        if fa && ft {
            continue;
        }
        let mut dx = b.x[t] + b.vx[t] - b.x[a] - b.vx[a];
        let mut dy = b.y[t] + b.vy[t] - b.y[a] - b.vy[a];
        if dx == 0.0 {
            dx = jiggle(k as u32);
        }
        if dy == 0.0 {
            dy = jiggle(k as u32 ^ 0x5555);
        }
        let l = (dx * dx + dy * dy).sqrt();
        let f = (l - s.rest) / l * alpha * s.strength;
        let (fx, fy) = (dx * f, dy * f);
        // Share of the correction taken by the target (d3's bias), all of it if the other end is fixed.
        let bias = if fa {
            1.0
        } else if ft {
            0.0
        } else {
            let (ds, dt) = (degree[a] as f32, degree[t] as f32);
            ds / (ds + dt)
        };
        b.vx[t] -= fx * bias;
        b.vy[t] -= fy * bias;
        b.vx[a] += fx * (1.0 - bias);
        b.vy[a] += fy * (1.0 - bias);
    }
}
