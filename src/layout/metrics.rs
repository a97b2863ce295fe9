//! Layout quality, measured the same way for any engine's positions (ours or d3-force's in
//! the benchmark): overlaps, crossings, link lengths, and whether the map reads as a tree.

use serde::Serialize;

use crate::model::{LinkKind, MindGraph};

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Quality {
    /// Pairs of visible nodes closer than the sum of their radii.
    pub overlapping_pairs: usize,
    /// Proper crossings between visible links, divided by the number of visible links.
    pub crossings_per_link: f32,
    /// Mean of |length − rest| / rest over visible tree links.
    pub link_length_error: f32,
    /// Fraction of visible classified contributions nearer one of their own levers than any other.
    pub contributions_nearest_own_lever: f32,
    /// Fraction of levers nearer their own axis than any other axis.
    pub levers_nearest_own_axis: f32,
    /// Largest relative deviation of the angular gaps between consecutive axes from 360°/A.
    pub axis_gap_error: f32,
}

fn dist(a: [f32; 2], b: [f32; 2]) -> f32 {
    libm::hypotf(a[0] - b[0], a[1] - b[1])
}

/// `rest[k]` is the rest length of `graph.links[k]`.
pub fn quality(
    graph: &MindGraph,
    pos: &[[f32; 2]],
    radius: &[f32],
    rest: &[f32],
    visible: &[bool],
) -> Quality {
    let n = graph.len();
    let vis: Vec<usize> = (0..n).filter(|&i| visible[i]).collect();
    let mut q = Quality {
        overlapping_pairs: overlaps(pos, radius, &vis),
        ..Quality::default()
    };

    let links: Vec<(usize, usize)> = graph
        .links
        .iter()
        .filter(|l| visible[l.source as usize] && visible[l.target as usize])
        .map(|l| (l.source as usize, l.target as usize))
        .collect();
    q.crossings_per_link = if links.is_empty() {
        0.0
    } else {
        crossings(pos, &links) as f32 / links.len() as f32
    };

    let (mut err, mut count) = (0.0f64, 0usize);
    for (k, l) in graph.links.iter().enumerate() {
        if l.kind != LinkKind::Cross
            && visible[l.source as usize]
            && visible[l.target as usize]
            && rest[k] > 0.0
        {
            let d = dist(pos[l.source as usize], pos[l.target as usize]);
            err += ((d - rest[k]).abs() / rest[k]) as f64;
            count += 1;
        }
    }
    q.link_length_error = if count == 0 {
        0.0
    } else {
        (err / count as f64) as f32
    };

    let levers: Vec<usize> = (0..n).filter(|&i| graph.nodes[i].level == 2).collect();
    let axes: Vec<usize> = (0..n).filter(|&i| graph.nodes[i].level == 1).collect();
    // Levers of each contribution, from one pass over the links.
    let mut levers_of: Vec<Vec<usize>> = vec![Vec::new(); n];
    for l in &graph.links {
        if l.kind == LinkKind::LeverContribution {
            levers_of[l.target as usize].push(l.source as usize);
        }
    }
    let (mut good, mut total) = (0usize, 0usize);
    for &c in &vis {
        if graph.nodes[c].level != 3 {
            continue;
        }
        let own = &levers_of[c];
        if own.is_empty() {
            continue;
        }
        total += 1;
        let d_own = own
            .iter()
            .map(|&l| dist(pos[c], pos[l]))
            .fold(f32::INFINITY, f32::min);
        let d_other = levers
            .iter()
            .filter(|l| !own.contains(l))
            .map(|&l| dist(pos[c], pos[l]))
            .fold(f32::INFINITY, f32::min);
        if d_own < d_other {
            good += 1;
        }
    }
    q.contributions_nearest_own_lever = if total == 0 {
        1.0
    } else {
        good as f32 / total as f32
    };

    let (mut good, mut total) = (0usize, 0usize);
    for &l in &levers {
        let Some(own) = graph.nodes[l].parent else {
            continue;
        };
        total += 1;
        let d_own = dist(pos[l], pos[own as usize]);
        if axes
            .iter()
            .filter(|&&a| a != own as usize)
            .all(|&a| dist(pos[l], pos[a]) > d_own)
        {
            good += 1;
        }
    }
    q.levers_nearest_own_axis = if total == 0 {
        1.0
    } else {
        good as f32 / total as f32
    };

    if axes.len() >= 2 {
        let c = pos[0];
        let mut angles: Vec<f32> = axes
            .iter()
            .map(|&a| libm::atan2f(pos[a][1] - c[1], pos[a][0] - c[0]))
            .collect();
        crate::model::order::sort_f32(&mut angles);
        let ideal = std::f32::consts::TAU / angles.len() as f32;
        let mut worst = 0.0f32;
        for k in 0..angles.len() {
            let next = if k + 1 < angles.len() {
                angles[k + 1]
            } else {
                angles[0] + std::f32::consts::TAU
            };
            worst = worst.max(((next - angles[k]) - ideal).abs() / ideal);
        }
        q.axis_gap_error = worst;
    }
    q
}

