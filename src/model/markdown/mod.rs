//! Motion outline in Markdown (docs/format.md §1), read as markmap reads it:
//!
//! ```markdown
//! # Motion title
//! Preamble paragraph(s).
//! ## Axis title
//! Axis paragraph(s).
//! - lever
//!   - « contribution » — Author, role, Collectivity (94) @@@@@, 2021
//! ```
//!
//! Three parts: [`outline`] turns the CommonMark events (pulldown-cmark) into the outline's tree
//! of headings and list items, with [`inline`] reducing each title and paragraph to text and
//! links; this module maps the tree to the motion by depth (motion, axes, levers,
//! contributions; deeper items become indented sub-points of their contribution), and
//! [`attribution`] reads who said each contribution.
//!
//! Identical contribution items (same text and attribution) under several levers are one
//! contribution linked to each of them: that is how a contribution speaking to two levers is
//! written. Only http(s) and mailto links are kept.

mod attribution;
mod front;
mod inline;
mod outline;

use std::cell::Cell;
use std::collections::{HashMap, HashSet};

pub use attribution::split_attribution;

use super::limits::{
    MAX_AXES, MAX_CONTRIBUTIONS, MAX_INPUT_BYTES, MAX_LEVERS_PER_AXIS, MAX_TEXT_CHARS,
    MAX_TITLE_CHARS,
};
use super::{Axis, Diagnostic, Lever, Link, Motion, Parsed};
use outline::{Node, Tree};

/// Parses a motion outline.
pub fn parse_markdown(input: &str) -> Parsed<Motion> {
    parse_markdown_named(input, "")
}

/// Parses a motion outline read from the file (or URL) `name`: without a `#` title, the
/// motion is titled after the file.
pub fn parse_markdown_named(input: &str, name: &str) -> Parsed<Motion> {
    let input = input.strip_prefix('\u{feff}').unwrap_or(input);
    let mut d: Vec<Diagnostic> = Vec::new();
    if input.trim().is_empty() {
        d.push(Diagnostic::error(
            1,
            1,
            "fichier vide : une motion commence par une ligne « # Titre de la motion »",
        ));
        return Parsed {
            value: None,
            diagnostics: d,
        };
    }
    if input.len() > MAX_INPUT_BYTES {
        d.push(Diagnostic::error(
            1,
            1,
            format!(
                "fichier trop gros : {} octets, la limite est de {} Mo",
                input.len(),
                MAX_INPUT_BYTES / (1024 * 1024)
            ),
        ));
        return Parsed {
            value: None,
            diagnostics: d,
        };
    }
    let ix = LineIndex::new(input);
    let tree = outline::read(input, &ix, &mut d);
    let motion = Builder {
        ix: &ix,
        d: &mut d,
        nodes: &tree.nodes,
    }
    .motion(&tree, name);
    crate::model::order::sort_by_key(&mut d, |x| {
        (u128::from(x.line) << 32) | u128::from(x.column)
    });
    Parsed {
        value: Some(motion),
        diagnostics: d,
    }
}

/// Byte offsets to 1-based line and column (in characters), by binary search over the line
/// starts: never a rescan of the input. Consecutive places on one line count from the last one.
pub(crate) struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
    /// Last place asked: (line index, byte offset, 0-based column).
    last: Cell<(usize, usize, usize)>,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        let b = text.as_bytes();
        let mut starts = vec![0];
        for (i, &c) in b.iter().enumerate() {
            // LF, CR LF, or a lone CR (old Mac files) ends a line.
            if c == b'\n' || (c == b'\r' && b.get(i + 1) != Some(&b'\n')) {
                starts.push(i + 1);
            }
        }
        LineIndex {
            text,
            starts,
            last: Cell::new((0, 0, 0)),
        }
    }

    pub fn place(&self, offset: usize) -> (u32, u32) {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let start = self.starts[line];
        let (l, b, c) = self.last.get();
        let (from, base) = if l == line && b <= offset {
            (b, c)
        } else {
            (start, 0)
        };
        let column = base + self.text[from..offset].chars().count();
        self.last.set((line, offset, column));
        (line as u32 + 1, column as u32 + 1)
    }
}

