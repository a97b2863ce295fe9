//! Finding contributions and titles: matching that ignores case, accents, ligatures and the
//! median dot of inclusive writing (« elu » finds « élu·es », « numerique » finds « numérique »,
//! « coeur » finds « cœur »), and filters that combine.

use crate::model::order::{Set, StrIndex};

use super::graph::MindGraph;
use super::order;
use super::text::{fold, folded_words};
use super::{Contribution, Motion, NodeKind};

/// A query folded once: every word must appear (in any order) in one of the searched fields.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Query {
    words: Vec<String>,
}

impl Query {
    pub fn new(text: &str) -> Query {
        // Each word once, the longest (most selective) first: a node is dropped at its first
        // missing word, so a long pasted query costs about one scan of each node's text.
        let mut words = folded_words(text);
        let refs: Vec<&str> = words.iter().map(String::as_str).collect();
        let text = order::str_ranks(&refs);
        let keys = words
            .iter()
            .zip(text)
            .map(|(w, r)| (u128::from(u64::MAX - w.len() as u64) << 32) | u128::from(r))
            .collect();
        order::apply(&mut words, &order::permutation(keys));
        words.dedup();
        Query { words }
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// Does every word of the query occur in the folded `haystack`?
    pub fn matches_folded(&self, haystack: &str) -> bool {
        !self.words.is_empty() && self.words.iter().all(|w| haystack.contains(w.as_str()))
    }

    pub fn matches(&self, text: &str) -> bool {
        self.matches_folded(&fold(text))
    }
}

/// The searchable text of every node, folded once: titles, texts, authors, roles, collectivities.
#[derive(Clone, Debug, Default)]
pub struct SearchIndex {
    folded: Vec<String>,
}

impl SearchIndex {
    pub fn new(motion: &Motion, graph: &MindGraph) -> SearchIndex {
        let folded = graph
            .nodes
            .iter()
            .map(|n| {
                let text = match n.kind {
                    NodeKind::Motion => format!("{} {}", motion.title, motion.description),
                    NodeKind::Axis { axis } => {
                        let a = &motion.axes[axis];
                        format!("{} {}", a.title, a.description)
                    }
                    NodeKind::Lever { axis, lever } => {
                        let l = &motion.axes[axis].levers[lever];
                        format!("{} {}", l.title, l.description)
                    }
                    NodeKind::Unclassified { .. } => n.label.clone(),
                    NodeKind::Contribution { index } => {
                        let c = &motion.contributions[index];
                        [
                            Some(c.text.as_str()),
                            c.author.as_deref(),
                            c.role.as_deref(),
                            c.collectivity.as_deref(),
                        ]
                        .into_iter()
                        .flatten()
                        .collect::<Vec<_>>()
                        .join(" ")
                    }
                };
                fold(&text)
            })
            .collect();
        SearchIndex { folded }
    }

    /// Nodes matching the query, in node order (motion, axes, levers, contributions).
    pub fn find(&self, query: &Query) -> Vec<u32> {
        if query.is_empty() {
            return Vec::new();
        }
        (0..self.folded.len() as u32)
            .filter(|&i| query.matches_folded(&self.folded[i as usize]))
            .collect()
    }
}

/// Filters on contributions. Within one field the values are alternatives (any of them); the
/// fields combine (all of them). An empty field does not filter.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Filters {
    /// Axis ids.
    pub axes: Set<String>,
    pub years: Set<u16>,
    /// Department codes (`94`, `2A`…).
    pub departments: Set<String>,
    /// Roles, compared folded.
    pub roles: Set<String>,
    /// Label arobases, 1 to 5.
    pub labels: Set<u8>,
}

impl Filters {
    pub fn is_empty(&self) -> bool {
        self.axes.is_empty()
            && self.years.is_empty()
            && self.departments.is_empty()
            && self.roles.is_empty()
            && self.labels.is_empty()
    }

    /// Does contribution `index` of `motion` pass every filter? For one contribution: many go
    /// through [`Filters::kept`] (this prepares the filters each time, in O(levers + values)).
    pub fn keeps(&self, motion: &Motion, index: usize) -> bool {
        Matcher::new(self, motion).keeps(&motion.contributions[index])
    }

    /// For every contribution of `motion`, whether it passes: one pass, linear in the
    /// contributions and their levers whatever the number of filter values.
    pub fn kept(&self, motion: &Motion) -> Vec<bool> {
        if self.is_empty() {
            return vec![true; motion.contributions.len()];
        }
        let m = Matcher::new(self, motion);
        motion.contributions.iter().map(|c| m.keeps(c)).collect()
    }

    /// How many contributions pass, and how many there are.
    pub fn count(&self, motion: &Motion) -> (usize, usize) {
        let kept = self.kept(motion).into_iter().filter(|&k| k).count();
        (kept, motion.contributions.len())
    }
}

