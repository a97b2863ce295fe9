//! A quadtree on flat arrays, rebuilt every tick into buffers that keep their capacity.
//!
//! Each cell is a square; a leaf holds a range of point indices (more than one only when
//! points coincide or the maximum depth is reached). Cells carry the aggregates the forces
//! need: the strength-weighted centroid and total strength (Barnes–Hut many-body) and the
//! largest radius below them (collision).

pub const NONE: u32 = u32::MAX;
const MAX_DEPTH: u32 = 24;
/// Points a leaf may hold before it is split (1: one point per leaf, except coincident ones).
pub const DEFAULT_LEAF_SIZE: u32 = 1;

#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Cell {
    pub x0: f32,
    pub y0: f32,
    pub size: f32,
    /// Centroid weighted by |strength| (plain centroid when all strengths are 0).
    pub cx: f32,
    pub cy: f32,
    /// Sum of the strengths below.
    pub strength: f32,
    /// Largest radius below.
    pub rmax: f32,
    pub children: [u32; 4],
    /// Range in [`QuadTree::order`] of the points below this cell.
    pub start: u32,
    pub end: u32,
    pub leaf: bool,
}

#[derive(Clone, Debug)]
pub struct QuadTree {
    /// Largest number of points in a leaf (except coincident points and at maximum depth).
    pub leaf_size: u32,
    pub cells: Vec<Cell>,
    /// Point indices, grouped so that every cell's points are contiguous.
    pub order: Vec<u32>,
    work: Vec<(u32, u32)>,
    /// Scratch stack for traversals.
    pub stack: Vec<u32>,
}

impl Default for QuadTree {
    fn default() -> Self {
        QuadTree::with_leaf_size(DEFAULT_LEAF_SIZE)
    }
}

impl QuadTree {
    pub fn with_leaf_size(leaf_size: u32) -> QuadTree {
        QuadTree {
            leaf_size: leaf_size.max(1),
            cells: Vec::new(),
            order: Vec::new(),
            work: Vec::new(),
            stack: Vec::new(),
        }
    }

    /// Builds the tree over `points` (indices into the coordinate arrays).
    pub fn build(
        &mut self,
        xs: &[f32],
        ys: &[f32],
        strength: &[f32],
        radius: &[f32],
        points: &[u32],
    ) {
        self.cells.clear();
        self.order.clear();
        self.order.extend_from_slice(points);
        self.work.clear();
        if points.is_empty() {
            return;
        }
        // Room for as many cells as points (leaves of several points need far fewer) and for
        // the deepest split, so later builds reuse the buffers instead of growing them.
        self.cells.reserve(points.len().max(64));
        self.work.reserve(4 * MAX_DEPTH as usize + 4);
        self.stack.reserve(4 * MAX_DEPTH as usize + 4);
        let (mut x0, mut y0, mut x1, mut y1) = (
            f32::INFINITY,
            f32::INFINITY,
            f32::NEG_INFINITY,
            f32::NEG_INFINITY,
        );
        for &p in points {
            let (x, y) = (xs[p as usize], ys[p as usize]);
            x0 = x0.min(x);
            y0 = y0.min(y);
            x1 = x1.max(x);
            y1 = y1.max(y);
        }
        let size = (x1 - x0).max(y1 - y0).max(1e-3) * 1.0001;
        self.cells.push(Cell {
            x0,
            y0,
            size,
            start: 0,
            end: points.len() as u32,
            ..Cell::default()
        });
        self.work.push((0, 0));
        while let Some((c, depth)) = self.work.pop() {
            let cell = self.cells[c as usize];
            let n = cell.end - cell.start;
            if n <= self.leaf_size || depth >= MAX_DEPTH {
                self.cells[c as usize].leaf = true;
                self.cells[c as usize].children = [NONE; 4];
                continue;
            }
            let half = cell.size * 0.5;
            let (mx, my) = (cell.x0 + half, cell.y0 + half);
            let (s, e) = (cell.start as usize, cell.end as usize);
            let mid = s + partition(&mut self.order[s..e], |p| ys[p as usize] < my);
            let q1 = s + partition(&mut self.order[s..mid], |p| xs[p as usize] < mx);
            let q3 = mid + partition(&mut self.order[mid..e], |p| xs[p as usize] < mx);
            let ranges = [(s, q1), (q1, mid), (mid, q3), (q3, e)];
            let mut children = [NONE; 4];
            for (q, &(a, b)) in ranges.iter().enumerate() {
                if a == b {
                    continue;
                }
                let id = self.cells.len() as u32;
                self.cells.push(Cell {
                    x0: if q & 1 == 1 { mx } else { cell.x0 },
                    y0: if q & 2 == 2 { my } else { cell.y0 },
                    size: half,
                    start: a as u32,
                    end: b as u32,
                    ..Cell::default()
                });
                children[q] = id;
                self.work.push((id, depth + 1));
            }
            self.cells[c as usize].children = children;
        }
        // Children always come after their parent: accumulate from the back.
        for c in (0..self.cells.len()).rev() {
            let cell = self.cells[c];
            let (mut sx, mut sy, mut w, mut st, mut rmax) =
                (0.0f32, 0.0f32, 0.0f32, 0.0f32, 0.0f32);
            if cell.leaf {
                for &p in &self.order[cell.start as usize..cell.end as usize] {
                    let p = p as usize;
                    let a = strength[p].abs();
                    sx += xs[p] * a;
                    sy += ys[p] * a;
                    w += a;
                    st += strength[p];
                    rmax = rmax.max(radius[p]);
                }
                if w == 0.0 {
                    let n = (cell.end - cell.start) as f32;
                    for &p in &self.order[cell.start as usize..cell.end as usize] {
                        sx += xs[p as usize];
                        sy += ys[p as usize];
                    }
                    sx /= n;
                    sy /= n;
                } else {
                    sx /= w;
                    sy /= w;
                }
            } else {
                let mut plain = (0.0f32, 0.0f32, 0u32);
                for ch in cell.children.iter().filter(|&&ch| ch != NONE) {
                    let k = self.cells[*ch as usize];
                    let a = k.strength.abs();
                    sx += k.cx * a;
                    sy += k.cy * a;
                    w += a;
                    st += k.strength;
                    rmax = rmax.max(k.rmax);
                    plain = (plain.0 + k.cx, plain.1 + k.cy, plain.2 + 1);
                }
                if w == 0.0 {
                    sx = plain.0 / plain.2 as f32;
                    sy = plain.1 / plain.2 as f32;
                } else {
                    sx /= w;
                    sy /= w;
                }
            }
            let cell = &mut self.cells[c];
            cell.cx = sx;
            cell.cy = sy;
            cell.strength = st;
            cell.rmax = rmax;
        }
    }

