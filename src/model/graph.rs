//! The motion as a graph: motion → axes → levers → contributions.
//!
//! Node order is fixed and is part of the contract with layout and view:
//! index 0 is the motion, then the axes, then the levers (axis by axis), then the
//! « Non classées » groups (one per axis that has unclassified contributions, in axis order,
//! then the motion's), then the contributions in input order. A contribution has one link per
//! lever it speaks to; its *parent* is its first lever. An unclassified contribution (no known
//! lever) is filed under the group of the axis its row named, else under the motion's group: a
//! group is a lever-level node (level 2, folded and unfolded like a lever) with no lever of the
//! motion behind it.

use super::Motion;
use super::order::StrIndex;

/// What a node of the map stands for (indices into the [`Motion`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NodeKind {
    Motion,
    Axis {
        axis: usize,
    },
    Lever {
        axis: usize,
        lever: usize,
    },
    /// Index into `Motion::contributions`.
    Contribution {
        index: usize,
    },
    /// The « Non classées » group of an axis (`Some`) or of the motion (`None`).
    Unclassified {
        axis: Option<usize>,
    },
}

/// The kind of a link, which sets its rest length and strength in the layout.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum LinkKind {
    MotionAxis,
    AxisLever,
    LeverContribution,
    /// Between two contributions (shared lever or theme): weaker, longer.
    Cross,
}

#[derive(Clone, Debug, PartialEq)]
pub struct GraphNode {
    pub kind: NodeKind,
    /// 0 motion, 1 axis, 2 lever, 3 contribution.
    pub level: u8,
    /// Axis the node belongs to (its colour); `None` for the motion, the « Non classées »
    /// groups and the contributions in them (drawn apart, in grey).
    pub axis: Option<usize>,
    /// Index of the parent node; `None` for the motion and unclassified contributions.
    pub parent: Option<u32>,
    pub label: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct GraphLink {
    pub source: u32,
    pub target: u32,
    pub kind: LinkKind,
}

/// The whole map as nodes and links; folding is view state and lives elsewhere.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct MindGraph {
    pub nodes: Vec<GraphNode>,
    pub links: Vec<GraphLink>,
    /// For each node, the indices of its children (tree links only), in order.
    pub children: Vec<Vec<u32>>,
    /// For each node, the other ends of its lever–contribution links, in link order: a lever's
    /// contributions, a contribution's levers. Kept by [`MindGraph::link`], so that
    /// [`MindGraph::levers_of`] and [`MindGraph::contributions_of`] cost the node's degree,
    /// not a scan of every link.
    filed: Vec<Vec<u32>>,
}

