//! What the exports take from the map: the contributions behind the selection (CSV), the
//! whole map as a scene for the SVG poster, the current view without its hover tooltip (PNG),
//! and one lever with all its contributions as plain data for the print view.

use serde::Serialize;

use super::MapState;
use super::url::UrlState;
use crate::model::export::contributions_csv;
use crate::model::graph::MindGraph;
use crate::model::links::is_http;
use crate::model::{Contribution, Motion, NodeKind, SavedLayout, SavedPosition};
use crate::view::Camera;
use crate::view::scene::{self, GroupText, Scene, ViewState};
use crate::view::text::TextMeasure;

/// Screen pixels per layout unit on the poster.
const POSTER_ZOOM: f32 = 1.0;
/// Room around the nodes for their labels, in poster pixels.
const POSTER_MARGIN: f32 = 320.0;

/// One lever, its axis, the motion and the full detail of every contribution filed under it.
/// The page renders every field as text.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LeverPrint {
    pub motion_id: String,
    pub motion: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub year: Option<u16>,
    pub axis_id: String,
    pub axis: String,
    pub lever_id: String,
    pub lever: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// Every contribution filed under the lever, with its http(s) links only.
    pub contributions: Vec<Contribution>,
}

impl MapState {
    /// Indices into `motion.contributions` behind the selection, in input order: a lever's
    /// contributions, an axis's levers' contributions, a contribution itself, everything when
    /// the motion or nothing is selected; only those the active filters keep.
    pub fn contributions_in_scope(&self) -> Vec<usize> {
        self.contributions_under(self.view.selected)
    }

    /// [`MapState::contributions_in_scope`] for `node` selected (the panels' summaries count
    /// the same contributions as the export).
    pub fn contributions_under(&self, node: Option<u32>) -> Vec<usize> {
        let all = self.motion.contributions.len();
        let mut wanted = vec![false; all];
        let node = node.filter(|&n| (n as usize) < self.graph.len());
        match node.map(|n| self.graph.nodes[n as usize].kind) {
            None | Some(NodeKind::Motion) => wanted.iter_mut().for_each(|w| *w = true),
            Some(NodeKind::Contribution { index }) => wanted[index] = true,
            Some(NodeKind::Lever { .. })
            | Some(NodeKind::Unclassified { .. })
            | Some(NodeKind::Axis { .. }) => {
                for lever in self.levers_under(node) {
                    for c in self.graph.contributions_of(lever) {
                        if let NodeKind::Contribution { index } = self.graph.nodes[c as usize].kind
                        {
                            wanted[index] = true;
                        }
                    }
                }
            }
        }
        let kept = self.filters.kept(&self.motion);
        (0..all).filter(|&i| wanted[i] && kept[i]).collect()
    }

    /// Lever nodes `node` stands for: the lever (or « Non classées » group), or the levers of
    /// the axis and its group.
    fn levers_under(&self, node: Option<u32>) -> Vec<u32> {
        let Some(s) = node else {
            return Vec::new();
        };
        match self.graph.nodes[s as usize].kind {
            NodeKind::Lever { .. } | NodeKind::Unclassified { .. } => vec![s],
            NodeKind::Axis { .. } => self.graph.children[s as usize].clone(),
            _ => Vec::new(),
        }
    }

    /// The lever ids the CSV rows are limited to (a lever or an axis is selected), else `None`.
    /// A « Non classées » group has no lever id: its contributions' rows are written whole.
    pub fn levers_in_scope(&self) -> Option<Vec<String>> {
        self.lever_nodes_in_scope()
            .map(|nodes| nodes.iter().map(|&n| self.id(n).to_string()).collect())
    }

    /// The nodes of [`MapState::levers_in_scope`]'s levers: those the selection stands for
    /// (the lever, or the levers of the axis), groups left out (the numbering of
    /// `MindGraph::from_motion`, the same for any module that reads the same document).
    pub fn lever_nodes_in_scope(&self) -> Option<Vec<u32>> {
        let nodes = self.levers_under(self.view.selected);
        (!nodes.is_empty()).then(|| {
            nodes
                .into_iter()
                .filter(|&n| !self.graph.is_group(n))
                .collect()
        })
    }

    /// The contributions behind the selection as a CSV table (`model::export`).
    pub fn csv_in_scope(&self) -> String {
        contributions_csv(
            &self.motion,
            &self.contributions_in_scope(),
            self.levers_in_scope().as_deref(),
        )
    }

