//! The scene: what to draw this frame, in screen pixels, as plain data.
//!
//! Built from the graph, the layout's positions, the camera and the view state; the web
//! renderer only executes it. Display state (selection, hover, folding) is applied here, so
//! the model and the layout never change for display.

use super::camera::Camera;
use super::labels::{self, Align, Anchor, Candidate, Label, Obstacle, Rect, Shorter, Side};
use super::style::{self, Rgb};
use super::text::{TextMeasure, wrap, wrap_whole};
use crate::layout::Layout;
use crate::model::{LinkKind, MindGraph};

/// Display state the scene depends on, owned by the interaction layer.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ViewState {
    pub selected: Option<u32>,
    pub hovered: Option<u32>,
    /// Per node: is this lever unfolded (its contributions shown)?
    pub unfolded: Vec<bool>,
    /// Per node: how many contributions hang from it (levers only; 0 elsewhere).
    pub counts: Vec<u32>,
    /// Per node: how many of those pass the filters (empty: no filter, `counts` is shown).
    pub kept: Vec<u32>,
    /// Per node: drawn faded (filtered out). Empty: nothing is.
    pub dimmed: Vec<bool>,
    /// Per node: highlighted as a search result (or a folded lever holding one). Empty: none.
    pub matched: Vec<bool>,
    /// The node the keyboard is on (arrow keys move it).
    pub focused: Option<u32>,
    /// Draw the keyboard focus ring (the map has keyboard focus).
    pub focus_visible: bool,
    /// Screen pixels along the top covered by the page's controls (the search bar): no label is
    /// placed there while another of its places is free.
    pub top_band: f32,
    /// The words of a group's count, in the page's language.
    pub group_text: GroupText,
}

/// The label of a group of contributions drawn as one disc (« 124 contributions »): the page
/// gives it in its language (`www/src/i18n.js`); French until then.
#[derive(Clone, Debug, PartialEq)]
pub struct GroupText {
    /// For one contribution.
    pub one: String,
    /// For several: `{n}` stands for the count.
    pub many: String,
}

impl Default for GroupText {
    fn default() -> GroupText {
        GroupText {
            one: "1 contribution".into(),
            many: "{n} contributions".into(),
        }
    }
}

impl GroupText {
    pub fn format(&self, count: u32) -> String {
        if count == 1 {
            self.one.clone()
        } else {
            self.many.replace("{n}", &count.to_string())
        }
    }
}

impl ViewState {
    pub fn is_dimmed(&self, i: u32) -> bool {
        self.dimmed.get(i as usize).copied().unwrap_or(false)
    }

    pub fn is_matched(&self, i: u32) -> bool {
        self.matched.get(i as usize).copied().unwrap_or(false)
    }

    /// Is the keyboard focus ring drawn on node `i`?
    pub fn shows_focus(&self, i: u32) -> bool {
        self.focus_visible && self.focused == Some(i)
    }

