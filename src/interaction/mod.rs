//! Input → state changes, without the DOM.
//!
//! [`MapState`] owns one map: the motion, its graph, the layout, the camera and the view
//! state. The web layer turns browser events into [`Input`]s, calls [`MapState::handle`],
//! and redraws when the [`Response`] says so; it calls [`MapState::frame`] from
//! `requestAnimationFrame` only while that returns `true`.

mod detail;
pub mod export;
mod find;
mod gesture;
mod hit;
pub mod panel;
pub mod url;

pub use detail::Detail;
pub use find::{FacetValue, Facets, HitStep, OutlineItem};
use gesture::{Gesture, Pointer};

use crate::layout::Layout;
use crate::model::search::{Filters, SearchIndex};
use crate::model::{LinkKind, MindGraph, Motion, NodeKind, SavedLayout, SavedPosition};
use crate::view::Camera;
use crate::view::scene::{self, Scene, ViewState};
use crate::view::text::TextMeasure;

/// Milliseconds a camera transition takes (none when reduced motion is asked for).
const CAMERA_MS: f64 = 380.0;
/// Zoom factor of one +/− step.
const ZOOM_STEP: f32 = 1.5;
/// Layout ticks run per animation frame while the layout settles.
const TICKS_PER_FRAME: usize = 4;
/// Ticks allowed to settle the first layout before the first frame.
const INITIAL_TICKS: usize = 1200;
/// How much the rings' stretch must change (relative) for a new element shape to plan the
/// load-time layout again.
const REPLAN_STRETCH: f32 = 0.05;

#[derive(Clone, Debug, PartialEq)]
pub enum Input {
    PointerDown {
        id: i32,
        x: f32,
        y: f32,
        touch: bool,
        time_ms: f64,
    },
    PointerMove {
        id: i32,
        x: f32,
        y: f32,
    },
    PointerUp {
        id: i32,
        x: f32,
        y: f32,
        time_ms: f64,
    },
    PointerCancel {
        id: i32,
    },
    /// The pointer left the map: nothing is hovered any more.
    PointerLeave,
    /// Wheel with its vertical delta in pixels; `zoom` when Ctrl or ⌘ is held (or a trackpad pinch).
    Wheel {
        x: f32,
        y: f32,
        delta_y: f32,
        zoom: bool,
    },
    DoubleClick {
        x: f32,
        y: f32,
    },
    Key {
        key: String,
    },
}

/// What the web layer should do after an input.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Response {
    /// The browser's default action must be prevented (the map used the event).
    pub consumed: bool,
    /// Something visible changed: draw a frame (and start the loop if [`MapState::is_animating`]).
    pub redraw: bool,
    /// The selection changed: tell the page (panel).
    pub selection_changed: bool,
    /// A plain wheel over the map: tell the visitor Ctrl/⌘ + wheel zooms.
    pub wheel_hint: bool,
    /// The keyboard's node moved: tell the page (announcement, tree).
    pub focus_changed: bool,
    /// A lever was unfolded or folded: tell the page (tree, link).
    pub unfold_changed: bool,
}

pub struct MapState {
    pub motion: Motion,
    pub graph: MindGraph,
    pub layout: Layout,
    pub camera: Camera,
    pub view: ViewState,
    /// Filters on contributions (search and filter UI); empty keeps everything.
    pub filters: Filters,
    search: SearchIndex,
    /// The search text as typed, its hits (map order) and the hit the view is on.
    query: String,
    found: Vec<u32>,
    hit_cursor: Option<usize>,
    /// The lever the keyboard entered the current contribution from.
    nav_from: Option<u32>,
    ids: Vec<String>,
    pointers: Vec<Pointer>,
    gesture: Gesture,
    last_tap: Option<(f64, [f32; 2])>,
    camera_anim: Option<CameraAnim>,
    /// Follow the settling layout with the camera until the visitor moves it.
    follow_fit: bool,
    pub reduced_motion: bool,
    /// CSS pixels along each edge covered by the page's controls and panels: fitting and
    /// following keep the map in the space left.
    insets: Insets,
    hits: hit::HitIndex,
    /// Changes whenever node positions or visibility change (keys the hit index).
    layout_version: u64,
    /// The layout is still the one made at load (nothing unfolded or folded since): a new shape
    /// of the element may plan it again.
    pristine: bool,
}

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

