//! Finding and moving around: search hits, filters, keyboard navigation, the state a link
//! carries, and the outline the page mirrors as an ARIA tree.

use std::collections::HashMap;

use serde::Serialize;

use super::url::UrlState;
use super::{MapState, Response};
use crate::model::NodeKind;
use crate::model::order;
use crate::model::search::{Filters, Query};
use crate::model::text::fold;
use crate::view::Camera;

/// One node of the outline: the map as a tree, for the page's ARIA tree and plain lists.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct OutlineItem {
    pub id: String,
    /// `motion`, `axis`, `lever` or `contribution`.
    pub kind: &'static str,
    /// 0 motion, 1 axis, 2 lever, 3 contribution.
    pub level: u8,
    /// The title (a contribution's author, or the start of its text).
    pub title: String,
    /// For a contribution: where it comes from, « Ville (94) ».
    #[serde(skip_serializing_if = "String::is_empty")]
    pub place: String,
    /// For a contribution with an author: the first words of its text, « … » when cut (the
    /// outline says what was said, not only who said it).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub words: String,
    /// Indices (in this outline) of the children; a contribution on two levers is under both.
    pub children: Vec<u32>,
    /// A « Non classées » group (its `kind` is `lever`).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub unclassified: bool,
}

/// One value a filter can take, with how many contributions have it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FacetValue {
    pub value: String,
    pub label: String,
    pub count: u32,
}

/// Every filter's values, from the data.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Facets {
    pub axes: Vec<FacetValue>,
    pub years: Vec<FacetValue>,
    pub departments: Vec<FacetValue>,
    pub roles: Vec<FacetValue>,
    pub labels: Vec<FacetValue>,
}

/// Where the view stands after a search step: the hit and its rank.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct HitStep {
    pub node: u32,
    pub index: usize,
    pub count: usize,
}

impl MapState {
    /// The children of a node in the tree: axes, levers, or a lever's contributions (all of
    /// them, shown or not).
    pub fn children_of(&self, node: u32) -> Vec<u32> {
        if self.graph.nodes[node as usize].level == 2 {
            self.graph.contributions_of(node).collect()
        } else {
            self.graph.children[node as usize].clone()
        }
    }

    /// Does a node pass the filters? Contributions by their own data; the others always.
    /// O(1): the verdict is computed once per change of the filters (`set_filters`), and
    /// contributions that fail are exactly those drawn faded.
    pub fn is_kept(&self, node: u32) -> bool {
        match self.graph.nodes[node as usize].kind {
            NodeKind::Contribution { .. } => !self.view.is_dimmed(node),
            _ => true,
        }
    }

    /// How many contributions pass the filters, and how many there are: `(kept, total)`, read
    /// from the counts `set_filters` computed (no rescan per call).
    pub fn filter_count(&self) -> (usize, usize) {
        let total = self.motion.contributions.len();
        if self.filters.is_empty() {
            (total, total)
        } else {
            (self.view.shown_count(0) as usize, total)
        }
    }

    // ----- Search -----------------------------------------------------------------------

    /// The search text, as typed.
    pub fn query(&self) -> &str {
        &self.query
    }

    /// Nodes matching the search (and passing the filters), in map order.
    pub fn hits(&self) -> &[u32] {
        &self.found
    }

    /// Rank of the hit the view is on, if any.
    pub fn current_hit(&self) -> Option<usize> {
        self.hit_cursor
    }

    /// Searches titles, texts, authors, roles and collectivities, ignoring case, accents,
    /// ligatures and the median dot. Returns the number of hits; the map highlights them.
    pub fn set_query(&mut self, text: &str) -> usize {
        if text == self.query {
            return self.found.len();
        }
        self.query = text.to_string();
        self.hit_cursor = None;
        self.refresh_hits();
        self.found.len()
    }

