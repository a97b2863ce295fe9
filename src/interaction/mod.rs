//! Input → state changes, without the DOM.
//!
//! [`MapState`] owns one map: the motion, its graph, the layout and the view state, and one
//! unit per job, each in its own file with private fields: the camera (`camera.rs`), the
//! search (`search.rs`), the filters (`filter.rs`), keyboard navigation (`nav.rs`), pointer
//! gestures (`gesture.rs`) and folding (`folding.rs`). The web layer turns browser events into [`Input`]s, calls [`MapState::handle`],
//! and redraws when the [`Response`] says so; it calls [`MapState::frame`] from
//! `requestAnimationFrame` only while that returns `true`.

mod camera;
mod detail;
pub mod export;
mod filter;
mod folding;
mod gesture;
mod hit;
mod nav;
mod outline;
pub mod panel;
mod search;
pub mod url;

pub use camera::Insets;
pub use detail::Detail;
pub use filter::{FacetValue, Facets};
pub use outline::OutlineItem;
pub use search::HitStep;

use camera::CameraControl;
use gesture::{Gestures, Pointer};
use nav::KeyboardNav;
use search::Finder;

use crate::layout::Layout;
use crate::model::order::StrIndex;
use crate::model::search::{Filters, SearchIndex};
use crate::model::{LinkKind, MindGraph, Motion, NodeKind, SavedLayout, SavedPosition};
use crate::view::scene::{self, Scene, ViewState};
use crate::view::text::TextMeasure;

/// Zoom factor of one +/− step.
const ZOOM_STEP: f32 = 1.5;
/// Layout ticks run per animation frame while the layout settles.
const TICKS_PER_FRAME: usize = 4;
/// Ticks allowed to settle the first layout before the first frame.
const INITIAL_TICKS: usize = 1200;

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

/// One map and everything a visitor does to it. Its fields are private: the page asks through
/// methods, and [`MapState::revision`] tells it when what its controls show has changed.
pub struct MapState {
    motion: Motion,
    graph: MindGraph,
    /// Each node's id (links, the page).
    ids: Vec<String>,
    layout: Layout,
    /// What the scene draws besides positions: selection, hover, the keyboard's node, unfolded
    /// levers, search halos, filter counts.
    view: ViewState,
    camera: CameraControl,
    /// Filters on contributions (search and filter UI); empty keeps everything.
    filters: Filters,
    finder: Finder,
    nav: KeyboardNav,
    gestures: Gestures,
    hits: hit::HitIndex,
    /// The layout is still the one made at load (nothing unfolded or folded since): a new shape
    /// of the element may plan it again.
    pristine: bool,
    /// Counts the changes the page's controls show (see [`MapState::revision`]).
    revision: u64,
}

impl MapState {
    /// A map of `motion` in a viewport of `width × height` CSS pixels, levers folded (unless
    /// [`Motion::unfolded_at_load`] says otherwise),
    /// its layout settled and the camera fitted.
    pub fn new(motion: Motion, width: f32, height: f32, measure: &mut dyn TextMeasure) -> MapState {
        Self::below(motion, width, height, 0.0, measure)
    }

    /// [`MapState::new`] for a viewport whose top `top` CSS pixels the page's controls cover
    /// (see [`MapState::set_top_inset`]): the map is fitted once, below them.
    pub fn below(
        motion: Motion,
        width: f32,
        height: f32,
        top: f32,
        measure: &mut dyn TextMeasure,
    ) -> MapState {
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
        let finder = Finder::new(SearchIndex::new(&motion, &graph));
        let mut map = MapState {
            motion,
            graph,
            ids,
            layout,
            view,
            camera: CameraControl::new(width, height),
            filters: Filters::default(),
            finder,
            nav: KeyboardNav::default(),
            gestures: Gestures::default(),
            hits: hit::HitIndex::default(),
            pristine: true,
            revision: 0,
        };
        map.top_inset(top);
        let fitted = map.fit_camera(measure);
        map.camera.jump(fitted);
        map
    }

    pub fn motion(&self) -> &Motion {
        &self.motion
    }

    pub fn graph(&self) -> &MindGraph {
        &self.graph
    }

    pub fn layout(&self) -> &Layout {
        &self.layout
    }

    /// What the scene draws besides positions (read-only: change it through the methods).
    pub fn view(&self) -> &ViewState {
        &self.view
    }

    /// The selected node, if any.
    pub fn selected(&self) -> Option<u32> {
        self.view.selected
    }

