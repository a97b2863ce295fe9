//! One tick as fdg-sim runs it. The map's graph lives in an fdg-sim [`ForceGraph`]: node
//! weights carry each node's attributes, edge weights each link's rest length and strength.
//! One fdg-sim [`Force`] runs the forces of this crate over flat arrays gathered from the
//! graph into a thread-local workspace that keeps its capacity, so ticks allocate nothing after
//! the first. The workspace holds no state between ticks: two maps on one page share it safely.
//!
//! Here rather than in the map's `layout` because the gathering walks petgraph's generic code
//! every tick, and generic code is compiled at the optimisation level of the crate that
//! instantiates it.

use std::cell::RefCell;

use fdg_sim::force::{Force, LinkedHashMap, Value};
use fdg_sim::glam::Vec3;
use fdg_sim::petgraph::graph::NodeIndex;
use fdg_sim::petgraph::visit::{EdgeRef, IntoEdgeReferences};
use fdg_sim::{ForceGraph, Simulation};

use crate::collide::CollisionGrid;
use crate::many_body::Scratch;
use crate::quadtree::QuadTree;
use crate::{Bodies, Spring};

/// Per-node attributes, the node weight of the fdg-sim graph.
#[derive(Clone, Debug, PartialEq)]
pub struct NodeAttr {
    pub level: u8,
    pub radius: f32,
    pub charge: f32,
    pub visible: bool,
    /// Does not move (the motion always; settled nodes during a warm restart).
    pub fixed: bool,
    pub target: [f32; 2],
    pub target_strength: f32,
}

/// Per-link attributes, the edge weight of the fdg-sim graph.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LinkAttr {
    pub rest: f32,
    pub strength: f32,
}

pub type Graph = ForceGraph<NodeAttr, LinkAttr>;
pub type Sim = Simulation<NodeAttr, LinkAttr>;

thread_local! {
    static WORKSPACE: RefCell<Workspace> = RefCell::new(Workspace::default());
}

/// Scratch buffers: rebuilt from the graph each tick, never carried across ticks.
#[derive(Default)]
struct Workspace {
    bodies: Bodies,
    springs: Vec<Spring>,
    degree: Vec<u32>,
    tree: QuadTree,
    many_body: Scratch,
    collide: CollisionGrid,
    /// Largest displacement of the last tick.
    max_speed: f32,
}

fn number(dict: &LinkedHashMap<String, Value>, key: &str) -> f32 {
    dict.get(key).and_then(Value::number).unwrap_or(0.0)
}

/// The fdg-sim force that runs all of ours for one tick, with its parameters: Barnes–Hut
/// accuracy, velocity decay and collision strength (alpha is set by [`step`]).
pub fn force(theta: f32, velocity_decay: f32, collide_strength: f32) -> Force<NodeAttr, LinkAttr> {
    let mut dict = LinkedHashMap::new();
    dict.insert("alpha".to_string(), Value::Number(1.0, 0.0..=1.0));
    dict.insert("theta".to_string(), Value::Number(theta, 0.0..=2.0));
    dict.insert(
        "velocity_decay".to_string(),
        Value::Number(velocity_decay, 0.0..=1.0),
    );
    dict.insert(
        "collide_strength".to_string(),
        Value::Number(collide_strength, 0.0..=1.0),
    );
    Force {
        dict: dict.clone(),
        dict_default: dict,
        name: "carte-mentale",
        continuous: true,
        info: Some("Many-body (Barnes–Hut), links, targets by level, collision, centre."),
        update: update_force,
    }
}

/// One tick at `alpha`. Returns the largest displacement of a node along an axis.
pub fn step(sim: &mut Sim, alpha: f32) -> f32 {
    if let Some(v) = sim
        .parameters_mut()
        .force_mut()
        .dict_mut()
        .get_mut("alpha")
        .and_then(Value::number_mut)
    {
        *v = alpha;
    }
    sim.update(1.0);
    WORKSPACE.with(|w| w.borrow().max_speed)
}