    fn refresh_hits(&mut self) {
        let q = Query::new(&self.query);
        let found = self.search.find(&q);
        self.found = found.into_iter().filter(|&n| self.is_kept(n)).collect();
        if self.hit_cursor.is_some_and(|k| k >= self.found.len()) {
            self.hit_cursor = None;
        }
        self.refresh_marks();
    }

    /// Recomputes the halos: every shown hit, and each folded lever that holds a hidden one.
    pub(super) fn refresh_marks(&mut self) {
        if self.found.is_empty() {
            self.view.matched.clear();
            return;
        }
        let mut matched = vec![false; self.graph.len()];
        for &h in &self.found {
            if self.layout.is_visible(h) {
                matched[h as usize] = true;
            } else {
                for l in self.graph.levers_of(h) {
                    matched[l as usize] = true;
                }
            }
        }
        self.view.matched = matched;
    }

    /// Goes to hit `k`: shows it (unfolding its lever if needed), selects it and brings it
    /// into view.
    pub fn go_to_hit(&mut self, k: usize) -> Option<HitStep> {
        let node = *self.found.get(k)?;
        self.hit_cursor = Some(k);
        self.reveal(node);
        self.select(Some(node));
        self.view.focused = Some(node);
        self.zoom_to(node);
        Some(HitStep {
            node,
            index: k,
            count: self.found.len(),
        })
    }