impl MapState {
    /// A map of `motion` in a viewport of `width × height` CSS pixels, levers folded (unless
    /// [`Motion::unfolded_at_load`] says otherwise),
    /// its layout settled and the camera fitted.
    pub fn new(motion: Motion, width: f32, height: f32, measure: &mut dyn TextMeasure) -> MapState {
        let graph = MindGraph::from_motion(&motion);
        let counts = graph.contribution_counts(|_| true);
        // Levers the motion asks to show unfolded (markmap's `initialExpandLevel`).
        let unfolded: Vec<bool> = graph
            .nodes
            .iter()
            .enumerate()
            .map(|(i, n)| match n.kind {
                NodeKind::Lever { axis, lever } => {
                    counts[i] > 0 && motion.unfolded_at_load(axis, lever)
                }
                _ => false,
            })
            .collect();
        // Motion, axes and levers; the unclassified contributions, which no lever unfolds
        // (they sit on their own ring, outside); and the contributions of unfolded levers.
        let mut visible: Vec<bool> = graph
            .nodes
            .iter()
            .map(|n| n.level <= 2 || n.parent.is_none())
            .collect();
        for link in &graph.links {
            if link.kind == LinkKind::LeverContribution && unfolded[link.source as usize] {
                visible[link.target as usize] = true;
            }
        }
        let params = crate::layout::Params {
            // A viewport not laid out yet (zero or odd sizes) plans a round map.
            aspect: if width > 0.0 && height > 0.0 && (width / height).is_finite() {
                width / height
            } else {
                1.0
            },
            ..crate::layout::Params::default()
        };
        let mut layout = Layout::with_params(&graph, &visible, params);
        let ids = graph.ids(&motion);
        match saved_positions(&motion, &ids, &visible) {
            // Saved by `build` or the studio: painted as they are, without a tick.
            Some((positions, aspect)) => layout.restore(&positions, aspect),
            None => {
                let mut ticks = 0;
                while !layout.is_settled() && ticks < INITIAL_TICKS {
                    layout.tick(10);
                    ticks += 10;
                }
            }
        }
        let view = ViewState {
            unfolded,
            counts,
            ..ViewState::default()
        };
        let mut map = MapState {
            motion,
            graph,
            layout,
            camera: Camera::new(width, height),
            view,
            filters: Filters::default(),
            search: SearchIndex::default(),
            query: String::new(),
            found: Vec::new(),
            hit_cursor: None,
            nav_from: None,
            ids,
            pointers: Vec::new(),
            gesture: Gesture::Idle,
            last_tap: None,
            camera_anim: None,
            follow_fit: true,
            reduced_motion: false,
            insets: Insets::default(),
            hits: hit::HitIndex::default(),
            layout_version: 0,
            pristine: true,
        };
        map.search = SearchIndex::new(&map.motion, &map.graph);
        map.camera = map.fit_camera(measure);
        map
    }

    /// The positions of the map as it opens, for a motion file: what `carte-mentale build` and
    /// the studio write, so that the viewer paints at once. Call it on a map just loaded.
    pub fn saved_layout(&self) -> SavedLayout {
        SavedLayout {
            engine: crate::layout::ENGINE.to_string(),
            aspect: self.layout.params().aspect,
            positions: (0..self.graph.len() as u32)
                .filter(|&i| self.layout.is_visible(i))
                .map(|i| {
                    let p = self.layout.position(i);
                    SavedPosition(self.id(i).to_string(), p[0], p[1])
                })
                .collect(),
        }
    }

    pub fn id(&self, node: u32) -> &str {
        &self.ids[node as usize]
    }

    pub fn node_by_id(&self, id: &str) -> Option<u32> {
        self.ids.iter().position(|x| x == id).map(|i| i as u32)
    }

    pub fn detail(&self, node: u32) -> Detail {
        let i = node as usize;
        Detail::of(
            &self.motion,
            &self.graph.nodes[i],
            &self.ids[i],
            self.view.counts[i],
            self.view.unfolded[i],
        )
    }

