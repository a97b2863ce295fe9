//! Benchmark only: the layout engine on a synthetic motion, driven from JavaScript by
//! `www/bench.html` to compare it with d3-force in the same page. Not part of the embeddable
//! map (`www/carte-mentale.js` never uses it).
//!
//! [`LayoutBench::graph`] exports exactly the model the engine simulates — per-node level,
//! radius, collision radius, charge, start position, target and pull, per-link rest length
//! and effective strength, and the cooling parameters — so d3-force can be given equivalent
//! forces. [`LayoutBench::quality`] scores any positions (ours or d3's) with the same
//! [`metrics::quality`].

use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::layout::{Layout, forces::collide::PADDING, metrics};
use crate::model::MindGraph;
use crate::model::synthetic::synthetic_graph;

/// Our engine on `synthetic_graph(contributions, seed)`, every node visible.
#[wasm_bindgen]
pub struct LayoutBench {
    graph: MindGraph,
    layout: Layout,
    visible: Vec<bool>,
    alpha_start: f32,
    /// Positions before the first tick: d3-force starts from these, whenever `graph` is called.
    start: Vec<[f32; 2]>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct NodesOut {
    level: Vec<u8>,
    radius: Vec<f32>,
    /// Radius used by the collision force (the node's radius plus half the padding).
    collide_radius: Vec<f32>,
    charge: Vec<f32>,
    x: Vec<f32>,
    y: Vec<f32>,
    target_x: Vec<f32>,
    target_y: Vec<f32>,
    target_strength: Vec<f32>,
    fixed: Vec<bool>,
}

#[derive(Serialize)]
struct LinksOut {
    source: Vec<u32>,
    target: Vec<u32>,
    rest: Vec<f32>,
    /// d3's strength: the kind's factor divided by the smaller degree of the two ends.
    strength: Vec<f32>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ParamsOut {
    alpha_start: f32,
    alpha_min: f32,
    alpha_decay: f32,
    alpha_target: f32,
    velocity_decay: f32,
    theta: f32,
    collide_strength: f32,
}

#[derive(Serialize)]
struct GraphOut {
    nodes: NodesOut,
    links: LinksOut,
    params: ParamsOut,
}

fn to_js<T: Serialize>(v: &T) -> JsValue {
    v.serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .unwrap_or(JsValue::NULL)
}

#[wasm_bindgen]
impl LayoutBench {
    /// Builds the synthetic motion and places it (no tick run yet).
    #[wasm_bindgen(constructor)]
    pub fn new(contributions: usize, seed: u32) -> LayoutBench {
        let graph = synthetic_graph(contributions, seed as u64);
        let visible = vec![true; graph.len()];
        let layout = Layout::new(&graph, &visible);
        let alpha_start = layout.alpha();
        let start = (0..graph.len() as u32)
            .map(|i| layout.position(i))
            .collect();
        LayoutBench {
            graph,
            layout,
            visible,
            alpha_start,
            start,
        }
    }

    /// Number of nodes.
    #[wasm_bindgen(getter)]
    pub fn nodes(&self) -> usize {
        self.graph.len()
    }

    /// The simulated model, for an equivalent d3-force simulation (see the module docs).
    pub fn graph(&self) -> JsValue {
        let fg = self.layout.simulation().get_graph();
        let n = self.graph.len();
        let mut nodes = NodesOut {
            level: Vec::with_capacity(n),
            radius: Vec::with_capacity(n),
            collide_radius: Vec::with_capacity(n),
            charge: Vec::with_capacity(n),
            x: Vec::with_capacity(n),
            y: Vec::with_capacity(n),
            target_x: Vec::with_capacity(n),
            target_y: Vec::with_capacity(n),
            target_strength: Vec::with_capacity(n),
            fixed: Vec::with_capacity(n),
        };
        for (node, start) in fg.node_weights().zip(&self.start) {
            let a = &node.data;
            nodes.level.push(a.level);
            nodes.radius.push(a.radius);
            nodes.collide_radius.push(a.radius + PADDING * 0.5);
            nodes.charge.push(a.charge);
            nodes.x.push(start[0]);
            nodes.y.push(start[1]);
            nodes.target_x.push(a.target[0]);
            nodes.target_y.push(a.target[1]);
            nodes.target_strength.push(a.target_strength);
            nodes.fixed.push(a.fixed);
        }
        // Effective strengths as the engine computes them: factor / min(degree), over the
        // links whose two ends are visible (all of them here).
        let mut degree = vec![0u32; n];
        for l in &self.graph.links {
            if self.visible[l.source as usize] && self.visible[l.target as usize] {
                degree[l.source as usize] += 1;
                degree[l.target as usize] += 1;
            }
        }
        let mut links = LinksOut {
            source: Vec::new(),
            target: Vec::new(),
            rest: Vec::new(),
            strength: Vec::new(),
        };
        for (l, attr) in self.graph.links.iter().zip(fg.edge_weights()) {
            let (s, t) = (l.source as usize, l.target as usize);
            if !(self.visible[s] && self.visible[t]) {
                continue;
            }
            links.source.push(l.source);
            links.target.push(l.target);
            links.rest.push(attr.rest);
            links
                .strength
                .push(attr.strength / degree[s].min(degree[t]).max(1) as f32);
        }
        let p = self.layout.params();
        to_js(&GraphOut {
            nodes,
            links,
            params: ParamsOut {
                alpha_start: self.alpha_start,
                alpha_min: p.alpha_min,
                alpha_decay: p.alpha_decay,
                alpha_target: p.alpha_target,
                velocity_decay: p.velocity_decay,
                theta: p.theta,
                collide_strength: p.collide_strength,
            },
        })
    }

    /// Runs `n` ticks (fewer if the layout settles).
    pub fn tick(&mut self, n: usize) {
        self.layout.tick(n);
    }

    pub fn is_settled(&self) -> bool {
        self.layout.is_settled()
    }

    /// Ticks run so far.
    pub fn ticks(&self) -> f64 {
        self.layout.ticks() as f64
    }

    pub fn alpha(&self) -> f32 {
        self.layout.alpha()
    }

    /// Positions as x0, y0, x1, y1, … (a Float32Array in JavaScript).
    pub fn positions(&self) -> Vec<f32> {
        (0..self.graph.len() as u32)
            .flat_map(|i| self.layout.position(i))
            .collect()
    }

    /// [`metrics::quality`] of `positions` (x0, y0, x1, y1, …) on this graph, with this
    /// engine's radii and rest lengths: the same yardstick for both engines.
    pub fn quality(&self, positions: &[f32]) -> JsValue {
        let n = self.graph.len();
        if positions.len() < 2 * n {
            return JsValue::NULL;
        }
        let pos: Vec<[f32; 2]> = (0..n)
            .map(|i| [positions[2 * i], positions[2 * i + 1]])
            .collect();
        let radius: Vec<f32> = (0..n as u32).map(|i| self.layout.radius(i)).collect();
        let q = metrics::quality(
            &self.graph,
            &pos,
            &radius,
            &self.layout.rest_lengths(),
            &self.visible,
        );
        to_js(&q)
    }
}