    /// The next (or previous) hit, wrapping around.
    pub fn step_hit(&mut self, forward: bool) -> Option<HitStep> {
        let n = self.found.len();
        if n == 0 {
            return None;
        }
        let k = match (self.hit_cursor, forward) {
            (None, true) => 0,
            (None, false) => n - 1,
            (Some(k), true) => (k + 1) % n,
            (Some(k), false) => (k + n - 1) % n,
        };
        self.go_to_hit(k)
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

    // ----- Filters ----------------------------------------------------------------------

    /// Applies filters: contributions that fail them are drawn faded, as are the axes and
    /// levers left with none, and the counts on the map are those that pass. Returns
    /// `(kept, total)` contributions.
    pub fn set_filters(&mut self, filters: Filters) -> (usize, usize) {
        self.filters = filters;
        let n = self.graph.len();
        if self.filters.is_empty() {
            self.view.kept.clear();
            self.view.dimmed.clear();
        } else {
            // Each contribution judged once; everything below reads these verdicts.
            let verdicts = self.filters.kept(&self.motion);
            let passes = |i: u32| match self.graph.nodes[i as usize].kind {
                NodeKind::Contribution { index } => verdicts[index],
                _ => true,
            };
            let kept = self.graph.contribution_counts(passes);
            let dimmed = (0..n as u32)
                .map(|i| match self.graph.nodes[i as usize].level {
                    // Axes and levers left with nothing are faded too.
                    1 | 2 => kept[i as usize] == 0,
                    _ => !passes(i),
                })
                .collect();
            self.view.kept = kept;
            self.view.dimmed = dimmed;
        }
        self.layout_version += 1;
        self.refresh_hits();
        (
            self.view.shown_count(0) as usize,
            self.motion.contributions.len(),
        )
    }

    /// The values every filter can take, with their counts, from the data.
    pub fn facets(&self) -> Facets {
        let m = &self.motion;
        let mut axes: Vec<FacetValue> = m
            .axes
            .iter()
            .map(|a| FacetValue {
                value: a.id.clone(),
                label: a.title.clone(),
                count: 0,
            })
            .collect();
        // The values found, counted below (smallest first).
        let mut years: Vec<u32> = Vec::new();
        let mut departments: Vec<String> = Vec::new();
        // Roles are grouped folded (« Maire », « maire ») and shown as first written.
        let mut roles: Vec<(String, &str)> = Vec::new();
        let mut labels: Vec<u32> = Vec::new();
        // Each lever's axis, found once (not by a scan of the motion per contribution).
        let mut axis_of: HashMap<&str, usize> = HashMap::new();
        for (a, axis) in m.axes.iter().enumerate() {
            for lever in &axis.levers {
                axis_of.entry(lever.id.as_str()).or_insert(a);
            }
        }
        for c in &m.contributions {
            let mut seen = Vec::new();
            for &a in c.levers.iter().filter_map(|l| axis_of.get(l.as_str())) {
                if !seen.contains(&a) {
                    seen.push(a);
                    axes[a].count += 1;
                }
            }
            if let Some(y) = c.year {
                years.push(u32::from(y));
            }
            if let Some(d) = &c.department {
                departments.push(d.to_ascii_uppercase());
            }
            if let Some(r) = c.role.as_deref().map(str::trim).filter(|r| !r.is_empty()) {
                roles.push((fold(r), r));
            }
            if let Some(l) = c.label {
                labels.push(u32::from(l));
            }
        }
        let plain = |value: String, count: u32| FacetValue {
            label: value.clone(),
            value,
            count,
        };
        let folded: Vec<&str> = roles.iter().map(|(f, _)| f.as_str()).collect();
        let mut roles: Vec<FacetValue> = order::str_counts(&folded)
            .into_iter()
            .map(|(first, count)| plain(roles[first as usize].1.to_string(), count))
            .collect();
        let codes: Vec<&str> = departments.iter().map(String::as_str).collect();
        let departments = order::str_counts(&codes)
            .into_iter()
            .map(|(first, count)| plain(departments[first as usize].clone(), count))
            .collect();
        order::sort_by_num_then_str(
            &mut roles,
            |r| u64::from(u32::MAX - r.count),
            |r| fold(&r.label),
        );
        Facets {
            axes,
            years: order::u32_counts(years)
                .into_iter()
                .map(|(y, c)| plain(y.to_string(), c))
                .collect(),
            departments,
            roles,
            labels: order::u32_counts(labels)
                .into_iter()
                .map(|(l, c)| FacetValue {
                    value: l.to_string(),
                    label: "@".repeat(l as usize),
                    count: c,
                })
                .collect(),
        }
    }

    // ----- Keyboard ---------------------------------------------------------------------

    /// The node's parent in the tree the keyboard walks: for a contribution, the unfolded
    /// lever it was entered from (it may hang from two).
    fn nav_parent(&self, node: u32) -> Option<u32> {
        let n = &self.graph.nodes[node as usize];
        if n.level == 3 {
            let from = self
                .nav_from
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
            self.view.focused = Some(0);
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
                        self.nav_from = Some(cur);
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
            self.view.focused = Some(next);
            r.focus_changed = true;
            self.keep_in_view(next);
        }
        Some(r)
    }

    /// Moves the camera (without zooming) so that a node is well inside the space the insets
    /// leave (centred there when it was not). Returns whether the camera moves.
    pub fn keep_in_view(&mut self, node: u32) -> bool {
        if !self.layout.is_visible(node) {
            return false;
        }
        let cam = self.camera_anim.map(|a| a.to).unwrap_or(self.camera);
        let i = self.free_insets();
        let (w, h) = (cam.width - i.left - i.right, cam.height - i.top - i.bottom);
        let p = cam.world_to_screen(self.layout.position(node));
        let r = self.layout.radius(node) * cam.zoom;
        let margin = 48.0f32.min(w * 0.2).min(h * 0.2) + r;
        let inside = p[0] >= i.left + margin
            && p[1] >= i.top + margin
            && p[0] <= i.left + w - margin
            && p[1] <= i.top + h - margin;
        if !inside {
            self.follow_fit = false;
            let at = self.layout.position(node);
            let o = self.free_offset(cam.zoom);
            self.move_camera(Camera {
                center: [at[0] + o[0], at[1] + o[1]],
                ..cam
            });
        }
        !inside
    }

    /// The map has (or lost) keyboard focus: the focus ring shows on the keyboard's node, which
    /// starts at the selection or the motion. Returns whether the focused node was set now.
    pub fn set_focus_visible(&mut self, visible: bool) -> bool {
        self.view.focus_visible = visible;
        let start = visible && self.view.focused.is_none_or(|f| !self.layout.is_visible(f));
        if start {
            self.view.focused = Some(self.view.selected.unwrap_or(0));
        }
        start
    }

    // ----- Links and outline ------------------------------------------------------------

    /// What a link to this view carries: the selection, the unfolded levers, the search and
    /// the filters.
    pub fn url_state(&self) -> UrlState {
        UrlState {
            selected: self.view.selected.map(|n| self.id(n).to_string()),
            unfolded: self.unfolded_levers(),
            query: self.query.clone(),
            filters: self.filters.clone(),
        }
    }

    /// Restores a view from a link: levers unfolded exactly as listed (unknown ids are
    /// ignored), filters, search, then the selection, which the camera goes to. Linear in the
    /// map and the state, however many ids a crafted link lists.
    pub fn apply_url_state(&mut self, state: &UrlState) {
        let by_id: HashMap<&str, u32> = (0..self.graph.len() as u32)
            .rev()
            .map(|i| (self.id(i), i))
            .collect();
        let mut wanted = vec![false; self.graph.len()];
        for id in &state.unfolded {
            if let Some(&n) = by_id.get(id.as_str())
                && self.graph.nodes[n as usize].level == 2
            {
                wanted[n as usize] = true;
            }
        }
        let selected = state
            .selected
            .as_deref()
            .and_then(|id| by_id.get(id).copied());
        drop(by_id);
        for i in 0..self.graph.len() as u32 {
            if self.graph.nodes[i as usize].level == 2
                && self.view.unfolded[i as usize] != wanted[i as usize]
            {
                self.toggle(i);
            }
        }
        if self.filters != state.filters {
            self.set_filters(state.filters.clone());
        }
        self.set_query(&state.query);
        match selected {
            Some(n) if self.reveal(n) => {
                self.select(Some(n));
                self.view.focused = Some(n);
                self.hit_cursor = self.found.iter().position(|&h| h == n);
                if n != 0 {
                    self.zoom_to(n);
                }
            }
            _ => {
                self.select(None);
            }
        }
    }

    /// The map as a tree: motion, axes, levers, and every lever's contributions.
    pub fn outline(&self) -> Vec<OutlineItem> {
        /// Words of a contribution's text shown in the outline.
        const OUTLINE_WORDS: usize = 10;
        (0..self.graph.len() as u32)
            .map(|i| {
                let node = &self.graph.nodes[i as usize];
                let (place, words) = match node.kind {
                    NodeKind::Contribution { index } => {
                        let c = &self.motion.contributions[index];
                        let words = if c.author.is_some() {
                            first_words(&c.text, OUTLINE_WORDS)
                        } else {
                            String::new()
                        };
                        let place = [
                            c.collectivity.clone(),
                            c.department.as_ref().map(|d| format!("({d})")),
                        ]
                        .into_iter()
                        .flatten()
                        .collect::<Vec<_>>()
                        .join(" ");
                        (place, words)
                    }
                    _ => (String::new(), String::new()),
                };
                OutlineItem {
                    id: self.id(i).to_string(),
                    kind: node.kind.name(),
                    level: node.level,
                    title: node.label.clone(),
                    place,
                    words,
                    children: self.children_of(i),
                    unclassified: self.graph.is_group(i),
                }
            })
            .collect()
    }
}

/// The first `n` words of a text, with « … » when there are more.
fn first_words(text: &str, n: usize) -> String {
    let mut words = text.split_whitespace();
    let head = words.by_ref().take(n).collect::<Vec<_>>().join(" ");
    if words.next().is_some() {
        format!("{head}…")
    } else {
        head
    }
}

#[cfg(test)]
mod outline_words_tests {
    use super::first_words;

    #[test]
    fn the_outline_shows_a_contribution_s_first_words() {
        assert_eq!(first_words("un deux trois", 10), "un deux trois");
        assert_eq!(first_words("  un   deux trois quatre ", 2), "un deux…");
        assert_eq!(first_words("", 3), "");
    }
}