    /// Is a frame loop needed (layout settling or camera moving)?
    pub fn is_animating(&self) -> bool {
        !self.layout.is_settled() || self.camera_anim.is_some()
    }

    /// Advances animations by `dt_ms`. Returns whether another frame is needed.
    pub fn frame(&mut self, dt_ms: f64, measure: &mut dyn TextMeasure) -> bool {
        if !self.layout.is_settled() {
            self.layout.tick(TICKS_PER_FRAME);
            self.layout_version += 1;
            if self.follow_fit && self.camera_anim.is_none() {
                let target = self.fit_camera(measure);
                // Only ever zoom out to keep new nodes in view; never jump in.
                if target.zoom < self.camera.zoom {
                    self.camera = self.camera.lerp(&target, 0.25);
                }
            }
        }
        if let Some(mut anim) = self.camera_anim.take() {
            anim.elapsed += dt_ms.max(0.0);
            let t = (anim.elapsed / CAMERA_MS).min(1.0);
            self.camera = anim.from.lerp(&anim.to, ease(t) as f32);
            if t < 1.0 {
                self.camera_anim = Some(anim);
            }
        }
        self.is_animating()
    }

    pub fn scene(&self, measure: &mut dyn TextMeasure) -> Scene {
        scene::build(&self.graph, &self.layout, &self.camera, &self.view, measure)
    }

    pub fn resize(&mut self, width: f32, height: f32, measure: &mut dyn TextMeasure) {
        let (w, h) = (width.max(1.0), height.max(1.0));
        if (w, h) == (self.camera.width, self.camera.height) {
            return;
        }
        self.camera.width = w;
        self.camera.height = h;
        self.replan_for_shape();
        if self.follow_fit {
            self.camera = self.fit_camera(measure);
        }
        self.camera_anim = None;
    }

    /// Plans the layout again for the element's shape when the load-time layout was made for
    /// another (a map loaded while hidden, at no size, then shown; a phone turned before any
    /// lever was unfolded): the rings are stretched to the new aspect and the layout settles
    /// over the next frames. A layout the visitor has changed is kept.
    fn replan_for_shape(&mut self) {
        if self.camera.width < 2.0 || self.camera.height < 2.0 {
            // Hidden again (a tab collapsed): nothing to plan for.
            return;
        }
        let aspect = self.camera.width / self.camera.height;
        let params = self.layout.params();
        let (now, wanted) = (
            crate::layout::init::stretch_for(params.aspect),
            crate::layout::init::stretch_for(aspect),
        );
        let changed = (now[0] / wanted[0] - 1.0).abs() > REPLAN_STRETCH;
        if !self.pristine || !changed {
            return;
        }
        let visible: Vec<bool> = (0..self.graph.len() as u32)
            .map(|i| self.layout.is_visible(i))
            .collect();
        self.layout = Layout::with_params(
            &self.graph,
            &visible,
            crate::layout::Params { aspect, ..params },
        );
        self.layout_version += 1;
    }

    /// The camera that shows every visible node and its label in the space the insets leave
    /// (the page's controls along the top, an open panel beside or below).
    pub fn fit_camera(&self, measure: &mut dyn TextMeasure) -> Camera {
        let i = self.free_insets();
        if i == Insets::default() {
            return self.fit_in(self.camera, measure);
        }
        let free = Camera {
            width: self.camera.width - i.left - i.right,
            height: self.camera.height - i.top - i.bottom,
            ..self.camera
        };
        let cam = self.fit_in(free, measure);
        let offset = self.free_offset(cam.zoom);
        Camera {
            center: [cam.center[0] + offset[0], cam.center[1] + offset[1]],
            width: self.camera.width,
            height: self.camera.height,
            ..cam
        }
    }

    /// The insets in force, clamped to the viewport.
    pub fn free_insets(&self) -> Insets {
        self.insets.clamped(self.camera.width, self.camera.height)
    }