/// Overlapping pairs, with a uniform grid (cells as large as the largest diameter).
pub fn overlaps(pos: &[[f32; 2]], radius: &[f32], nodes: &[usize]) -> usize {
    let rmax = nodes.iter().map(|&i| radius[i]).fold(0.0f32, f32::max);
    if nodes.is_empty() || rmax <= 0.0 {
        return 0;
    }
    let cell = 2.0 * rmax;
    let key = |p: [f32; 2]| ((p[0] / cell).floor() as i64, (p[1] / cell).floor() as i64);
    let mut grid: std::collections::HashMap<(i64, i64), Vec<usize>> =
        std::collections::HashMap::new();
    for &i in nodes {
        grid.entry(key(pos[i])).or_default().push(i);
    }
    let mut count = 0;
    for &i in nodes {
        let (cx, cy) = key(pos[i]);
        for dx in -1..=1 {
            for dy in -1..=1 {
                if let Some(v) = grid.get(&(cx + dx, cy + dy)) {
                    for &j in v {
                        if j > i && dist(pos[i], pos[j]) < radius[i] + radius[j] {
                            count += 1;
                        }
                    }
                }
            }
        }
    }
    count
}

/// Proper crossings between segments that share no endpoint, bucketed on a grid.
///
/// Each pair is tested once: two short links in the first grid cell their cell ranges share
/// (no set of seen pairs), and a long link (over [`LONG_CELLS`] cells, as in a tangled
/// layout) against every other link directly, so a tangle costs O(links²) tests at worst
/// instead of one test per shared cell.
pub fn crossings(pos: &[[f32; 2]], links: &[(usize, usize)]) -> usize {
    if links.len() < 2 {
        return 0;
    }
    let (mut lo, mut hi) = ([f32::INFINITY; 2], [f32::NEG_INFINITY; 2]);
    for &(a, b) in links {
        for p in [pos[a], pos[b]] {
            lo = [lo[0].min(p[0]), lo[1].min(p[1])];
            hi = [hi[0].max(p[0]), hi[1].max(p[1])];
        }
    }
    let g = ((links.len() as f32).sqrt().ceil() as usize).clamp(1, 256);
    let size = ((hi[0] - lo[0]).max(hi[1] - lo[1]) / g as f32).max(1e-3);
    let cell = |v: f32, o: f32| (((v - o) / size).floor().max(0.0) as usize).min(g - 1);
    let ranges: Vec<[usize; 4]> = links
        .iter()
        .map(|&(a, b)| {
            let (p, q) = (pos[a], pos[b]);
            [
                cell(p[0].min(q[0]), lo[0]),
                cell(p[0].max(q[0]), lo[0]),
                cell(p[1].min(q[1]), lo[1]),
                cell(p[1].max(q[1]), lo[1]),
            ]
        })
        .collect();
    let cells = |r: &[usize; 4]| (r[1] - r[0] + 1) * (r[3] - r[2] + 1);
    let mut buckets: Vec<Vec<usize>> = vec![Vec::new(); g * g];
    let mut long = Vec::new();
    for (k, r) in ranges.iter().enumerate() {
        if cells(r) > LONG_CELLS {
            long.push(k);
            continue;
        }
        for y in r[2]..=r[3] {
            for x in r[0]..=r[1] {
                buckets[y * g + x].push(k);
            }
        }
    }
    let cross = |s: usize, t: usize| {
        let (a, b) = links[s];
        let (c, d) = links[t];
        !(a == c || a == d || b == c || b == d) && intersect(pos[a], pos[b], pos[c], pos[d])
    };
    let mut count = 0;
    for (at, bucket) in buckets.iter().enumerate() {
        let (x, y) = (at % g, at / g);
        for (i, &s) in bucket.iter().enumerate() {
            for &t in &bucket[i + 1..] {
                let (rs, rt) = (&ranges[s], &ranges[t]);
                // Only in the first cell both cover.
                if x == rs[0].max(rt[0]) && y == rs[2].max(rt[2]) && cross(s, t) {
                    count += 1;
                }
            }
        }
    }
    let mut is_long = vec![false; links.len()];
    for &s in &long {
        is_long[s] = true;
    }
    for &s in &long {
        for (t, &t_long) in is_long.iter().enumerate() {
            // Long pairs once (s < t); long against short from the long side.
            if (t > s || !t_long) && t != s && cross(s, t) {
                count += 1;
            }
        }
    }
    count
}

