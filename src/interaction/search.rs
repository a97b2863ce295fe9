//! The search: the text typed, its hits in map order and the hit the view is on.
//! [`Finder`] holds that state; the `MapState` methods here run the search, mark the hits on
//! the map and step through them.

use super::MapState;
use crate::model::search::{Query, SearchIndex};

/// Where the view stands after a search step: the hit and its rank.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct HitStep {
    pub node: u32,
    pub index: usize,
    pub count: usize,
}

/// The search's state.
#[derive(Default)]
pub(super) struct Finder {
    index: SearchIndex,
    /// The search text as typed.
    query: String,
    /// Its hits that pass the filters, in map order.
    found: Vec<u32>,
    /// The rank of the hit the view is on.
    cursor: Option<usize>,
}

impl Finder {
    pub(super) fn new(index: SearchIndex) -> Finder {
        Finder {
            index,
            ..Finder::default()
        }
    }
}

impl MapState {
    /// The search text, as typed.
    pub fn query(&self) -> &str {
        &self.finder.query
    }

    /// Nodes matching the search (and passing the filters), in map order.
    pub fn hits(&self) -> &[u32] {
        &self.finder.found
    }

    /// Rank of the hit the view is on, if any.
    pub fn current_hit(&self) -> Option<usize> {
        self.finder.cursor
    }

    /// Searches titles, texts, authors, roles and collectivities, ignoring case, accents,
    /// ligatures and the median dot. Returns the number of hits; the map highlights them.
    pub fn set_query(&mut self, text: &str) -> usize {
        if text != self.finder.query {
            self.finder.query = text.to_string();
            self.finder.cursor = None;
            self.refresh_hits();
        }
        self.finder.found.len()
    }

    /// Runs the search again (the text or the filters changed).
    pub(super) fn refresh_hits(&mut self) {
        let q = Query::new(&self.finder.query);
        let found = self.finder.index.find(&q);
        let found: Vec<u32> = found.into_iter().filter(|&n| self.is_kept(n)).collect();
        let f = &mut self.finder;
        f.found = found;
        if f.cursor.is_some_and(|k| k >= f.found.len()) {
            f.cursor = None;
        }
        self.refresh_marks();
        self.changed();
    }

    /// Recomputes the halos: every shown hit, and each folded lever that holds a hidden one.
    pub(super) fn refresh_marks(&mut self) {
        if self.finder.found.is_empty() {
            self.view.matched.clear();
            return;
        }
        let mut matched = vec![false; self.graph.len()];
        for &h in &self.finder.found {
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
        let node = *self.finder.found.get(k)?;
        self.finder.cursor = Some(k);
        self.changed();
        self.reveal(node);
        self.select(Some(node));
        self.focus(node);
        self.zoom_to(node);
        Some(HitStep {
            node,
            index: k,
            count: self.finder.found.len(),
        })
    }

    /// The next (or previous) hit, wrapping around.
    pub fn step_hit(&mut self, forward: bool) -> Option<HitStep> {
        let n = self.finder.found.len();
        if n == 0 {
            return None;
        }
        let k = match (self.finder.cursor, forward) {
            (None, true) => 0,
            (None, false) => n - 1,
            (Some(k), true) => (k + 1) % n,
            (Some(k), false) => (k + n - 1) % n,
        };
        self.go_to_hit(k)
    }

    /// The view is on `node` (a link restored it): the cursor goes to its rank among the hits.
    pub(super) fn point_hit_at(&mut self, node: u32) {
        self.finder.cursor = self.finder.found.iter().position(|&h| h == node);
        self.changed();
    }
}
