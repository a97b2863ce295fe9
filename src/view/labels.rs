//! Which labels are drawn, and where.
//!
//! Candidates are sorted by priority (motion, axes, levers, then the selected or hovered
//! node, then contributions), ties broken by node index so the choice is stable while
//! panning. Each is accepted only if its box overlaps no box already accepted; a uniform
//! grid of screen cells keeps the check cheap (sigma.js does the same).

use super::text::{TextMeasure, ellipsize};

/// An axis-aligned box in screen pixels.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rect {
    pub min: [f32; 2],
    pub max: [f32; 2],
}

impl Rect {
    pub fn overlaps(&self, o: &Rect) -> bool {
        self.min[0] < o.max[0]
            && o.min[0] < self.max[0]
            && self.min[1] < o.max[1]
            && o.min[1] < self.max[1]
    }
    pub fn width(&self) -> f32 {
        self.max[0] - self.min[0]
    }
    pub fn height(&self) -> f32 {
        self.max[1] - self.min[1]
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Align {
    Left,
    Center,
    Right,
}

/// A label ready to draw: lines start at `(x, y)` (`x` per `align`, `y` the top of the first line).
#[derive(Clone, Debug, PartialEq)]
pub struct Label {
    pub node: u32,
    pub lines: Vec<String>,
    pub font_px: f32,
    pub bold: bool,
    pub align: Align,
    pub x: f32,
    pub y: f32,
    pub line_height: f32,
    pub bounds: Rect,
}

impl Label {
    /// The top of line `k`'s glyphs: the line's box, less half the leading.
    pub fn line_top(&self, k: usize) -> f32 {
        self.y + k as f32 * self.line_height + (self.line_height - self.font_px) * 0.5
    }
}

/// Where a label sits relative to its node.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    Right,
    Left,
    Above,
    Below,
}

impl Side {
    pub fn opposite(self) -> Side {
        match self {
            Side::Right => Side::Left,
            Side::Left => Side::Right,
            Side::Above => Side::Below,
            Side::Below => Side::Above,
        }
    }
}

/// A node on screen as its label sees it: the label's box goes `gap` pixels off its circle.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Anchor {
    pub center: [f32; 2],
    pub radius: f32,
    pub gap: f32,
    /// The element's width: a label above or below a node near an edge slides along it to
    /// stay on screen (it still spans the node's column).
    pub screen_width: f32,
}

impl Anchor {
    /// Where a `width` × `height` label on `side` is drawn from, and its box.
    pub fn place(&self, side: Side, width: f32, height: f32) -> (Align, f32, f32, Rect) {
        let ([px, py], r, gap) = (self.center, self.radius, self.gap);
        let slide = || {
            let half = width * 0.5 + 2.0;
            if self.screen_width < 2.0 * half {
                px
            } else {
                super::clamp(px, half, self.screen_width - half)
            }
        };
        let (align, x, y) = match side {
            Side::Right => (Align::Left, px + r + gap, py - height * 0.5),
            Side::Left => (Align::Right, px - r - gap, py - height * 0.5),
            Side::Below => (Align::Center, slide(), py + r + gap),
            Side::Above => (Align::Center, slide(), py - r - gap - height),
        };
        let left = match align {
            Align::Left => x,
            Align::Center => x - width * 0.5,
            Align::Right => x - width,
        };
        let bounds = Rect {
            min: [left - 2.0, y - 1.0],
            max: [left + width + 2.0, y + height + 1.0],
        };
        (align, x, y, bounds)
    }
}

/// The last resort of a title: one line cut with « … » at each of `widths`, on each side in
/// `order`. Made only when no other placement of the label is free, since finding where to
/// cut costs many measures and most labels never need it.
#[derive(Clone, Debug)]
pub struct Shorter<'a> {
    pub text: &'a str,
    pub widths: [f32; 2],
    pub anchor: Anchor,
    pub order: [Side; 5],
}

