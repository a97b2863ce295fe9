//! Proposing levers for an unclassified contribution, and finding contributions that say nearly
//! the same thing. How it was measured and calibrated: `docs/suggestions.md`.
//!
//! Words are folded (case, accents, `·`: [`crate::model::text::fold`]), French stop words are
//! dropped and the rest reduced to their Snowball French stem (`rust-stemmers`), so « élu·es »,
//! « élus » and « Élue » are one term. A lever's evidence is one TF-IDF vector: its title (twice),
//! its description, its axis's title and description, and the centroid of the contributions
//! already classified under it, which weighs more as there are more of them. A text is scored
//! by cosine similarity against every lever; below [`RELIABLE`] no lever is proposed.

use std::collections::HashMap;

use rust_stemmers::{Algorithm, Stemmer};

use super::Suggestion;
use crate::model::order;
use crate::model::text::fold;
use crate::model::{Contribution, Motion, Proposal};

/// French stop words, folded: the NLTK French list (as shipped by the `stop-words` crate, which
/// bundles every language's lists and would cost the wasm far more than these few hundred bytes),
/// plus common verbs, adverbs and numbers that say nothing of a subject.
pub const STOP_WORDS: &[&str] = &[
    // NLTK French.
    "au",
    "aux",
    "avec",
    "ce",
    "ces",
    "dans",
    "de",
    "des",
    "du",
    "elle",
    "en",
    "et",
    "eux",
    "il",
    "ils",
    "je",
    "la",
    "le",
    "les",
    "leur",
    "lui",
    "ma",
    "mais",
    "me",
    "meme",
    "mes",
    "moi",
    "mon",
    "ne",
    "nos",
    "notre",
    "nous",
    "on",
    "ou",
    "par",
    "pas",
    "pour",
    "qu",
    "que",
    "qui",
    "sa",
    "se",
    "ses",
    "son",
    "sur",
    "ta",
    "te",
    "tes",
    "toi",
    "ton",
    "tu",
    "un",
    "une",
    "vos",
    "votre",
    "vous",
    "c",
    "d",
    "j",
    "l",
    "a",
    "m",
    "n",
    "s",
    "t",
    "y",
    "ete",
    "etee",
    "etees",
    "etes",
    "etant",
    "etante",
    "etants",
    "etantes",
    "suis",
    "es",
    "est",
    "sommes",
    "sont",
    "serai",
    "seras",
    "sera",
    "serons",
    "serez",
    "seront",
    "serais",
    "serait",
    "serions",
    "seriez",
    "seraient",
    "etais",
    "etait",
    "etions",
    "etiez",
    "etaient",
    "fus",
    "fut",
    "fumes",
    "futes",
    "furent",
    "sois",
    "soit",
    "soyons",
    "soyez",
    "soient",
    "fusse",
    "fusses",
    "fussions",
    "fussiez",
    "fussent",
    "ayant",
    "ayante",
    "ayantes",
    "ayants",
    "eu",
    "eue",
    "eues",
    "eus",
    "ai",
    "as",
    "avons",
    "avez",
    "ont",
    "aurai",
    "auras",
    "aura",
    "aurons",
    "aurez",
    "auront",
    "aurais",
    "aurait",
    "aurions",
    "auriez",
    "auraient",
    "avais",
    "avait",
    "avions",
    "aviez",
    "avaient",
    "eut",
    "eumes",
    "eutes",
    "eurent",
    "aie",
    "aies",
    "ait",
    "ayons",
    "ayez",
    "aient",
    "eusse",
    "eusses",
    "eussions",
    "eussiez",
    "eussent",
    // Added: words of any French sentence.
    "cela",
    "ca",
    "ceci",
    "cet",
    "cette",
    "celle",
    "celui",
    "ceux",
    "dont",
    "donc",
    "car",
    "si",
    "ni",
    "tout",
    "tous",
    "toute",
    "toutes",
    "tres",
    "plus",
    "moins",
    "bien",
    "aussi",
    "ainsi",
    "alors",
    "encore",
    "deja",
    "comme",
    "entre",
    "sans",
    "sous",
    "vers",
    "chez",
    "lors",
    "avant",
    "apres",
    "depuis",
    "pendant",
    "etre",
    "avoir",
    "faire",
    "fait",
    "faut",
    "peut",
    "peuvent",
    "doit",
    "doivent",
    "devra",
    "devront",
    "devrait",
    "pourrait",
    "quel",
    "quelle",
    "quels",
    "quelles",
    "quelque",
    "quelques",
    "chaque",
    "autre",
    "autres",
    "part",
    "exemple",
    "notamment",
    "egalement",
    "aujourd",
    "hui",
    "est-ce",
    "oui",
    "non",
    "afin",
    "dire",
    "ici",
    "la-bas",
    "quoi",
    "comment",
    "pourquoi",
    "quand",
    "parfois",
    "souvent",
    "toujours",
    "jamais",
    "beaucoup",
    "peu",
    "trop",
    "assez",
    "certes",
    "enfin",
    "puis",
    "premier",
    "premiere",
    "deux",
    "trois",
    "quatre",
    "cinq",
    "six",
    "sujet",
    "question",
    "chose",
    "choses",
];

