//! What the panels read, beyond one node's detail: a lever's contributions with their words
//! (sorted, narrowed by the search and the filters), the counts that summarise an axis or the
//! motion (per lever, department, label, year), and the citation of one contribution with
//! the link that reopens the map on it. Plain data; the page renders every field as text.

use serde::{Deserialize, Serialize};

use super::MapState;
use super::url::{UrlState, write_fragment};
use crate::model::order;
use crate::model::text::fold;
use crate::model::{Contribution, Link, NodeKind, is_safe_href};

/// Departments listed in a summary (the others are counted in `other_departments`).
pub const TOP_DEPARTMENTS: usize = 10;

/// How a lever's list is ordered.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SortKey {
    /// The map's order (the table's order).
    #[default]
    Map,
    /// Department code (`01` … `95`, `2A`, `971`), then author.
    Department,
    /// Label, most arobases first, then author.
    Label,
    /// Author's name (case and accents ignored).
    Author,
}

impl SortKey {
    /// Reads `map`, `department`, `label` or `author`; anything else is the map's order.
    pub fn parse(s: &str) -> SortKey {
        match s {
            "department" => SortKey::Department,
            "label" => SortKey::Label,
            "author" => SortKey::Author,
            _ => SortKey::Map,
        }
    }
}

/// One contribution in a lever's list.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ListItem {
    pub id: String,
    pub text: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub collectivity: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub department: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub year: Option<u16>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<u8>,
    /// http(s) and mailto links only.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<Link>,
}

impl ListItem {
    fn of(c: &Contribution) -> ListItem {
        ListItem {
            id: c.id.clone(),
            text: c.text.clone(),
            author: c.author.clone(),
            role: c.role.clone(),
            collectivity: c.collectivity.clone(),
            department: c.department.clone(),
            year: c.year,
            label: c.label,
            links: c
                .links
                .iter()
                .filter(|l| is_safe_href(&l.href))
                .cloned()
                .collect(),
        }
    }
}

/// A lever's contributions as the panel lists them: those the search and the filters keep,
/// sorted; `total` counts them all (« 12 sur 62 »).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct LeverList {
    pub lever: String,
    pub total: u32,
    pub sort: SortKey,
    pub items: Vec<ListItem>,
}

/// One bar of a summary: a value, what to call it, how many contributions.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Bar {
    /// The lever id, department code, label (`3`) or year (`2021`): what a click filters on.
    pub value: String,
    pub label: String,
    pub count: u32,
}

/// What an axis or the motion holds, counted over the contributions the filters keep (the
/// same contributions, and for levers the same rows, as the CSV export of that selection).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Summary {
    pub id: String,
    /// Contributions behind the node that the filters keep.
    pub total: u32,
    /// Per lever, in map order (a contribution on two levers counts under both).
    pub levers: Vec<Bar>,
    /// Kept contributions without a lever (the motion only).
    pub unclassified: u32,
    /// The ten departments with most contributions, most first (ties: by code).
    pub departments: Vec<Bar>,
    /// Contributions from the other departments.
    pub other_departments: u32,
    /// Per label, 1 to 5 arobases.
    pub labels: Vec<Bar>,
    /// Per year, oldest first.
    pub years: Vec<Bar>,
}

/// A contribution ready to quote: its words, who said it and from where, and the link.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Citation {
    pub id: String,
    /// The words, as written.
    pub text: String,
    /// « Prénom Nom, fonction, Commune (94), 2021 »: the parts the data has.
    pub attribution: String,
    /// The host page's fragment (without `#`) that reopens the map on this contribution.
    pub fragment: String,
    /// « « texte » — attribution » (the page adds the link).
    pub plain: String,
}

/// Ranks department codes in the order people read them: `2A` and `2B` after `19`, numbers by
/// value, then the code in capitals; equal ranks for codes that read the same.
fn department_ranks(codes: &[&str]) -> Vec<u32> {
    let upper: Vec<String> = codes.iter().map(|d| d.to_ascii_uppercase()).collect();
    let upper: Vec<&str> = upper.iter().map(String::as_str).collect();
    let text = order::str_ranks(&upper);
    let keys = codes
        .iter()
        .zip(text)
        .map(|(d, r)| {
            let digits: String = d.chars().take_while(char::is_ascii_digit).collect();
            let n: u32 = digits.parse().unwrap_or(u32::MAX);
            // Corsica (2A, 2B) sorts as 20.
            let n = if n == 2 && d.len() == 2 { 20 } else { n };
            (u128::from(n) << 32) | u128::from(r)
        })
        .collect();
    order::ranks(keys)
}

