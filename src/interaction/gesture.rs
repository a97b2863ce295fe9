//! Pointer gestures: press (may become a tap), pan with one pointer, pinch with two.

use crate::view::Camera;

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Pointer {
    pub id: i32,
    pub pos: [f32; 2],
    pub touch: bool,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Gesture {
    Idle,
    /// One pointer down, not moved beyond the tap threshold yet.
    Press {
        start: [f32; 2],
        time_ms: f64,
        touch: bool,
    },
    Pan,
    Pinch,
}

/// Pixels a pointer may move and still count as a tap.
const TAP_SLOP_MOUSE: f32 = 4.0;
const TAP_SLOP_TOUCH: f32 = 10.0;
/// A press longer than this is not a tap.
const TAP_MS: f64 = 650.0;

pub fn start(pointers: &[Pointer], time_ms: f64) -> Gesture {
    match pointers {
        [] => Gesture::Idle,
        [p] => Gesture::Press {
            start: p.pos,
            time_ms,
            touch: p.touch,
        },
        _ => Gesture::Pinch,
    }
}

/// Applies a pointer move to the camera. Returns whether the camera moved.
pub fn update(g: &mut Gesture, before: &[Pointer], after: &[Pointer], camera: &mut Camera) -> bool {
    match *g {
        Gesture::Idle => false,
        Gesture::Press { start, touch, .. } => {
            let p = after[0].pos;
            let slop = if touch {
                TAP_SLOP_TOUCH
            } else {
                TAP_SLOP_MOUSE
            };
            if (p[0] - start[0]).hypot(p[1] - start[1]) > slop {
                *g = Gesture::Pan;
                camera.pan_by(p[0] - start[0], p[1] - start[1]);
                true
            } else {
                false
            }
        }
        Gesture::Pan => {
            let (a, b) = (before[0].pos, after[0].pos);
            camera.pan_by(b[0] - a[0], b[1] - a[1]);
            true
        }
        Gesture::Pinch => {
            if before.len() < 2 || after.len() < 2 {
                return false;
            }
            let (m0, d0) = mid_dist(before[0].pos, before[1].pos);
            let (m1, d1) = mid_dist(after[0].pos, after[1].pos);
            camera.pan_by(m1[0] - m0[0], m1[1] - m0[1]);
            if d0 > 1.0 && d1 > 1.0 {
                camera.zoom_about(m1, d1 / d0);
            }
            true
        }
    }
}

pub fn is_tap(g: &Gesture, time_ms: f64) -> bool {
    matches!(*g, Gesture::Press { time_ms: t, .. } if time_ms - t <= TAP_MS)
}

fn mid_dist(a: [f32; 2], b: [f32; 2]) -> ([f32; 2], f32) {
    (
        [(a[0] + b[0]) * 0.5, (a[1] + b[1]) * 0.5],
        (a[0] - b[0]).hypot(a[1] - b[1]),
    )
}