/// Below this score no lever is proposed (« aucune proposition fiable »). Calibrated on the
/// labelled sentences of `tests/data/suggest-seeds.tsv`: see `docs/suggestions.md`.
pub const RELIABLE: f32 = 0.15;

/// Two contributions at least this similar (cosine of their TF-IDF vectors) say nearly the same
/// thing and are proposed as cross-linked: see `docs/suggestions.md`.
pub const SIMILAR: f32 = 0.7;

impl From<Suggestion> for Proposal {
    fn from(s: Suggestion) -> Proposal {
        Proposal {
            lever: s.lever,
            score: s.score,
        }
    }
}

/// Computes the proposals of every unclassified contribution that has none yet (a JSON file
/// written before they were, an outline): what the publishing tools write into the map, so that
/// its detail panel can show them. One index for the whole motion.
pub fn propose_missing(motion: &mut Motion) {
    let mut index: Option<SuggestIndex> = None;
    let lists: Vec<(usize, Vec<Suggestion>)> = (motion.contributions.iter().enumerate())
        .filter(|(_, c)| c.levers.is_empty() && c.proposals.is_none())
        .map(|(k, c)| {
            // Built at the first contribution that needs it, as in the join.
            let index = index.get_or_insert_with(|| SuggestIndex::new(motion));
            (k, index.suggest(&c.text, motion.named_axis(c), PROPOSED))
        })
        .collect();
    for (k, list) in lists {
        motion.contributions[k].proposals = Some(list.into_iter().map(Proposal::from).collect());
    }
}

/// Levers proposed per unclassified contribution in the published map.
pub const PROPOSED: usize = 3;

/// Two contributions (indices into `Motion::contributions`, `a < b`) that say nearly the same
/// thing, with the cosine of their vectors.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize)]
pub struct Similar {
    pub a: usize,
    pub b: usize,
    pub score: f32,
}

/// Turns text into terms: folded words, stop words dropped, Snowball French stems.
pub struct Analyzer {
    stemmer: Stemmer,
}

impl Default for Analyzer {
    fn default() -> Self {
        Analyzer {
            stemmer: Stemmer::create(Algorithm::French),
        }
    }
}

impl Analyzer {
    /// The terms of a text, in order (repeated terms repeated). Linear in the text.
    pub fn terms(&self, text: &str) -> Vec<String> {
        let lower = text.to_lowercase().replace(['·', '•', '\u{2027}'], "");
        lower
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .filter_map(|w| {
                let folded = fold(w);
                if folded.len() < 3
                    || folded.chars().all(|c| c.is_ascii_digit())
                    || STOP_WORDS.contains(&folded.as_str())
                {
                    return None;
                }
                // The stemmer knows French accents (« -ité », « -ée »): stem first, fold after.
                Some(fold(&self.stemmer.stem(w)))
            })
            .collect()
    }
}

/// A sparse vector: (term, weight) sorted by term.
type Vector = Vec<(u32, f32)>;