    /// The count shown for node `i`: what passes the filters, or everything.
    pub fn shown_count(&self, i: u32) -> u32 {
        self.kept
            .get(i as usize)
            .or_else(|| self.counts.get(i as usize))
            .copied()
            .unwrap_or(0)
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct LinkDraw {
    pub from: [f32; 2],
    pub to: [f32; 2],
    pub color: Rgb,
    pub width: f32,
}

#[derive(Clone, Debug, PartialEq)]
pub struct NodeDraw {
    pub node: u32,
    pub center: [f32; 2],
    pub radius: f32,
    pub fill: Rgb,
    pub stroke: Rgb,
    pub stroke_width: f32,
    /// A ring around the node: selection or hover.
    pub ring: Option<Rgb>,
    /// A wide disc under the node: a search result.
    pub halo: Option<Rgb>,
    /// The keyboard focus ring (dashed, outside the others).
    pub focus: bool,
}

/// A count drawn on a folded lever: a disc, or a pill as wide as its text needs.
#[derive(Clone, Debug, PartialEq)]
pub struct Badge {
    pub node: u32,
    pub center: [f32; 2],
    /// Half the height (the radius of the rounded ends).
    pub radius: f32,
    /// Half the width (equal to `radius` for a disc).
    pub half_width: f32,
    pub font_px: f32,
    pub text: String,
    pub color: Rgb,
}

impl Badge {
    pub fn bounds(&self) -> Rect {
        Rect {
            min: [
                self.center[0] - self.half_width,
                self.center[1] - self.radius,
            ],
            max: [
                self.center[0] + self.half_width,
                self.center[1] + self.radius,
            ],
        }
    }
}

/// Zoomed out, the contributions of an unfolded lever drawn as one disc with their count.
#[derive(Clone, Debug, PartialEq)]
pub struct GroupDraw {
    /// The lever.
    pub node: u32,
    pub center: [f32; 2],
    pub radius: f32,
    pub color: Rgb,
    pub count: u32,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Scene {
    pub width: f32,
    pub height: f32,
    /// Drawn first, grouped by style (same colour and width are consecutive).
    pub links: Vec<LinkDraw>,
    /// Drawn under the nodes.
    pub groups: Vec<GroupDraw>,
    pub nodes: Vec<NodeDraw>,
    pub badges: Vec<Badge>,
    pub labels: Vec<Label>,
    /// The full label of the hovered node when its drawn label is cut or absent.
    pub tooltip: Option<Tooltip>,
}

/// A box with the full text of a node, drawn above everything (as text, never markup).
#[derive(Clone, Debug, PartialEq)]
pub struct Tooltip {
    pub node: u32,
    pub lines: Vec<String>,
    pub font_px: f32,
    pub line_height: f32,
    pub padding: f32,
    pub bounds: Rect,
}

/// Beyond this many visible links between contributions, they are drawn fainter.
const DENSE_CROSS_LINKS: usize = 300;
/// Length in screen pixels of the stub drawn instead of a link to a folded lever.
const STUB_PX: f32 = 14.0;
/// Smallest on-screen radius, so nodes stay visible and clickable when zoomed out.
const MIN_SCREEN_RADIUS: f32 = 2.5;
/// Below this zoom, contributions are drawn as one group per lever (level of detail).
pub const GROUP_BELOW_ZOOM: f32 = 0.4;
/// From this zoom on, contributions get their own labels (when there is room).
pub const CONTRIBUTION_LABELS_FROM_ZOOM: f32 = 0.9;

/// Which lever a visible contribution is grouped under when zoomed out (its first lever, if
/// that lever is unfolded); `None` when drawn on its own.
fn group_of(graph: &MindGraph, state: &ViewState, i: u32) -> Option<u32> {
    let node = &graph.nodes[i as usize];
    if node.level < 3 || state.selected == Some(i) || state.hovered == Some(i) {
        return None;
    }
    node.parent
        .filter(|&p| state.unfolded.get(p as usize).copied().unwrap_or(false))
}

/// What is drawn of the map this frame, in screen pixels, in named steps: the groups a
/// zoomed-out view draws as discs, the links, the nodes with their count badges, then the
/// labels that find room among them, and the tooltip.
pub fn build(
    graph: &MindGraph,
    layout: &Layout,
    camera: &Camera,
    state: &ViewState,
    measure: &mut dyn TextMeasure,
) -> Scene {
    let frame = Frame::new(graph, layout, camera, state);
    let mut scene = Scene {
        width: camera.width,
        height: camera.height,
        ..Scene::default()
    };
    scene.groups = groups(&frame);
    scene.links = links(&frame);
    let mut candidates = nodes_and_badges(&frame, &mut scene, measure);
    for g in &scene.groups {
        candidates.push(group_label(g, &state.group_text, measure));
    }
    let obstacles = obstacles(&scene, state);
    scene.labels = labels::select(candidates, &obstacles, camera.width, camera.height, measure);
    // Deepest level first (the motion on top), then by style so the renderer batches them.
    crate::model::order::sort_by_key(&mut scene.nodes, |n| {
        let level = u8::MAX - graph.nodes[n.node as usize].level;
        let style = [
            level, n.fill.0, n.fill.1, n.fill.2, n.stroke.0, n.stroke.1, n.stroke.2,
        ];
        let key = style.iter().fold(0u128, |k, &b| (k << 8) | u128::from(b));
        (key << 32) | u128::from(n.node)
    });
    // The hovered node's whole text; with nothing hovered (a phone has no hover), the selected
    // axis or lever's whole title when its label is cut, so that a tap reads it.
    let tipped = state.hovered.or(state.selected.filter(|&s| {
        graph
            .nodes
            .get(s as usize)
            .is_some_and(|n| (1..=2).contains(&n.level))
    }));
    if let Some(h) = tipped {
        scene.tooltip = tooltip(graph, &scene, camera, state.top_band, h, measure);
    }
    scene
}

/// What every step of [`build`] reads: the inputs, each node's screen position, and whether
/// the view is zoomed out far enough to draw unfolded levers' contributions as groups.
struct Frame<'a> {
    graph: &'a MindGraph,
    layout: &'a Layout,
    camera: &'a Camera,
    state: &'a ViewState,
    screen: Vec<[f32; 2]>,
    grouped: bool,
}

impl<'a> Frame<'a> {
    fn new(
        graph: &'a MindGraph,
        layout: &'a Layout,
        camera: &'a Camera,
        state: &'a ViewState,
    ) -> Frame<'a> {
        Frame {
            graph,
            layout,
            camera,
            state,
            screen: (0..graph.len() as u32)
                .map(|i| camera.world_to_screen(layout.position(i)))
                .collect(),
            grouped: camera.zoom < GROUP_BELOW_ZOOM,
        }
    }

    fn radius(&self, i: u32) -> f32 {
        (self.layout.radius(i) * self.camera.zoom).max(MIN_SCREEN_RADIUS)
    }

    /// Is `p` within `margin` pixels of the screen?
    fn on_screen(&self, p: [f32; 2], margin: f32) -> bool {
        p[0] >= -margin
            && p[1] >= -margin
            && p[0] <= self.camera.width + margin
            && p[1] <= self.camera.height + margin
    }

    /// Is node `i` drawn inside its lever's group instead of on its own?
    fn hidden_in_group(&self, i: u32) -> bool {
        self.grouped && group_of(self.graph, self.state, i).is_some()
    }
}

/// Zoomed out, each unfolded lever's visible contributions are one disc: at their centroid,
/// as large as an evenly filled disc of their spread, with their count. In lever order.
fn groups(f: &Frame) -> Vec<GroupDraw> {
    if !f.grouped {
        return Vec::new();
    }
    let (graph, layout) = (f.graph, f.layout);
    // Sum of positions and count per lever, in world units; then the sum of squared distances
    // to the centroid.
    let mut sum = vec![([0.0f32, 0.0f32], 0u32); graph.len()];
    let members: Vec<(u32, u32)> = (0..graph.len() as u32)
        .filter(|&i| layout.is_visible(i))
        .filter_map(|i| group_of(graph, f.state, i).map(|g| (i, g)))
        .collect();
    for &(i, g) in &members {
        let p = layout.position(i);
        let e = &mut sum[g as usize];
        e.0 = [e.0[0] + p[0], e.0[1] + p[1]];
        e.1 += 1;
    }
    let centroid = |g: u32| {
        let (s, n) = sum[g as usize];
        [s[0] / n as f32, s[1] / n as f32]
    };
    let mut spread = vec![0.0f32; graph.len()];
    for &(i, g) in &members {
        let (c, p) = (centroid(g), layout.position(i));
        spread[g as usize] += (p[0] - c[0]).powi(2) + (p[1] - c[1]).powi(2);
    }
    let mut out = Vec::new();
    for g in 0..graph.len() as u32 {
        let n = sum[g as usize].1;
        if n == 0 {
            continue;
        }
        let c = f.camera.world_to_screen(centroid(g));
        // RMS distance × √2: the radius of an evenly filled disc, not inflated by outliers.
        let rms = (spread[g as usize] / n as f32).sqrt();
        let r = ((rms * std::f32::consts::SQRT_2 + 7.0) * f.camera.zoom).max(6.0);
        if f.on_screen(c, r) {
            out.push(GroupDraw {
                node: g,
                center: c,
                radius: r,
                color: style::axis_color(graph.nodes[g as usize].axis).tint(0.55),
                count: n,
            });
        }
    }
    out
}

/// The links to draw, culled when both ends are far off screen, styled by kind and state, and
/// sorted by style so the renderer strokes each style once.
fn links(f: &Frame) -> Vec<LinkDraw> {
    let (graph, layout, camera, state) = (f.graph, f.layout, f.camera, f.state);
    let highlight = state.hovered.or(state.selected);
    // Many links between contributions would hide the tree: past a few hundred they fade.
    let dense = graph
        .links
        .iter()
        .filter(|l| {
            l.kind == LinkKind::Cross && layout.is_visible(l.source) && layout.is_visible(l.target)
        })
        .count()
        > DENSE_CROSS_LINKS;
    let mut out = Vec::new();
    for link in &graph.links {
        let (a, b) = (link.source, link.target);
        if !layout.is_visible(a)
            || !layout.is_visible(b)
            || f.hidden_in_group(a)
            || f.hidden_in_group(b)
        {
            continue;
        }
        let (pa, pb) = (f.screen[a as usize], f.screen[b as usize]);
        let (lo, hi) = (
            [pa[0].min(pb[0]), pa[1].min(pb[1])],
            [pa[0].max(pb[0]), pa[1].max(pb[1])],
        );
        if hi[0] < 0.0 || hi[1] < 0.0 || lo[0] > camera.width || lo[1] > camera.height {
            continue;
        }
        let lit = highlight.is_some_and(|h| h == a || h == b)
            || state
                .focused
                .is_some_and(|x| state.focus_visible && (x == a || x == b));
        let child = &graph.nodes[b as usize];
        // A contribution shown under one lever that also speaks to a folded lever: a short
        // stub towards it, not a line across the map (the whole line when either end is
        // hovered, selected or focused).
        let (pa, pb, stub) = if !lit
            && link.kind == LinkKind::LeverContribution
            && child.parent != Some(a)
            && !state.unfolded.get(a as usize).copied().unwrap_or(false)
        {
            let (dx, dy) = (pa[0] - pb[0], pa[1] - pb[1]);
            let len = (dx * dx + dy * dy).sqrt();
            if len > STUB_PX * 2.0 {
                let k = STUB_PX / len;
                (pb, [pb[0] + dx * k, pb[1] + dy * k], true)
            } else {
                (pa, pb, false)
            }
        } else {
            (pa, pb, false)
        };
        let faded = state.is_dimmed(a) || state.is_dimmed(b);
        let (color, width) = match (lit, link.kind) {
            (true, _) => (style::axis_color(child.axis), 2.5),
            (false, LinkKind::MotionAxis) => (style::axis_color(child.axis).tint(0.35), 3.0),
            (false, LinkKind::AxisLever) => (style::axis_color(child.axis).tint(0.45), 2.0),
            (false, LinkKind::LeverContribution) if stub => (style::LINK.tint(0.3), 1.0),
            (false, LinkKind::LeverContribution) => (style::LINK, 1.0),
            (false, LinkKind::Cross) if dense => (style::LINK.tint(0.75), 0.75),
            (false, LinkKind::Cross) => (style::LINK.tint(0.5), 0.75),
        };
        let color = if faded && !lit {
            color.tint(style::DIM)
        } else {
            color
        };
        out.push(LinkDraw {
            from: pa,
            to: pb,
            color,
            width,
        });
    }
    crate::model::order::sort_by_key(&mut out, |x| {
        (u128::from(x.color.0) << 56)
            | (u128::from(x.color.1) << 48)
            | (u128::from(x.color.2) << 40)
            | u128::from(crate::model::order::f32_key(x.width))
    });
    out
}

/// The visible nodes on screen (deepest level first, so the motion and axes are drawn on
/// top), the count badges of folded levers, and the label candidates of every node near the
/// screen (a label may reach in from a node just outside it).
fn nodes_and_badges<'a>(
    f: &Frame<'a>,
    scene: &mut Scene,
    measure: &mut dyn TextMeasure,
) -> Vec<Candidate<'a>> {
    let (graph, state) = (f.graph, f.state);
    let mut order: Vec<u32> = (0..graph.len() as u32)
        .filter(|&i| f.layout.is_visible(i) && !f.hidden_in_group(i))
        .collect();
    crate::model::order::sort_by_key(&mut order, |&i| {
        (u128::from(u8::MAX - graph.nodes[i as usize].level) << 32) | u128::from(i)
    });
    let mut candidates = Vec::new();
    for i in order {
        let node = &graph.nodes[i as usize];
        let p = f.screen[i as usize];
        let r = f.radius(i);
        if !f.on_screen(p, r + 300.0) {
            continue;
        }
        let axis = style::axis_color(node.axis);
        let (fill, stroke, stroke_width) = match node.level {
            0 => (style::MOTION, style::MOTION, 0.0),
            1 => (axis, axis, 0.0),
            // A « Non classées » group: grey, apart from the axes' colours.
            2 if graph.is_group(i) => (style::UNCLASSIFIED.tint(0.8), style::UNCLASSIFIED, 3.0),
            2 => (Rgb(0xff, 0xff, 0xff), axis, 3.0),
            _ => (axis.tint(0.55), axis, 1.25),
        };
        let (fill, stroke) = if state.is_dimmed(i) {
            (fill.tint(style::DIM), stroke.tint(style::DIM))
        } else {
            (fill, stroke)
        };
        let ring = if state.selected == Some(i) {
            Some(style::SELECTION)
        } else if state.hovered == Some(i) {
            Some(style::TEXT)
        } else {
            None
        };
        if f.on_screen(p, r) {
            scene.nodes.push(NodeDraw {
                node: i,
                center: p,
                radius: r,
                fill,
                stroke,
                stroke_width,
                ring,
                halo: state.is_matched(i).then_some(style::MATCH),
                focus: state.shows_focus(i),
            });
        }
        let count = state.shown_count(i);
        let unfolded = state.unfolded.get(i as usize).copied().unwrap_or(false);
        if node.level == 2 && count > 0 && !unfolded && f.on_screen(p, r) {
            let font = style::MIN_FONT_PX;
            let br = (r * 0.55).clamp(font * 0.7, 14.0);
            let text = count.to_string();
            let half_width = (measure.width(&text, font, true) * 0.5 + 3.0).max(br);
            scene.badges.push(Badge {
                node: i,
                center: [p[0] + r * 0.75, p[1] - r * 0.75],
                radius: br,
                half_width,
                font_px: font,
                text,
                color: axis,
            });
        }
        if let Some(c) = label_candidate(graph, f.layout, f.camera, state, i, p, r, measure) {
            candidates.push(c);
        }
    }
    candidates
}