impl MindGraph {
    pub fn from_motion(motion: &Motion) -> Self {
        let mut g = MindGraph::default();
        g.push(NodeKind::Motion, 0, None, None, &motion.title);
        // Each lever's node and axis, in the order of `lever_ids`.
        let mut lever_ids = Vec::new();
        let mut lever_at = Vec::new();
        let axis_base = 1u32;
        for (a, axis) in motion.axes.iter().enumerate() {
            g.push(NodeKind::Axis { axis: a }, 1, Some(a), Some(0), &axis.title);
            g.link(0, axis_base + a as u32, LinkKind::MotionAxis);
        }
        for (a, axis) in motion.axes.iter().enumerate() {
            for (l, lever) in axis.levers.iter().enumerate() {
                let parent = axis_base + a as u32;
                let id = g.push(
                    NodeKind::Lever { axis: a, lever: l },
                    2,
                    Some(a),
                    Some(parent),
                    &lever.title,
                );
                g.link(parent, id, LinkKind::AxisLever);
                lever_ids.push(lever.id.as_str());
                lever_at.push((id, a));
            }
        }
        // A repeated id names its last lever.
        let lever_index = StrIndex::new(lever_ids);
        let targets: Vec<Vec<(u32, usize)>> = motion
            .contributions
            .iter()
            .map(|c| {
                c.levers
                    .iter()
                    .filter_map(|l| Some(lever_at[lever_index.last(l)? as usize]))
                    .collect()
            })
            .collect();
        // The « Non classées » groups: per axis named by an unclassified contribution (slot
        // `a`), and the motion's (slot `axes.len()`).
        let axis_index = StrIndex::new(motion.axes.iter().map(|a| a.id.as_str()).collect());
        let group_slot = |c: usize| {
            motion.contributions[c]
                .axis
                .as_deref()
                .and_then(|a| axis_index.last(a))
                .map(|a| a as usize)
                .unwrap_or(motion.axes.len())
        };
        let mut group_size = vec![0usize; motion.axes.len() + 1];
        for (c, t) in targets.iter().enumerate() {
            if t.is_empty() {
                group_size[group_slot(c)] += 1;
            }
        }
        let mut group_node = vec![u32::MAX; motion.axes.len() + 1];
        for (slot, &size) in group_size.iter().enumerate() {
            if size == 0 {
                continue;
            }
            let axis = (slot < motion.axes.len()).then_some(slot);
            let parent = axis.map_or(0, |a| axis_base + a as u32);
            let id = g.push(
                NodeKind::Unclassified { axis },
                2,
                None,
                Some(parent),
                &unclassified_label(size),
            );
            g.link(parent, id, LinkKind::AxisLever);
            group_node[slot] = id;
        }
        for (c, mut targets) in targets.into_iter().enumerate() {
            let contribution = &motion.contributions[c];
            if targets.is_empty() {
                let slot = group_slot(c);
                targets.push((group_node[slot], slot));
            }
            let (first, first_axis) = targets[0];
            let label = short_label(&contribution.text, contribution.author.as_deref());
            let id = g.push(
                NodeKind::Contribution { index: c },
                3,
                (!g.is_group(first)).then_some(first_axis),
                Some(first),
                &label,
            );
            for (lever, _) in targets {
                g.link(lever, id, LinkKind::LeverContribution);
            }
        }
        g
    }

    /// Each node's id, as links, the page and the exports name it: the motion's, axes',
    /// levers' and contributions' own ids; a « Non classées » group is `non-classees` (the
    /// motion's) or `<axis id>-non-classees`, with `-2`, `-3`… added if an id of the motion
    /// already says so.
    pub fn ids(&self, motion: &Motion) -> Vec<String> {
        let mut ids: Vec<String> = self
            .nodes
            .iter()
            .map(|n| match n.kind {
                NodeKind::Motion => motion.id.clone(),
                NodeKind::Axis { axis } => motion.axes[axis].id.clone(),
                NodeKind::Lever { axis, lever } => motion.axes[axis].levers[lever].id.clone(),
                NodeKind::Contribution { index } => motion.contributions[index].id.clone(),
                NodeKind::Unclassified { .. } => String::new(),
            })
            .collect();
        // The groups' ids (at most one per axis, and the motion's), kept apart until all are
        // made: `taken` borrows the others.
        let mut made: Vec<(usize, String)> = Vec::new();
        let taken = StrIndex::new(
            self.nodes
                .iter()
                .zip(&ids)
                .filter(|(n, _)| !matches!(n.kind, NodeKind::Unclassified { .. }))
                .map(|(_, id)| id.as_str())
                .collect(),
        );
        for (i, n) in self.nodes.iter().enumerate() {
            if let NodeKind::Unclassified { axis } = n.kind {
                let base = match axis {
                    Some(a) => format!("{}-non-classees", motion.axes[a].id),
                    None => "non-classees".to_string(),
                };
                let mut id = base.clone();
                let mut k = 2;
                while taken.contains(&id) || made.iter().any(|(_, m)| *m == id) {
                    id = format!("{base}-{k}");
                    k += 1;
                }
                made.push((i, id));
            }
        }
        for (i, id) in made {
            ids[i] = id;
        }
        ids
    }

    /// Is this node a « Non classées » group?
    pub fn is_group(&self, node: u32) -> bool {
        matches!(
            self.nodes.get(node as usize).map(|n| n.kind),
            Some(NodeKind::Unclassified { .. })
        )
    }

    fn push(
        &mut self,
        kind: NodeKind,
        level: u8,
        axis: Option<usize>,
        parent: Option<u32>,
        label: &str,
    ) -> u32 {
        let id = self.nodes.len() as u32;
        self.nodes.push(GraphNode {
            kind,
            level,
            axis,
            parent,
            label: label.to_string(),
        });
        self.children.push(Vec::new());
        self.filed.push(Vec::new());
        if let Some(p) = parent {
            self.children[p as usize].push(id);
        }
        id
    }

