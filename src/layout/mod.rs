//! Pure, deterministic force layout of a [`MindGraph`], driven by fdg-sim.
//!
//! The graph lives in an fdg-sim [`ForceGraph`]: node weights carry each node's attributes
//! (level, radius, charge, visibility, target), edge weights each link's rest length and
//! strength. One fdg-sim [`Force`] runs our forces over flat arrays gathered from the graph:
//! the physics crate (`crates/forces`, re-exported as [`forces`]: one force per file, the
//! tick in `sim.rs`).
//!
//! Contract used by `view` and `interaction`:
//! - `Layout::new(&graph, &visible)` places visible nodes deterministically (no global RNG).
//! - `tick(n)` advances the simulation n steps; it knows nothing of timers.
//! - `is_settled()` is true once the simulation has cooled (see [`Layout::tick`]).
//! - `show(&nodes)` makes hidden nodes visible: contributions start in the petal of the lever
//!   being unfolded (see [`init`]); nodes that were already visible do not move at all while
//!   the new ones settle (warm restart).
//! - `hide(&nodes)` removes nodes from the simulation; the others stay where they are.
//! - `position(i)` is in world units; the motion is at (0, 0).

pub mod init;
pub mod metrics;
mod trig;

/// The physics, compiled for speed in a crate of its own (`crates/forces`).
pub use carte_mentale_forces as forces;
pub use carte_mentale_forces::{grid, quadtree, rng};

use fdg_sim::glam::Vec3;
use fdg_sim::petgraph::graph::NodeIndex;
use fdg_sim::{Dimensions, ForceGraph, ForceGraphHelper, Simulation, SimulationParameters};

use crate::model::{LinkKind, MindGraph};
pub use forces::sim::{LinkAttr, NodeAttr};
use init::Plan;

/// Radius in world units of a node at this level (0 motion … 3 contribution).
pub fn radius_for_level(level: u8) -> f32 {
    match level {
        0 => 34.0,
        1 => 22.0,
        2 => 15.0,
        _ => 7.0,
    }
}

/// Many-body strength of a node at this level (negative repels).
pub fn charge_for_level(level: u8) -> f32 {
    match level {
        0 => -400.0,
        1 => -300.0,
        2 => -200.0,
        _ => -12.0,
    }
}

/// Strength factor of a link kind (multiplied by d3's default `1 / min(degree)`).
pub fn link_strength(kind: LinkKind) -> f32 {
    match kind {
        LinkKind::Cross => 0.1,
        _ => 1.0,
    }
}

/// Simulation parameters (d3-force's names and defaults where they exist).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Params {
    pub alpha_min: f32,
    pub alpha_decay: f32,
    pub alpha_target: f32,
    pub velocity_decay: f32,
    /// Barnes–Hut accuracy: 0 exact, 0.9 d3's default.
    pub theta: f32,
    pub collide_strength: f32,
    /// Alpha of a warm restart after `show`.
    pub reheat: f32,
    /// Alpha of the first run. Lower than d3's 1: the start is already laid out by plan, so
    /// the simulation only has to relax it.
    pub alpha_start: f32,
    /// Width over height of the element the map is drawn in: the plan is stretched to it
    /// (see [`init::stretch_for`]).
    pub aspect: f32,
}

/// `1 − (0.001 / 0.3)^(1/120)`: alpha goes from 0.3 to 0.001 in 120 ticks. Written as its bits,
/// which a test computes with `libm` (no power function in the module for one constant).
const ALPHA_DECAY: f32 = f32::from_bits(0x3d3e_2270);

impl Default for Params {
    fn default() -> Self {
        Params {
            alpha_min: 0.001,
            // 120 ticks from alpha_start to alpha_min (d3: 300 from 1). Contributions start in
            // their petal slots with links at rest length, so there is little to relax.
            alpha_decay: ALPHA_DECAY,
            alpha_target: 0.0,
            velocity_decay: 0.4,
            theta: 0.9,
            collide_strength: 0.9,
            reheat: 0.3,
            alpha_start: 0.3,
            aspect: 1.0,
        }
    }
}

/// Below this alpha, a layout whose fastest node moves less than [`CALM_SPEED`] for
/// [`CALM_TICKS`] ticks in a row is settled early.
/// The layout engine's name and version, written beside saved positions
/// ([`crate::model::SavedLayout`]): positions saved by another version are recomputed. Change
/// it whenever the settled positions change (the pins of `tests/layout.rs` and `tests/web.rs`).
pub const ENGINE: &str = "carte-mentale 2";