/// What labels must not cover: every drawn node (but its own label may touch it), every badge,
/// and the band the page's controls cover along the top.
fn obstacles(scene: &Scene, state: &ViewState) -> Vec<Obstacle> {
    let mut obstacles: Vec<Obstacle> = scene
        .nodes
        .iter()
        .map(|n| Obstacle {
            node: n.node,
            bounds: circle_box(n.center, n.radius + 1.0),
        })
        .collect();
    obstacles.extend(scene.badges.iter().map(|b| Obstacle {
        node: b.node,
        bounds: b.bounds(),
    }));
    if state.top_band > 0.0 {
        // The page's controls: an obstacle of no node, so every label avoids it.
        obstacles.push(Obstacle {
            node: u32::MAX,
            bounds: Rect {
                min: [0.0, 0.0],
                max: [scene.width, state.top_band],
            },
        });
    }
    obstacles
}

/// A tooltip for node `h` unless its whole label is already drawn, kept below the `top`
/// pixels the page's controls cover (as labels are).
fn tooltip(
    graph: &MindGraph,
    scene: &Scene,
    camera: &Camera,
    top: f32,
    h: u32,
    measure: &mut dyn TextMeasure,
) -> Option<Tooltip> {
    let text = graph.nodes.get(h as usize)?.label.trim();
    if text.is_empty() {
        return None;
    }
    let drawn = scene
        .labels
        .iter()
        .find(|l| l.node == h)
        .map(|l| l.lines.join(" "));
    if drawn.as_deref() == Some(text) {
        return None;
    }
    let node = scene.nodes.iter().find(|n| n.node == h)?;
    let font = 13.0;
    let max_width = (camera.width - 16.0).clamp(80.0, 320.0);
    let lines = wrap(text, max_width, 8, font, false, measure);
    let line_height = (font * 1.3).round();
    let padding = 6.0;
    let width = lines
        .iter()
        .map(|l| measure.width(l, font, false))
        .fold(0.0f32, f32::max)
        + 2.0 * padding;
    let height = line_height * lines.len() as f32 + 2.0 * padding;
    // Above the node if there is room below the controls, else below; kept inside the viewport
    // and out of the controls' band.
    let top = super::clamp(top, 0.0, camera.height);
    let mut y = node.center[1] - node.radius - 8.0 - height;
    if y < top {
        y = node.center[1] + node.radius + 8.0;
    }
    let x = super::clamp(
        node.center[0] - width * 0.5,
        0.0,
        (camera.width - width).max(0.0),
    );
    let y = super::clamp(y, top, (camera.height - height).max(top));
    Some(Tooltip {
        node: h,
        lines,
        font_px: font,
        line_height,
        padding,
        bounds: Rect {
            min: [x, y],
            max: [x + width, y + height],
        },
    })
}

