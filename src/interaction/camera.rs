//! Camera control: where the view is, where it is going (an eased move), whether it still
//! follows the settling layout, and the edges the page's controls cover. [`CameraControl`]
//! holds that state; the `MapState` methods here combine it with the layout (fitting,
//! zooming to a node, keeping one in view).

use super::MapState;
use crate::view::Camera;
use crate::view::scene::{self, ViewState};
use crate::view::text::TextMeasure;

/// Milliseconds a camera transition takes (none when reduced motion is asked for).
const CAMERA_MS: f64 = 380.0;

/// CSS pixels covered along each edge of the viewport (the search bar on top, an open panel
/// on the right, a bottom sheet below, the outline on the left).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Insets {
    pub top: f32,
    pub right: f32,
    pub bottom: f32,
    pub left: f32,
}

impl Insets {
    /// Finite and non-negative; together they leave at least a quarter of each dimension.
    fn clamped(self, width: f32, height: f32) -> Insets {
        let ok = |v: f32| if v.is_finite() { v.max(0.0) } else { 0.0 };
        let (mut t, mut r, mut b, mut l) =
            (ok(self.top), ok(self.right), ok(self.bottom), ok(self.left));
        let fit = |a: &mut f32, c: &mut f32, size: f32| {
            let max = size * 0.75;
            if *a + *c > max {
                let k = max / (*a + *c);
                *a *= k;
                *c *= k;
            }
        };
        fit(&mut t, &mut b, height);
        fit(&mut l, &mut r, width);
        Insets {
            top: t,
            right: r,
            bottom: b,
            left: l,
        }
    }
}

#[derive(Clone, Copy, Debug)]
struct CameraAnim {
    from: Camera,
    to: Camera,
    elapsed: f64,
}

/// The camera and how it moves.
pub(super) struct CameraControl {
    camera: Camera,
    anim: Option<CameraAnim>,
    /// Follow the settling layout with the camera until the visitor moves it.
    follow_fit: bool,
    reduced_motion: bool,
    /// CSS pixels along each edge covered by the page's controls and panels: fitting and
    /// following keep the map in the space left.
    insets: Insets,
}

impl CameraControl {
    pub(super) fn new(width: f32, height: f32) -> CameraControl {
        CameraControl {
            camera: Camera::new(width, height),
            anim: None,
            follow_fit: true,
            reduced_motion: false,
            insets: Insets::default(),
        }
    }

    /// The camera now.
    pub(super) fn now(&self) -> Camera {
        self.camera
    }

    /// Where the camera is going: the end of the move under way, else where it is.
    pub(super) fn target(&self) -> Camera {
        self.anim.map_or(self.camera, |a| a.to)
    }

    /// Puts the camera at `to` at once (the move under way, if any, stops).
    pub(super) fn jump(&mut self, to: Camera) {
        self.camera = to;
        self.anim = None;
    }

    /// The visitor moved the camera (a drag, a pinch, the wheel): it goes there and stops
    /// following the layout.
    pub(super) fn by_hand(&mut self, to: Camera) {
        self.follow_fit = false;
        self.jump(to);
    }

    /// Moves the camera to `to`, eased unless reduced motion is asked for.
    pub(super) fn move_to(&mut self, to: Camera) {
        if self.reduced_motion {
            self.jump(to);
        } else {
            self.anim = Some(CameraAnim {
                from: self.camera,
                to,
                elapsed: 0.0,
            });
        }
    }

    /// Stops the move under way where the camera is.
    pub(super) fn stop(&mut self) {
        self.anim = None;
    }

    pub(super) fn is_moving(&self) -> bool {
        self.anim.is_some()
    }

    /// Advances the move under way by `dt_ms`.
    pub(super) fn advance(&mut self, dt_ms: f64) {
        if let Some(mut anim) = self.anim.take() {
            anim.elapsed += dt_ms.max(0.0);
            let t = (anim.elapsed / CAMERA_MS).min(1.0);
            self.camera = anim.from.lerp(&anim.to, ease(t) as f32);
            if t < 1.0 {
                self.anim = Some(anim);
            }
        }
    }

    /// Whether the camera still follows the layout (the visitor has not moved it).
    pub(super) fn following(&self) -> bool {
        self.follow_fit
    }

    pub(super) fn follow(&mut self, on: bool) {
        self.follow_fit = on;
    }

    pub(super) fn set_reduced_motion(&mut self, on: bool) {
        self.reduced_motion = on;
    }

    /// The viewport's new size in CSS pixels (at least 1 × 1). Returns whether it changed.
    fn set_size(&mut self, width: f32, height: f32) -> bool {
        let (w, h) = (width.max(1.0), height.max(1.0));
        if (w, h) == (self.camera.width, self.camera.height) {
            return false;
        }
        self.camera.width = w;
        self.camera.height = h;
        true
    }

    /// The insets in force, clamped to the viewport.
    fn free_insets(&self) -> Insets {
        self.insets.clamped(self.camera.width, self.camera.height)
    }

