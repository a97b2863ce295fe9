//! Keeps the motion (node 0) at the origin: the map is always centred on it.

use crate::Bodies;

pub fn apply(b: &mut Bodies) {
    if b.x.is_empty() {
        return;
    }
    b.x[0] = 0.0;
    b.y[0] = 0.0;
    b.vx[0] = 0.0;
    b.vy[0] = 0.0;
}