    /// Adds a link. Tree links also record the child under its source.
    pub fn link(&mut self, source: u32, target: u32, kind: LinkKind) {
        if kind == LinkKind::LeverContribution {
            self.filed[source as usize].push(target);
            self.filed[target as usize].push(source);
        }
        self.links.push(GraphLink {
            source,
            target,
            kind,
        });
    }

    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }

    /// The levers a contribution node is filed under, in link order (none for a lever).
    pub fn levers_of(&self, node: u32) -> impl Iterator<Item = u32> + '_ {
        self.filed_with(node, 3)
    }

    /// The contributions filed under a lever node, in link order (a contribution on two
    /// levers is under both; none for a contribution).
    pub fn contributions_of(&self, lever: u32) -> impl Iterator<Item = u32> + '_ {
        self.filed_with(lever, 2)
    }

    fn filed_with(&self, node: u32, level: u8) -> impl Iterator<Item = u32> + '_ {
        let ends = match self.nodes.get(node as usize) {
            Some(n) if n.level == level => self.filed[node as usize].as_slice(),
            _ => &[],
        };
        ends.iter().copied()
    }

    /// Per node, how many contributions `keep` keeps under it: a lever counts its
    /// contributions, an axis the sum over its levers (a contribution once per lever link), the
    /// motion every kept contribution once, classified or not.
    pub fn contribution_counts(&self, keep: impl Fn(u32) -> bool) -> Vec<u32> {
        let mut counts = vec![0u32; self.len()];
        for link in &self.links {
            if link.kind == LinkKind::LeverContribution && keep(link.target) {
                counts[link.source as usize] += 1;
            }
        }
        for i in 0..self.len() {
            if let (2, Some(p)) = (self.nodes[i].level, self.nodes[i].parent) {
                counts[p as usize] += counts[i];
            }
        }
        if !self.is_empty() {
            counts[0] = (0..self.len() as u32)
                .filter(|&i| self.nodes[i as usize].level == 3 && keep(i))
                .count() as u32;
        }
        counts
    }
}

/// The title of a « Non classées » group holding `n` contributions.
pub fn unclassified_label(n: usize) -> String {
    format!("Non classées ({})", crate::model::limits::thousands(n))
}

impl NodeKind {
    /// `motion`, `axis`, `lever` or `contribution`, as the page receives it. A « Non classées »
    /// group is a `lever` to the page (it lists, folds and unfolds its contributions alike);
    /// its detail says `unclassified`.
    pub fn name(self) -> &'static str {
        match self {
            NodeKind::Motion => "motion",
            NodeKind::Axis { .. } => "axis",
            NodeKind::Lever { .. } | NodeKind::Unclassified { .. } => "lever",
            NodeKind::Contribution { .. } => "contribution",
        }
    }
}

/// The short label of a contribution: its author, else the start of its text.
fn short_label(text: &str, author: Option<&str>) -> String {
    match author {
        Some(a) if !a.trim().is_empty() => a.trim().to_string(),
        _ => {
            let t: String = text.chars().take(40).collect();
            if text.chars().count() > 40 {
                format!("{}…", t.trim_end())
            } else {
                t
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::synthetic::synthetic_graph;

    /// The kept adjacency says what a scan of every link says.
    #[test]
    fn filed_ends_match_the_links() {
        let g = synthetic_graph(600, 3);
        for n in 0..g.len() as u32 {
            let levers: Vec<u32> = g
                .links
                .iter()
                .filter(|l| l.target == n && l.kind == LinkKind::LeverContribution)
                .map(|l| l.source)
                .collect();
            let contributions: Vec<u32> = g
                .links
                .iter()
                .filter(|l| l.source == n && l.kind == LinkKind::LeverContribution)
                .map(|l| l.target)
                .collect();
            assert_eq!(g.levers_of(n).collect::<Vec<_>>(), levers, "node {n}");
            assert_eq!(
                g.contributions_of(n).collect::<Vec<_>>(),
                contributions,
                "node {n}"
            );
        }
        assert!(g.contributions_of(5).count() > 10);
        assert_eq!(g.levers_of(5).count(), 0);
        assert_eq!(g.levers_of(u32::MAX).count(), 0);
    }
}