/// Filters prepared for one motion: what each value means, looked up in O(1) per contribution
/// field (a link may carry thousands of values; nothing is folded or searched per row).
struct Matcher<'a> {
    filters: &'a Filters,
    /// The levers' ids, and whether each one's axis is wanted (the first lever of an id wins,
    /// as in `Motion::lever`). Empty when no axis is asked for.
    levers: StrIndex<'a>,
    wanted: Vec<bool>,
    roles: Set<String>,
}

impl<'a> Matcher<'a> {
    fn new(filters: &'a Filters, motion: &'a Motion) -> Matcher<'a> {
        let mut ids = Vec::new();
        let mut wanted = Vec::new();
        if !filters.axes.is_empty() {
            for axis in &motion.axes {
                let axis_wanted = filters.axes.contains(&axis.id);
                for lever in &axis.levers {
                    ids.push(lever.id.as_str());
                    wanted.push(axis_wanted);
                }
            }
        }
        Matcher {
            filters,
            levers: StrIndex::new(ids),
            wanted,
            roles: filters.roles.iter().map(|r| fold(r)).collect(),
        }
    }

    fn keeps(&self, c: &Contribution) -> bool {
        let f = self.filters;
        let axis_ok = f.axes.is_empty()
            || c.levers.iter().any(|l| {
                self.levers
                    .first(l)
                    .is_some_and(|i| self.wanted[i as usize])
            });
        let year_ok = f.years.is_empty() || c.year.is_some_and(|y| f.years.contains(&y));
        let dep_ok = f.departments.is_empty()
            || c.department
                .as_ref()
                .is_some_and(|d| f.departments.contains(&d.to_ascii_uppercase()));
        let role_ok = f.roles.is_empty()
            || c.role
                .as_deref()
                .is_some_and(|r| self.roles.contains(&fold(r)));
        let label_ok = f.labels.is_empty() || c.label.is_some_and(|l| f.labels.contains(&l));
        axis_ok && year_ok && dep_ok && role_ok && label_ok
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn motion() -> Motion {
        crate::model::sample_2021()
    }

    #[test]
    fn matching_ignores_case_accents_ligatures_and_the_median_dot() {
        assert!(Query::new("elu").matches("les élu·es au numérique"));
        assert!(Query::new("numerique").matches("Numérique"));
        assert!(Query::new("ELUES").matches("élu·es"));
        assert!(Query::new("coeur").matches("au cœur des débats"));
        assert!(Query::new("oeuvre").matches("Œuvre"));
        assert!(
            Query::new("securite donnees").matches("la sécurité des données"),
            "all words, any order"
        );
        assert!(Query::new("donnees securite").matches("la sécurité des données"));
        assert!(!Query::new("securite cloud").matches("la sécurité des données"));
        assert!(
            !Query::new("  ").matches("anything"),
            "an empty query matches nothing"
        );
    }

    #[test]
    fn the_index_finds_titles_texts_authors_and_collectivities() {
        let m = motion();
        let g = MindGraph::from_motion(&m);
        let ix = SearchIndex::new(&m, &g);
        let ids = |q: &str| -> Vec<String> {
            ix.find(&Query::new(q))
                .into_iter()
                .map(|n| g.ids(&m)[n as usize].clone())
                .collect()
        };
        assert_eq!(ids("damiani"), vec!["c1", "c3"]);
        assert_eq!(ids("fleury sur orne"), vec!["c2", "c4"]);
        assert!(ids("numerique").contains(&"a1".to_string()), "axis titles");
        assert!(
            ids("sobriete").contains(&"a4-l1".to_string()),
            "lever titles"
        );
        assert_eq!(ids("cybersecurite"), vec!["a3", "c4"]);
    }

    #[test]
    fn filters_combine() {
        let m = motion();
        let mut f = Filters::default();
        assert_eq!(f.count(&m), (5, 5));
        f.departments.insert("94".into());
        assert_eq!(f.count(&m), (2, 5));
        f.axes.insert("a3".into());
        assert_eq!(f.count(&m), (1, 5), "department 94 and axis 3");
        f.departments.insert("72".into());
        assert_eq!(f.count(&m), (2, 5), "94 or 72, on axis 3");
        f.labels.insert(2);
        assert_eq!(f.count(&m), (1, 5), "and a label of 2 arobases");
        let mut r = Filters::default();
        r.roles.insert("MAIRE".into());
        assert_eq!(r.count(&m), (1, 5), "roles compare folded and whole");
        let mut y = Filters::default();
        y.years.insert(2022);
        assert_eq!(y.count(&m), (0, 5));
        assert!(Filters::default().is_empty() && !f.is_empty());
    }
}