fn normalize(v: &mut Vector) {
    let n = v.iter().map(|(_, x)| x * x).sum::<f32>().sqrt();
    if n > 0.0 {
        for (_, x) in v.iter_mut() {
            *x /= n;
        }
    }
}

fn dot(a: &Vector, b: &Vector) -> f32 {
    let (mut i, mut j, mut s) = (0, 0, 0.0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                s += a[i].1 * b[j].1;
                i += 1;
                j += 1;
            }
        }
    }
    s
}

/// `a + k·b`, both sorted.
fn add(a: &Vector, b: &Vector, k: f32) -> Vector {
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    while i < a.len() || j < b.len() {
        if j == b.len() || (i < a.len() && a[i].0 < b[j].0) {
            out.push(a[i]);
            i += 1;
        } else if i == a.len() || b[j].0 < a[i].0 {
            out.push((b[j].0, k * b[j].1));
            j += 1;
        } else {
            out.push((a[i].0, a[i].1 + k * b[j].1));
            i += 1;
            j += 1;
        }
    }
    out
}

/// Terms to ids, with document frequencies.
#[derive(Default)]
struct Vocabulary {
    ids: HashMap<String, u32>,
    df: Vec<u32>,
}

impl Vocabulary {
    /// Term counts of a document, adding its terms (each counted once in `df`).
    fn add(&mut self, terms: &[String]) -> Vector {
        let mut counts = self.counts(terms, true);
        for (t, _) in &counts {
            self.df[*t as usize] += 1;
        }
        counts.shrink_to_fit();
        counts
    }

    /// Term counts, sorted; unknown terms are added when `grow`, else get `u32::MAX`
    /// (never matching a document) and are kept so that they still count in the norm.
    fn counts(&mut self, terms: &[String], grow: bool) -> Vector {
        count_terms(terms, |t| match self.ids.get(t) {
            Some(&id) => Some(id),
            None if grow => {
                let id = self.df.len() as u32;
                self.ids.insert(t.to_string(), id);
                self.df.push(0);
                Some(id)
            }
            None => None,
        })
    }
}

/// Term counts of `terms`, sorted by id; `id` gives a term's id, or `None` for a term outside
/// the vocabulary (all of them counted together under `u32::MAX`, so they weigh in the norm).
fn count_terms(terms: &[String], mut id: impl FnMut(&str) -> Option<u32>) -> Vector {
    let mut v: Vec<(u32, f32)> = Vec::with_capacity(terms.len());
    let mut unknown = 0.0;
    for t in terms {
        match id(t) {
            Some(id) => v.push((id, 1.0)),
            None => unknown += 1.0,
        }
    }
    let mut v = merge_sorted(v);
    if unknown > 0.0 {
        v.push((u32::MAX, unknown));
    }
    v
}

/// `pairs` sorted by term id (stably: equal terms add up in their order), equal terms summed.
fn merge_sorted(mut pairs: Vec<(u32, f32)>) -> Vector {
    crate::model::order::sort_by_key(&mut pairs, |&(t, _)| u128::from(t));
    pairs.dedup_by(|b, a| {
        if a.0 == b.0 {
            a.1 += b.1;
            true
        } else {
            false
        }
    });
    pairs
}

/// Weights term counts by `idf`, then scales to unit length.
fn weigh(counts: &Vector, idf: &[f32], unknown_idf: f32) -> Vector {
    let mut v: Vector = counts
        .iter()
        .map(|&(t, n)| {
            let w = idf.get(t as usize).copied().unwrap_or(unknown_idf);
            (t, (1.0 + n.ln()) * w)
        })
        .collect();
    normalize(&mut v);
    v
}

struct LeverEntry {
    axis: usize,
    id: String,
    title: String,
    vector: Vector,
}

/// The evidence of every lever of a motion, built once ([`SuggestIndex::new`]) and queried per
/// row ([`SuggestIndex::suggest`]): building is linear in the motion and its contributions, a
/// query linear in its text times the number of levers.
pub struct SuggestIndex {
    analyzer: Analyzer,
    vocabulary: Vocabulary,
    idf: Vec<f32>,
    unknown_idf: f32,
    levers: Vec<LeverEntry>,
}