/// Do these lines read as the whole of `text` (nothing cut)?
fn is_whole(lines: &[String], text: &str) -> bool {
    let mut drawn = lines.iter().flat_map(|l| l.split_whitespace());
    let mut words = text.split_whitespace();
    loop {
        match (drawn.next(), words.next()) {
            (None, None) => return true,
            (Some(a), Some(b)) if a == b => {}
            _ => return false,
        }
    }
}

fn circle_box(c: [f32; 2], r: f32) -> Rect {
    Rect {
        min: [c[0] - r, c[1] - r],
        max: [c[0] + r, c[1] + r],
    }
}

/// « 124 contributions », centred on a group.
fn group_label(
    g: &GroupDraw,
    words: &GroupText,
    measure: &mut dyn TextMeasure,
) -> Candidate<'static> {
    let font = style::font_px(3);
    let text = words.format(g.count);
    let width = measure.width(&text, font, false);
    let line_height = (font * 1.25).round();
    let (x, y) = (g.center[0], g.center[1] - line_height * 0.5);
    Candidate {
        priority: 3,
        forced: false,
        must: false,
        alternatives: Vec::new(),
        shorter: None,
        label: Label {
            node: g.node,
            lines: vec![text],
            font_px: font,
            bold: false,
            align: Align::Center,
            x,
            y,
            line_height,
            bounds: Rect {
                min: [x - width * 0.5 - 2.0, y - 1.0],
                max: [x + width * 0.5 + 2.0, y + line_height + 1.0],
            },
        },
    }
}

