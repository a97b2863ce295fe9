//! The Barnes–Hut quadtree, rebuilt every tick into buffers that keep their capacity.
//!
//! Points are sorted along a Morton (Z-order) curve with a radix sort, O(n): every cell's
//! points are one contiguous range of the sorted order, and points close in space are close in
//! memory. The tree keeps sorted copies of the coordinates and strengths, so leaf loops read
//! contiguous memory.
//!
//! Cells are stored in pre-order with a skip pointer (`next`: the first cell after the
//! subtree), so a traversal is one loop over an array, without a stack: accept a cell and jump
//! to `next`, or open it and step to the following cell, its first child. A leaf holds up to
//! `leaf_size` points (more only when points share a cell of the finest level, 1/65 536 of the
//! map). Cells carry the aggregates Barnes–Hut needs: the strength-weighted centroid and the
//! total strength.
//!
//! All arithmetic is `+ − × ÷` and comparisons on `f32` in a fixed order: the same input gives
//! the same tree, bit for bit, on every platform.

/// Points a leaf may hold before it is split (1: one point per leaf, except coincident ones).
pub const DEFAULT_LEAF_SIZE: u32 = 1;
/// Levels of the Morton code: 16 bits per axis.
const LEVELS: u32 = 16;

#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Cell {
    /// The square: lower corner and side.
    pub x0: f32,
    pub y0: f32,
    pub size: f32,
    /// Centroid weighted by |strength| (plain centroid when all strengths are 0).
    pub cx: f32,
    pub cy: f32,
    /// Sum of the strengths below.
    pub strength: f32,
    /// The first cell after this one's subtree, in pre-order.
    pub next: u32,
    /// Range of the sorted points below this cell.
    pub start: u32,
    pub end: u32,
    pub leaf: bool,
}

#[derive(Clone, Debug)]
pub struct QuadTree {
    /// Largest number of points in a leaf (except points sharing a finest-level cell).
    pub leaf_size: u32,
    /// Cells in pre-order; cell 0 is the root.
    pub cells: Vec<Cell>,
    /// Node index of each sorted point.
    pub order: Vec<u32>,
    /// Sorted copies of the coordinates and strengths.
    pub x: Vec<f32>,
    pub y: Vec<f32>,
    pub strength: Vec<f32>,
    /// Morton keys (high 32 bits) and node indices (low 32 bits), and the radix-sort buffer.
    keys: Vec<u64>,
    spare: Vec<u64>,
}

impl Default for QuadTree {
    fn default() -> Self {
        QuadTree::EMPTY
    }
}

impl QuadTree {
    /// An empty tree with the default leaf size (what `Default` gives), in a constant.
    pub const EMPTY: QuadTree = QuadTree::with_leaf_size(DEFAULT_LEAF_SIZE);

    pub const fn with_leaf_size(leaf_size: u32) -> QuadTree {
        QuadTree {
            leaf_size: if leaf_size > 1 { leaf_size } else { 1 },
            cells: Vec::new(),
            order: Vec::new(),
            x: Vec::new(),
            y: Vec::new(),
            strength: Vec::new(),
            keys: Vec::new(),
            spare: Vec::new(),
        }
    }

    /// Builds the tree over `points` (indices into the coordinate and strength arrays).
    /// Points with equal keys keep the order of `points`.
    pub fn build(&mut self, xs: &[f32], ys: &[f32], strength: &[f32], points: &[u32]) {
        self.cells.clear();
        self.order.clear();
        self.x.clear();
        self.y.clear();
        self.strength.clear();
        self.keys.clear();
        if points.is_empty() {
            return;
        }
        // Room for as many cells as points (leaves of several points need far fewer), so
        // later builds reuse the buffer instead of growing it.
        self.cells.reserve(points.len().max(64));
        let (x0, y0, x1, y1) = crate::grid::bounds(points, xs, ys);
        let size = (x1 - x0).max(y1 - y0).max(1e-3) * 1.0001;
        let scale = (1u32 << LEVELS) as f32 / size;
        let max = (1u32 << LEVELS) - 1;
        self.keys.extend(points.iter().map(|&p| {
            let qx = (((xs[p as usize] - x0) * scale) as u32).min(max);
            let qy = (((ys[p as usize] - y0) * scale) as u32).min(max);
            (((interleave(qx) | (interleave(qy) << 1)) as u64) << 32) | p as u64
        }));
        radix_sort(&mut self.keys, &mut self.spare);
        for &k in &self.keys {
            let p = k as u32 as usize;
            self.order.push(p as u32);
            self.x.push(xs[p]);
            self.y.push(ys[p]);
            self.strength.push(strength[p]);
        }
        self.split(0, points.len(), 0, x0, y0, size);
    }