impl Shorter<'_> {
    /// The placements, in the order they are tried; `label` is the preferred placement (its
    /// font, and a form already tried).
    pub fn placements(&self, label: &Label, measure: &mut dyn TextMeasure) -> Vec<Label> {
        let (font, bold) = (label.font_px, label.bold);
        let mut out = Vec::new();
        for max in self.widths {
            let short = ellipsize(self.text, max, font, bold, measure);
            if label.lines.len() == 1 && label.lines[0] == short {
                continue;
            }
            let w = measure.width(&short, font, bold);
            for side in self.order {
                let (align, x, y, bounds) = self.anchor.place(side, w, label.line_height);
                out.push(Label {
                    align,
                    x,
                    y,
                    bounds,
                    lines: vec![short.clone()],
                    ..label.clone()
                });
            }
        }
        out
    }
}

/// A label that may be drawn, with its priority (lower first).
#[derive(Clone, Debug)]
pub struct Candidate<'a> {
    pub priority: u32,
    /// Drawn even over other nodes or past the edge when nothing fits (levers), but never over
    /// another label.
    pub forced: bool,
    /// Drawn whatever happens, even over other labels (the motion and the axes).
    pub must: bool,
    /// Preferred placement.
    pub label: Label,
    /// Other placements of the same text, tried in order when the preferred one does not fit.
    pub alternatives: Vec<Label>,
    /// Tried after `alternatives`, made only then.
    pub shorter: Option<Shorter<'a>>,
}

/// Something drawn that labels must not cover: a node (its own label may touch it).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Obstacle {
    pub node: u32,
    pub bounds: Rect,
}

/// Greedy selection: each candidate, in priority order (ties by node index), takes the first
/// of its placements that stays on screen and overlaps no label already taken and no other
/// node's obstacle. Returns the accepted labels in priority order; no two of them overlap
/// unless both are forced. `measure` makes the shorter forms of the candidates that need them.
pub fn select(
    mut candidates: Vec<Candidate>,
    obstacles: &[Obstacle],
    width: f32,
    height: f32,
    measure: &mut dyn TextMeasure,
) -> Vec<Label> {
    crate::model::order::sort_by_key(&mut candidates, |c| {
        (u128::from(c.priority) << 32) | u128::from(c.label.node)
    });
    let mut grid = Grid::new(width, height, 48.0);
    // Items in the grid: obstacles first, then accepted labels.
    let mut items: Vec<(Rect, u32, bool)> = Vec::with_capacity(obstacles.len() + candidates.len());
    for o in obstacles {
        grid.insert(&o.bounds, items.len());
        items.push((o.bounds, o.node, false));
    }
    let mut accepted: Vec<Label> = Vec::new();
    for c in candidates {
        let Candidate {
            forced,
            must,
            label,
            alternatives,
            shorter,
            ..
        } = c;
        let mut free = |pos: &Label| {
            let b = pos.bounds;
            let outside = b.min[0] < 0.0 || b.min[1] < 0.0 || b.max[0] > width || b.max[1] > height;
            !outside
                && !grid.query(&b).any(|i| {
                    let (r, node, is_label) = items[i];
                    (is_label || node != pos.node) && r.overlaps(&b)
                })
        };
        let mut positions: Vec<Label> =
            std::iter::once(label.clone()).chain(alternatives).collect();
        let mut chosen = positions.iter().find(|pos| free(pos)).cloned();
        if chosen.is_none()
            && let Some(shorter) = &shorter
        {
            let more = shorter.placements(&label, measure);
            chosen = more.iter().find(|pos| free(pos)).cloned();
            positions.extend(more);
        }
        if chosen.is_none() && forced {
            chosen = positions
                .iter()
                .find(|pos| {
                    !grid
                        .query(&pos.bounds)
                        .any(|i| items[i].2 && items[i].0.overlaps(&pos.bounds))
                })
                .cloned();
        }
        let Some(pos) = chosen.or(must.then_some(label)) else {
            continue;
        };
        grid.insert(&pos.bounds, items.len());
        items.push((pos.bounds, pos.node, true));
        accepted.push(pos);
    }
    accepted
}

