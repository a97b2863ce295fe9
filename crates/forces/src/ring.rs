//! Pull towards each node's target point (d3's `forceX` + `forceY` with a per-node target).
//!
//! Targets encode the mind-map structure (see `layout::init`): axes evenly around the motion,
//! levers fanned within their axis's sector on an outer ring, contributions outward of their
//! lever. This is what keeps every lever nearest its own axis.

use crate::Bodies;

pub fn apply(b: &mut Bodies, alpha: f32) {
    for k in 0..b.active.len() {
        let i = b.active[k] as usize;
        let s = b.tstrength[i];
        if s == 0.0 || b.fixed[i] {
            continue;
        }
        b.vx[i] += (b.tx[i] - b.x[i]) * s * alpha;
        b.vy[i] += (b.ty[i] - b.y[i]) * s * alpha;
    }
}