const CALM_ALPHA: f32 = 0.05;
const CALM_SPEED: f32 = 0.01;
const CALM_TICKS: u32 = 10;
/// Collision passes allowed when settling to remove the last overlaps.
const FINAL_PASSES: usize = 200;

/// The force layout of one map.
pub struct Layout {
    sim: Simulation<NodeAttr, LinkAttr>,
    graph: MindGraph,
    plan: Plan,
    params: Params,
    alpha: f32,
    settled: bool,
    calm: u32,
    ticks: u64,
    /// Changes of positions or visibility made other than by a tick (show, hide, restore, a
    /// new plan): with `ticks`, the layout's version.
    edits: u64,
    /// Per contribution: the lever whose petal it is laid out in, and its slot there
    /// ([`init::NONE`] when hidden or on the outer ring).
    host: Vec<u32>,
    slot: Vec<u32>,
}

impl Layout {
    pub fn new(graph: &MindGraph, visible: &[bool]) -> Layout {
        Self::with_params(graph, visible, Params::default())
    }

    pub fn with_params(graph: &MindGraph, visible: &[bool], params: Params) -> Layout {
        let n = graph.len();
        let visible: Vec<bool> = (0..n)
            .map(|i| i == 0 || visible.get(i).copied().unwrap_or(false))
            .collect();
        // Each visible contribution goes in the petal of its first visible lever.
        let levers = init::levers_by_contribution(graph);
        let mut host = vec![init::NONE; n];
        let mut slot = vec![init::NONE; n];
        let contributions: Vec<u32> = (0..n as u32)
            .filter(|&i| visible[i as usize] && graph.nodes[i as usize].level == 3)
            .collect();
        for &c in &contributions {
            host[c as usize] = levers[c as usize]
                .iter()
                .copied()
                .find(|&l| visible[l as usize])
                .unwrap_or(init::NONE);
        }
        let plan = init::plan(graph, &host, params.aspect);
        let mut start: Vec<[f32; 2]> = (0..n).map(|i| init::planned(graph, &plan, i)).collect();
        init::place_contributions(
            graph,
            &mut start,
            &visible,
            &contributions,
            &host,
            &mut slot,
        );
        // Hidden contributions wait at their lever.
        for (i, node) in graph.nodes.iter().enumerate() {
            if node.level == 3
                && !visible[i]
                && let Some(p) = node.parent
            {
                start[i] = start[p as usize];
            }
        }
        let mut fg: ForceGraph<NodeAttr, LinkAttr> = ForceGraph::default();
        for (i, node) in graph.nodes.iter().enumerate() {
            let attr = NodeAttr {
                level: node.level,
                radius: radius_for_level(node.level),
                charge: charge_for_level(node.level),
                visible: visible[i],
                fixed: i == 0,
                target: start[i],
                target_strength: init::target_strength(node.level),
            };
            fg.add_force_node("", attr);
        }
        // Rest lengths: the links' lengths in the placement, so it starts near equilibrium.
        for l in &graph.links {
            let (a, b) = (start[l.source as usize], start[l.target as usize]);
            let attr = LinkAttr {
                rest: libm::hypotf(a[0] - b[0], a[1] - b[1]),
                strength: link_strength(l.kind),
            };
            fg.add_edge(
                NodeIndex::new(l.source as usize),
                NodeIndex::new(l.target as usize),
                attr,
            );
        }
        let sim = Simulation::from_graph(
            fg,
            SimulationParameters::new(0.0, Dimensions::Two, forces::sim::force()),
        );
        let mut layout = Layout {
            sim,
            graph: graph.clone(),
            plan,
            params,
            alpha: params.alpha_start,
            settled: n <= 1,
            calm: 0,
            ticks: 0,
            edits: 0,
            host,
            slot,
        };
        // fdg-sim placed the nodes with its global random source: replace every position.
        for (i, p) in start.iter().enumerate() {
            layout.set_position(i as u32, *p);
        }
        layout
    }

    fn node(&self, i: u32) -> &fdg_sim::Node<NodeAttr> {
        &self.sim.get_graph()[NodeIndex::new(i as usize)]
    }

    fn node_mut(&mut self, i: u32) -> &mut fdg_sim::Node<NodeAttr> {
        &mut self.sim.get_graph_mut()[NodeIndex::new(i as usize)]
    }

