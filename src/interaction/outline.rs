//! The map as a tree for the page (the outline its ARIA tree mirrors) and as a link (the
//! state a URL fragment carries).

use crate::model::order::StrIndex;

use serde::Serialize;

use super::MapState;
use super::url::UrlState;
use crate::model::NodeKind;

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

    /// What a link to this view carries: the selection, the unfolded levers, the search and
    /// the filters.
    pub fn url_state(&self) -> UrlState {
        UrlState {
            selected: self.view.selected.map(|n| self.id(n).to_string()),
            unfolded: self.unfolded_levers(),
            query: self.query().to_string(),
            filters: self.filters.clone(),
        }
    }

    /// Restores a view from a link: levers unfolded exactly as listed (unknown ids are
    /// ignored), filters, search, then the selection, which the camera goes to. Linear in the
    /// map and the state, however many ids a crafted link lists.
    pub fn apply_url_state(&mut self, state: &UrlState) {
        // A node's index is its place in `by_id`; the first node of an id wins.
        let by_id = StrIndex::new((0..self.graph.len() as u32).map(|i| self.id(i)).collect());
        let mut wanted = vec![false; self.graph.len()];
        for id in &state.unfolded {
            if let Some(n) = by_id.first(id)
                && self.graph.nodes[n as usize].level == 2
            {
                wanted[n as usize] = true;
            }
        }
        let selected = state.selected.as_deref().and_then(|id| by_id.first(id));
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
                self.focus(n);
                self.point_hit_at(n);
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