    /// World offset from a point to the camera centre that shows the point in the middle of
    /// the free space, at `zoom`.
    fn free_offset(&self, zoom: f32) -> [f32; 2] {
        let i = self.free_insets();
        let z = zoom.max(crate::view::camera::MIN_ZOOM);
        [(i.right - i.left) * 0.5 / z, (i.bottom - i.top) * 0.5 / z]
    }
}

fn ease(t: f64) -> f64 {
    if t < 0.5 {
        4.0 * t * t * t
    } else {
        1.0 - (-2.0 * t + 2.0).powi(3) / 2.0
    }
}

impl MapState {
    /// The camera now.
    pub fn camera(&self) -> &Camera {
        &self.camera.camera
    }

    /// Camera moves happen at once instead of eased (the visitor asked for reduced motion).
    pub fn set_reduced_motion(&mut self, on: bool) {
        self.camera.set_reduced_motion(on);
    }

    pub fn resize(&mut self, width: f32, height: f32, measure: &mut dyn TextMeasure) {
        if !self.camera.set_size(width, height) {
            return;
        }
        self.replan_for_shape();
        if self.camera.following() {
            let to = self.fit_camera(measure);
            self.camera.jump(to);
        }
        self.camera.stop();
    }

    /// The camera that shows every visible node and its label in the space the insets leave
    /// (the page's controls along the top, an open panel beside or below).
    pub fn fit_camera(&self, measure: &mut dyn TextMeasure) -> Camera {
        let now = self.camera.now();
        let i = self.free_insets();
        if i == Insets::default() {
            return self.fit_in(now, measure);
        }
        let free = Camera {
            width: now.width - i.left - i.right,
            height: now.height - i.top - i.bottom,
            ..now
        };
        let cam = self.fit_in(free, measure);
        let offset = self.camera.free_offset(cam.zoom);
        Camera {
            center: [cam.center[0] + offset[0], cam.center[1] + offset[1]],
            width: now.width,
            height: now.height,
            ..cam
        }
    }

    /// The insets in force, clamped to the viewport.
    pub fn free_insets(&self) -> Insets {
        self.camera.free_insets()
    }

    /// The layout rectangle `(min, max)` covered by the visible nodes' discs, if any is visible.
    pub fn visible_bounds(&self) -> Option<([f32; 2], [f32; 2])> {
        let mut min = [f32::INFINITY; 2];
        let mut max = [f32::NEG_INFINITY; 2];
        for i in (0..self.graph.len() as u32).filter(|&i| self.layout.is_visible(i)) {
            let (p, r) = (self.layout.position(i), self.layout.radius(i));
            min = [min[0].min(p[0] - r), min[1].min(p[1] - r)];
            max = [max[0].max(p[0] + r), max[1].max(p[1] + r)];
        }
        min[0].is_finite().then_some((min, max))
    }

    /// The page's controls now cover `pixels` along the top: a map still fitted is fitted again
    /// below them.
    pub fn set_top_inset(&mut self, pixels: f32, measure: &mut dyn TextMeasure) {
        if self.top_inset(pixels) && self.camera.following() {
            let to = self.fit_camera(measure);
            self.camera.camera = to;
        }
    }

    /// Sets the top inset (and the band labels keep out of); returns whether it changed.
    pub(super) fn top_inset(&mut self, pixels: f32) -> bool {
        let px = if pixels.is_finite() {
            pixels.max(0.0)
        } else {
            0.0
        };
        if (self.camera.insets.top - px).abs() <= 0.5 {
            return false;
        }
        self.camera.insets.top = px;
        self.view.top_band = px;
        true
    }

    /// A panel now covers `right`, `bottom` and `left` CSS pixels of the map (0 when closed):
    /// a map still fitted is fitted again into the space left, animated; otherwise the
    /// selection is brought back into that space if the panel covers it. Returns whether the
    /// camera moves.
    pub fn set_side_insets(
        &mut self,
        right: f32,
        bottom: f32,
        left: f32,
        measure: &mut dyn TextMeasure,
    ) -> bool {
        let now = self.camera.insets;
        let next = Insets {
            top: now.top,
            right,
            bottom,
            left,
        }
        .clamped(f32::INFINITY, f32::INFINITY);
        let same = (next.right - now.right).abs() <= 0.5
            && (next.bottom - now.bottom).abs() <= 0.5
            && (next.left - now.left).abs() <= 0.5;
        if same {
            return false;
        }
        self.camera.insets = next;
        if self.camera.following() {
            let to = self.fit_camera(measure);
            self.camera.move_to(to);
            return true;
        }
        match self.view.selected {
            Some(s) => self.keep_in_view(s),
            None => false,
        }
    }