struct Builder<'a> {
    ix: &'a LineIndex<'a>,
    d: &'a mut Vec<Diagnostic>,
    nodes: &'a [Node],
}

impl Builder<'_> {
    fn place(&self, n: usize) -> (u32, u32) {
        self.ix.place(self.nodes[n].offset)
    }

    fn warn(&mut self, n: usize, message: String) {
        let (l, c) = self.place(n);
        self.d.push(Diagnostic::warning(l, c, message));
    }

    fn error(&mut self, n: usize, message: String) {
        let (l, c) = self.place(n);
        self.d.push(Diagnostic::error(l, c, message));
    }

    /// An empty node (no title, no text, no children) is reported and left out.
    fn is_empty(&mut self, n: usize) -> bool {
        let nodes = self.nodes;
        let node = &nodes[n];
        let empty = node.title.is_empty() && node.body.is_empty() && node.children.is_empty();
        if empty {
            let what = if node.heading.is_some() {
                "titre vide ignoré"
            } else {
                "élément de liste vide ignoré"
            };
            self.warn(n, what.to_string());
        }
        empty
    }

    /// A title, cut at [`MAX_TITLE_CHARS`] with a warning.
    fn title(&mut self, n: usize) -> String {
        let nodes = self.nodes;
        let t = &nodes[n].title;
        if t.is_empty() {
            self.warn(
                n,
                "titre vide : écrivez-le après « # » ou « - »".to_string(),
            );
        }
        cut(t, MAX_TITLE_CHARS).map_or_else(
            || t.clone(),
            |short| {
                self.warn(
                    n,
                    format!(
                        "titre de {} caractères coupé à la limite de {MAX_TITLE_CHARS} caractères",
                        t.chars().count()
                    ),
                );
                short
            },
        )
    }

    fn motion(&mut self, tree: &Tree, name: &str) -> Motion {
        let nodes = self.nodes;
        let tops = &nodes[0].children;
        let h1 = tops.iter().position(|&n| nodes[n].heading == Some(1));
        // The motion node, and the nodes that are its axes.
        let (root, mut axes): (usize, Vec<usize>) = match h1 {
            Some(k) => {
                let root = tops[k];
                if k > 0 {
                    self.error(
                        tops[0],
                        "le titre « # » de la motion doit précéder les axes « ## »".to_string(),
                    );
                }
                let mut axes: Vec<usize> = tops[..k].to_vec();
                axes.extend(&nodes[root].children);
                for &other in &tops[k + 1..] {
                    let first = self.place(root).0;
                    self.error(
                        other,
                        format!("deuxième titre de niveau 1 « {} » (le premier est ligne {first}) : une motion n'a qu'un titre « # » ; les axes s'écrivent « ## »", nodes[other].title),
                    );
                    axes.extend(&nodes[other].children);
                }
                (root, axes)
            }
            None => (0, tops.clone()),
        };
        let mut description: Vec<String> = Vec::new();
        let mut links: Vec<Link> = Vec::new();
        if root != 0 && !nodes[0].body.is_empty() {
            self.d.push(Diagnostic::warning(
                1,
                1,
                "texte avant le titre « # » de la motion : placé au début du préambule",
            ));
            description.extend(nodes[0].body.iter().cloned());
            links.extend(nodes[0].links.iter().cloned());
        }
        description.extend(nodes[root].body.iter().cloned());
        links.extend(nodes[root].links.iter().cloned());
        let front_title = tree.front.title.clone();
        let title = if root != 0 {
            if let Some((t, at)) = &front_title {
                let (l, c) = self.ix.place(*at);
                self.d.push(Diagnostic::warning(l, c, format!("titre « {t} » du préambule YAML ignoré : le titre « # » de la motion est pris")));
            }
            self.title(root)
        } else if let Some((t, _)) = front_title {
            t
        } else {
            let stem = file_stem(name);
            let (title, said) = if stem.is_empty() {
                ("Motion".to_string(), "« Motion » est affiché".to_string())
            } else {
                (
                    stem.to_string(),
                    format!("le nom du fichier « {stem} » est affiché"),
                )
            };
            self.d.push(Diagnostic::warning(
                1,
                1,
                format!("titre de la motion manquant : {said} ; ajoutez une première ligne « # Titre de la motion » ou « title: » dans le préambule YAML"),
            ));
            title
        };
        if axes.len() > MAX_AXES {
            self.error(
                axes[MAX_AXES],
                format!(
                    "{} axes : une motion en a au plus {MAX_AXES} ; les suivants ne sont pas lus",
                    axes.len()
                ),
            );
            axes.truncate(MAX_AXES);
        }
        let mut motion = Motion {
            id: "motion".to_string(),
            year: attribution::year_in(&title),
            title,
            description: description.join("\n\n"),
            links,
            initial_expand_level: tree.front.initial_expand_level,
            axes: Vec::new(),
            contributions: Vec::new(),
            layout: None,
        };
        let mut merged = Merged::default();
        for &a in &axes {
            if self.is_empty(a) {
                continue;
            }
            let axis = self.axis(a, motion.axes.len() + 1, &mut motion, &mut merged);
            motion.axes.push(axis);
        }
        if motion.axes.is_empty() {
            self.d.push(Diagnostic::error(
                1,
                1,
                "aucun axe : ajoutez au moins un titre « ## » suivi de ses leviers en liste « - »",
            ));
        }
        if motion.contributions.len() > MAX_CONTRIBUTIONS {
            self.d.push(Diagnostic::error(
                1,
                1,
                format!(
                    "{} contributions : une carte en montre au plus {MAX_CONTRIBUTIONS}",
                    motion.contributions.len()
                ),
            ));
        }
        motion
    }

    fn axis(&mut self, a: usize, number: usize, motion: &mut Motion, merged: &mut Merged) -> Axis {
        let nodes = self.nodes;
        let node = &nodes[a];
        let id = format!("a{number}");
        let title = self.title(a);
        let mut levers: Vec<Lever> = Vec::new();
        let mut seen: HashSet<String> = HashSet::new();
        let children = &node.children;
        if children.is_empty() {
            self.warn(a, format!("l'axe « {title} » n'a aucun levier"));
        }
        let mut kept = children.as_slice();
        if kept.len() > MAX_LEVERS_PER_AXIS {
            self.error(
                kept[MAX_LEVERS_PER_AXIS],
                format!(
                    "l'axe « {title} » a {} leviers : au plus {MAX_LEVERS_PER_AXIS} par axe ; les suivants ne sont pas lus",
                    kept.len()
                ),
            );
            kept = &kept[..MAX_LEVERS_PER_AXIS];
        }
        for &l in kept {
            if self.is_empty(l) {
                continue;
            }
            let lever_id = format!("{id}-l{}", levers.len() + 1);
            let lever_title = self.title(l);
            if !seen.insert(lever_title.clone()) {
                self.warn(
                    l,
                    format!("levier « {lever_title} » en double dans cet axe"),
                );
            }
            for &c in &nodes[l].children {
                self.contribution(c, &lever_id, motion, merged);
            }
            let lever = &nodes[l];
            levers.push(Lever {
                id: lever_id,
                title: lever_title,
                description: lever.body.join("\n\n"),
                links: lever.links.clone(),
                folded: lever.fold,
            });
        }
        Axis {
            id,
            title,
            description: node.body.join("\n\n"),
            links: node.links.clone(),
            folded: node.fold,
            levers,
        }
    }

    fn contribution(&mut self, c: usize, lever_id: &str, motion: &mut Motion, merged: &mut Merged) {
        if self.is_empty(c) {
            return;
        }
        let nodes = self.nodes;
        let node = &nodes[c];
        // The item's own text and links, then what lies deeper, as indented sub-points.
        let mut extra = String::new();
        let mut links = node.links.clone();
        for p in &node.body {
            extra.push_str("\n\n");
            extra.push_str(p);
        }
        self.sub_points(c, 0, &mut extra, &mut links);
        let key = format!(
            "{}\u{0}{extra}\u{0}{}",
            node.title,
            links
                .iter()
                .map(|l| l.href.as_str())
                .collect::<Vec<_>>()
                .join(" ")
        );
        if let Some(&(k, first)) = merged.by_key.get(&key) {
            let existing: &mut super::Contribution = &mut motion.contributions[k];
            if existing.levers.iter().any(|x| x == lever_id) {
                let line = self.place(first).0;
                self.warn(
                    c,
                    format!("contribution répétée sous le même levier (déjà ligne {line}) : comptée une fois"),
                );
            } else {
                existing.levers.push(lever_id.to_string());
            }
            return;
        }
        let place = self.place(c);
        let mut contribution = attribution::contribution(&node.title, links, place, self.d);
        contribution.text.push_str(&extra);
        if contribution.text.trim().is_empty() {
            self.warn(c, "contribution sans texte".to_string());
        }
        if let Some(short) = cut(&contribution.text, MAX_TEXT_CHARS) {
            self.warn(
                c,
                format!(
                    "contribution de {} caractères coupée à la limite de {MAX_TEXT_CHARS} caractères",
                    contribution.text.chars().count()
                ),
            );
            contribution.text = short;
        }
        contribution.id = format!("c{}", motion.contributions.len() + 1);
        contribution.levers.push(lever_id.to_string());
        merged.by_key.insert(key, (motion.contributions.len(), c));
        motion.contributions.push(contribution);
    }

    /// Items deeper than a contribution: kept in its text, one indented line each.
    fn sub_points(&mut self, n: usize, depth: usize, out: &mut String, links: &mut Vec<Link>) {
        // An explicit stack: an outline nested thousands deep must not overflow ours.
        let nodes = self.nodes;
        let mut stack: Vec<(usize, usize)> = nodes[n]
            .children
            .iter()
            .rev()
            .map(|&k| (k, depth))
            .collect();
        while let Some((k, depth)) = stack.pop() {
            if self.is_empty(k) {
                continue;
            }
            let node = &nodes[k];
            out.push('\n');
            out.push_str(&"  ".repeat(depth));
            out.push_str("– ");
            out.push_str(&node.title);
            for p in &node.body {
                out.push(' ');
                out.push_str(p);
            }
            links.extend(node.links.iter().cloned());
            stack.extend(node.children.iter().rev().map(|&x| (x, depth + 1)));
        }
    }
}

/// Contributions already read, by their text, attribution, deeper points and links: the
/// index in `motion.contributions` and the node first seen.
#[derive(Default)]
struct Merged {
    by_key: HashMap<String, (usize, usize)>,
}

/// `s` cut to `max` characters, or `None` when it is short enough.
fn cut(s: &str, max: usize) -> Option<String> {
    s.char_indices()
        .nth(max)
        .map(|(i, _)| s[..i].trim_end().to_string())
}

/// `docs/motion-2024.md` or `https://…/motion.md?v=2` → `motion-2024`, `motion`.
fn file_stem(name: &str) -> &str {
    let path = name.split(['?', '#']).next().unwrap_or("");
    let file = path.rsplit(['/', '\\']).next().unwrap_or("");
    let stem = file.rsplit_once('.').map_or(file, |(s, _)| s);
    stem.trim()
}

#[cfg(test)]
mod tests;
