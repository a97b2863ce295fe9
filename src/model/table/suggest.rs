//! Proposing levers for an unclassified contribution by the words of its text.

use std::collections::HashMap;

use crate::model::text::folded_words;
use crate::model::{Lever, Motion};

/// French words too common to say anything about a text's subject.
const STOP: &[&str] = &[
    "a", "au", "aux", "avec", "ce", "ces", "cette", "dans", "de", "des", "du", "elle", "en", "et",
    "est", "il", "ils", "la", "le", "les", "leur", "leurs", "mais", "ne", "nos", "notre", "nous",
    "on", "ou", "par", "pas", "plus", "pour", "qu", "que", "qui", "sa", "se", "ses", "son", "sont",
    "sur", "tout", "tous", "un", "une", "vos", "votre", "vous", "y", "d", "l", "s", "n", "c", "j",
    "m", "t", "tres", "bien", "faut", "faire", "etre", "avoir", "comme", "aussi", "entre", "sans",
    "si", "dont", "ainsi", "cela", "ca",
];

/// The meaningful words of a text, folded, with a light stemming (plural `s`/`x` dropped).
fn words(text: &str) -> Vec<String> {
    folded_words(text)
        .into_iter()
        .filter(|w| w.chars().count() > 2 && !STOP.contains(&w.as_str()))
        .map(|mut w| {
            if w.len() > 4 && (w.ends_with('s') || w.ends_with('x')) {
                w.pop();
            }
            w
        })
        .collect()
}

/// A lever proposed for an unclassified contribution, with how close its words are (0 to 1).
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Suggestion {
    pub lever: String,
    pub title: String,
    pub score: f32,
}

/// The levers closest to a text by its words (TF-IDF weights, cosine similarity against each
/// lever's title and description and its axis's title), best first, at most `n`, with a
/// score above zero. `axis` limits the choice to one axis.
pub fn suggest(motion: &Motion, text: &str, axis: Option<usize>, n: usize) -> Vec<Suggestion> {
    let docs: Vec<(usize, &Lever, Vec<String>)> = motion
        .axes
        .iter()
        .enumerate()
        .flat_map(|(a, ax)| {
            ax.levers.iter().map(move |l| {
                let mut w = words(&format!("{} {}", l.title, l.description));
                // The lever's own words count twice as much as its axis's.
                w.extend(w.clone());
                w.extend(words(&ax.title));
                (a, l, w)
            })
        })
        .collect();
    if docs.is_empty() {
        return Vec::new();
    }
    let mut df: HashMap<&str, f32> = HashMap::new();
    for (_, _, w) in &docs {
        let mut seen: Vec<&str> = w.iter().map(String::as_str).collect();
        crate::model::order::sort_strs(&mut seen);
        seen.dedup();
        for s in seen {
            *df.entry(s).or_default() += 1.0;
        }
    }
    let total = docs.len() as f32;
    let idf = |w: &str| (1.0 + total / (1.0 + df.get(w).copied().unwrap_or(0.0))).ln();
    let vector = |ws: &[String]| {
        let mut v: HashMap<String, f32> = HashMap::new();
        for w in ws {
            *v.entry(w.clone()).or_default() += 1.0;
        }
        for (w, x) in v.iter_mut() {
            *x *= idf(w);
        }
        let norm = v.values().map(|x| x * x).sum::<f32>().sqrt();
        (v, norm)
    };
    let (q, qn) = vector(&words(text));
    if qn == 0.0 {
        return Vec::new();
    }
    let mut scored: Vec<Suggestion> = docs
        .iter()
        .filter(|(a, _, _)| axis.is_none_or(|x| x == *a))
        .filter_map(|(_, l, w)| {
            let (d, dn) = vector(w);
            let dot: f32 = q
                .iter()
                .map(|(k, x)| x * d.get(k).copied().unwrap_or(0.0))
                .sum();
            let score = if dn > 0.0 { dot / (qn * dn) } else { 0.0 };
            (score > 0.0).then(|| Suggestion {
                lever: l.id.clone(),
                title: l.title.clone(),
                score: (score * 100.0).round() / 100.0,
            })
        })
        .collect();
    crate::model::order::sort_by_num_then_str(
        &mut scored,
        |s| u64::from(!crate::model::order::f32_key(s.score)),
        |s| s.lever.clone(),
    );
    scored.truncate(n);
    scored
}

/// « « titre » (a1-l2, 0,42) ; … », for messages.
pub(super) fn proposals(list: &[Suggestion]) -> String {
    if list.is_empty() {
        return "aucun levier proche trouvé dans ses mots".to_string();
    }
    let shown: Vec<String> = list
        .iter()
        .map(|s| {
            let t: String = s.title.chars().take(60).collect();
            let t = if s.title.chars().count() > 60 {
                format!("{}…", t.trim_end())
            } else {
                t
            };
            format!(
                "« {t} » ({}, {})",
                s.lever,
                crate::model::decimal::fixed(s.score, 2).replace('.', ",")
            )
        })
        .collect();
    format!(
        "levier{} proposé{} : {}",
        if list.len() > 1 { "s" } else { "" },
        if list.len() > 1 { "s" } else { "" },
        shown.join(" ; ")
    )
}