    fn set_position(&mut self, i: u32, p: [f32; 2]) {
        let node = self.node_mut(i);
        node.location = Vec3::new(p[0], p[1], 0.0);
        node.old_location = node.location;
        node.velocity = Vec3::ZERO;
    }

    fn visible_flags(&self) -> Vec<bool> {
        (0..self.len() as u32).map(|i| self.is_visible(i)).collect()
    }

    /// Advances the simulation by `n` ticks (fewer if it settles). Cooling is d3's:
    /// `alpha += (alpha_target − alpha) × alpha_decay`. The layout is settled when alpha falls
    /// below `alpha_min`, or earlier once alpha < 0.05 and no node moved more than 0.01 units
    /// in 10 ticks in a row; remaining overlaps are then removed by collision passes.
    pub fn tick(&mut self, n: usize) {
        for _ in 0..n {
            if self.settled {
                return;
            }
            self.alpha += (self.params.alpha_target - self.alpha) * self.params.alpha_decay;
            let speed = forces::sim::step(
                &mut self.sim,
                forces::sim::Knobs {
                    alpha: self.alpha,
                    theta: self.params.theta,
                    velocity_decay: self.params.velocity_decay,
                    collide_strength: self.params.collide_strength,
                },
            );
            self.ticks += 1;
            self.calm = if self.alpha < CALM_ALPHA && speed < CALM_SPEED {
                self.calm + 1
            } else {
                0
            };
            if self.alpha < self.params.alpha_min || self.calm >= CALM_TICKS {
                self.finish();
            }
        }
    }

    /// Ends a run: removes the last overlaps, stops every node, releases warm-restart pins.
    fn finish(&mut self) {
        forces::sim::settle(&mut self.sim, FINAL_PASSES);
        for i in 1..self.len() as u32 {
            self.node_mut(i).data.fixed = false;
        }
        self.settled = true;
        self.calm = 0;
    }

    pub fn alpha(&self) -> f32 {
        self.alpha
    }

    pub fn is_settled(&self) -> bool {
        self.settled
    }

    /// Ticks run since creation.
    pub fn ticks(&self) -> u64 {
        self.ticks
    }

    pub fn params(&self) -> Params {
        self.params
    }

    /// Changes whenever a position or a node's visibility may have changed (a tick, [`show`],
    /// [`hide`], [`restore`], [`replan`]): whatever is built from the positions is current as
    /// long as this stays the same.
    ///
    /// [`show`]: Layout::show
    /// [`hide`]: Layout::hide
    /// [`restore`]: Layout::restore
    /// [`replan`]: Layout::replan
    pub fn version(&self) -> u64 {
        self.ticks + self.edits
    }

    /// Lays the visible nodes out again for an element of `aspect` (width / height): the
    /// rings are planned for it and the layout settles again from there.
    pub fn replan(&mut self, aspect: f32) {
        let visible = self.visible_flags();
        let graph = std::mem::take(&mut self.graph);
        let version = self.version();
        *self = Layout::with_params(
            &graph,
            &visible,
            Params {
                aspect,
                ..self.params
            },
        );
        self.edits = version + 1;
    }

    /// Puts the visible nodes at `positions` (per node; hidden nodes keep their place) and
    /// ends the run there: a layout settled elsewhere (saved positions, computed for an element
    /// of aspect `saved_aspect`), taken as is without a tick. Positions saved for another
    /// aspect are stretched to this layout's rings.
    pub fn restore(&mut self, positions: &[Option<[f32; 2]>], saved_aspect: f32) {
        let from = init::stretch_for(saved_aspect);
        let to = init::stretch_for(self.params.aspect);
        let scale = [to[0] / from[0], to[1] / from[1]];
        let same = from == to;
        for i in 1..self.len().min(positions.len()) as u32 {
            if let Some(p) = positions[i as usize]
                && self.is_visible(i)
            {
                let p = if same {
                    p
                } else {
                    [p[0] * scale[0], p[1] * scale[1]]
                };
                self.set_position(i, p);
                self.node_mut(i).velocity = Vec3::ZERO;
            }
        }
        for i in 1..self.len() as u32 {
            self.node_mut(i).data.fixed = false;
        }
        self.alpha = self.params.alpha_min;
        self.settled = true;
        self.calm = 0;
        self.edits += 1;
    }

    pub fn plan(&self) -> &Plan {
        &self.plan
    }