/// Links over more grid cells than this are tested against every other link directly.
const LONG_CELLS: usize = 64;

fn orient(a: [f32; 2], b: [f32; 2], c: [f32; 2]) -> f32 {
    (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])
}

fn intersect(a: [f32; 2], b: [f32; 2], c: [f32; 2], d: [f32; 2]) -> bool {
    let (o1, o2, o3, o4) = (
        orient(a, b, c),
        orient(a, b, d),
        orient(c, d, a),
        orient(c, d, b),
    );
    o1 * o2 < 0.0 && o3 * o4 < 0.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_a_crossing_and_ignores_shared_ends() {
        let pos = [
            [0.0, 0.0],
            [10.0, 10.0],
            [0.0, 10.0],
            [10.0, 0.0],
            [20.0, 20.0],
        ];
        assert_eq!(crossings(&pos, &[(0, 1), (2, 3)]), 1);
        assert_eq!(crossings(&pos, &[(0, 1), (1, 4)]), 0);
    }

    /// The grid count equals the count of every pair, on short and long links alike.
    #[test]
    fn the_grid_counts_every_crossing_once() {
        let mut rng = crate::layout::rng::Lcg::new(7);
        for (n, spread) in [(60usize, 1000.0f32), (400, 1000.0), (400, 30.0)] {
            let pos: Vec<[f32; 2]> = (0..n)
                .map(|_| [rng.next_f32() * 1000.0, rng.next_f32() * 1000.0])
                .collect();
            let links: Vec<(usize, usize)> = (0..n)
                .map(|i| {
                    // Mostly near neighbours, some across the whole square.
                    let j = if i % 7 == 0 {
                        (i * 31 + 5) % n
                    } else {
                        let mut best = (i + 1) % n;
                        for k in 0..n {
                            let d =
                                |a: [f32; 2], b: [f32; 2]| libm::hypotf(a[0] - b[0], a[1] - b[1]);
                            if k != i
                                && d(pos[i], pos[k]) < spread
                                && d(pos[i], pos[k]) > d(pos[i], pos[best]).min(spread * 0.5)
                            {
                                best = k;
                            }
                        }
                        best
                    };
                    (i, j)
                })
                .filter(|(i, j)| i != j)
                .collect();
            let mut brute = 0;
            for s in 0..links.len() {
                for t in s + 1..links.len() {
                    let ((a, b), (c, d)) = (links[s], links[t]);
                    if !(a == c || a == d || b == c || b == d)
                        && intersect(pos[a], pos[b], pos[c], pos[d])
                    {
                        brute += 1;
                    }
                }
            }
            assert!(brute > 0);
            assert_eq!(crossings(&pos, &links), brute, "n = {n}");
        }
    }

    #[test]
    fn counts_overlaps() {
        let pos = [[0.0, 0.0], [5.0, 0.0], [30.0, 0.0]];
        assert_eq!(overlaps(&pos, &[3.0, 3.0, 3.0], &[0, 1, 2]), 1);
    }
}