    /// [`MapState::fit_camera`] in a viewport of `viewport`'s size.
    fn fit_in(&self, viewport: Camera, measure: &mut dyn TextMeasure) -> Camera {
        let Some((min, max)) = self.visible_bounds() else {
            return Camera {
                center: [0.0, 0.0],
                zoom: 1.0,
                ..viewport
            };
        };
        let padding = 12.0;
        let nodes_only = viewport.fitted(min, max, padding);
        // A narrow screen keeps its nodes large: labels then find room inside instead.
        let floor = if viewport.width < 600.0 { 0.85 } else { 0.45 };
        let mut cam = nodes_only;
        // `viewport` is already the space the controls leave: no band to keep clear in it.
        let view = ViewState {
            top_band: 0.0,
            ..self.view.clone()
        };
        // Labels keep their size in screen pixels: measure how far they reach beyond the nodes
        // and fit the nodes in what is left (never below half the nodes-only zoom: on a small
        // screen, labels may then reach the edges rather than the map becoming a dot). At most
        // three rounds, fewer once a round moves the view by less than half a pixel (on a wide
        // element the second usually does: each round lays out every label).
        for _ in 0..3 {
            let s = scene::build(&self.graph, &self.layout, &cam, &view, measure);
            let (a, b) = (cam.world_to_screen(min), cam.world_to_screen(max));
            let (mut lo, mut hi) = (a, b);
            for l in &s.labels {
                lo = [lo[0].min(l.bounds.min[0]), lo[1].min(l.bounds.min[1])];
                hi = [hi[0].max(l.bounds.max[0]), hi[1].max(l.bounds.max[1])];
            }
            let margin = [a[0] - lo[0], a[1] - lo[1], hi[0] - b[0], hi[1] - b[1]];
            let avail_w = (cam.width - 2.0 * padding - margin[0] - margin[2]).max(1.0);
            let avail_h = (cam.height - 2.0 * padding - margin[1] - margin[3]).max(1.0);
            let zoom = crate::view::clamp(
                (avail_w / (max[0] - min[0]).max(1.0)).min(avail_h / (max[1] - min[1]).max(1.0)),
                nodes_only.zoom * floor,
                nodes_only.zoom,
            );
            // Centre nodes and labels together.
            let shift = [
                (margin[2] - margin[0]) * 0.5 / zoom,
                (margin[3] - margin[1]) * 0.5 / zoom,
            ];
            let next = Camera {
                center: [
                    (min[0] + max[0]) * 0.5 + shift[0],
                    (min[1] + max[1]) * 0.5 + shift[1],
                ],
                zoom,
                ..cam
            };
            let moved = (next.center[0] - cam.center[0])
                .abs()
                .max((next.center[1] - cam.center[1]).abs())
                * zoom;
            let converged = (next.zoom - cam.zoom).abs() <= cam.zoom * 1e-3 && moved < 0.5;
            cam = next;
            if converged {
                break;
            }
        }
        cam
    }

    /// Fits the whole map in view again (eased), and follows the layout from now on.
    pub fn fit(&mut self, measure: &mut dyn TextMeasure) {
        self.camera.follow(true);
        let to = self.fit_camera(measure);
        self.camera.move_to(to);
    }

    /// Zooms by `factor` about the middle of the viewport (buttons and keys).
    pub fn zoom_by(&mut self, factor: f32) {
        self.camera.follow(false);
        let mut to = self.camera.target();
        to.zoom_about([to.width * 0.5, to.height * 0.5], factor);
        self.camera.move_to(to);
    }

    /// Centres the view on a node and zooms in enough to read it (animated unless reduced
    /// motion is asked for). Returns false for an unknown or hidden node.
    pub fn zoom_to(&mut self, node: u32) -> bool {
        if !self.is_shown(node) {
            return false;
        }
        self.camera.follow(false);
        let now = self.camera.now();
        let zoom = now.zoom.clamp(1.2, crate::view::camera::MAX_ZOOM);
        let to = self.looking_at(node, Camera { zoom, ..now });
        self.camera.move_to(to);
        true
    }

    /// Moves the camera (without zooming) so that a node is well inside the space the insets
    /// leave (centred there when it was not). Returns whether the camera moves.
    pub fn keep_in_view(&mut self, node: u32) -> bool {
        if !self.layout.is_visible(node) {
            return false;
        }
        let cam = self.camera.target();
        let i = self.free_insets();
        let (w, h) = (cam.width - i.left - i.right, cam.height - i.top - i.bottom);
        let p = cam.world_to_screen(self.layout.position(node));
        let r = self.layout.radius(node) * cam.zoom;
        let margin = 48.0f32.min(w * 0.2).min(h * 0.2) + r;
        let inside = p[0] >= i.left + margin
            && p[1] >= i.top + margin
            && p[0] <= i.left + w - margin
            && p[1] <= i.top + h - margin;
        if !inside {
            self.center_on(node);
        }
        !inside
    }

    /// Moves the camera (eased, without zooming) so that a visible node sits in the middle of
    /// the space the insets leave. Returns whether the camera moves.
    pub(super) fn center_on(&mut self, node: u32) -> bool {
        let cam = self.camera.target();
        let to = self.looking_at(node, cam);
        if to.center == cam.center {
            return false;
        }
        self.camera.follow(false);
        self.camera.move_to(to);
        true
    }

    /// `cam` moved (at its zoom) so that `node` sits in the middle of the space the insets leave.
    fn looking_at(&self, node: u32, cam: Camera) -> Camera {
        let at = self.layout.position(node);
        let o = self.camera.free_offset(cam.zoom);
        Camera {
            center: [at[0] + o[0], at[1] + o[1]],
            ..cam
        }
    }
}