    /// Changes whenever something the page's controls show changes: the selection, unfolded
    /// levers, the search and its cursor, the filters, the keyboard's node. The page renders
    /// a snapshot when it differs from the one it last rendered.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// Counts a change the page shows (see [`MapState::revision`]).
    fn changed(&mut self) {
        self.revision += 1;
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

    /// A node's kind (`motion`, `axis`, `lever` or `contribution`) and its title on the map.
    pub fn label(&self, node: u32) -> (&'static str, &str) {
        let n = &self.graph.nodes[node as usize];
        (n.kind.name(), &n.label)
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
        !self.layout.is_settled() || self.camera.is_moving()
    }

    /// Advances animations by `dt_ms`. Returns whether another frame is needed.
    pub fn frame(&mut self, dt_ms: f64, measure: &mut dyn TextMeasure) -> bool {
        if !self.layout.is_settled() {
            self.layout.tick(TICKS_PER_FRAME);
            if self.camera.following() && !self.camera.is_moving() {
                let target = self.fit_camera(measure);
                let now = self.camera.now();
                // Only ever zoom out to keep new nodes in view; never jump in.
                if target.zoom < now.zoom {
                    self.camera.jump(now.lerp(&target, 0.25));
                }
            }
        }
        self.camera.advance(dt_ms);
        self.is_animating()
    }

    pub fn scene(&self, measure: &mut dyn TextMeasure) -> Scene {
        scene::build(
            &self.graph,
            &self.layout,
            self.camera(),
            &self.view,
            measure,
        )
    }

    /// The words of a group's count in the page's language: `one` for one contribution,
    /// `many` with `{n}` for the count.
    pub fn set_group_text(&mut self, one: &str, many: &str) {
        self.view.group_text = crate::view::scene::GroupText {
            one: one.into(),
            many: many.into(),
        };
    }

    /// Selects a node (or none). Returns whether the selection changed.
    pub fn select(&mut self, node: Option<u32>) -> bool {
        let node = node.filter(|&n| self.is_shown(n));
        let changed = self.view.selected != node;
        self.view.selected = node;
        if changed {
            self.changed();
        }
        changed
    }

    /// Is `node` a node of this map that the layout shows?
    fn is_shown(&self, node: u32) -> bool {
        (node as usize) < self.graph.len() && self.layout.is_visible(node)
    }

    /// The node under the pointer (or a list item the page previews), drawn as hovered.
    /// Returns whether it changed.
    pub fn hover(&mut self, node: Option<u32>) -> bool {
        let node = node.filter(|&n| self.is_shown(n));
        let changed = self.view.hovered != node;
        self.view.hovered = node;
        changed
    }

    /// The visible node under a screen point, if any (`slop`: extra pixels for fingers).
    pub fn hit(&self, x: f32, y: f32, slop: f32) -> Option<u32> {
        let camera = self.camera();
        let w = camera.screen_to_world([x, y]);
        self.hits.hit(&self.layout, w, (slop + 2.0) / camera.zoom)
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
            self.focus(n);
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
                let pointer = Pointer {
                    id,
                    pos: [x, y],
                    touch,
                };
                self.gestures.down(pointer, time_ms);
                self.camera.stop();
                Response {
                    consumed: true,
                    ..Response::default()
                }
            }
            Input::PointerMove { id, x, y } => {
                let mut camera = self.camera.now();
                let Some(moved) = self.gestures.moved(id, [x, y], &mut camera) else {
                    let hovered = self.hit(x, y, 0.0);
                    return Response {
                        redraw: self.hover(hovered),
                        ..Response::default()
                    };
                };
                if moved {
                    self.camera.by_hand(camera);
                }
                Response {
                    consumed: true,
                    redraw: moved,
                    ..Response::default()
                }
            }
            Input::PointerUp { id, x, y, time_ms } => {
                let Some(tap) = self.gestures.up(id, [x, y], time_ms) else {
                    return Response {
                        consumed: true,
                        redraw: true,
                        ..Response::default()
                    };
                };
                // Double tap on touch zooms in, like a double click.
                if tap.double && self.hit(x, y, 10.0).is_none() {
                    self.gestures.forget_tap();
                    return self.handle(Input::DoubleClick { x, y }, measure);
                }
                self.click(x, y, tap.touch)
            }
            Input::PointerCancel { id } => {
                self.gestures.cancel(id);
                Response::default()
            }
            Input::PointerLeave => Response {
                redraw: self.hover(None),
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
                let factor = (-delta_y.clamp(-120.0, 120.0) * 0.01).exp();
                let mut to = self.camera.now();
                to.zoom_about([x, y], factor);
                self.camera.by_hand(to);
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
                self.camera.follow(false);
                let mut to = self.camera.now();
                to.zoom_about([x, y], 2.0);
                self.camera.move_to(to);
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
    // A repeated id takes the last node's place.
    let index = StrIndex::new(ids.iter().map(String::as_str).collect());
    let mut positions = vec![None; ids.len()];
    for SavedPosition(id, x, y) in &saved.positions {
        if let Some(i) = index.last(id).map(|i| i as usize)
            && x.is_finite()
            && y.is_finite()
        {
            positions[i] = Some([*x, *y]);
        }
    }
    let complete = (1..ids.len()).all(|i| !visible[i] || positions[i].is_some());
    complete.then_some((positions, saved.aspect))
}
