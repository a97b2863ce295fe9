//! The filters: which contributions pass them (judged once per change), the counts the map
//! shows, and the values each filter can take.

use serde::Serialize;

use super::MapState;
use crate::model::NodeKind;
use crate::model::order::{self, StrIndex};
use crate::model::search::Filters;
use crate::model::text::fold;

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

impl MapState {
    /// The filters in force.
    pub fn filters(&self) -> &Filters {
        &self.filters
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

    /// The contribution nodes that pass the filters, in map order.
    pub fn kept_contributions(&self) -> impl Iterator<Item = u32> + '_ {
        (0..self.graph.len() as u32)
            .filter(|&i| self.graph.nodes[i as usize].level == 3 && self.is_kept(i))
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
        self.changed();
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
        let mut lever_ids = Vec::new();
        let mut lever_axis = Vec::new();
        for (a, axis) in m.axes.iter().enumerate() {
            for lever in &axis.levers {
                lever_ids.push(lever.id.as_str());
                lever_axis.push(a);
            }
        }
        // The first lever of an id wins.
        let axis_of = StrIndex::new(lever_ids);
        for c in &m.contributions {
            let mut seen = Vec::new();
            for a in c
                .levers
                .iter()
                .filter_map(|l| Some(lever_axis[axis_of.first(l)? as usize]))
            {
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
}