    /// World offset from a point to the camera centre that shows the point in the middle of
    /// the free space, at `zoom`.
    pub(crate) fn free_offset(&self, zoom: f32) -> [f32; 2] {
        let i = self.free_insets();
        let z = zoom.max(crate::view::camera::MIN_ZOOM);
        [(i.right - i.left) * 0.5 / z, (i.bottom - i.top) * 0.5 / z]
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

    /// Ids of the unfolded levers, in map order.
    pub fn unfolded_levers(&self) -> Vec<String> {
        (0..self.graph.len() as u32)
            .filter(|&i| self.view.unfolded[i as usize])
            .map(|i| self.id(i).to_string())
            .collect()
    }

    /// The page's controls now cover `pixels` along the top: a map still fitted is fitted again
    /// below them.
    pub fn set_top_inset(&mut self, pixels: f32, measure: &mut dyn TextMeasure) {
        let px = if pixels.is_finite() {
            pixels.max(0.0)
        } else {
            0.0
        };
        if (self.insets.top - px).abs() <= 0.5 {
            return;
        }
        self.insets.top = px;
        self.view.top_band = px;
        if self.follow_fit {
            self.camera = self.fit_camera(measure);
        }
    }

    /// The words of a group's count in the page's language: `one` for one contribution,
    /// `many` with `{n}` for the count.
    pub fn set_group_text(&mut self, one: &str, many: &str) {
        self.view.group_text = crate::view::scene::GroupText {
            one: one.into(),
            many: many.into(),
        };
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
        let next = Insets {
            top: self.insets.top,
            right,
            bottom,
            left,
        }
        .clamped(f32::INFINITY, f32::INFINITY);
        let same = (next.right - self.insets.right).abs() <= 0.5
            && (next.bottom - self.insets.bottom).abs() <= 0.5
            && (next.left - self.insets.left).abs() <= 0.5;
        if same {
            return false;
        }
        self.insets = next;
        if self.follow_fit {
            let to = self.fit_camera(measure);
            self.move_camera(to);
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
        // screen, labels may then reach the edges rather than the map becoming a dot).
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
            cam = Camera {
                center: [
                    (min[0] + max[0]) * 0.5 + shift[0],
                    (min[1] + max[1]) * 0.5 + shift[1],
                ],
                zoom,
                ..cam
            };
        }
        cam
    }

    /// Moves the camera to `to`, animated unless reduced motion is asked for.
    fn move_camera(&mut self, to: Camera) {
        if self.reduced_motion {
            self.camera = to;
            self.camera_anim = None;
        } else {
            self.camera_anim = Some(CameraAnim {
                from: self.camera,
                to,
                elapsed: 0.0,
            });
        }
    }

    pub fn fit(&mut self, measure: &mut dyn TextMeasure) {
        self.follow_fit = true;
        let to = self.fit_camera(measure);
        self.move_camera(to);
    }

    /// Zooms by `factor` about the middle of the viewport (buttons and keys).
    pub fn zoom_by(&mut self, factor: f32) {
        self.follow_fit = false;
        let mut to = self.camera_anim.map(|a| a.to).unwrap_or(self.camera);
        to.zoom_about([to.width * 0.5, to.height * 0.5], factor);
        self.move_camera(to);
    }

    /// Centres the view on a node and zooms in enough to read it (animated unless reduced
    /// motion is asked for). Returns false for an unknown or hidden node.
    pub fn zoom_to(&mut self, node: u32) -> bool {
        if (node as usize) >= self.graph.len() || !self.layout.is_visible(node) {
            return false;
        }
        self.follow_fit = false;
        let p = self.layout.position(node);
        let zoom = self.camera.zoom.clamp(1.2, crate::view::camera::MAX_ZOOM);
        let o = self.free_offset(zoom);
        self.move_camera(Camera {
            center: [p[0] + o[0], p[1] + o[1]],
            zoom,
            ..self.camera
        });
        true
    }

    /// Selects a node (or none). Returns whether the selection changed.
    pub fn select(&mut self, node: Option<u32>) -> bool {
        let node = node.filter(|&n| (n as usize) < self.graph.len() && self.layout.is_visible(n));
        let changed = self.view.selected != node;
        self.view.selected = node;
        changed
    }

    /// Unfolds or folds a lever; no-op for other nodes. Returns whether anything changed.
    pub fn toggle(&mut self, lever: u32) -> bool {
        let i = lever as usize;
        if self.graph.nodes.get(i).map(|n| n.level) != Some(2) || self.view.counts[i] == 0 {
            return false;
        }
        let unfold = !self.view.unfolded[i];
        self.view.unfolded[i] = unfold;
        self.layout_version += 1;
        self.pristine = false;
        let contributions: Vec<u32> = self.graph.contributions_of(lever).collect();
        if unfold {
            let new: Vec<u32> = contributions
                .into_iter()
                .filter(|&c| !self.layout.is_visible(c))
                .collect();
            self.layout.show(&new);
        } else {
            // A contribution stays while another of its levers is unfolded.
            let gone: Vec<u32> = contributions
                .into_iter()
                .filter(|&c| {
                    !self
                        .graph
                        .levers_of(c)
                        .any(|l| self.view.unfolded[l as usize])
                })
                .collect();
            if self.view.selected.is_some_and(|s| gone.contains(&s)) {
                self.view.selected = Some(lever);
            }
            if self.view.focused.is_some_and(|f| gone.contains(&f)) {
                self.view.focused = Some(lever);
            }
            self.layout.hide(&gone);
        }
        self.refresh_marks();
        true
    }

    /// The visible node under a screen point, if any (`slop`: extra pixels for fingers).
    pub fn hit(&self, x: f32, y: f32, slop: f32) -> Option<u32> {
        let w = self.camera.screen_to_world([x, y]);
        self.hits.hit(
            &self.layout,
            self.layout_version,
            w,
            (slop + 2.0) / self.camera.zoom,
        )
    }

    /// A click or tap at a screen point: selects what is there (toggling a lever) or clears.
    pub fn click(&mut self, x: f32, y: f32, touch: bool) -> Response {
        let hit = self.hit(x, y, if touch { 10.0 } else { 2.0 });
        let mut r = Response {
            consumed: true,
            redraw: true,
            ..Response::default()
        };
        if let Some(n) = hit {
            if self.graph.nodes[n as usize].level == 2 {
                r.unfold_changed = self.toggle(n);
            }
            self.select(Some(n));
            self.view.focused = Some(n);
            self.nav_from = None;
            r.selection_changed = true;
            r.focus_changed = true;
        } else {
            r.selection_changed = self.select(None);
        }
        r
    }

    pub fn handle(&mut self, input: Input, measure: &mut dyn TextMeasure) -> Response {
        match input {
            Input::PointerDown {
                id,
                x,
                y,
                touch,
                time_ms,
            } => {
                self.pointers.retain(|p| p.id != id);
                self.pointers.push(Pointer {
                    id,
                    pos: [x, y],
                    touch,
                });
                self.gesture = gesture::start(&self.pointers, time_ms);
                self.camera_anim = None;
                Response {
                    consumed: true,
                    ..Response::default()
                }
            }
            Input::PointerMove { id, x, y } => {
                let Some(idx) = self.pointers.iter().position(|p| p.id == id) else {
                    let hovered = self.hit(x, y, 0.0);
                    let changed = hovered != self.view.hovered;
                    self.view.hovered = hovered;
                    return Response {
                        redraw: changed,
                        ..Response::default()
                    };
                };
                let before = self.pointers.clone();
                self.pointers[idx].pos = [x, y];
                let moved =
                    gesture::update(&mut self.gesture, &before, &self.pointers, &mut self.camera);
                if moved {
                    self.follow_fit = false;
                }
                Response {
                    consumed: true,
                    redraw: moved,
                    ..Response::default()
                }
            }
            Input::PointerUp { id, x, y, time_ms } => {
                let touch = self
                    .pointers
                    .iter()
                    .find(|p| p.id == id)
                    .is_some_and(|p| p.touch);
                self.pointers.retain(|p| p.id != id);
                let was_tap = gesture::is_tap(&self.gesture, time_ms);
                self.gesture = gesture::start(&self.pointers, time_ms);
                if !was_tap {
                    return Response {
                        consumed: true,
                        redraw: true,
                        ..Response::default()
                    };
                }
                // Double tap on touch zooms in, like a double click.
                if touch {
                    if let Some((t, p)) = self.last_tap {
                        let d = ((p[0] - x).powi(2) + (p[1] - y).powi(2)).sqrt();
                        if time_ms - t < 320.0 && d < 24.0 && self.hit(x, y, 10.0).is_none() {
                            self.last_tap = None;
                            return self.handle(Input::DoubleClick { x, y }, measure);
                        }
                    }
                    self.last_tap = Some((time_ms, [x, y]));
                }
                self.click(x, y, touch)
            }
            Input::PointerCancel { id } => {
                self.pointers.retain(|p| p.id != id);
                self.gesture = Gesture::Idle;
                Response::default()
            }
            Input::PointerLeave => Response {
                redraw: self.view.hovered.take().is_some(),
                ..Response::default()
            },
            Input::Wheel {
                x,
                y,
                delta_y,
                zoom,
            } => {
                if !zoom {
                    return Response {
                        wheel_hint: true,
                        ..Response::default()
                    };
                }
                self.follow_fit = false;
                self.camera_anim = None;
                let factor = (-delta_y.clamp(-120.0, 120.0) * 0.01).exp();
                self.camera.zoom_about([x, y], factor);
                Response {
                    consumed: true,
                    redraw: true,
                    ..Response::default()
                }
            }
            Input::DoubleClick { x, y } => {
                if self.hit(x, y, 2.0).is_some() {
                    return Response::default();
                }
                self.follow_fit = false;
                let mut to = self.camera;
                to.zoom_about([x, y], 2.0);
                self.move_camera(to);
                Response {
                    consumed: true,
                    redraw: true,
                    ..Response::default()
                }
            }
            Input::Key { key } => match key.as_str() {
                "+" | "=" => {
                    self.zoom_by(ZOOM_STEP);
                    Response {
                        consumed: true,
                        redraw: true,
                        ..Response::default()
                    }
                }
                "-" | "_" => {
                    self.zoom_by(1.0 / ZOOM_STEP);
                    Response {
                        consumed: true,
                        redraw: true,
                        ..Response::default()
                    }
                }
                "0" => {
                    self.fit(measure);
                    Response {
                        consumed: true,
                        redraw: true,
                        ..Response::default()
                    }
                }
                "Escape" => {
                    let changed = self.select(None);
                    Response {
                        consumed: changed,
                        redraw: changed,
                        selection_changed: changed,
                        ..Response::default()
                    }
                }
                other => self.navigate(other).unwrap_or_default(),
            },
        }
    }
}

fn ease(t: f64) -> f64 {
    if t < 0.5 {
        4.0 * t * t * t
    } else {
        1.0 - (-2.0 * t + 2.0).powi(3) / 2.0
    }
}

/// The element size saved positions are computed for (a wide embed, 16:10): a map of another
/// shape stretches them to its own rings.
pub const SAVED_LAYOUT_SIZE: (f32, f32) = (1280.0, 800.0);

/// `motion` with the settled positions of its map as it opens, for a motion file (`build`, the
/// studio's download): the viewer then paints at once.
pub fn with_saved_layout(mut motion: Motion) -> Motion {
    let (width, height) = SAVED_LAYOUT_SIZE;
    motion.layout = None;
    let map = MapState::new(
        motion.clone(),
        width,
        height,
        &mut crate::view::text::ApproxMeasure,
    );
    motion.layout = Some(map.saved_layout());
    motion
}

/// The saved positions of `motion`, per node, and the aspect they were computed for, when they
/// can stand for the layout: made by this engine, finite, and one for every node shown at load.
fn saved_positions(
    motion: &Motion,
    ids: &[String],
    visible: &[bool],
) -> Option<(Vec<Option<[f32; 2]>>, f32)> {
    let saved = motion.layout.as_ref()?;
    if saved.engine != crate::layout::ENGINE || !(saved.aspect.is_finite() && saved.aspect > 0.0) {
        return None;
    }
    let index: std::collections::HashMap<&str, usize> = ids
        .iter()
        .enumerate()
        .map(|(i, id)| (id.as_str(), i))
        .collect();
    let mut positions = vec![None; ids.len()];
    for SavedPosition(id, x, y) in &saved.positions {
        if let Some(&i) = index.get(id.as_str())
            && x.is_finite()
            && y.is_finite()
        {
            positions[i] = Some([*x, *y]);
        }
    }
    let complete = (1..ids.len()).all(|i| !visible[i] || positions[i].is_some());
    complete.then_some((positions, saved.aspect))
}