    /// The lever a print view is for: the selected lever, or the lever a selected contribution
    /// is shown under (its first unfolded lever, else its first lever).
    pub fn lever_in_scope(&self) -> Option<u32> {
        let s = self.view.selected?;
        match self.graph.nodes[s as usize].kind {
            NodeKind::Lever { .. } | NodeKind::Unclassified { .. } => Some(s),
            NodeKind::Contribution { .. } => {
                let levers: Vec<u32> = self.graph.levers_of(s).collect();
                levers
                    .iter()
                    .copied()
                    .find(|&l| self.view.unfolded[l as usize])
                    .or(levers.first().copied())
            }
            _ => None,
        }
    }

    /// The print view's data for a lever node or a « Non classées » group (`None` for any
    /// other node): [`lever_print`] on this map's document.
    pub fn lever_print(&self, lever: u32) -> Option<LeverPrint> {
        lever_print(&self.motion, &self.graph, &self.ids, lever)
    }

    /// A file name for an export: the motion's id (with its year when the id lacks it), for a
    /// CSV also the selected node's id (the scope), then `.ext`; only `a-z 0-9 - _ .` are kept.
    pub fn export_file_name(&self, ext: &str) -> String {
        let mut stem = self.motion.id.clone();
        if let Some(y) = self.motion.year
            && !stem.contains(&y.to_string())
        {
            stem = format!("{stem}-{y}");
        }
        if ext == "csv"
            && let Some(s) = self.view.selected.filter(|&s| s != 0)
        {
            stem = format!("{stem}-{}", self.id(s));
        }
        let clean: String = stem
            .chars()
            .map(|c| {
                let c = c.to_ascii_lowercase();
                if c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == '.' {
                    c
                } else {
                    '-'
                }
            })
            .collect();
        let clean = clean.trim_matches(['-', '.']);
        let stem = if clean.is_empty() {
            "carte-mentale"
        } else {
            clean
        };
        format!("{stem}.{ext}")
    }

    /// The current view as an image shows it: the scene without the hover tooltip or ring.
    pub fn view_scene(&self, measure: &mut dyn TextMeasure) -> Scene {
        let view = ViewState {
            hovered: None,
            ..self.view.clone()
        };
        // An image of the map, not of the pointer: no tooltip (neither hover nor the whole
        // title a tap on a shortened label shows).
        let mut scene = scene::build(&self.graph, &self.layout, self.camera(), &view, measure);
        scene.tooltip = None;
        scene
    }

    /// The whole visible map for a poster: every visible node at its layout size (zoom 1, so
    /// contributions are drawn one by one, with their labels where they fit), without
    /// selection, hover or keyboard focus, on a viewport large enough for every label (no band
    /// of it under a search bar). The SVG crops the result to what is drawn. What it shows
    /// besides the document and the positions (unfolded levers, filters, search) is in the
    /// link state, so that [`MapState::mirror`] draws the same poster.
    pub fn poster_scene(&self, measure: &mut dyn TextMeasure) -> Scene {
        let view = ViewState {
            hovered: None,
            selected: None,
            focused: None,
            focus_visible: false,
            top_band: 0.0,
            ..self.view.clone()
        };
        let Some((min, max)) = self.visible_bounds() else {
            return Scene::default();
        };
        let camera = Camera {
            center: [(min[0] + max[0]) * 0.5, (min[1] + max[1]) * 0.5],
            zoom: POSTER_ZOOM,
            width: POSTER_ZOOM * (max[0] - min[0]) + 2.0 * POSTER_MARGIN,
            height: POSTER_ZOOM * (max[1] - min[1]) + 2.0 * POSTER_MARGIN,
        };
        scene::build(&self.graph, &self.layout, &camera, &view, measure)
    }
}

/// The print view's data for a lever node or a « Non classées » group of `motion`'s graph (`None`
/// for any other node), `ids` the graph's node ids (`MindGraph::ids`). The exports module
/// builds it from the document the map read; it needs no layout.
pub fn lever_print(
    motion: &Motion,
    graph: &MindGraph,
    ids: &[String],
    lever: u32,
) -> Option<LeverPrint> {
    let node = graph.nodes.get(lever as usize)?;
    let (axis, title, description) = match node.kind {
        NodeKind::Lever { axis, lever: l } => {
            let lv = &motion.axes[axis].levers[l];
            (Some(axis), lv.title.clone(), lv.description.clone())
        }
        NodeKind::Unclassified { axis } => (axis, node.label.clone(), String::new()),
        _ => return None,
    };
    let a = axis.map(|a| &motion.axes[a]);
    let contributions = graph
        .contributions_of(lever)
        .filter_map(|c| match graph.nodes[c as usize].kind {
            NodeKind::Contribution { index } => Some(&motion.contributions[index]),
            _ => None,
        })
        .map(|c| Contribution {
            links: c
                .links
                .iter()
                .filter(|k| is_http(&k.href))
                .cloned()
                .collect(),
            ..c.clone()
        })
        .collect();
    Some(LeverPrint {
        motion_id: motion.id.clone(),
        motion: motion.title.clone(),
        year: motion.year,
        axis_id: a.map(|a| a.id.clone()).unwrap_or_default(),
        axis: a.map(|a| a.title.clone()).unwrap_or_default(),
        lever_id: ids.get(lever as usize)?.clone(),
        lever: title,
        description,
        contributions,
    })
}