    /// Appends the cell of sorted points `start..end` at `depth` and its subtree; returns its id.
    fn split(&mut self, start: usize, end: usize, depth: u32, x0: f32, y0: f32, size: f32) -> u32 {
        let id = self.cells.len();
        self.cells.push(Cell {
            x0,
            y0,
            size,
            start: start as u32,
            end: end as u32,
            ..Cell::default()
        });
        let (mut sx, mut sy, mut w, mut st) = (0.0f32, 0.0f32, 0.0f32, 0.0f32);
        let mut plain = (0.0f32, 0.0f32, 0.0f32);
        if end - start <= self.leaf_size as usize || depth >= LEVELS {
            for p in start..end {
                let (x, y, s) = (self.x[p], self.y[p], self.strength[p]);
                let a = s.abs();
                sx += x * a;
                sy += y * a;
                w += a;
                st += s;
                plain = (plain.0 + x, plain.1 + y, plain.2 + 1.0);
            }
            self.cells[id].leaf = true;
        } else {
            let shift = 32 + 2 * (LEVELS - 1 - depth);
            let half = size * 0.5;
            let mut a = start;
            for q in 0..4u64 {
                let b = a + self.keys[a..end].partition_point(|&k| (k >> shift) & 3 <= q);
                if b > a {
                    let cx0 = if q & 1 == 1 { x0 + half } else { x0 };
                    let cy0 = if q & 2 == 2 { y0 + half } else { y0 };
                    let c = self.split(a, b, depth + 1, cx0, cy0, half) as usize;
                    let cell = self.cells[c];
                    let abs = cell.strength.abs();
                    sx += cell.cx * abs;
                    sy += cell.cy * abs;
                    w += abs;
                    st += cell.strength;
                    plain = (plain.0 + cell.cx, plain.1 + cell.cy, plain.2 + 1.0);
                }
                a = b;
            }
        }
        let (cx, cy) = if w > 0.0 {
            (sx / w, sy / w)
        } else {
            (plain.0 / plain.2, plain.1 / plain.2)
        };
        let next = self.cells.len() as u32;
        let cell = &mut self.cells[id];
        cell.cx = cx;
        cell.cy = cy;
        cell.strength = st;
        cell.next = next;
        id as u32
    }

    /// Node indices of the points below a cell.
    pub fn points(&self, cell: &Cell) -> &[u32] {
        &self.order[cell.start as usize..cell.end as usize]
    }

    /// Position in the sorted arrays of node `i`, if it is in the tree.
    pub fn slot_of(&self, i: u32) -> Option<usize> {
        self.order.iter().position(|&p| p == i)
    }
}

/// Spreads the 16 low bits of `v` to the even bits.
fn interleave(v: u32) -> u32 {
    let mut v = v & 0xffff;
    v = (v | (v << 8)) & 0x00ff_00ff;
    v = (v | (v << 4)) & 0x0f0f_0f0f;
    v = (v | (v << 2)) & 0x3333_3333;
    (v | (v << 1)) & 0x5555_5555
}