/// Where the label of node `i` goes: outward from the motion, beside or above/below the node.
#[allow(clippy::too_many_arguments)]
fn label_candidate<'a>(
    graph: &'a MindGraph,
    layout: &Layout,
    camera: &Camera,
    state: &ViewState,
    i: u32,
    p: [f32; 2],
    r: f32,
    measure: &mut dyn TextMeasure,
) -> Option<Candidate<'a>> {
    let node = &graph.nodes[i as usize];
    let level = node.level;
    let emphasised = state.selected == Some(i) || state.hovered == Some(i) || state.shows_focus(i);
    // Contributions are labelled once there is room for them on screen; filtered-out ones are not.
    if level >= 3
        && !emphasised
        && (camera.zoom < CONTRIBUTION_LABELS_FROM_ZOOM || state.is_dimmed(i))
    {
        return None;
    }
    let scale = camera.zoom.sqrt().clamp(0.8, 1.15);
    let font = (style::font_px(level) * scale).max(style::MIN_FONT_PX);
    let bold = level <= 1;
    // Narrow screens get narrower labels (the full text is in the panel).
    let wrap_width = (style::wrap_width(level) * scale).min((camera.width * 0.24).max(70.0));
    let line_height = (font * 1.25).round();
    let usual = wrap(
        &node.label,
        wrap_width,
        style::max_lines(level),
        font,
        bold,
        measure,
    );
    if usual.is_empty() {
        return None;
    }
    let width_of = |lines: &[String], measure: &mut dyn TextMeasure| {
        lines
            .iter()
            .map(|l| measure.width(l, font, bold))
            .fold(0.0f32, f32::max)
    };
    // The forms of the text, tried in order: a title the usual box cuts gets wider and taller
    // boxes first (the motion, its axes and its levers are meant to be read in full), then
    // boxes as wide as the usual one or narrower but taller (for a node near the element's
    // edge, where a wider box has no room), then the usual box.
    let mut forms: Vec<(Vec<String>, f32)> = Vec::new();
    if level <= 2 && !is_whole(&usual, &node.label) {
        let widest = (camera.width * 0.45).max(wrap_width);
        for (k, more) in [(1.3, 1), (1.6, 2), (1.6, 4), (1.0, 2), (0.8, 3)] {
            let w = (wrap_width * k).min(widest);
            let form = wrap_whole(
                &node.label,
                w,
                style::max_lines(level) + more,
                font,
                bold,
                measure,
            );
            if let Some(form) = form
                && !forms.iter().any(|(f, _)| *f == form)
            {
                let fw = width_of(&form, measure);
                forms.push((form, fw));
            }
        }
    }
    let usual_width = width_of(&usual, measure);
    forms.push((usual, usual_width));
    let gap = 4.0;

    let origin = camera.world_to_screen(layout.position(0));
    let (dx, dy) = (p[0] - origin[0], p[1] - origin[1]);
    let len = (dx * dx + dy * dy).sqrt();
    let outward = if level == 0 || len < 1.0 {
        Side::Below
    } else if dx.abs() / len > 0.45 {
        if dx > 0.0 { Side::Right } else { Side::Left }
    } else if dy > 0.0 {
        Side::Below
    } else {
        Side::Above
    };
    // Axes sit between the motion and their levers: outward would run into the middle lever.
    let order: [Side; 5] = match level {
        0 => [
            Side::Below,
            Side::Above,
            Side::Right,
            Side::Left,
            Side::Below,
        ],
        1 => match outward {
            Side::Left | Side::Right => [
                Side::Below,
                Side::Above,
                outward,
                outward.opposite(),
                Side::Below,
            ],
            _ => [
                Side::Right,
                Side::Left,
                outward,
                outward.opposite(),
                Side::Right,
            ],
        },
        _ => [outward, Side::Below, Side::Above, Side::Right, Side::Left],
    };
    let anchor = Anchor {
        center: p,
        radius: r,
        gap,
        screen_width: camera.width,
    };
    let priority = match (level, emphasised) {
        (0, _) => 0,
        // On a narrow screen the levers' titles go first: they are the motion.
        (1, _) if camera.width < 600.0 => 2,
        (2, _) if camera.width < 600.0 => 1,
        (1, _) => 1,
        (2, _) => 2,
        (_, true) => 3,
        _ => 4,
    };
    let mut placements: Vec<Label> = Vec::new();
    for (lines, width) in &forms {
        let height = line_height * lines.len() as f32;
        for side in order {
            let (align, x, y, bounds) = anchor.place(side, *width, height);
            let placed = Label {
                node: i,
                lines: lines.clone(),
                font_px: font,
                bold,
                align,
                x,
                y,
                line_height,
                bounds,
            };
            if !placements.contains(&placed) {
                placements.push(placed);
            }
        }
    }
    let label = placements.remove(0);
    // Shorter forms, tried everywhere before giving up: one line, then half as wide.
    let shorter = (level <= 2).then_some(Shorter {
        text: &node.label,
        widths: [wrap_width, wrap_width * 0.5],
        anchor,
        order,
    });
    // No label is ever drawn over another label or another node: one that finds no room in any
    // form is left out (its full title is in the panel and the tooltip, and zooming in brings
    // it back). On ordinary screens the motion, every axis and every lever find room.
    Some(Candidate {
        priority,
        forced: false,
        must: false,
        alternatives: placements,
        shorter,
        label,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::synthetic::synthetic_graph;
    use crate::view::text::ApproxMeasure;

    /// A synthetic map with every node visible, its planned layout (no tick), a camera of
    /// 1 200 × 800 at `zoom` centred on the motion, and the view state of the folded map
    /// with the levers in `unfolded` unfolded.
    fn map(zoom: f32, unfolded: &[u32]) -> (MindGraph, Layout, Camera, ViewState) {
        let graph = synthetic_graph(300, 3);
        let layout = Layout::new(&graph, &vec![true; graph.len()]);
        let mut camera = Camera::new(1200.0, 800.0);
        camera.zoom = zoom;
        let mut state = ViewState {
            unfolded: vec![false; graph.len()],
            counts: (0..graph.len())
                .map(|i| {
                    if graph.nodes[i].level == 2 {
                        graph.contributions_of(i as u32).count() as u32
                    } else {
                        0
                    }
                })
                .collect(),
            ..ViewState::default()
        };
        for &l in unfolded {
            state.unfolded[l as usize] = true;
        }
        (graph, layout, camera, state)
    }

    fn levers(graph: &MindGraph) -> Vec<u32> {
        (0..graph.len() as u32)
            .filter(|&i| graph.nodes[i as usize].level == 2)
            .collect()
    }

    #[test]
    fn zoomed_out_an_unfolded_levers_contributions_are_one_disc_at_their_centroid() {
        let (graph, layout, _, _) = map(1.0, &[]);
        let lever = levers(&graph)[0];
        let (_, _, camera, state) = map(0.2, &[lever]);
        let frame = Frame::new(&graph, &layout, &camera, &state);
        let drawn = groups(&frame);
        let children: Vec<u32> = (0..graph.len() as u32)
            .filter(|&i| graph.nodes[i as usize].parent == Some(lever))
            .collect();
        assert_eq!(drawn.len(), 1, "{drawn:?}");
        let g = &drawn[0];
        assert_eq!((g.node, g.count), (lever, children.len() as u32));
        let n = children.len() as f32;
        let c = children.iter().fold([0.0, 0.0], |s, &i| {
            let p = layout.position(i);
            [s[0] + p[0] / n, s[1] + p[1] / n]
        });
        let expected = camera.world_to_screen(c);
        assert!((g.center[0] - expected[0]).abs() < 0.5 && (g.center[1] - expected[1]).abs() < 0.5);
        // Its members are neither nodes nor link ends of the scene.
        let scene = build(&graph, &layout, &camera, &state, &mut ApproxMeasure);
        assert!(scene.nodes.iter().all(|d| !children.contains(&d.node)));
        // Close up, no group.
        let (_, _, near, _) = map(1.0, &[]);
        assert!(groups(&Frame::new(&graph, &layout, &near, &state)).is_empty());
    }

    #[test]
    fn a_link_to_a_folded_lever_is_a_stub_until_its_contribution_is_selected() {
        let (graph, layout, camera, mut state) = map(1.0, &[]);
        // A contribution under its lever that also speaks to a second, folded lever.
        let (c, other) = (0..graph.len() as u32)
            .find_map(|i| {
                let node = &graph.nodes[i as usize];
                graph.links.iter().find_map(|l| {
                    (l.kind == LinkKind::LeverContribution
                        && l.target == i
                        && node.parent != Some(l.source))
                    .then_some((i, l.source))
                })
            })
            .expect("a two-lever contribution");
        let parent = graph.nodes[c as usize].parent.unwrap();
        state.unfolded[parent as usize] = true;
        let screen = |i: u32| camera.world_to_screen(layout.position(i));
        let towards = |links: &[LinkDraw]| {
            links
                .iter()
                .find(|d| d.from == screen(c) && d.to != screen(parent))
                .map(|d| ((d.to[0] - d.from[0]).hypot(d.to[1] - d.from[1]), d.to))
        };
        let far = {
            let (a, b) = (screen(c), screen(other));
            (a[0] - b[0]).hypot(a[1] - b[1])
        };
        assert!(
            far > 2.0 * STUB_PX,
            "the two levers are apart on screen ({far})"
        );
        let frame = Frame::new(&graph, &layout, &camera, &state);
        let (len, _) = towards(&links(&frame)).expect("a stub from the contribution");
        assert!(
            (len - STUB_PX).abs() < 0.01,
            "a stub of {STUB_PX} px, not {len}"
        );
        state.selected = Some(c);
        let frame = Frame::new(&graph, &layout, &camera, &state);
        let whole = links(&frame).iter().any(|d| {
            (d.from == screen(other) && d.to == screen(c))
                || (d.from == screen(c) && d.to == screen(other))
        });
        assert!(whole, "selected, the whole link is drawn");
    }

    #[test]
    fn folded_levers_carry_their_count_and_off_screen_nodes_are_culled() {
        let (graph, layout, mut camera, state) = map(1.0, &[]);
        let mut scene = Scene::default();
        let frame = Frame::new(&graph, &layout, &camera, &state);
        nodes_and_badges(&frame, &mut scene, &mut ApproxMeasure);
        let mut seen = 0;
        for l in levers(&graph) {
            let badge = scene.badges.iter().find(|b| b.node == l);
            if frame.on_screen(frame.screen[l as usize], frame.radius(l)) {
                seen += 1;
                assert_eq!(
                    badge.map(|b| b.text.clone()),
                    Some(state.counts[l as usize].to_string())
                );
            }
        }
        assert!(seen > 0, "some levers are on screen");
        // Far away from the map, nothing is drawn.
        camera.center = [1.0e6, 1.0e6];
        let mut scene = Scene::default();
        let frame = Frame::new(&graph, &layout, &camera, &state);
        let candidates = nodes_and_badges(&frame, &mut scene, &mut ApproxMeasure);
        assert!(scene.nodes.is_empty() && scene.badges.is_empty() && candidates.is_empty());
        assert!(links(&frame).is_empty());
    }

    #[test]
    fn the_tooltip_keeps_out_of_the_controls_band() {
        let (graph, layout, mut camera, mut state) = map(1.0, &[]);
        // A hovered node whose label the map does not draw whole, 70 px from the top: its tooltip
        // fits above it, but not below a 46 px band of controls.
        let at_top = |camera: &mut Camera, n: u32| {
            let p = layout.position(n);
            camera.center = [p[0], p[1] + camera.height * 0.5 - 70.0];
        };
        let (node, open) = (0..graph.len() as u32)
            .find_map(|n| {
                state.hovered = Some(n);
                at_top(&mut camera, n);
                let t = build(&graph, &layout, &camera, &state, &mut ApproxMeasure).tooltip?;
                Some((n, t))
            })
            .expect("a node with a tooltip");
        assert!(
            open.bounds.min[1] < 46.0,
            "without controls it sits at the top: {open:?}"
        );
        state.hovered = Some(node);
        at_top(&mut camera, node);
        state.top_band = 46.0;
        let scene = build(&graph, &layout, &camera, &state, &mut ApproxMeasure);
        let t = scene.tooltip.expect("the node's whole label");
        assert!(t.bounds.min[1] >= 46.0, "below the controls: {t:?}");
        let n = scene.nodes.iter().find(|d| d.node == node).unwrap();
        assert!(t.bounds.min[1] > n.center[1], "below the node: {t:?}");
    }

    #[test]
    fn labels_keep_off_nodes_badges_and_the_controls_band() {
        let (graph, layout, camera, mut state) = map(1.0, &[]);
        state.top_band = 46.0;
        let scene = build(&graph, &layout, &camera, &state, &mut ApproxMeasure);
        let obstacles = obstacles(&scene, &state);
        assert_eq!(obstacles.len(), scene.nodes.len() + scene.badges.len() + 1);
        let band = obstacles.last().unwrap();
        assert_eq!((band.node, band.bounds.max), (u32::MAX, [1200.0, 46.0]));
        for l in &scene.labels {
            for o in obstacles.iter().filter(|o| o.node != l.node) {
                assert!(!l.bounds.overlaps(&o.bounds), "{l:?} covers {o:?}");
            }
        }
    }
}