/// How much a lever's classified contributions weigh against its own words, for `n` of them.
fn evidence_weight(n: usize) -> f32 {
    let n = n as f32;
    1.5 * n / (n + 2.0)
}

impl SuggestIndex {
    /// The index of a motion: its levers with their words and their classified contributions.
    pub fn new(motion: &Motion) -> Self {
        let analyzer = Analyzer::default();
        let mut vocabulary = Vocabulary::default();
        // Terms of each lever's own words (title twice), then of its axis.
        let mut label_terms: Vec<(usize, &str, &str, Vec<String>)> = Vec::new();
        let mut position: HashMap<&str, usize> = HashMap::new();
        for (a, axis) in motion.axes.iter().enumerate() {
            let axis_terms = analyzer.terms(&format!("{} {}", axis.title, axis.description));
            for l in &axis.levers {
                let mut t = analyzer.terms(&l.title);
                t.extend(t.clone());
                t.extend(analyzer.terms(&l.description));
                t.extend(axis_terms.iter().cloned());
                position.insert(l.id.as_str(), label_terms.len());
                label_terms.push((a, &l.id, &l.title, t));
            }
        }
        // Contributions classified under each lever.
        let mut under: Vec<Vec<Vec<String>>> = vec![Vec::new(); label_terms.len()];
        for c in &motion.contributions {
            if c.levers.is_empty() {
                continue;
            }
            let terms = analyzer.terms(&c.text);
            for l in &c.levers {
                if let Some(&k) = position.get(l.as_str()) {
                    under[k].push(terms.clone());
                }
            }
        }
        // Document frequencies by lever: a term found in every lever's evidence says nothing.
        let mut label_counts = Vec::with_capacity(label_terms.len());
        let mut contribution_counts: Vec<Vec<Vector>> = Vec::with_capacity(label_terms.len());
        for (k, (_, _, _, terms)) in label_terms.iter().enumerate() {
            let mut all = terms.clone();
            for c in &under[k] {
                all.extend(c.iter().cloned());
            }
            vocabulary.add(&all);
            label_counts.push(vocabulary.counts(terms, false));
            contribution_counts.push(
                under[k]
                    .iter()
                    .map(|c| vocabulary.counts(c, false))
                    .collect(),
            );
        }
        let n = label_terms.len() as f32;
        let idf: Vec<f32> = vocabulary
            .df
            .iter()
            .map(|&d| (1.0 + n / d as f32).ln())
            .collect();
        let unknown_idf = (1.0 + n).ln();
        let levers = label_terms
            .into_iter()
            .enumerate()
            .map(|(k, (axis, id, title, _))| {
                let mut vector = weigh(&label_counts[k], &idf, unknown_idf);
                let cs = &contribution_counts[k];
                if !cs.is_empty() {
                    // All the contributions' weights at once, summed by term: linear (but for
                    // the sort) in the evidence, where adding one vector at a time was not.
                    let mut centroid = merge_sorted(
                        cs.iter()
                            .flat_map(|c| weigh(c, &idf, unknown_idf))
                            .collect(),
                    );
                    normalize(&mut centroid);
                    vector = add(&vector, &centroid, evidence_weight(cs.len()));
                    normalize(&mut vector);
                }
                LeverEntry {
                    axis,
                    id: id.to_string(),
                    title: title.to_string(),
                    vector,
                }
            })
            .collect();
        SuggestIndex {
            analyzer,
            vocabulary,
            idf,
            unknown_idf,
            levers,
        }
    }

    /// Every lever of the motion (of `axis` only, when given) scored against a text, best first,
    /// ties in lever order; reliable or not.
    pub fn rank(&self, text: &str, axis: Option<usize>) -> Vec<Suggestion> {
        let terms = self.analyzer.terms(text);
        let counts = self.query_counts(&terms);
        let q = weigh(&counts, &self.idf, self.unknown_idf);
        let mut scored: Vec<(usize, f32)> = self
            .levers
            .iter()
            .enumerate()
            .filter(|(_, l)| axis.is_none_or(|a| a == l.axis))
            .map(|(k, l)| (k, dot(&q, &l.vector)))
            .collect();
        // Best score first; `scored` is in lever order, so ties stay in lever order.
        order::sort_by_key(&mut scored, |&(_, s)| u128::from(!order::f32_key(s)));
        scored
            .into_iter()
            .map(|(k, s)| Suggestion {
                lever: self.levers[k].id.clone(),
                title: self.levers[k].title.clone(),
                score: (s * 100.0).round() / 100.0,
            })
            .collect()
    }