/// Stable LSD radix sort on the high 32 bits, 8 bits per pass; passes where every key has the
/// same digit are skipped.
fn radix_sort(keys: &mut Vec<u64>, spare: &mut Vec<u64>) {
    spare.clear();
    spare.resize(keys.len(), 0);
    for pass in 0..4 {
        let shift = 32 + 8 * pass;
        let mut count = [0u32; 257];
        for &k in keys.iter() {
            count[((k >> shift) & 0xff) as usize + 1] += 1;
        }
        if count.iter().any(|&c| c as usize == keys.len()) {
            continue;
        }
        for d in 0..256 {
            count[d + 1] += count[d];
        }
        for &k in keys.iter() {
            let d = ((k >> shift) & 0xff) as usize;
            spare[count[d] as usize] = k;
            count[d] += 1;
        }
        std::mem::swap(keys, spare);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree(xs: &[f32], ys: &[f32], s: &[f32], leaf_size: u32) -> QuadTree {
        let pts: Vec<u32> = (0..xs.len() as u32).collect();
        let mut t = QuadTree::with_leaf_size(leaf_size);
        t.build(xs, ys, s, &pts);
        t
    }

    /// A few hundred scattered points, some of them coincident, some without strength.
    fn scattered() -> (Vec<f32>, Vec<f32>, Vec<f32>) {
        let mut rng = crate::rng::Lcg::new(9);
        let (mut xs, mut ys, mut s) = (Vec::new(), Vec::new(), Vec::new());
        for i in 0..300 {
            if i % 50 == 49 {
                xs.push(xs[i - 1]);
                ys.push(ys[i - 1]);
            } else {
                xs.push(rng.next_f32() * 1000.0 - 500.0);
                ys.push(rng.next_f32() * 600.0);
            }
            s.push(if i % 7 == 0 { 0.0 } else { -1.0 - i as f32 });
        }
        (xs, ys, s)
    }

    #[test]
    fn every_point_is_in_exactly_one_leaf_inside_its_cell() {
        let (xs, ys, s) = scattered();
        for leaf_size in [1, 6, 16] {
            let t = tree(&xs, &ys, &s, leaf_size);
            let mut seen = vec![0; xs.len()];
            for c in t.cells.iter().filter(|c| c.leaf) {
                for &p in t.points(c) {
                    seen[p as usize] += 1;
                    let (x, y) = (xs[p as usize], ys[p as usize]);
                    assert!(x >= c.x0 && x <= c.x0 + c.size && y >= c.y0 && y <= c.y0 + c.size);
                }
            }
            assert_eq!(seen, vec![1; xs.len()]);
        }
    }

    #[test]
    fn skip_pointers_close_subtrees_and_leaves_are_in_order() {
        let (xs, ys, s) = scattered();
        let t = tree(&xs, &ys, &s, 6);
        let mut covered = 0;
        for (c, cell) in t.cells.iter().enumerate() {
            assert!(cell.next as usize > c && cell.next as usize <= t.cells.len());
            if cell.leaf {
                assert_eq!(cell.start, covered, "leaves in order, without gaps");
                assert!(
                    cell.end - cell.start <= 6 || cell.size * 65_536.0 <= t.cells[0].size * 1.01
                );
                covered = cell.end;
                assert_eq!(cell.next as usize, c + 1);
            } else {
                // Its subtree is exactly the cells up to `next`, inside its square.
                let sub = &t.cells[c + 1..cell.next as usize];
                assert_eq!(sub[0].start, cell.start);
                assert_eq!(sub.iter().rev().find(|k| k.leaf).unwrap().end, cell.end);
                assert!(
                    sub.iter()
                        .all(|k| k.x0 >= cell.x0 && k.x0 + k.size <= cell.x0 + cell.size * 1.0001)
                );
            }
        }
        assert_eq!(covered as usize, xs.len());
        for (k, &p) in t.order.iter().enumerate() {
            let p = p as usize;
            assert_eq!((t.x[k], t.y[k], t.strength[k]), (xs[p], ys[p], s[p]));
        }
    }

    #[test]
    fn every_cell_aggregates_its_points() {
        let (xs, ys, s) = scattered();
        let t = tree(&xs, &ys, &s, 1);
        for cell in &t.cells {
            let r = cell.start as usize..cell.end as usize;
            let total: f32 = t.strength[r.clone()].iter().sum();
            let w: f32 = t.strength[r.clone()].iter().map(|v| v.abs()).sum();
            assert!((cell.strength - total).abs() <= 1e-3 * total.abs().max(1.0));
            if w > 0.0 {
                let cx = r.clone().map(|k| t.x[k] * t.strength[k].abs()).sum::<f32>() / w;
                let cy = r.clone().map(|k| t.y[k] * t.strength[k].abs()).sum::<f32>() / w;
                assert!((cell.cx - cx).abs() < 0.05 && (cell.cy - cy).abs() < 0.05);
            }
        }
    }

    #[test]
    fn root_aggregates_are_the_weighted_centroid_and_sum() {
        let t = tree(&[0.0, 4.0, 0.0], &[0.0, 0.0, 8.0], &[-1.0, -3.0, 0.0], 1);
        let root = t.cells[0];
        assert_eq!(root.strength, -4.0);
        assert_eq!((root.cx, root.cy), (3.0, 0.0));
    }

    #[test]
    fn coincident_points_end_in_one_leaf() {
        let t = tree(&[1.0; 20], &[2.0; 20], &[1.0; 20], 1);
        let biggest = t
            .cells
            .iter()
            .filter(|c| c.leaf)
            .map(|c| c.end - c.start)
            .max()
            .unwrap();
        assert_eq!(biggest, 20);
    }

    #[test]
    fn empty_and_single() {
        let mut t = QuadTree::default();
        t.build(&[], &[], &[], &[]);
        assert!(t.cells.is_empty());
        let t = tree(&[7.0], &[7.0], &[2.0], 1);
        assert_eq!(t.cells.len(), 1);
        assert!(t.cells[0].leaf);
    }

    #[test]
    fn radix_sort_is_stable() {
        let mut keys: Vec<u64> = (0..1000u64)
            .map(|i| (((i * 7919) % 13) << 32) | i)
            .collect();
        let mut expected = keys.clone();
        expected.sort_by_key(|k| k >> 32);
        radix_sort(&mut keys, &mut Vec::new());
        assert_eq!(keys, expected);
    }
}