/// Orders a lever's contributions (indices into `cs`, in map order) by `sort`: every order
/// ends with the folded author, and ties keep the map order (a stable sort).
fn sort_list(cs: &[Contribution], kept: &mut [usize], sort: SortKey) {
    if sort == SortKey::Map {
        return;
    }
    let authors: Vec<String> = kept
        .iter()
        .map(|&i| fold(cs[i].author.as_deref().unwrap_or("")))
        .collect();
    let authors: Vec<&str> = authors.iter().map(String::as_str).collect();
    let author = order::str_ranks(&authors);
    // The part before the author, below 2^33.
    let first: Vec<u64> = match sort {
        SortKey::Department => {
            // Contributions without a department last.
            let codes: Vec<&str> = kept
                .iter()
                .filter_map(|&i| cs[i].department.as_deref())
                .collect();
            let mut ranks = department_ranks(&codes).into_iter();
            kept.iter()
                .map(|&i| match cs[i].department {
                    Some(_) => ranks.next().map_or(0, u64::from),
                    None => 1 << 32,
                })
                .collect()
        }
        // Highest label first, no label last.
        SortKey::Label => kept
            .iter()
            .map(|&i| cs[i].label.map_or(256, |l| 255 - u64::from(l)))
            .collect(),
        _ => vec![0; kept.len()],
    };
    let keys: Vec<u128> = first
        .iter()
        .zip(&author)
        .map(|(&f, &a)| (u128::from(f) << 32) | u128::from(a))
        .collect();
    order::apply(kept, &order::permutation(keys));
}

impl MapState {
    /// The contributions of a lever node (indices into `motion.contributions`), in map order.
    fn lever_contributions(&self, lever: u32) -> Vec<usize> {
        self.graph
            .contributions_of(lever)
            .filter_map(|c| match self.graph.nodes[c as usize].kind {
                NodeKind::Contribution { index } => Some(index),
                _ => None,
            })
            .collect()
    }

    /// A lever's contributions kept by the search (when there is one) and the filters, sorted
    /// by `sort` (ties in map order). `None` if `lever` is not a lever.
    pub fn lever_list(&self, lever: u32, sort: SortKey) -> Option<LeverList> {
        if !matches!(
            self.graph.nodes.get(lever as usize)?.kind,
            NodeKind::Lever { .. } | NodeKind::Unclassified { .. }
        ) {
            return None;
        }
        let all = self.lever_contributions(lever);
        let searching = !self.query().trim().is_empty();
        let mut found = vec![false; if searching { self.graph.len() } else { 0 }];
        for &h in self.hits() {
            if let Some(f) = found.get_mut(h as usize) {
                *f = true;
            }
        }
        // Contribution index → node, for the search test.
        let first = self.graph.len() - self.motion.contributions.len();
        let mut kept: Vec<usize> = all
            .iter()
            .copied()
            .filter(|&i| self.filters.keeps(&self.motion, i))
            .filter(|&i| !searching || found[first + i])
            .collect();
        let cs = &self.motion.contributions;
        sort_list(cs, &mut kept, sort);
        Some(LeverList {
            lever: self.id(lever).to_string(),
            total: all.len() as u32,
            sort,
            items: kept.iter().map(|&i| ListItem::of(&cs[i])).collect(),
        })
    }