impl MapState {
    /// The layout's positions as the exports module takes them: `x, y` per node in the
    /// graph's order, NaN for a hidden node.
    pub fn positions(&self) -> Vec<f32> {
        (0..self.graph.len() as u32)
            .flat_map(|i| {
                if self.layout.is_visible(i) {
                    self.layout.position(i)
                } else {
                    [f32::NAN; 2]
                }
            })
            .collect()
    }

    /// A map of `motion`, the document a live map read, showing what the live map shows: the
    /// state of its link (`state`: unfolded levers, filters, search), its layout's `positions`
    /// ([`MapState::positions`]) for a layout of width over height `aspect`, its group words.
    /// Its [`MapState::poster_scene`] is the live map's, so the exports module draws the SVG
    /// poster and the map's module carries no SVG writer. No layout tick runs when the positions
    /// cover the nodes shown at load (the usual case: folding them back is rare).
    pub fn mirror(
        mut motion: Motion,
        state: &UrlState,
        positions: &[f32],
        aspect: f32,
        group: &GroupText,
        measure: &mut dyn TextMeasure,
    ) -> MapState {
        let aspect = if aspect.is_finite() && aspect > 0.0 {
            aspect
        } else {
            1.0
        };
        let at = |i: usize| -> Option<[f32; 2]> {
            let p = [*positions.get(2 * i)?, *positions.get(2 * i + 1)?];
            (p[0].is_finite() && p[1].is_finite()).then_some(p)
        };
        // The positions as saved ones, so that the map opens on them without ticking.
        let graph = crate::model::graph::MindGraph::from_motion(&motion);
        let ids = graph.ids(&motion);
        motion.layout = Some(SavedLayout {
            engine: crate::layout::ENGINE.to_string(),
            aspect,
            positions: ids
                .iter()
                .enumerate()
                .filter_map(|(i, id)| at(i).map(|p| SavedPosition(id.clone(), p[0], p[1])))
                .collect(),
        });
        let mut map = MapState::new(motion, aspect, 1.0, measure);
        map.set_group_text(&group.one, &group.many);
        map.apply_url_state(state);
        // Unfolding placed the levers' contributions anew: every shown node where the live one is.
        let exact: Vec<Option<[f32; 2]>> = (0..map.graph.len()).map(at).collect();
        map.layout.restore(&exact, aspect);
        map
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Format, parse};
    use crate::view::svg;
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

    fn select(m: &mut MapState, id: Option<&str>) {
        let node = id.map(|i| m.node_by_id(i).unwrap());
        if let Some(n) = node
            && !m.layout.is_visible(n)
        {
            let lever = m.graph.nodes[n as usize].parent.unwrap();
            m.toggle(lever);
        }
        m.select(node);
        assert_eq!(m.view.selected, node);
    }

    #[test]
    fn the_scope_follows_the_selection_and_the_filters() {
        let mut m = map();
        assert_eq!(
            m.contributions_in_scope(),
            [0, 1, 2, 3, 4],
            "nothing selected"
        );
        assert_eq!(m.levers_in_scope(), None);
        select(&mut m, Some("motion"));
        assert_eq!(m.contributions_in_scope(), [0, 1, 2, 3, 4], "the motion");
        select(&mut m, Some("a3-l1"));
        assert_eq!(m.contributions_in_scope(), [2, 3]);
        assert_eq!(m.levers_in_scope(), Some(vec!["a3-l1".to_string()]));
        select(&mut m, Some("a3"));
        assert_eq!(m.contributions_in_scope(), [2, 3, 4]);
        assert_eq!(
            m.levers_in_scope(),
            Some(vec!["a3-l1".into(), "a3-l2".into(), "a3-l3".into()])
        );
        select(&mut m, Some("a4-l1"));
        assert_eq!(m.contributions_in_scope(), Vec::<usize>::new());
        select(&mut m, Some("c4"));
        assert_eq!(m.contributions_in_scope(), [3]);
        assert_eq!(
            m.levers_in_scope(),
            None,
            "a contribution keeps all its rows"
        );

        m.filters.departments.insert("94".into());
        select(&mut m, Some("a3"));
        assert_eq!(
            m.contributions_in_scope(),
            [2],
            "only what the filters keep"
        );
        select(&mut m, None);
        assert_eq!(m.contributions_in_scope(), [0, 2]);
    }