fn update_force(dict: &LinkedHashMap<String, Value>, graph: &mut Graph, _dt: f32) {
    let alpha = number(dict, "alpha");
    let theta = number(dict, "theta");
    let decay = number(dict, "velocity_decay");
    let collide = number(dict, "collide_strength");
    WORKSPACE.with(|w| {
        let w = &mut *w.borrow_mut();
        gather(graph, w);
        let Workspace {
            bodies: b,
            springs,
            degree,
            tree,
            many_body,
            collide: grid,
            ..
        } = w;
        crate::many_body::apply(b, tree, many_body, theta, alpha);
        crate::link::apply(b, springs, degree, alpha);
        crate::ring::apply(b, alpha);
        crate::collide::apply(b, grid, collide);
        let max_speed = crate::integrate(b, decay);
        crate::center::apply(b);
        w.max_speed = max_speed;
        scatter(graph, w);
    });
}

/// Ends a run: collision alone, with velocities zeroed each pass, until no two circles overlap
/// or `max_passes` are done (pushes still aim for the padding; a dense packing may keep pairs
/// within it); every node is left at rest.
pub fn settle(sim: &mut Sim, max_passes: usize) {
    WORKSPACE.with(|w| {
        let w = &mut *w.borrow_mut();
        gather(sim.get_graph(), w);
        let Workspace {
            bodies: b,
            collide: grid,
            ..
        } = w;
        let mut passes = 0;
        while passes < max_passes && crate::collide::overlaps(b, grid) > 0 {
            for v in b.vx.iter_mut().chain(b.vy.iter_mut()) {
                *v = 0.0;
            }
            crate::collide::apply(b, grid, 1.0);
            for &i in &b.active {
                let i = i as usize;
                if !b.fixed[i] {
                    b.x[i] += b.vx[i];
                    b.y[i] += b.vy[i];
                }
            }
            passes += 1;
        }
        for v in b.vx.iter_mut().chain(b.vy.iter_mut()) {
            *v = 0.0;
        }
        scatter(sim.get_graph_mut(), w);
    });
}

fn gather(graph: &ForceGraph<NodeAttr, LinkAttr>, w: &mut Workspace) {
    let n = graph.node_count();
    let b = &mut w.bodies;
    b.resize(n);
    b.active.clear();
    for idx in graph.node_indices() {
        let i = idx.index();
        let node = &graph[idx];
        b.x[i] = node.location.x;
        b.y[i] = node.location.y;
        b.vx[i] = node.velocity.x;
        b.vy[i] = node.velocity.y;
        b.charge[i] = node.data.charge;
        b.radius[i] = node.data.radius;
        b.fixed[i] = node.data.fixed;
        b.tx[i] = node.data.target[0];
        b.ty[i] = node.data.target[1];
        b.tstrength[i] = node.data.target_strength;
        if node.data.visible {
            b.active.push(i as u32);
        }
    }
    w.degree.clear();
    w.degree.resize(n, 0);
    w.springs.clear();
    for e in graph.edge_references() {
        let (s, t) = (e.source(), e.target());
        if graph[s].data.visible && graph[t].data.visible {
            w.degree[s.index()] += 1;
            w.degree[t.index()] += 1;
        }
    }
    for e in graph.edge_references() {
        let (s, t) = (e.source(), e.target());
        if graph[s].data.visible && graph[t].data.visible {
            let d = w.degree[s.index()].min(w.degree[t.index()]).max(1) as f32;
            let a = e.weight();
            w.springs.push(Spring {
                source: s.index() as u32,
                target: t.index() as u32,
                rest: a.rest,
                strength: a.strength / d,
            });
        }
    }
}

fn scatter(graph: &mut ForceGraph<NodeAttr, LinkAttr>, w: &Workspace) {
    let b = &w.bodies;
    for &i in &b.active {
        let node = &mut graph[NodeIndex::new(i as usize)];
        node.location = Vec3::new(b.x[i as usize], b.y[i as usize], 0.0);
        node.velocity = Vec3::new(b.vx[i as usize], b.vy[i as usize], 0.0);
    }
}
