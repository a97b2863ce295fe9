//! A uniform grid of square cells, built by counting sort into buffers that keep their
//! capacity: O(n) to build, and neighbours of a small node are in the 3 × 3 cells around it.
//! Used by collision, where almost every node has the same small radius.

#[derive(Clone, Debug, Default)]
pub struct Grid {
    pub cell: f32,
    pub x0: f32,
    pub y0: f32,
    pub cols: usize,
    pub rows: usize,
    /// `start[c]..start[c + 1]` is the range of cell `c` in `items`.
    pub start: Vec<u32>,
    pub items: Vec<u32>,
    key: Vec<u32>,
}

/// Most cells a grid may have per point; a sparse map gets larger cells instead.
const CELLS_PER_POINT: usize = 4;

impl Grid {
    /// Puts `points` (indices into `xs`/`ys`) in cells of at least `cell` units.
    pub fn build(&mut self, xs: &[f32], ys: &[f32], points: &[u32], cell: f32) {
        self.items.clear();
        self.key.clear();
        self.start.clear();
        if points.is_empty() {
            self.cols = 0;
            self.rows = 0;
            return;
        }
        let (x0, y0, x1, y1) = bounds(points, xs, ys);
        let mut cell = cell.max(1e-3);
        let cells_max = (points.len() * CELLS_PER_POINT).max(64);
        // Room for the most cells this many points can get: later ticks never reallocate.
        self.start.reserve(cells_max + 1);
        let limit = cells_max as f32;
        while ((x1 - x0) / cell + 1.0) * ((y1 - y0) / cell + 1.0) > limit {
            cell *= 2.0;
        }
        self.cell = cell;
        self.x0 = x0;
        self.y0 = y0;
        self.cols = ((x1 - x0) / cell) as usize + 1;
        self.rows = ((y1 - y0) / cell) as usize + 1;
        let cells = self.cols * self.rows;
        self.start.resize(cells + 1, 0);
        for &p in points {
            let k = self.cell_of(xs[p as usize], ys[p as usize]) as u32;
            self.key.push(k);
            self.start[k as usize + 1] += 1;
        }
        for c in 0..cells {
            self.start[c + 1] += self.start[c];
        }
        self.items.resize(points.len(), 0);
        // Fill using `start` as cursors, then restore it.
        for (k, &p) in self.key.iter().zip(points) {
            let slot = &mut self.start[*k as usize];
            self.items[*slot as usize] = p;
            *slot += 1;
        }
        for c in (1..=cells).rev() {
            self.start[c] = self.start[c - 1];
        }
        self.start[0] = 0;
    }

    pub fn cell_of(&self, x: f32, y: f32) -> usize {
        let cx = (((x - self.x0) / self.cell) as usize).min(self.cols - 1);
        let cy = (((y - self.y0) / self.cell) as usize).min(self.rows - 1);
        cy * self.cols + cx
    }

    /// Column and row ranges of the cells within `reach` of `(x, y)`.
    pub fn around(&self, x: f32, y: f32, reach: f32) -> (usize, usize, usize, usize) {
        let c =
            |v: f32, o: f32, n: usize| (((v - o) / self.cell).floor().max(0.0) as usize).min(n - 1);
        (
            c(x - reach, self.x0, self.cols),
            c(x + reach, self.x0, self.cols),
            c(y - reach, self.y0, self.rows),
            c(y + reach, self.y0, self.rows),
        )
    }

    pub fn cell_items(&self, cx: usize, cy: usize) -> &[u32] {
        let c = cy * self.cols + cx;
        &self.items[self.start[c] as usize..self.start[c + 1] as usize]
    }
}

/// The smallest box `(x0, y0, x1, y1)` holding the listed points (infinite when there are none).
pub fn bounds(points: &[u32], xs: &[f32], ys: &[f32]) -> (f32, f32, f32, f32) {
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
    (x0, y0, x1, y1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_point_is_in_its_cell() {
        let xs = [0.0, 10.0, 35.0, -20.0, 35.0];
        let ys = [0.0, 5.0, 40.0, 7.0, 40.0];
        let pts: Vec<u32> = (0..5).collect();
        let mut g = Grid::default();
        g.build(&xs, &ys, &pts, 10.0);
        let mut seen = vec![0; 5];
        for cy in 0..g.rows {
            for cx in 0..g.cols {
                for &p in g.cell_items(cx, cy) {
                    seen[p as usize] += 1;
                    assert_eq!(g.cell_of(xs[p as usize], ys[p as usize]), cy * g.cols + cx);
                }
            }
        }
        assert_eq!(seen, vec![1; 5]);
    }

    #[test]
    fn sparse_points_get_larger_cells() {
        let xs = [0.0, 1e6];
        let ys = [0.0, 1e6];
        let mut g = Grid::default();
        g.build(&xs, &ys, &[0, 1], 1.0);
        assert!(g.cols * g.rows <= 64);
    }
}
