//! Synthetic motions for tests and benchmarks: deterministic from a seed, and labelled
//! « synthétique » everywhere so they can never be taken for real data.
//!
//! Shape: 1 motion, 4 axes, 12 levers, contributions spread unevenly over levers (Zipf-like
//! weights: the largest lever gets several times the smallest), about 5% of contributions
//! speaking to a second lever, and N/20 cross links between contributions of one lever.

use super::{Axis, Contribution, Lever, LinkKind, MindGraph, Motion};

struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

pub fn synthetic_motion(contributions: usize, seed: u64) -> Motion {
    let mut rng = Lcg(seed ^ 0x5eed_cafe);
    let axes: Vec<Axis> = (1..=4)
        .map(|a| Axis {
            id: format!("a{a}"),
            title: format!("Axe synthétique {a}"),
            description: String::new(),
            links: Vec::new(),
            folded: false,
            levers: (1..=3)
                .map(|l| Lever {
                    id: format!("a{a}-l{l}"),
                    title: format!("Levier synthétique {a}.{l}"),
                    description: String::new(),
                    links: Vec::new(),
                    folded: false,
                })
                .collect(),
        })
        .collect();
    let lever_ids: Vec<String> = axes
        .iter()
        .flat_map(|a| a.levers.iter().map(|l| l.id.clone()))
        .collect();
    // Zipf-like weights 1/(rank+1), ranks shuffled by the seed.
    let mut ranks: Vec<usize> = (0..lever_ids.len()).collect();
    for i in (1..ranks.len()).rev() {
        let j = rng.below(i + 1);
        ranks.swap(i, j);
    }
    let weights: Vec<f64> = ranks.iter().map(|&r| 1.0 / (r as f64 + 1.0)).collect();
    let total: f64 = weights.iter().sum();
    let mut cumulative = Vec::with_capacity(weights.len());
    let mut acc = 0.0;
    for w in &weights {
        acc += w / total;
        cumulative.push(acc);
    }
    let contributions = (1..=contributions)
        .map(|k| {
            let u = (rng.next() % 1_000_000) as f64 / 1_000_000.0;
            let first = cumulative
                .iter()
                .position(|&c| u < c)
                .unwrap_or(lever_ids.len() - 1);
            let mut levers = vec![lever_ids[first].clone()];
            if rng.below(20) == 0 {
                let second = rng.below(lever_ids.len());
                if second != first {
                    levers.push(lever_ids[second].clone());
                }
            }
            Contribution {
                id: format!("c{k}"),
                text: format!("Contribution synthétique n° {k}"),
                author: Some(format!("Élu·e synthétique {k}")),
                role: None,
                collectivity: Some("Commune synthétique".to_string()),
                department: None,
                year: None,
                label: None,
                levers,
                links: Vec::new(),
            }
        })
        .collect();
    Motion {
        id: "motion".to_string(),
        title: format!("Motion synthétique (graine {seed})"),
        description: "Données générées pour les tests et les mesures de performance : ce n'est pas une vraie motion.".to_string(),
        year: None,
        links: Vec::new(),
        initial_expand_level: None,
        axes,
        contributions,
    }
}

/// The graph of [`synthetic_motion`] plus N/20 cross links between contributions that share a lever.
pub fn synthetic_graph(contributions: usize, seed: u64) -> MindGraph {
    let motion = synthetic_motion(contributions, seed);
    let mut g = MindGraph::from_motion(&motion);
    let mut rng = Lcg(seed ^ 0xc055);
    let mut added = 0;
    let mut attempts = 0;
    while added < contributions / 20 && attempts < contributions * 4 {
        attempts += 1;
        let lever = 5 + rng.below(12) as u32;
        let kids = &g.children[lever as usize];
        if kids.len() < 2 {
            continue;
        }
        let (a, b) = (kids[rng.below(kids.len())], kids[rng.below(kids.len())]);
        if a != b {
            g.link(a.min(b), a.max(b), LinkKind::Cross);
            added += 1;
        }
    }
    g
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deterministic_uneven_and_labelled() {
        let a = synthetic_motion(2000, 7);
        assert_eq!(a, synthetic_motion(2000, 7));
        assert_ne!(a, synthetic_motion(2000, 8));
        assert!(a.title.contains("synthétique"));
        let g = MindGraph::from_motion(&a);
        let sizes: Vec<usize> = (5..17).map(|l| g.children[l].len()).collect();
        let (min, max) = (*sizes.iter().min().unwrap(), *sizes.iter().max().unwrap());
        assert!(max >= 5 * min.max(1), "uneven: {sizes:?}");
        let two = a
            .contributions
            .iter()
            .filter(|c| c.levers.len() == 2)
            .count();
        assert!((50..=150).contains(&two), "about 5% on two levers: {two}");
        let cross = synthetic_graph(2000, 7)
            .links
            .iter()
            .filter(|l| l.kind == LinkKind::Cross)
            .count();
        assert_eq!(cross, 100);
    }
}