    /// The levers worth proposing for a text: at most `n`, best first, each scoring at least
    /// [`RELIABLE`]; empty means « aucune proposition fiable ».
    pub fn suggest(&self, text: &str, axis: Option<usize>, n: usize) -> Vec<Suggestion> {
        let mut list = self.rank(text, axis);
        list.retain(|s| s.score >= RELIABLE);
        list.truncate(n);
        list
    }

    fn query_counts(&self, terms: &[String]) -> Vector {
        count_terms(terms, |t| self.vocabulary.ids.get(t).copied())
    }
}

/// The levers closest to a text, at most `n`, best first, each scoring at least [`RELIABLE`]
/// (empty: « aucune proposition fiable »). `axis` limits the choice to one axis. Builds a
/// [`SuggestIndex`] each call: for many texts, build one and query it.
pub fn suggest(motion: &Motion, text: &str, axis: Option<usize>, n: usize) -> Vec<Suggestion> {
    SuggestIndex::new(motion).suggest(text, axis, n)
}

/// Terms shared by more contributions than this are not used to find candidate pairs (they
/// still count in the similarity of a pair found by a rarer term): keeps the search linear.
const CANDIDATE_DF: usize = 64;

/// Pairs of contributions that say nearly the same thing (cosine at least [`SIMILAR`] between
/// their TF-IDF vectors, IDF over the contributions), best first. Candidates share a term
/// found in at most 64 contributions, so the work grows linearly with the number of
/// contributions.
pub fn similar_contributions(contributions: &[Contribution]) -> Vec<Similar> {
    let analyzer = Analyzer::default();
    let mut vocabulary = Vocabulary::default();
    let counts: Vec<Vector> = contributions
        .iter()
        .map(|c| vocabulary.add(&analyzer.terms(&c.text)))
        .collect();
    let n = contributions.len() as f32;
    let idf: Vec<f32> = vocabulary
        .df
        .iter()
        .map(|&d| (1.0 + n / d as f32).ln())
        .collect();
    let vectors: Vec<Vector> = counts.iter().map(|c| weigh(c, &idf, 0.0)).collect();
    let mut postings: Vec<Vec<u32>> = vec![Vec::new(); vocabulary.df.len()];
    for (i, v) in vectors.iter().enumerate() {
        for (t, _) in v {
            if vocabulary.df[*t as usize] as usize <= CANDIDATE_DF {
                postings[*t as usize].push(i as u32);
            }
        }
    }
    let mut out = Vec::new();
    let mut seen = vec![u32::MAX; vectors.len()];
    for (i, v) in vectors.iter().enumerate() {
        for (t, _) in v {
            for &j in &postings[*t as usize] {
                let j = j as usize;
                if j <= i || seen[j] == i as u32 {
                    continue;
                }
                seen[j] = i as u32;
                let s = dot(v, &vectors[j]);
                if s >= SIMILAR {
                    out.push(Similar {
                        a: i,
                        b: j,
                        score: (s * 100.0).round() / 100.0,
                    });
                }
            }
        }
    }
    // Best score first, then by the pair (lever indices, below 2^32).
    order::sort_by_key(&mut out, |x| {
        (u128::from(!order::f32_key(x.score)) << 64) | ((x.a as u128) << 32) | x.b as u128
    });
    out
}

/// « « titre » (a1-l2, 0,42) ; … », for messages.
#[cfg(feature = "authoring")]
pub(super) fn proposals(list: &[Suggestion]) -> String {
    if list.is_empty() {
        return "aucune proposition fiable (aucun levier assez proche par les mots de son texte)"
            .to_string();
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
