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
                axis: None,
                links: Vec::new(),
                proposals: None,
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
        layout: None,
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

/// Rows of [`synthetic_table_2021`].
pub const TABLE_2021_ROWS: usize = 727;
/// Rows of [`synthetic_table_2021`] without a lever.
pub const TABLE_2021_UNCLASSIFIED: usize = 121;
/// Rows of [`synthetic_table_2021`] under « la mise en place d'un véritable service public
/// local de la donnée » (`a3-l2`).
pub const TABLE_2021_DATA_LEVER: usize = 62;

/// A synthetic contributions table for the real 2021 outline (`assets/motion-2021.md`), in the
/// staff's CSV format (semicolons, BOM): 727 rows, 121 of them unclassified and 62 under
/// `a3-l2`, the other levers unevenly filled. Every text starts with « Contribution
/// synthétique » and every collectivity is a « Commune synthétique »: this is test data for
/// reading many contributions, never real words of real officials. Deterministic.
pub fn synthetic_table_2021() -> String {
    const OTHER_LEVERS: [(&str, usize); 11] = [
        ("a1-l1", 90),
        ("a3-l1", 75),
        ("a2-l1", 64),
        ("a4-l1", 58),
        ("a1-l2", 52),
        ("a2-l2", 48),
        ("a3-l3", 44),
        ("a4-l2", 36),
        ("a1-l3", 30),
        ("a2-l3", 27),
        ("a4-l3", 20),
    ];
    const FIRST: [&str; 16] = [
        "Camille",
        "Dominique",
        "Claude",
        "Alix",
        "Sacha",
        "Maxime",
        "Morgan",
        "Charlie",
        "Lou",
        "Noa",
        "Andréa",
        "Yannick",
        "Stéphane",
        "Frédérique",
        "Gaëlle",
        "Éric",
    ];
    const LAST: [&str; 16] = [
        "Martin", "Bernard", "Petit", "Durand", "Leroy", "Moreau", "Simon", "Laurent", "Lefèvre",
        "Michel", "Garcia", "Roux", "Fournier", "Girard", "Bonnet", "Écuyer",
    ];
    const ROLES: [&str; 5] = [
        "maire",
        "adjoint·e au maire chargé·e du numérique",
        "conseiller·e municipal·e délégué·e au numérique",
        "vice-président·e de la communauté de communes",
        "conseiller·e départemental·e",
    ];
    const DEPARTMENTS: [&str; 24] = [
        "01", "06", "13", "14", "22", "2A", "31", "33", "35", "38", "44", "49", "59", "63", "67",
        "69", "72", "75", "76", "86", "92", "93", "94", "971",
    ];
    const SENTENCES: [&str; 12] = [
        "Les données produites par nos services doivent rester sous la maîtrise de la collectivité.",
        "Nous avons ouvert nos données de transport et d'urbanisme, et les habitants s'en servent.",
        "Les petites communes n'ont ni les moyens ni les compétences pour le faire seules.",
        "La mutualisation à l'échelle intercommunale nous paraît la seule voie réaliste.",
        "La protection des données personnelles des habitants est une exigence avant tout projet.",
        "Il faut former les élu·es autant que les agents.",
        "Un service public local de la donnée suppose un budget pérenne, pas un appel à projets.",
        "Les usagers doivent pouvoir savoir qui utilise leurs données et pourquoi.",
        "L'hébergement de nos données hors d'Europe pose une question de souveraineté.",
        "Nous attendons de l'État un cadre clair et un accompagnement dans la durée.",
        "Les associations du territoire sont prêtes à contribuer si on leur en donne les moyens.",
        "La sobriété numérique commence par ne collecter que ce qui est utile.",
    ];
    let mut rng = Lcg(0x2021_0727);
    let mut levers: Vec<&str> = Vec::with_capacity(TABLE_2021_ROWS);
    levers.extend(std::iter::repeat_n("a3-l2", TABLE_2021_DATA_LEVER));
    for (id, n) in OTHER_LEVERS {
        levers.extend(std::iter::repeat_n(id, n));
    }
    levers.extend(std::iter::repeat_n("", TABLE_2021_UNCLASSIFIED));
    for i in (1..levers.len()).rev() {
        let j = rng.below(i + 1);
        levers.swap(i, j);
    }
    let mut out = String::from(
        "\u{feff}contribution;axe;levier;auteur;fonction;collectivite;departement;annee;label\r\n",
    );
    for (k, lever) in levers.iter().enumerate() {
        let n = k + 1;
        // One to four sentences, so that some texts need more than three lines.
        let sentences = 1 + rng.below(4);
        let mut text = format!("Contribution synthétique n° {n} :");
        for _ in 0..sentences {
            text.push(' ');
            text.push_str(SENTENCES[rng.below(SENTENCES.len())]);
        }
        let commune = 1 + rng.below(180);
        let author = format!(
            "{} {}",
            FIRST[rng.below(FIRST.len())],
            LAST[rng.below(LAST.len())]
        );
        let role = ROLES[rng.below(ROLES.len())];
        let department = DEPARTMENTS[commune % DEPARTMENTS.len()];
        let year = [2019, 2020, 2021, 2021][rng.below(4)];
        let label = "@".repeat(1 + rng.below(5));
        out.push_str(&format!(
            "{text};;{lever};{author};{role};Commune synthétique {commune};{department};{year};{label}\r\n"
        ));
    }
    out
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
