//! The plan of the map and the deterministic start: where each level goes.
//!
//! Axes sit evenly around the motion on a first ring. Each axis owns an equal sector; its
//! levers are fanned inside the middle 80% of it on a second ring, each lever taking a share
//! of the sector proportional to the room its visible contributions need. Contributions sit
//! on an annulus around their lever at distance `cluster` (the rest length of their link),
//! facing outwards. Radii grow with the largest cluster, so large levers get room.

use super::forces::Bodies;
use crate::model::{LinkKind, MindGraph};

/// Smallest distance between the motion and an axis.
pub const MIN_AXIS_RING: f32 = 170.0;
/// Fraction of an axis's sector its levers may use (keeps each lever nearest its own axis).
const SECTOR_USE: f32 = 0.8;
/// Room one contribution needs in a cluster (world units², for circles of radius 7 + padding).
const AREA_PER_CONTRIBUTION: f32 = 129.0;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Plan {
    /// Radius of the axis ring and of the lever ring.
    pub r1: f32,
    pub r2: f32,
    /// Per node: angle of its planned place (axes and levers), else 0.
    pub angle: Vec<f32>,
    /// Per node (levers): distance from the lever to its contributions, the link rest length.
    pub cluster: Vec<f32>,
    /// Per node: how many visible contributions hang from it (levers).
    pub visible_children: Vec<u32>,
}

/// Angle of axis `a` of `count`: the first straight up, then clockwise.
pub fn axis_angle(a: usize, count: usize) -> f32 {
    -std::f32::consts::FRAC_PI_2 + std::f32::consts::TAU * a as f32 / count.max(1) as f32
}

pub fn plan(graph: &MindGraph, visible: &[bool]) -> Plan {
    let n = graph.len();
    let mut p = Plan {
        angle: vec![0.0; n],
        cluster: vec![0.0; n],
        visible_children: vec![0; n],
        ..Plan::default()
    };
    for (i, node) in graph.nodes.iter().enumerate() {
        if node.level == 3
            && visible[i]
            && let Some(parent) = node.parent
        {
            p.visible_children[parent as usize] += 1;
        }
    }
    let axes: Vec<usize> = (0..n).filter(|&i| graph.nodes[i].level == 1).collect();
    let axis_count = axes.len();
    // Room each lever needs along the ring, and per axis in total.
    let mut width = vec![0.0f32; n];
    let mut axis_width = vec![0.0f32; n];
    for (i, node) in graph.nodes.iter().enumerate() {
        if node.level != 2 {
            continue;
        }
        let k = p.visible_children[i] as f32;
        let cluster = (AREA_PER_CONTRIBUTION * k).sqrt().max(50.0);
        p.cluster[i] = cluster;
        let extent = if k > 0.0 { cluster * 1.3 + 10.0 } else { 0.0 };
        width[i] = 2.0 * extent.max(70.0) + 20.0;
        if let Some(a) = node.parent {
            axis_width[a as usize] += width[i];
        }
    }
    let sector = std::f32::consts::TAU / axis_count.max(1) as f32;
    let needed = axes.iter().map(|&a| axis_width[a]).fold(0.0f32, f32::max);
    p.r2 = (needed / (sector * SECTOR_USE)).max(MIN_AXIS_RING + 170.0);
    p.r1 = (p.r2 * 0.5).max(MIN_AXIS_RING);
    for (k, &a) in axes.iter().enumerate() {
        let theta = axis_angle(k, axis_count);
        p.angle[a] = theta;
        let levers = &graph.children[a];
        let total: f32 = levers.iter().map(|&l| width[l as usize]).sum();
        let mut acc = 0.0;
        for &l in levers {
            let w = width[l as usize];
            let share = if total > 0.0 {
                (acc + w * 0.5) / total
            } else {
                0.5
            };
            p.angle[l as usize] = theta + (share - 0.5) * sector * SECTOR_USE;
            acc += w;
        }
    }
    p
}

fn polar(r: f32, angle: f32) -> [f32; 2] {
    [r * libm::cosf(angle), r * libm::sinf(angle)]
}

