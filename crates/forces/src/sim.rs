//! One tick as fdg-sim runs it. The map's graph lives in an fdg-sim [`ForceGraph`]: node
//! weights carry each node's attributes, edge weights each link's rest length and strength.
//! One fdg-sim [`Force`] runs the forces of this crate over flat arrays gathered from the
//! graph into a thread-local workspace that keeps its capacity, so ticks allocate nothing after
//! the first. The workspace holds no state between ticks (each [`step`] sets its parameters):
//! two maps on one page share it safely.
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
    // Constant: no lazy initialisation to check on each access (nor its 2 KB of wasm).
    static WORKSPACE: RefCell<Workspace> = const { RefCell::new(Workspace::EMPTY) };
}

/// Scratch buffers: rebuilt from the graph each tick, never carried across ticks.
struct Workspace {
    bodies: Bodies,
    springs: Vec<Spring>,
    degree: Vec<u32>,
    tree: QuadTree,
    many_body: Scratch,
    collide: CollisionGrid,
    /// The parameters of the tick under way, set by [`step`].
    knobs: Knobs,
    /// Largest displacement of the last tick.
    max_speed: f32,
}

impl Workspace {
    const EMPTY: Workspace = Workspace {
        bodies: Bodies::EMPTY,
        springs: Vec::new(),
        degree: Vec::new(),
        tree: QuadTree::EMPTY,
        many_body: Scratch::EMPTY,
        collide: CollisionGrid::EMPTY,
        knobs: Knobs {
            alpha: 0.0,
            theta: 0.0,
            velocity_decay: 0.0,
            collide_strength: 0.0,
        },
        max_speed: 0.0,
    };
}

/// What one tick needs besides the graph: the cooling's alpha, Barnes–Hut accuracy, velocity
/// decay and collision strength.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Knobs {
    pub alpha: f32,
    pub theta: f32,
    pub velocity_decay: f32,
    pub collide_strength: f32,
}

/// The fdg-sim force that runs all of ours for one tick. Its parameters come with each
/// [`step`], not through the force's dictionary of named values (a `LinkedHashMap` of
/// strings, made for fdg-sim's sliders: its insertion and hashing were 7 KB of the module).
pub fn force() -> Force<NodeAttr, LinkAttr> {
    Force {
        dict: LinkedHashMap::new(),
        dict_default: LinkedHashMap::new(),
        name: "carte-mentale",
        continuous: true,
        info: Some("Many-body (Barnes–Hut), links, targets by level, collision, centre."),
        update: update_force,
    }
}

/// One tick with `knobs`. Returns the largest displacement of a node along an axis.
pub fn step(sim: &mut Sim, knobs: Knobs) -> f32 {
    WORKSPACE.with(|w| w.borrow_mut().knobs = knobs);
    sim.update(1.0);
    WORKSPACE.with(|w| w.borrow().max_speed)
}

fn update_force(_: &LinkedHashMap<String, Value>, graph: &mut Graph, _dt: f32) {
    WORKSPACE.with(|w| {
        let w = &mut *w.borrow_mut();
        let Knobs {
            alpha,
            theta,
            velocity_decay: decay,
            collide_strength: collide,
        } = w.knobs;
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