/// Buckets of label indices by screen cell.
struct Grid {
    cell: f32,
    cols: usize,
    rows: usize,
    cells: Vec<Vec<u32>>,
    /// The items of the last query, each once.
    seen: Vec<u32>,
    /// Per item, the last query that listed it (so a query lists an item in several of its
    /// cells once, without sorting).
    stamp: Vec<u32>,
    queries: u32,
}

impl Grid {
    fn new(width: f32, height: f32, cell: f32) -> Grid {
        let cols = ((width / cell).ceil() as usize).clamp(1, 512);
        let rows = ((height / cell).ceil() as usize).clamp(1, 512);
        Grid {
            cell,
            cols,
            rows,
            cells: vec![Vec::new(); cols * rows],
            seen: Vec::new(),
            stamp: Vec::new(),
            queries: 0,
        }
    }

    fn range(&self, r: &Rect) -> (usize, usize, usize, usize) {
        let c = |v: f32, n: usize| ((v / self.cell).floor().max(0.0) as usize).min(n - 1);
        (
            c(r.min[0], self.cols),
            c(r.max[0], self.cols),
            c(r.min[1], self.rows),
            c(r.max[1], self.rows),
        )
    }

    fn insert(&mut self, r: &Rect, i: usize) {
        if self.stamp.len() <= i {
            self.stamp.resize(i + 1, 0);
        }
        let (x0, x1, y0, y1) = self.range(r);
        for y in y0..=y1 {
            for x in x0..=x1 {
                self.cells[y * self.cols + x].push(i as u32);
            }
        }
    }

    /// The items whose cells meet `r`, each once, in no particular order.
    fn query(&mut self, r: &Rect) -> impl Iterator<Item = usize> + '_ {
        let (x0, x1, y0, y1) = self.range(r);
        self.seen.clear();
        self.queries = self.queries.wrapping_add(1);
        if self.queries == 0 {
            // After 2^32 queries, stamps could repeat: start again from clean ones.
            self.stamp.fill(0);
            self.queries = 1;
        }
        for y in y0..=y1 {
            for x in x0..=x1 {
                for &i in &self.cells[y * self.cols + x] {
                    let stamp = &mut self.stamp[i as usize];
                    if *stamp != self.queries {
                        *stamp = self.queries;
                        self.seen.push(i);
                    }
                }
            }
        }
        self.seen.iter().map(|&i| i as usize)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::view::text::ApproxMeasure;

    #[test]
    fn a_grid_query_lists_each_item_once() {
        let rect = |x0: f32, y0: f32, x1: f32, y1: f32| Rect {
            min: [x0, y0],
            max: [x1, y1],
        };
        let mut grid = Grid::new(480.0, 480.0, 48.0);
        // Item 0 spans four cells, item 1 one of them, item 2 is far away.
        grid.insert(&rect(40.0, 40.0, 60.0, 60.0), 0);
        grid.insert(&rect(50.0, 50.0, 52.0, 52.0), 1);
        grid.insert(&rect(400.0, 400.0, 410.0, 410.0), 2);
        for _ in 0..3 {
            let mut found: Vec<usize> = grid.query(&rect(0.0, 0.0, 100.0, 100.0)).collect();
            found.sort_unstable();
            assert_eq!(found, [0, 1]);
        }
        assert_eq!(
            grid.query(&rect(401.0, 401.0, 402.0, 402.0))
                .collect::<Vec<_>>(),
            [2]
        );
        assert_eq!(grid.query(&rect(200.0, 200.0, 201.0, 201.0)).count(), 0);
    }

