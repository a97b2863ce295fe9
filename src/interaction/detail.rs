//! What the detail panel shows for a node: plain data, serialised for the web layer.
//! The page renders every field as text (never as HTML).

use serde::Serialize;

use crate::model::graph::GraphNode;
use crate::model::table::{Suggestion, suggestions};
use crate::model::{Link, Motion, NodeKind};

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Detail {
    /// `motion`, `axis`, `lever` or `contribution`.
    pub kind: &'static str,
    pub id: String,
    /// Title (motion, axis, lever) or the contribution's full text.
    pub title: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// Axis title for a lever; axis titles for a contribution's levers' axes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub axis: Option<String>,
    /// Lever titles a contribution is attached to.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub levers: Vec<String>,
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
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<Link>,
    /// Number of contributions under a lever (or axis, or the whole motion).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub count: Option<u32>,
    /// For a lever: are its contributions shown?
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unfolded: Option<bool>,
    /// For an unclassified contribution: the closest levers by its words, to be confirmed, as
    /// the file carries them (`Contribution::proposals`); empty when none is close enough, null
    /// when they were not computed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub suggestions: Option<Vec<Suggestion>>,
    /// A « Non classées » group (a `lever` to the page), or a contribution in one.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub unclassified: bool,
}

impl Detail {
    fn new(kind: NodeKind, id: &str, title: &str) -> Detail {
        Detail {
            kind: kind.name(),
            id: id.to_string(),
            title: title.to_string(),
            description: String::new(),
            axis: None,
            levers: Vec::new(),
            author: None,
            role: None,
            collectivity: None,
            department: None,
            year: None,
            label: None,
            links: Vec::new(),
            count: None,
            unfolded: None,
            suggestions: None,
            unclassified: false,
        }
    }

    /// The detail of `node`, whose id is `id`.
    pub fn of(motion: &Motion, node: &GraphNode, id: &str, count: u32, unfolded: bool) -> Detail {
        let kind = node.kind;
        match kind {
            NodeKind::Unclassified { axis } => Detail {
                description: match axis {
                    Some(_) => "Contributions rattachées à cet axe, sans levier.",
                    None => "Contributions rattachées à aucun axe ni levier.",
                }
                .to_string(),
                axis: axis.map(|a| motion.axes[a].title.clone()),
                count: Some(count),
                unfolded: Some(unfolded),
                unclassified: true,
                ..Detail::new(kind, id, &node.label)
            },
            NodeKind::Motion => Detail {
                description: motion.description.clone(),
                year: motion.year,
                links: motion.links.clone(),
                count: Some(count),
                ..Detail::new(kind, &motion.id, &motion.title)
            },
            NodeKind::Axis { axis } => {
                let a = &motion.axes[axis];
                Detail {
                    description: a.description.clone(),
                    links: a.links.clone(),
                    count: Some(count),
                    ..Detail::new(kind, &a.id, &a.title)
                }
            }
            NodeKind::Lever { axis, lever } => {
                let a = &motion.axes[axis];
                let l = &a.levers[lever];
                Detail {
                    description: l.description.clone(),
                    axis: Some(a.title.clone()),
                    links: l.links.clone(),
                    count: Some(count),
                    unfolded: Some(unfolded),
                    ..Detail::new(kind, &l.id, &l.title)
                }
            }
            NodeKind::Contribution { index } => {
                let c = &motion.contributions[index];
                let found: Vec<_> = c.levers.iter().filter_map(|id| motion.lever(id)).collect();
                Detail {
                    axis: found
                        .first()
                        .map(|(a, _, _)| motion.axes[*a].title.clone())
                        .or_else(|| motion.named_axis(c).map(|a| motion.axes[a].title.clone())),
                    levers: found.iter().map(|(_, _, l)| l.title.clone()).collect(),
                    author: c.author.clone(),
                    role: c.role.clone(),
                    collectivity: c.collectivity.clone(),
                    department: c.department.clone(),
                    year: c.year,
                    label: c.label,
                    links: c.links.clone(),
                    suggestions: suggestions(motion, c).filter(|_| found.is_empty()),
                    unclassified: found.is_empty(),
                    ..Detail::new(kind, &c.id, &c.text)
                }
            }
        }
    }
}