    /// Makes hidden nodes visible and settles them while every node already visible stays
    /// exactly where it is. Axes and levers come back to their planned place; contributions
    /// are laid out in the petal of the lever being unfolded (see [`init::choose_hosts`]),
    /// after the contributions already there.
    pub fn show(&mut self, nodes: &[u32]) {
        let mut new: Vec<u32> = nodes
            .iter()
            .copied()
            .filter(|&i| (i as usize) < self.len() && !self.is_visible(i))
            .collect();
        crate::model::order::sort_u32(&mut new);
        new.dedup();
        if new.is_empty() {
            return;
        }
        // A settled layout stays still: every visible node is pinned until this run ends. A
        // run in progress takes the new nodes in as it is (its moving nodes keep moving, its
        // pinned ones stay pinned): finishing it first would cost a whole run at once, which
        // froze the page when levers of a large map were unfolded in a row.
        let mut visible = self.visible_flags();
        if self.settled {
            for i in 0..self.len() as u32 {
                if visible[i as usize] {
                    self.node_mut(i).data.fixed = true;
                }
            }
        }
        for &i in &new {
            visible[i as usize] = true;
            self.node_mut(i).data.visible = true;
        }
        let mut positions: Vec<[f32; 2]> =
            (0..self.len() as u32).map(|i| self.position(i)).collect();
        for &i in &new {
            if self.graph.nodes[i as usize].level < 3 {
                positions[i as usize] = init::planned(&self.graph, &self.plan, i as usize);
            }
        }
        let contributions: Vec<u32> = new
            .iter()
            .copied()
            .filter(|&i| self.graph.nodes[i as usize].level == 3)
            .collect();
        init::choose_hosts(&self.graph, &visible, &contributions, &mut self.host);
        init::place_contributions(
            &self.graph,
            &mut positions,
            &visible,
            &contributions,
            &self.host,
            &mut self.slot,
        );
        for &i in &new {
            let p = positions[i as usize];
            self.set_position(i, p);
            let level = self.graph.nodes[i as usize].level;
            let node = self.node_mut(i);
            node.data.target = p;
            node.data.target_strength = init::target_strength(level);
        }
        // New links rest at their length in the placement.
        let mut is_new = vec![false; self.len()];
        for &i in &new {
            is_new[i as usize] = true;
        }
        let g = self.sim.get_graph_mut();
        for (k, l) in self.graph.links.iter().enumerate() {
            let (s, t) = (l.source as usize, l.target as usize);
            if (is_new[s] || is_new[t]) && visible[s] && visible[t] {
                let (a, b) = (positions[s], positions[t]);
                if let Some(attr) = g.edge_weight_mut(fdg_sim::petgraph::graph::EdgeIndex::new(k)) {
                    attr.rest = libm::hypotf(a[0] - b[0], a[1] - b[1]);
                }
            }
        }
        self.alpha = self.params.reheat;
        self.settled = false;
        self.calm = 0;
        self.edits += 1;
    }

    /// Takes nodes out of the simulation; every other node stays where it is.
    pub fn hide(&mut self, nodes: &[u32]) {
        self.edits += 1;
        for &i in nodes {
            if i != 0 && (i as usize) < self.len() {
                let node = self.node_mut(i);
                node.data.visible = false;
                node.velocity = Vec3::ZERO;
                self.host[i as usize] = init::NONE;
                self.slot[i as usize] = init::NONE;
            }
        }
    }

    /// Rest length of every link, in the order of `MindGraph::links`.
    pub fn rest_lengths(&self) -> Vec<f32> {
        self.sim
            .get_graph()
            .edge_weights()
            .map(|e| e.rest)
            .collect()
    }

    pub fn is_visible(&self, node: u32) -> bool {
        (node as usize) < self.len() && self.node(node).data.visible
    }

    pub fn position(&self, node: u32) -> [f32; 2] {
        let l = self.node(node).location;
        [l.x, l.y]
    }

    pub fn radius(&self, node: u32) -> f32 {
        self.node(node).data.radius
    }

    pub fn len(&self) -> usize {
        self.graph.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The underlying fdg-sim simulation (read-only).
    pub fn simulation(&self) -> &Simulation<NodeAttr, LinkAttr> {
        &self.sim
    }

    pub fn graph(&self) -> &MindGraph {
        &self.graph
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alpha_decay_is_its_formula() {
        let formula = 1.0 - libm::powf(0.001f32 / 0.3, 1.0 / 120.0);
        assert_eq!(ALPHA_DECAY.to_bits(), formula.to_bits());
    }
}