    fn cand(node: u32, priority: u32, min: [f32; 2], max: [f32; 2]) -> Candidate<'static> {
        Candidate {
            priority,
            forced: false,
            must: false,
            alternatives: Vec::new(),
            shorter: None,
            label: Label {
                node,
                lines: vec![format!("n{node}")],
                font_px: 12.0,
                bold: false,
                align: Align::Left,
                x: min[0],
                y: min[1],
                line_height: 14.0,
                bounds: Rect { min, max },
            },
        }
    }

    #[test]
    fn higher_priority_wins_and_none_overlap() {
        let picked = select(
            vec![
                cand(5, 3, [0.0, 0.0], [100.0, 20.0]),
                cand(1, 1, [50.0, 10.0], [150.0, 30.0]),
                cand(2, 2, [200.0, 0.0], [260.0, 20.0]),
                cand(3, 3, [140.0, 25.0], [210.0, 45.0]),
            ],
            &[],
            400.0,
            300.0,
            &mut ApproxMeasure,
        );
        let nodes: Vec<u32> = picked.iter().map(|l| l.node).collect();
        assert_eq!(nodes, vec![1, 2]);
        for (i, a) in picked.iter().enumerate() {
            for b in &picked[i + 1..] {
                assert!(!a.bounds.overlaps(&b.bounds));
            }
        }
    }

    #[test]
    fn ties_are_broken_by_node_index_whatever_the_input_order() {
        let a = vec![
            cand(7, 3, [0.0, 0.0], [50.0, 20.0]),
            cand(4, 3, [10.0, 5.0], [60.0, 25.0]),
        ];
        let b = vec![a[1].clone(), a[0].clone()];
        assert_eq!(select(a, &[], 200.0, 200.0, &mut ApproxMeasure)[0].node, 4);
        assert_eq!(select(b, &[], 200.0, 200.0, &mut ApproxMeasure)[0].node, 4);
    }

    #[test]
    fn labels_off_screen_are_dropped_unless_forced() {
        let off = cand(1, 1, [-500.0, -500.0], [-400.0, -480.0]);
        let edge = cand(2, 1, [250.0, 10.0], [320.0, 30.0]);
        let inside = cand(3, 1, [10.0, 10.0], [90.0, 30.0]);
        let picked = select(
            vec![off.clone(), edge, inside],
            &[],
            300.0,
            300.0,
            &mut ApproxMeasure,
        );
        assert_eq!(picked.iter().map(|l| l.node).collect::<Vec<_>>(), vec![3]);
        let mut forced = off;
        forced.forced = true;
        assert_eq!(
            select(vec![forced], &[], 300.0, 300.0, &mut ApproxMeasure).len(),
            1
        );
    }

    #[test]
    fn labels_that_must_be_drawn_are_kept_and_others_avoid_them() {
        let mut a = cand(1, 1, [0.0, 0.0], [100.0, 20.0]);
        let mut b = cand(2, 1, [50.0, 0.0], [150.0, 20.0]);
        a.must = true;
        b.must = true;
        let c = cand(3, 5, [120.0, 10.0], [200.0, 30.0]);
        let nodes: Vec<u32> = select(vec![c, b, a], &[], 300.0, 100.0, &mut ApproxMeasure)
            .iter()
            .map(|l| l.node)
            .collect();
        assert_eq!(nodes, vec![1, 2]);
    }

    #[test]
    fn forced_labels_may_cover_nodes_but_never_another_label() {
        let a = cand(1, 1, [0.0, 0.0], [100.0, 20.0]);
        let mut b = cand(2, 2, [50.0, 0.0], [150.0, 20.0]);
        b.forced = true;
        let node = Obstacle {
            node: 9,
            bounds: Rect {
                min: [200.0, 0.0],
                max: [220.0, 20.0],
            },
        };
        let mut c = cand(3, 2, [190.0, 0.0], [260.0, 20.0]);
        c.forced = true;
        let nodes: Vec<u32> = select(vec![a, b, c], &[node], 300.0, 100.0, &mut ApproxMeasure)
            .iter()
            .map(|l| l.node)
            .collect();
        assert_eq!(
            nodes,
            vec![1, 3],
            "b would cover a's label: dropped; c covers only a node: kept"
        );
    }

    /// Counts its calls.
    struct Counting(usize);

    impl TextMeasure for Counting {
        fn width(&mut self, text: &str, font_px: f32, bold: bool) -> f32 {
            self.0 += 1;
            ApproxMeasure.width(text, font_px, bold)
        }
    }

    #[test]
    fn shorter_forms_are_made_only_when_nothing_else_is_free() {
        let text = "la formation des agents et des élu·es du territoire";
        let anchor = Anchor {
            center: [200.0, 50.0],
            radius: 6.0,
            gap: 4.0,
            screen_width: 400.0,
        };
        // Its whole text on three lines to the right of the node.
        let mut c = cand(1, 2, [0.0, 0.0], [0.0, 0.0]);
        c.label.lines = vec![
            "la formation des".into(),
            "agents et des".into(),
            "élu·es du territoire".into(),
        ];
        let (align, x, y, bounds) = anchor.place(Side::Right, 110.0, 42.0);
        c.label = Label {
            align,
            x,
            y,
            bounds,
            ..c.label
        };
        c.shorter = Some(Shorter {
            text,
            widths: [150.0, 75.0],
            anchor,
            order: [
                Side::Right,
                Side::Below,
                Side::Above,
                Side::Left,
                Side::Left,
            ],
        });
        let mut m = Counting(0);
        let picked = select(vec![c.clone()], &[], 400.0, 100.0, &mut m);
        assert_eq!(picked, vec![c.label.clone()]);
        assert_eq!(m.0, 0, "room for the whole text: nothing measured");
        // Another node where the three lines would go: the label is shortened to one line,
        // placed on the first side that is free.
        let other = Obstacle {
            node: 2,
            bounds: Rect {
                min: [215.0, 20.0],
                max: [225.0, 30.0],
            },
        };
        let picked = select(vec![c.clone()], &[other], 400.0, 100.0, &mut m);
        assert!(m.0 > 0);
        let eager = c
            .shorter
            .as_ref()
            .unwrap()
            .placements(&c.label, &mut ApproxMeasure);
        let first_free = eager
            .iter()
            .find(|l| {
                !l.bounds.overlaps(&other.bounds)
                    && l.bounds.min[1] >= 0.0
                    && l.bounds.max[1] <= 100.0
            })
            .unwrap();
        assert_eq!(picked, vec![first_free.clone()]);
        assert_eq!(picked[0].lines.len(), 1);
        assert!(picked[0].lines[0].ends_with('…'), "{:?}", picked[0].lines);
    }

    #[test]
    fn a_label_moves_to_an_alternative_instead_of_covering_another_node() {
        let mut c = cand(1, 1, [0.0, 0.0], [100.0, 20.0]);
        let mut alt = c.label.clone();
        alt.bounds = Rect {
            min: [0.0, 30.0],
            max: [100.0, 50.0],
        };
        c.alternatives.push(alt);
        let node2 = Obstacle {
            node: 2,
            bounds: Rect {
                min: [40.0, 5.0],
                max: [50.0, 15.0],
            },
        };
        let own = Obstacle {
            node: 1,
            bounds: Rect {
                min: [0.0, 30.0],
                max: [10.0, 40.0],
            },
        };
        let picked = select(
            vec![c.clone()],
            &[node2, own],
            300.0,
            100.0,
            &mut ApproxMeasure,
        );
        assert_eq!(
            picked[0].bounds.min,
            [0.0, 30.0],
            "moved below, over its own node only"
        );
        let mut blocked = c;
        blocked.alternatives.clear();
        assert!(
            select(
                vec![blocked.clone()],
                &[node2],
                300.0,
                100.0,
                &mut ApproxMeasure
            )
            .is_empty(),
            "unforced: dropped"
        );
        blocked.forced = true;
        assert_eq!(
            select(vec![blocked], &[node2], 300.0, 100.0, &mut ApproxMeasure).len(),
            1,
            "forced: kept"
        );
    }

    #[test]
    fn touching_edges_do_not_overlap() {
        let r1 = Rect {
            min: [0.0, 0.0],
            max: [10.0, 10.0],
        };
        let r2 = Rect {
            min: [10.0, 0.0],
            max: [20.0, 10.0],
        };
        assert!(!r1.overlaps(&r2));
    }
}