    /// Indices of the points in a leaf cell.
    pub fn points(&self, cell: &Cell) -> &[u32] {
        &self.order[cell.start as usize..cell.end as usize]
    }
}

/// Stable-free in-place partition: elements for which `pred` holds come first; returns their count.
fn partition(v: &mut [u32], pred: impl Fn(u32) -> bool) -> usize {
    let mut i = 0;
    for j in 0..v.len() {
        if pred(v[j]) {
            v.swap(i, j);
            i += 1;
        }
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree(xs: &[f32], ys: &[f32], s: &[f32]) -> QuadTree {
        let r = vec![1.0; xs.len()];
        let pts: Vec<u32> = (0..xs.len() as u32).collect();
        let mut t = QuadTree::default();
        t.build(xs, ys, s, &r, &pts);
        t
    }

    #[test]
    fn every_point_is_in_exactly_one_leaf_inside_its_cell() {
        let xs = [0.0, 10.0, 10.0, -5.0, 3.0, 3.0];
        let ys = [0.0, 10.0, -7.0, 4.0, 3.0, 3.0];
        let t = tree(&xs, &ys, &[1.0; 6]);
        let mut seen = vec![0; 6];
        for c in t.cells.iter().filter(|c| c.leaf) {
            for &p in t.points(c) {
                seen[p as usize] += 1;
                let (x, y) = (xs[p as usize], ys[p as usize]);
                assert!(x >= c.x0 && x <= c.x0 + c.size && y >= c.y0 && y <= c.y0 + c.size);
            }
        }
        assert_eq!(seen, vec![1; 6]);
    }

    #[test]
    fn root_aggregates_are_the_weighted_centroid_and_sum() {
        let t = tree(&[0.0, 4.0, 0.0], &[0.0, 0.0, 8.0], &[-1.0, -3.0, 0.0]);
        let root = t.cells[0];
        assert_eq!(root.strength, -4.0);
        assert_eq!((root.cx, root.cy), (3.0, 0.0));
        assert_eq!(root.rmax, 1.0);
    }

    #[test]
    fn coincident_points_end_in_one_leaf() {
        let t = tree(&[1.0, 1.0, 1.0, 5.0], &[2.0, 2.0, 2.0, 5.0], &[1.0; 4]);
        let big = t
            .cells
            .iter()
            .filter(|c| c.leaf)
            .map(|c| c.end - c.start)
            .max()
            .unwrap();
        assert_eq!(big, 3);
    }

    #[test]
    fn empty_and_single() {
        let mut t = QuadTree::default();
        t.build(&[], &[], &[], &[], &[]);
        assert!(t.cells.is_empty());
        let t = tree(&[7.0], &[7.0], &[2.0]);
        assert_eq!(t.cells.len(), 1);
        assert!(t.cells[0].leaf);
    }
}
