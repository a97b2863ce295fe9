//! Keyboard navigation: the arrow keys walk the tree of the map (motion, axes, levers,
//! contributions) from the node the keyboard is on, which the map rings.

use super::{MapState, Response};

/// The keyboard's memory: the lever it entered the current contribution from (a contribution
/// may hang from two levers; ← goes back up the one it came down).
#[derive(Default)]
pub(super) struct KeyboardNav {
    from: Option<u32>,
}

impl MapState {
    /// The node the keyboard is on, if any.
    pub fn focused(&self) -> Option<u32> {
        self.view.focused
    }

    /// Puts the keyboard on a node (a click, a search step, a link, the outline).
    pub fn focus(&mut self, node: u32) {
        self.nav.from = None;
        self.set_focused(node);
    }

    fn set_focused(&mut self, node: u32) {
        if self.view.focused != Some(node) {
            self.view.focused = Some(node);
            self.changed();
        }
    }

    /// The node's parent in the tree the keyboard walks: for a contribution, the unfolded
    /// lever it was entered from (it may hang from two).
    fn nav_parent(&self, node: u32) -> Option<u32> {
        let n = &self.graph.nodes[node as usize];
        if n.level == 3 {
            let from = self
                .nav
                .from
                .filter(|&l| self.graph.levers_of(node).any(|x| x == l));
            let unfolded = self
                .graph
                .levers_of(node)
                .find(|&l| self.view.unfolded[l as usize]);
            return from.or(unfolded).or(n.parent);
        }
        n.parent
    }

    fn shown_children(&self, node: u32) -> Vec<u32> {
        self.children_of(node)
            .into_iter()
            .filter(|&c| self.layout.is_visible(c))
            .collect()
    }

    /// Arrow keys walk the tree: → unfolds a lever, then enters its first child; ← folds an
    /// unfolded lever, else goes up to the parent; ↓ ↑ go to the next and previous sibling
    /// (round the circle); Début (Home) goes to the motion. Entrée or Espace opens the node's
    /// panel (and unfolds or folds a lever). `None` for any other key.
    pub fn navigate(&mut self, key: &str) -> Option<Response> {
        let moves = matches!(
            key,
            "ArrowRight" | "ArrowLeft" | "ArrowUp" | "ArrowDown" | "Home" | "Enter" | " "
        );
        if !moves {
            return None;
        }
        self.view.focus_visible = true;
        let mut r = Response {
            consumed: true,
            redraw: true,
            ..Response::default()
        };
        let current = self
            .view
            .focused
            .or(self.view.selected)
            .filter(|&n| self.layout.is_visible(n));
        let Some(cur) = current else {
            self.set_focused(0);
            r.focus_changed = true;
            return Some(r);
        };
        let level = self.graph.nodes[cur as usize].level;
        let lever_with_children = level == 2 && self.view.counts[cur as usize] > 0;
        let mut next = cur;
        match key {
            "ArrowRight" => {
                if lever_with_children && !self.view.unfolded[cur as usize] {
                    self.toggle(cur);
                    r.unfold_changed = true;
                } else if let Some(&c) = self.shown_children(cur).first() {
                    if level == 2 {
                        self.nav.from = Some(cur);
                    }
                    next = c;
                }
            }
            "ArrowLeft" => {
                if lever_with_children && self.view.unfolded[cur as usize] {
                    self.toggle(cur);
                    r.unfold_changed = true;
                    // The selection may have moved up from a contribution that is now hidden.
                    r.selection_changed = self.view.selected == Some(cur);
                } else if let Some(p) = self.nav_parent(cur) {
                    next = p;
                }
            }
            "ArrowDown" | "ArrowUp" => {
                if let Some(p) = self.nav_parent(cur) {
                    let sibs = self.shown_children(p);
                    if let Some(k) = sibs.iter().position(|&s| s == cur) {
                        let n = sibs.len();
                        let k = if key == "ArrowDown" {
                            (k + 1) % n
                        } else {
                            (k + n - 1) % n
                        };
                        next = sibs[k];
                    }
                }
            }
            "Home" => next = 0,
            _ => {
                // Enter or Space: open the panel; a lever also unfolds or folds.
                if lever_with_children {
                    self.toggle(cur);
                    r.unfold_changed = true;
                }
                if self.layout.is_visible(cur) {
                    self.select(Some(cur));
                    r.selection_changed = true;
                }
            }
        }
        if next != cur || self.view.focused != Some(cur) {
            self.set_focused(next);
            r.focus_changed = true;
            self.keep_in_view(next);
        }
        Some(r)
    }

    /// The map has (or lost) keyboard focus: the focus ring shows on the keyboard's node, which
    /// starts at the selection or the motion. Returns whether the focused node was set now.
    pub fn set_focus_visible(&mut self, visible: bool) -> bool {
        self.view.focus_visible = visible;
        let start = visible && self.view.focused.is_none_or(|f| !self.layout.is_visible(f));
        if start {
            self.set_focused(self.view.selected.unwrap_or(0));
        }
        start
    }
}