    /// The counts that summarise a node: what [`MapState::contributions_under`] gives for it,
    /// per lever (rows, as in the CSV), department, label and year.
    pub fn summary(&self, node: u32) -> Option<Summary> {
        let n = self.graph.nodes.get(node as usize)?;
        let levers: Vec<u32> = match n.kind {
            NodeKind::Motion => (0..self.graph.len() as u32)
                .filter(|&i| self.graph.nodes[i as usize].level == 2)
                .collect(),
            NodeKind::Axis { .. } => self.graph.children[node as usize].clone(),
            NodeKind::Lever { .. } | NodeKind::Unclassified { .. } => vec![node],
            NodeKind::Contribution { .. } => return None,
        };
        let kept = self.contributions_under(Some(node));
        let mut is_kept = vec![false; self.motion.contributions.len()];
        for &i in &kept {
            is_kept[i] = true;
        }
        let lever_bars = levers
            .iter()
            .map(|&l| Bar {
                value: self.id(l).to_string(),
                label: self.graph.nodes[l as usize].label.clone(),
                count: self
                    .lever_contributions(l)
                    .iter()
                    .filter(|&&i| is_kept[i])
                    .count() as u32,
            })
            .collect();
        // The values found, counted below (smallest first).
        let mut departments: Vec<String> = Vec::new();
        let mut labels: Vec<u32> = Vec::new();
        let mut years: Vec<u32> = Vec::new();
        let mut unclassified = 0;
        // Contribution index → node (contributions come last in the graph).
        let first = self.graph.len() - self.motion.contributions.len();
        for &i in &kept {
            let c = &self.motion.contributions[i];
            if let Some(d) = c.department.as_deref().filter(|d| !d.is_empty()) {
                departments.push(d.to_ascii_uppercase());
            }
            if let Some(l) = c.label {
                labels.push(u32::from(l));
            }
            if let Some(y) = c.year {
                years.push(u32::from(y));
            }
            if self.graph.nodes[first + i]
                .parent
                .is_some_and(|p| self.graph.is_group(p))
            {
                unclassified += 1;
            }
        }
        let codes: Vec<&str> = departments.iter().map(String::as_str).collect();
        let mut departments: Vec<Bar> = order::str_counts(&codes)
            .into_iter()
            .map(|(first, count)| Bar {
                label: departments[first as usize].clone(),
                value: departments[first as usize].clone(),
                count,
            })
            .collect();
        // Most contributions first, then in reading order.
        let codes: Vec<&str> = departments.iter().map(|b| b.value.as_str()).collect();
        let ranks = department_ranks(&codes);
        let keys = departments
            .iter()
            .zip(ranks)
            .map(|(b, r)| (u128::from(u32::MAX - b.count) << 32) | u128::from(r))
            .collect();
        order::apply(&mut departments, &order::permutation(keys));
        let other_departments = departments
            .iter()
            .skip(TOP_DEPARTMENTS)
            .map(|b| b.count)
            .sum();
        departments.truncate(TOP_DEPARTMENTS);
        Some(Summary {
            id: self.id(node).to_string(),
            total: kept.len() as u32,
            levers: lever_bars,
            unclassified: if node == 0 { unclassified } else { 0 },
            departments,
            other_departments,
            labels: order::u32_counts(labels)
                .into_iter()
                .map(|(l, count)| Bar {
                    value: l.to_string(),
                    label: "@".repeat(l as usize),
                    count,
                })
                .collect(),
            years: order::u32_counts(years)
                .into_iter()
                .map(|(y, count)| Bar {
                    value: y.to_string(),
                    label: y.to_string(),
                    count,
                })
                .collect(),
        })
    }

    /// A list item has the pointer or the keyboard: its dot is highlighted as under the pointer
    /// and centred in the space the panels leave (without zooming), if the map shows it.
    /// `None` clears the highlight. Returns whether anything changed.
    pub fn preview(&mut self, node: Option<u32>) -> bool {
        let changed = self.hover(node);
        match self.view.hovered {
            Some(n) => self.center_on(n) || changed,
            None => changed,
        }
    }