    #[test]
    fn the_csv_of_a_lever_has_its_rows_only() {
        let mut m = map();
        select(&mut m, Some("a3-l1"));
        let csv = m.csv_in_scope();
        let rows: Vec<&str> = csv.split("\r\n").collect();
        assert_eq!(rows.len(), 4, "{csv}");
        assert!(rows[0].starts_with("\u{feff}contribution,axe,levier,"));
        assert!(rows[1].ends_with(",c3,"));
        assert!(rows[2].ends_with(",c4,"));
        assert!(
            !csv.contains("la mise en place"),
            "c4's other lever is not in this scope"
        );
        select(&mut m, Some("c4"));
        assert_eq!(
            m.csv_in_scope().split("\r\n").count(),
            4,
            "c4 under both levers"
        );
        select(&mut m, None);
        assert_eq!(
            m.csv_in_scope().split("\r\n").count(),
            8,
            "6 rows for 5 contributions"
        );
    }

    #[test]
    fn the_print_view_is_for_the_selected_lever_or_the_contributions_lever() {
        let mut m = map();
        assert_eq!(m.lever_in_scope(), None);
        select(&mut m, Some("a3"));
        assert_eq!(m.lever_in_scope(), None, "an axis has no print view");
        let lever = m.node_by_id("a3-l2").unwrap();
        m.toggle(lever);
        select(&mut m, Some("a3-l2"));
        assert_eq!(m.lever_in_scope(), Some(lever));
        select(&mut m, Some("c4"));
        assert_eq!(
            m.lever_in_scope(),
            Some(lever),
            "c4 is shown under a3-l2, the lever unfolded"
        );
        let p = m.lever_print(lever).unwrap();
        assert_eq!(p.motion_id, "motion");
        assert_eq!(
            p.motion,
            "Motion du Congrès national des Élu·es au numérique 2021"
        );
        assert_eq!(p.axis_id, "a3");
        assert_eq!(p.lever_id, "a3-l2");
        let ids: Vec<&str> = p.contributions.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids, ["c4", "c5"]);
        assert_eq!(p.contributions[1].author.as_deref(), Some("Claude Morin"));
        assert_eq!(p.contributions[1].department.as_deref(), Some("72"));
        assert_eq!(p.contributions[1].label, Some(2));
        assert_eq!(m.lever_print(0), None, "the motion is not a lever");
        assert_eq!(m.lever_print(9999), None);
    }

    #[test]
    fn file_names_come_from_the_motion_and_the_scope() {
        let mut m = map();
        assert_eq!(m.export_file_name("png"), "motion-2021.png");
        select(&mut m, Some("a3-l1"));
        assert_eq!(m.export_file_name("svg"), "motion-2021.svg");
        assert_eq!(m.export_file_name("csv"), "motion-2021-a3-l1.csv");
        select(&mut m, Some("motion"));
        assert_eq!(m.export_file_name("csv"), "motion-2021.csv");
        m.motion.id = "../Motion 2022/é".into();
        m.motion.year = Some(2022);
        select(&mut m, None);
        assert_eq!(m.export_file_name("csv"), "motion-2022.csv");
        m.motion.id = "..".into();
        m.motion.year = None;
        assert_eq!(m.export_file_name("png"), "carte-mentale.png");
    }

    #[test]
    fn the_poster_shows_the_whole_map_with_every_title() {
        let mut m = map();
        m.toggle(m.node_by_id("a3-l1").unwrap());
        select(&mut m, Some("a3-l1"));
        m.view.hovered = Some(0);
        let scene = m.poster_scene(&mut ApproxMeasure);
        assert!(scene.tooltip.is_none() && scene.nodes.iter().all(|n| n.ring.is_none()));
        let visible = (0..m.graph.len() as u32)
            .filter(|&i| m.layout.is_visible(i))
            .count();
        assert_eq!(scene.nodes.len(), visible, "every visible node is drawn");
        for node in 0..17u32 {
            assert!(
                scene.labels.iter().any(|l| l.node == node),
                "{} is labelled",
                m.id(node)
            );
        }
        let doc = svg::render(&scene, &m.motion.title);
        let texts = svg::tests::check_xml(&doc).expect("well-formed");
        let all = texts.join(" ");
        for word in ["Motion du Congrès", "souveraineté", "Nicolas Liot"] {
            assert!(all.contains(word), "{word} in {all}");
        }
        // The current view as an image: no hover tooltip, the selection kept.
        let view = m.view_scene(&mut ApproxMeasure);
        assert!(view.tooltip.is_none());
        assert!(view.nodes.iter().any(|n| n.ring.is_some()));
    }
}
