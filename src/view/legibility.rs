//! How much of the motion a scene lets a visitor read without hovering: the share of axis and
//! lever titles drawn in full (not cut with « … », not left out) and the smallest font drawn.
//! The same measure is used by the native tests and the draw benchmark.

use super::scene::Scene;
use crate::model::MindGraph;

/// Legibility of one scene.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Legibility {
    /// Axis titles drawn in full, out of the axes.
    pub axes_full: u32,
    pub axes: u32,
    /// Lever titles drawn in full, out of the levers.
    pub levers_full: u32,
    pub levers: u32,
    /// Smallest font size of any label drawn, in CSS pixels (0 when none is drawn).
    pub min_font_px: f32,
}

/// Words of a text separated by single spaces (how a wrapped label reads once joined).
fn words(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Measures `scene`, drawn from `graph`: every axis and lever of the graph counts, drawn or not.
pub fn measure(graph: &MindGraph, scene: &Scene) -> Legibility {
    let mut full = vec![false; graph.len()];
    let mut min_font = f32::INFINITY;
    for l in &scene.labels {
        min_font = min_font.min(l.font_px);
        if let Some(node) = graph.nodes.get(l.node as usize) {
            let title = words(&node.label);
            full[l.node as usize] = !title.is_empty() && words(&l.lines.join(" ")) == title;
        }
    }
    let mut out = Legibility {
        min_font_px: if min_font.is_finite() { min_font } else { 0.0 },
        ..Legibility::default()
    };
    for (i, node) in graph.nodes.iter().enumerate() {
        match node.level {
            1 => {
                out.axes += 1;
                out.axes_full += full[i] as u32;
            }
            2 => {
                out.levers += 1;
                out.levers_full += full[i] as u32;
            }
            _ => {}
        }
    }
    out
}
