//! Pointer gestures: press (may become a tap), pan with one pointer, pinch with two.

use crate::view::Camera;

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Pointer {
    pub id: i32,
    pub pos: [f32; 2],
    pub touch: bool,
}

#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub enum Gesture {
    #[default]
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

/// A press and release that made a tap (see [`Gestures::up`]).
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct Tap {
    pub touch: bool,
    /// A second touch tap close in time and place to the one before: a double tap, unless the
    /// map finds a node there (then [`Gestures::forget_tap`] is not called and it is a tap).
    pub double: bool,
}

/// The pointers down on the map, what they are doing, and the last touch tap (for double
/// taps).
#[derive(Default)]
pub(super) struct Gestures {
    pointers: Vec<Pointer>,
    gesture: Gesture,
    last_tap: Option<(f64, [f32; 2])>,
}

/// A second tap within this many milliseconds and pixels of the first makes a double tap.
const DOUBLE_TAP_MS: f64 = 320.0;
const DOUBLE_TAP_SLOP: f32 = 24.0;

impl Gestures {
    /// A pointer went down.
    pub(super) fn down(&mut self, pointer: Pointer, time_ms: f64) {
        self.pointers.retain(|p| p.id != pointer.id);
        self.pointers.push(pointer);
        self.gesture = start(&self.pointers, time_ms);
    }

    /// A pointer moved to `pos`: `None` when it is not down (it hovers); else whether the
    /// camera moved with it (a pan or a pinch).
    pub(super) fn moved(&mut self, id: i32, pos: [f32; 2], camera: &mut Camera) -> Option<bool> {
        let idx = self.pointers.iter().position(|p| p.id == id)?;
        let before = self.pointers.clone();
        self.pointers[idx].pos = pos;
        Some(update(&mut self.gesture, &before, &self.pointers, camera))
    }

    /// A pointer went up at `pos`: the tap it made, if it made one (not a pan, a pinch or a
    /// long press).
    pub(super) fn up(&mut self, id: i32, pos: [f32; 2], time_ms: f64) -> Option<Tap> {
        let touch = self
            .pointers
            .iter()
            .find(|p| p.id == id)
            .is_some_and(|p| p.touch);
        self.pointers.retain(|p| p.id != id);
        let was_tap = is_tap(&self.gesture, time_ms);
        self.gesture = start(&self.pointers, time_ms);
        if !was_tap {
            return None;
        }
        let mut double = false;
        if touch {
            double = self.last_tap.is_some_and(|(t, p)| {
                time_ms - t < DOUBLE_TAP_MS
                    && (p[0] - pos[0]).hypot(p[1] - pos[1]) < DOUBLE_TAP_SLOP
            });
            self.last_tap = Some((time_ms, pos));
        }
        Some(Tap { touch, double })
    }

    /// The last tap made a double tap: the next one starts afresh.
    pub(super) fn forget_tap(&mut self) {
        self.last_tap = None;
    }

    /// A pointer was cancelled (the browser took it over): every gesture stops.
    pub(super) fn cancel(&mut self, id: i32) {
        self.pointers.retain(|p| p.id != id);
        self.gesture = Gesture::Idle;
    }
}
