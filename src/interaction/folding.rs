//! Folding: a lever unfolds to show its contributions and folds to hide them; the layout
//! makes room for them (or closes it) while every other node stays where it is.

use super::MapState;

/// How much the rings' stretch must change (relative) for a new element shape to plan the
/// load-time layout again.
const REPLAN_STRETCH: f32 = 0.05;

impl MapState {
    /// Ids of the unfolded levers, in map order.
    pub fn unfolded_levers(&self) -> Vec<String> {
        (0..self.graph.len() as u32)
            .filter(|&i| self.view.unfolded[i as usize])
            .map(|i| self.id(i).to_string())
            .collect()
    }

    /// Unfolds or folds a lever; no-op for other nodes. Returns whether anything changed.
    pub fn toggle(&mut self, lever: u32) -> bool {
        let i = lever as usize;
        if self.graph.nodes.get(i).map(|n| n.level) != Some(2) || self.view.counts[i] == 0 {
            return false;
        }
        let unfold = !self.view.unfolded[i];
        self.view.unfolded[i] = unfold;
        self.pristine = false;
        self.changed();
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

    /// Makes a node visible: a hidden contribution's first lever is unfolded. Returns whether
    /// the node is visible now.
    pub fn reveal(&mut self, node: u32) -> bool {
        if (node as usize) >= self.graph.len() {
            return false;
        }
        let first = self.graph.levers_of(node).next();
        if !self.layout.is_visible(node)
            && let Some(lever) = first
        {
            self.toggle(lever);
        }
        self.layout.is_visible(node)
    }

    /// Plans the layout again for the element's shape when the load-time layout was made for
    /// another (a map loaded while hidden, at no size, then shown; a phone turned before any
    /// lever was unfolded): the rings are stretched to the new aspect and the layout settles
    /// over the next frames. A layout the visitor has changed is kept.
    pub(super) fn replan_for_shape(&mut self) {
        let camera = *self.camera();
        if camera.width < 2.0 || camera.height < 2.0 {
            // Hidden again (a tab collapsed): nothing to plan for.
            return;
        }
        let aspect = camera.width / camera.height;
        let params = self.layout.params();
        let (now, wanted) = (
            crate::layout::init::stretch_for(params.aspect),
            crate::layout::init::stretch_for(aspect),
        );
        let changed = (now[0] / wanted[0] - 1.0).abs() > REPLAN_STRETCH;
        if !self.pristine || !changed {
            return;
        }
        self.layout.replan(aspect);
    }
}