    /// The citation of a contribution node. `lever` (an id) is the lever it is read under,
    /// unfolded in the link (default: its first lever); `fragment` is the host page's current
    /// fragment and `key` this map's name in it.
    pub fn citation(
        &self,
        node: u32,
        lever: Option<&str>,
        fragment: &str,
        key: &str,
    ) -> Option<Citation> {
        let NodeKind::Contribution { index } = self.graph.nodes.get(node as usize)?.kind else {
            return None;
        };
        let c = &self.motion.contributions[index];
        let place = match (c.collectivity.as_deref(), c.department.as_deref()) {
            (Some(p), Some(d)) => Some(format!("{p} ({d})")),
            (Some(p), None) => Some(p.to_string()),
            (None, Some(d)) => Some(format!("({d})")),
            (None, None) => None,
        };
        let attribution = [
            c.author.clone(),
            c.role.clone(),
            place,
            c.year.map(|y| y.to_string()),
        ]
        .into_iter()
        .flatten()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(", ");
        let levers: Vec<u32> = self.graph.levers_of(node).collect();
        let under = lever
            .and_then(|id| self.node_by_id(id))
            .filter(|l| levers.contains(l))
            .or(levers.first().copied());
        let state = UrlState {
            selected: Some(c.id.clone()),
            unfolded: under
                .map(|l| vec![self.id(l).to_string()])
                .unwrap_or_default(),
            ..UrlState::default()
        };
        let text = c.text.trim().to_string();
        let plain = if attribution.is_empty() {
            format!("« {text} »")
        } else {
            format!("« {text} » — {attribution}")
        };
        Some(Citation {
            id: c.id.clone(),
            text,
            attribution,
            fragment: write_fragment(fragment, key, &state),
            plain,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::search::Filters;
    use crate::model::{Format, parse};
    use crate::view::text::ApproxMeasure;

    fn map() -> MapState {
        let motion = parse(
            include_str!("../../assets/motion-2021.md"),
            Format::Markdown,
        )
        .value
        .unwrap();
        MapState::new(motion, 1000.0, 700.0, &mut ApproxMeasure)
    }

    fn ids(l: &LeverList) -> Vec<&str> {
        l.items.iter().map(|i| i.id.as_str()).collect()
    }

    #[test]
    fn a_lever_lists_its_contributions_with_their_words() {
        let m = map();
        let lever = m.node_by_id("a3-l2").unwrap();
        let l = m.lever_list(lever, SortKey::Map).unwrap();
        assert_eq!((l.lever.as_str(), l.total), ("a3-l2", 2));
        assert_eq!(ids(&l), ["c4", "c5"]);
        assert!(l.items[1].text.starts_with("le sujet important"));
        assert_eq!(l.items[1].author.as_deref(), Some("Claude Morin"));
        assert_eq!(l.items[1].department.as_deref(), Some("72"));
        assert_eq!(l.items[1].label, Some(2));
        assert_eq!(
            m.lever_list(0, SortKey::Map),
            None,
            "the motion is no lever"
        );
        assert_eq!(m.lever_list(9999, SortKey::Map), None);
    }

    #[test]
    fn sorting_by_department_label_and_author() {
        let m = map();
        let lever = m.node_by_id("a3-l2").unwrap();
        assert_eq!(
            ids(&m.lever_list(lever, SortKey::Department).unwrap()),
            ["c4", "c5"]
        );
        assert_eq!(
            ids(&m.lever_list(lever, SortKey::Label).unwrap()),
            ["c4", "c5"]
        );
        assert_eq!(
            ids(&m.lever_list(lever, SortKey::Author).unwrap()),
            ["c5", "c4"]
        );
        assert_eq!(SortKey::parse("department"), SortKey::Department);
        assert_eq!(SortKey::parse("<b>"), SortKey::Map);
        let mut codes = vec!["971", "2B", "94", "01", "2A", "19", "21", "6"];
        let keys = department_ranks(&codes)
            .into_iter()
            .map(u128::from)
            .collect();
        order::apply(&mut codes, &order::permutation(keys));
        assert_eq!(codes, ["01", "6", "19", "2A", "2B", "21", "94", "971"]);
    }

    /// The orders of the comparators the lists were sorted with before (`sort_by`, stable).
    #[test]
    fn list_orders_are_the_stable_sorts_they_replace() {
        use std::cmp::Ordering;
        fn department_order(a: &str, b: &str) -> Ordering {
            let key = |d: &str| {
                let digits: String = d.chars().take_while(char::is_ascii_digit).collect();
                let n: u32 = digits.parse().unwrap_or(u32::MAX);
                let n = if n == 2 && d.len() == 2 { 20 } else { n };
                (n, d.to_ascii_uppercase())
            };
            key(a).cmp(&key(b))
        }
        let authors = [
            None,
            Some("Éa"),
            Some("ea"),
            Some("b"),
            Some(""),
            Some("Zoé"),
        ];
        let departments = [
            None,
            Some(""),
            Some("2a"),
            Some("2A"),
            Some("2B"),
            Some("20"),
            Some("971"),
            Some("06"),
            Some("6"),
            Some("x"),
        ];
        let mut s = 7u64;
        let mut next = |m: usize| {
            s = s
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (s >> 33) as usize % m
        };
        let cs: Vec<Contribution> = (0..400)
            .map(|i| Contribution {
                id: format!("c{i}"),
                author: authors[next(authors.len())].map(str::to_string),
                department: departments[next(departments.len())].map(str::to_string),
                label: [None, Some(1), Some(3), Some(5), Some(0), Some(255)][next(6)],
                text: String::new(),
                role: None,
                collectivity: None,
                year: None,
                levers: Vec::new(),
                axis: None,
                links: Vec::new(),
                proposals: None,
            })
            .collect();
        let all: Vec<usize> = (0..cs.len()).rev().filter(|i| i % 5 != 1).collect();
        let author = |i: usize| fold(cs[i].author.as_deref().unwrap_or(""));
        for sort in [
            SortKey::Map,
            SortKey::Author,
            SortKey::Department,
            SortKey::Label,
        ] {
            let mut expected = all.clone();
            match sort {
                SortKey::Map => {}
                SortKey::Author => expected.sort_by_key(|&a| author(a)),
                SortKey::Department => expected.sort_by(|&a, &b| {
                    match (cs[a].department.as_deref(), cs[b].department.as_deref()) {
                        (Some(x), Some(y)) => department_order(x, y),
                        (Some(_), None) => Ordering::Less,
                        (None, Some(_)) => Ordering::Greater,
                        (None, None) => Ordering::Equal,
                    }
                    .then_with(|| author(a).cmp(&author(b)))
                }),
                SortKey::Label => expected.sort_by(|&a, &b| {
                    cs[b]
                        .label
                        .cmp(&cs[a].label)
                        .then_with(|| author(a).cmp(&author(b)))
                }),
            }
            let mut kept = all.clone();
            sort_list(&cs, &mut kept, sort);
            assert_eq!(kept, expected, "{sort:?}");
        }
    }

    #[test]
    fn the_search_and_the_filters_narrow_the_list_not_the_total() {
        let mut m = map();
        let lever = m.node_by_id("a3-l2").unwrap();
        let mut f = Filters::default();
        f.departments.insert("72".into());
        m.set_filters(f);
        let l = m.lever_list(lever, SortKey::Map).unwrap();
        assert_eq!((ids(&l), l.total), (vec!["c5"], 2));
        m.set_filters(Filters::default());
        m.set_query("cloud");
        assert_eq!(ids(&m.lever_list(lever, SortKey::Map).unwrap()), ["c4"]);
        m.set_query("introuvable");
        assert!(m.lever_list(lever, SortKey::Map).unwrap().items.is_empty());
    }

    #[test]
    fn a_citation_names_who_and_where_and_links_back() {
        let m = map();
        let c5 = m.node_by_id("c5").unwrap();
        let c = m.citation(c5, None, "intro", "carte").unwrap();
        assert_eq!(c.attribution, "Claude Morin, maire, Nouans (72), 2021");
        assert!(c.plain.starts_with("« le sujet important"));
        assert!(
            c.plain
                .ends_with("fausses informations. » — Claude Morin, maire, Nouans (72), 2021")
        );
        assert!(c.fragment.starts_with("intro&cm.carte="), "{}", c.fragment);
        let state = crate::interaction::url::read_fragment(&c.fragment, "carte").unwrap();
        assert_eq!(state.selected.as_deref(), Some("c5"));
        assert_eq!(state.unfolded, ["a3-l2"]);
        // c4 read under its second lever keeps that lever in the link.
        let c4 = m.node_by_id("c4").unwrap();
        let c = m.citation(c4, Some("a3-l2"), "", "carte").unwrap();
        let state = crate::interaction::url::read_fragment(&c.fragment, "carte").unwrap();
        assert_eq!(state.unfolded, ["a3-l2"]);
        let c = m.citation(c4, Some("a1-l1"), "", "carte").unwrap();
        let state = crate::interaction::url::read_fragment(&c.fragment, "carte").unwrap();
        assert_eq!(
            state.unfolded,
            ["a3-l1"],
            "not one of its levers: its first"
        );
        assert_eq!(m.citation(0, None, "", "carte"), None);
    }

    #[test]
    fn the_summary_counts_what_the_csv_export_holds() {
        let mut m = map();
        let s = m.summary(0).unwrap();
        assert_eq!((s.total, s.unclassified), (5, 0));
        assert_eq!(s.levers.len(), 12);
        assert_eq!(
            s.levers.iter().map(|b| b.count).sum::<u32>(),
            6,
            "c4 counts under both its levers, as its two CSV rows"
        );
        let a3 = m.node_by_id("a3").unwrap();
        let s = m.summary(a3).unwrap();
        assert_eq!(s.total, 3);
        let counts: Vec<(&str, u32)> = s
            .levers
            .iter()
            .map(|b| (b.value.as_str(), b.count))
            .collect();
        assert_eq!(counts, [("a3-l1", 2), ("a3-l2", 2), ("a3-l3", 0)]);
        let deps: Vec<(&str, u32)> = s
            .departments
            .iter()
            .map(|b| (b.value.as_str(), b.count))
            .collect();
        assert_eq!(deps, [("14", 1), ("72", 1), ("94", 1)]);
        assert_eq!(
            s.labels
                .iter()
                .map(|b| (b.label.as_str(), b.count))
                .collect::<Vec<_>>(),
            [("@@", 1), ("@@@@@", 2)]
        );
        let mut f = Filters::default();
        f.labels.insert(5);
        m.set_filters(f);
        assert_eq!(m.summary(a3).unwrap().total, 2, "the filters apply");
        assert_eq!(m.summary(m.node_by_id("c1").unwrap()), None);
    }
}
