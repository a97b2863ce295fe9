//! The camera: which part of the world the viewport shows.
//!
//! Coordinate spaces:
//! - **world**: layout units, the motion at (0, 0);
//! - **screen**: CSS pixels from the top-left corner of the canvas.
//!
//! The camera is a small value type: `(center, zoom)` plus the viewport size.
//! `screen = (world - center) * zoom + viewport / 2`.

/// Smallest and largest zoom, relative to nothing: screen px per world unit.
pub const MIN_ZOOM: f32 = 0.02;
pub const MAX_ZOOM: f32 = 12.0;

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Camera {
    /// World point shown at the middle of the viewport.
    pub center: [f32; 2],
    /// Screen pixels per world unit.
    pub zoom: f32,
    /// Viewport size in CSS pixels.
    pub width: f32,
    pub height: f32,
}

impl Default for Camera {
    fn default() -> Self {
        Camera {
            center: [0.0, 0.0],
            zoom: 1.0,
            width: 300.0,
            height: 150.0,
        }
    }
}

impl Camera {
    pub fn new(width: f32, height: f32) -> Self {
        Camera {
            width,
            height,
            ..Camera::default()
        }
    }

    pub fn world_to_screen(&self, p: [f32; 2]) -> [f32; 2] {
        [
            (p[0] - self.center[0]) * self.zoom + self.width * 0.5,
            (p[1] - self.center[1]) * self.zoom + self.height * 0.5,
        ]
    }

    pub fn screen_to_world(&self, s: [f32; 2]) -> [f32; 2] {
        [
            (s[0] - self.width * 0.5) / self.zoom + self.center[0],
            (s[1] - self.height * 0.5) / self.zoom + self.center[1],
        ]
    }

    /// Multiplies the zoom by `factor`, keeping the world point under `anchor` (screen) still.
    pub fn zoom_about(&mut self, anchor: [f32; 2], factor: f32) {
        if !factor.is_finite() || factor <= 0.0 {
            return;
        }
        let before = self.screen_to_world(anchor);
        self.zoom = (self.zoom * factor).clamp(MIN_ZOOM, MAX_ZOOM);
        let after = self.screen_to_world(anchor);
        self.center[0] += before[0] - after[0];
        self.center[1] += before[1] - after[1];
    }

    /// Moves the view by a screen-space drag of `(dx, dy)` pixels.
    pub fn pan_by(&mut self, dx: f32, dy: f32) {
        self.center[0] -= dx / self.zoom;
        self.center[1] -= dy / self.zoom;
    }

    /// The camera that shows the world box `[min, max]` with `padding` screen pixels around it.
    pub fn fitted(&self, min: [f32; 2], max: [f32; 2], padding: f32) -> Camera {
        let w = (max[0] - min[0]).max(1.0);
        let h = (max[1] - min[1]).max(1.0);
        let avail_w = (self.width - 2.0 * padding).max(1.0);
        let avail_h = (self.height - 2.0 * padding).max(1.0);
        let zoom = (avail_w / w).min(avail_h / h).clamp(MIN_ZOOM, MAX_ZOOM);
        Camera {
            center: [(min[0] + max[0]) * 0.5, (min[1] + max[1]) * 0.5],
            zoom,
            width: self.width,
            height: self.height,
        }
    }

    /// The world rectangle visible on screen, `(min, max)`.
    pub fn visible_world(&self) -> ([f32; 2], [f32; 2]) {
        (
            self.screen_to_world([0.0, 0.0]),
            self.screen_to_world([self.width, self.height]),
        )
    }

    /// Interpolates between two cameras: centre linearly, zoom geometrically (smooth on screen).
    pub fn lerp(&self, to: &Camera, t: f32) -> Camera {
        let t = t.clamp(0.0, 1.0);
        // Geometric: the same share of the zoom ratio in each step (r^t, as e^(t ln r)).
        let zoom = self.zoom * (t * (to.zoom / self.zoom).ln()).exp();
        Camera {
            center: [
                self.center[0] + (to.center[0] - self.center[0]) * t,
                self.center[1] + (to.center[1] - self.center[1]) * t,
            ],
            zoom,
            width: to.width,
            height: to.height,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: [f32; 2], b: [f32; 2]) -> bool {
        (a[0] - b[0]).abs() < 1e-3 && (a[1] - b[1]).abs() < 1e-3
    }

    #[test]
    fn world_screen_round_trip() {
        let cam = Camera {
            center: [120.0, -40.0],
            zoom: 2.5,
            width: 800.0,
            height: 600.0,
        };
        for p in [[0.0, 0.0], [120.0, -40.0], [-300.5, 77.25]] {
            assert!(close(cam.screen_to_world(cam.world_to_screen(p)), p));
        }
        assert_eq!(cam.world_to_screen([120.0, -40.0]), [400.0, 300.0]);
    }

    #[test]
    fn zoom_keeps_anchor_still() {
        let mut cam = Camera::new(800.0, 600.0);
        let anchor = [650.0, 120.0];
        let world = cam.screen_to_world(anchor);
        cam.zoom_about(anchor, 3.0);
        assert_eq!(cam.zoom, 3.0);
        assert!(close(cam.world_to_screen(world), anchor));
    }

    #[test]
    fn zoom_is_clamped_and_ignores_bad_factors() {
        let mut cam = Camera::new(800.0, 600.0);
        cam.zoom_about([0.0, 0.0], 1e9);
        assert_eq!(cam.zoom, MAX_ZOOM);
        cam.zoom_about([0.0, 0.0], f32::NAN);
        assert_eq!(cam.zoom, MAX_ZOOM);
        cam.zoom_about([0.0, 0.0], 1e-12);
        assert_eq!(cam.zoom, MIN_ZOOM);
    }

    #[test]
    fn pan_moves_world_with_the_pointer() {
        let mut cam = Camera {
            zoom: 2.0,
            ..Camera::new(800.0, 600.0)
        };
        let p = [10.0, 10.0];
        let before = cam.world_to_screen(p);
        cam.pan_by(30.0, -12.0);
        let after = cam.world_to_screen(p);
        assert!(close(after, [before[0] + 30.0, before[1] - 12.0]));
    }

    #[test]
    fn fit_shows_the_whole_box() {
        let cam = Camera::new(800.0, 600.0).fitted([-500.0, -100.0], [500.0, 300.0], 20.0);
        assert_eq!(cam.center, [0.0, 100.0]);
        assert!((cam.zoom - 0.76).abs() < 1e-6);
        let a = cam.world_to_screen([-500.0, -100.0]);
        let b = cam.world_to_screen([500.0, 300.0]);
        assert!(a[0] >= 19.9 && a[1] >= 0.0 && b[0] <= 780.1 && b[1] <= 600.0);
    }

    #[test]
    fn lerp_ends_on_target() {
        let a = Camera::new(800.0, 600.0);
        let b = Camera {
            center: [100.0, 50.0],
            zoom: 4.0,
            ..a
        };
        assert_eq!(a.lerp(&b, 0.0), a);
        let end = a.lerp(&b, 1.0);
        assert!(close(end.center, b.center) && (end.zoom - 4.0).abs() < 1e-5);
        assert!((a.lerp(&b, 0.5).zoom - 2.0).abs() < 1e-5);
    }
}