/// Where contribution number `j` of a cluster goes, around its lever at `lever` (world).
fn cluster_spot(lever: [f32; 2], cluster: f32, j: u32) -> [f32; 2] {
    let outward = libm::atan2f(lever[1], lever[0]);
    let fan = std::f32::consts::TAU * 2.0 / 3.0;
    // Low-discrepancy sequences spread the spots evenly over the fan and the annulus depth.
    let u = (j as f32 * 0.618_034).fract();
    let v = (j as f32 * 0.754_877_7 + 0.5).fract();
    let angle = outward + (u - 0.5) * fan;
    let r = cluster * (0.75 + 0.5 * v);
    [
        lever[0] + r * libm::cosf(angle),
        lever[1] + r * libm::sinf(angle),
    ]
}

/// Target points and pull strengths for every node, given the current positions of levers.
pub fn targets(graph: &MindGraph, plan: &Plan, b: &mut Bodies) {
    let mut unclassified = 0u32;
    let unclassified_total = graph
        .nodes
        .iter()
        .filter(|n| n.level == 3 && n.parent.is_none())
        .count()
        .max(1);
    for (i, node) in graph.nodes.iter().enumerate() {
        let (t, s) = match node.level {
            0 => ([0.0, 0.0], 0.0),
            1 => (polar(plan.r1, plan.angle[i]), 0.6),
            2 => (polar(plan.r2, plan.angle[i]), 0.4),
            _ => match node.parent {
                Some(l) => {
                    let l = l as usize;
                    let lever = [b.x[l], b.y[l]];
                    let len = lever[0].hypot(lever[1]).max(1e-3);
                    let d = plan.cluster[l];
                    (
                        [lever[0] + lever[0] / len * d, lever[1] + lever[1] / len * d],
                        0.03,
                    )
                }
                None => {
                    let angle =
                        std::f32::consts::TAU * unclassified as f32 / unclassified_total as f32;
                    unclassified += 1;
                    (polar(plan.r2 + 250.0, angle), 0.1)
                }
            },
        };
        b.tx[i] = t[0];
        b.ty[i] = t[1];
        b.tstrength[i] = s;
    }
}

/// Rest length of a link under this plan.
pub fn rest_length(
    graph: &MindGraph,
    plan: &Plan,
    source: u32,
    target: u32,
    kind: LinkKind,
) -> f32 {
    match kind {
        LinkKind::MotionAxis => plan.r1,
        LinkKind::AxisLever => {
            let a = polar(plan.r1, plan.angle[source as usize]);
            let l = polar(plan.r2, plan.angle[target as usize]);
            (a[0] - l[0]).hypot(a[1] - l[1])
        }
        LinkKind::LeverContribution => {
            if graph.nodes[source as usize].level == 2 {
                plan.cluster[source as usize]
            } else {
                plan.cluster[target as usize]
            }
        }
        LinkKind::Cross => 40.0,
    }
}

/// Initial positions of all nodes: the plan itself, contributions on their lever's annulus.
/// Hidden contributions wait at their lever.
pub fn initial_positions(graph: &MindGraph, plan: &Plan, visible: &[bool]) -> Vec<[f32; 2]> {
    let n = graph.len();
    let mut pos = vec![[0.0f32, 0.0f32]; n];
    let mut seen = vec![0u32; n];
    let mut unclassified = 0u32;
    for (i, node) in graph.nodes.iter().enumerate() {
        pos[i] = match node.level {
            0 => [0.0, 0.0],
            1 => polar(plan.r1, plan.angle[i]),
            2 => polar(plan.r2, plan.angle[i]),
            _ => match node.parent {
                Some(l) => {
                    let l = l as usize;
                    if visible[i] {
                        let j = seen[l];
                        seen[l] += 1;
                        cluster_spot(pos[l], plan.cluster[l], j)
                    } else {
                        pos[l]
                    }
                }
                None => {
                    unclassified += 1;
                    polar(plan.r2 + 250.0, unclassified as f32 * 0.7)
                }
            },
        };
    }
    pos
}

/// Places newly shown contributions around their lever, after the `already` ones there.
pub fn place_new(
    graph: &MindGraph,
    plan: &Plan,
    positions: &mut [[f32; 2]],
    nodes: &[u32],
    already: &[u32],
) {
    let mut seen = already.to_vec();
    for &c in nodes {
        let node = &graph.nodes[c as usize];
        if let Some(l) = node.parent {
            let l = l as usize;
            let j = seen[l];
            seen[l] += 1;
            positions[c as usize] = cluster_spot(positions[l], plan.cluster[l], j);
        }
    }
}
