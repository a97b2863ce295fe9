//! Pure, deterministic force layout of a [`MindGraph`], driven by fdg-sim.
//!
//! Contract used by `view` and `web` (do not change signatures without updating them):
//! - `Layout::new(&graph, &visible)` places visible nodes deterministically (no global RNG).
//! - `tick(n)` advances the simulation n steps; it knows nothing of timers.
//! - `is_settled()` is true once alpha has decayed below its minimum and nothing moves.
//! - `show(&nodes)` makes hidden nodes visible: they start next to their parent; nodes that
//!   were already visible do not move at all while the new ones settle (warm restart).
//! - `hide(&nodes)` removes nodes from the simulation; the others stay where they are.
//! - `position(i)` is in world units; the motion starts at (0, 0).

use crate::model::MindGraph;

/// Radius in world units of a node at this level (0 motion … 3 contribution).
pub fn radius_for_level(level: u8) -> f32 {
    match level {
        0 => 34.0,
        1 => 22.0,
        2 => 15.0,
        _ => 7.0,
    }
}

pub struct Layout {
    _private: (),
}

impl Layout {
    pub fn new(_graph: &MindGraph, _visible: &[bool]) -> Layout {
        todo!()
    }
    pub fn tick(&mut self, _n: usize) {
        todo!()
    }
    pub fn alpha(&self) -> f32 {
        todo!()
    }
    pub fn is_settled(&self) -> bool {
        todo!()
    }
    pub fn show(&mut self, _nodes: &[u32]) {
        todo!()
    }
    pub fn hide(&mut self, _nodes: &[u32]) {
        todo!()
    }
    pub fn is_visible(&self, _node: u32) -> bool {
        todo!()
    }
    pub fn position(&self, _node: u32) -> [f32; 2] {
        todo!()
    }
    pub fn radius(&self, _node: u32) -> f32 {
        todo!()
    }
    pub fn len(&self) -> usize {
        todo!()
    }
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}
