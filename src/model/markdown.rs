//! Motion outline in Markdown (formats.md, section 1):
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
//! Identical contribution items (same text and attribution) under several levers are one
//! contribution linked to each of them: that is how a contribution speaking to two levers is
//! written. Inline Markdown is reduced to text; only http(s) and mailto links are kept.

use std::collections::HashMap;

use super::json::{YEARS, is_department, is_plausible_year};
use super::{Axis, Contribution, Diagnostic, Lever, Link, Motion, Parsed, is_safe_href};

struct ItemB {
    text: String,
    line: u32,
    /// Column of the list marker.
    column: u32,
    /// Column of the first character after the marker.
    content_column: u32,
}

struct LeverB {
    item: ItemB,
    contributions: Vec<ItemB>,
}

struct AxisB {
    title: String,
    line: u32,
    description: Vec<String>,
    levers: Vec<LeverB>,
}

/// Where the next continuation line goes.
#[derive(Clone, Copy, PartialEq)]
enum Last {
    Nothing,
    Lever,
    Contribution,
}

/// Parses a motion outline.
pub fn parse_markdown(input: &str) -> Parsed<Motion> {
    let input = input.strip_prefix('\u{feff}').unwrap_or(input);
    let mut d: Vec<Diagnostic> = Vec::new();
    let mut title: Option<(String, u32)> = None;
    let mut preamble: Vec<String> = Vec::new();
    let mut axes: Vec<AxisB> = Vec::new();
    let mut paragraph = String::new();
    let mut indent_unit: Option<usize> = None;
    let mut last = Last::Nothing;
    let mut last_indent = 0usize;
    // Was the previous line blank? A non-blank line right after an item continues it.
    let mut after_blank = true;

    let flush = |paragraph: &mut String, axes: &mut Vec<AxisB>, preamble: &mut Vec<String>| {
        let p = paragraph.trim().to_string();
        paragraph.clear();
        if p.is_empty() {
            return;
        }
        match axes.last_mut() {
            Some(a) => a.description.push(p),
            None => preamble.push(p),
        }
    };

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

    for (k, raw) in input.lines().enumerate() {
        let line_no = k as u32 + 1;
        let line = raw.trim_end();
        if line.trim().is_empty() {
            flush(&mut paragraph, &mut axes, &mut preamble);
            after_blank = true;
            continue;
        }
        let blank_before = std::mem::replace(&mut after_blank, false);
        // Headings.
        let trimmed = line.trim_start();
        let hashes = trimmed.chars().take_while(|&c| c == '#').count();
        if hashes > 0
            && line.len() - trimmed.len() < 4
            && trimmed[hashes..].starts_with([' ', '\t'])
            || (hashes > 0 && trimmed.len() == hashes)
        {
            flush(&mut paragraph, &mut axes, &mut preamble);
            last = Last::Nothing;
            // Each list may use its own indentation (2 or 4 spaces, or tabs).
            indent_unit = None;
            let after = &trimmed[hashes..];
            let text_column = (line.len() - after.trim_start().len()) as u32 + 1;
            let text = after.trim().trim_end_matches('#').trim();
            let text = inline(text, line_no, text_column, &mut d).0;
            match hashes {
                1 => match &title {
                    Some((_, first)) => d.push(Diagnostic::error(
                        line_no,
                        1,
                        format!("deuxième titre de niveau 1 (le premier est ligne {first}) : une motion n'a qu'un titre « # » ; les axes s'écrivent « ## »"),
                    )),
                    None => {
                        if !axes.is_empty() {
                            d.push(Diagnostic::error(line_no, 1, "le titre « # » de la motion doit précéder les axes « ## »"));
                        }
                        title = Some((text, line_no));
                    }
                },
                2 => {
                    if text.is_empty() {
                        d.push(Diagnostic::error(line_no, 1, "titre d'axe vide : écrivez le titre après « ## »"));
                    }
                    axes.push(AxisB { title: text, line: line_no, description: Vec::new(), levers: Vec::new() });
                }
                _ => d.push(Diagnostic::warning(
                    line_no,
                    1,
                    format!("titre de niveau {hashes} ignoré : seuls « # » (la motion) et « ## » (les axes) structurent la carte"),
                )),
            }
            continue;
        }
        // List items.
        let (indent, had_tab) = indentation(line);
        if let Some((marker_len, content)) = list_item(&line[leading_ws(line)..]) {
            flush(&mut paragraph, &mut axes, &mut preamble);
            let column = line[..leading_ws(line)].chars().count() as u32 + 1;
            let level = if indent == 0 {
                0
            } else {
                let unit = *indent_unit.get_or_insert(if had_tab { 4 } else { indent });
                if indent % unit != 0 {
                    d.push(Diagnostic::error(
                        line_no,
                        column,
                        format!("indentation incohérente : {indent} espaces, alors que les niveaux précédents sont indentés de {unit} ; indentez les contributions de {unit} espaces sous leur levier"),
                    ));
                    continue;
                }
                indent / unit
            };
            let content_column =
                column + marker_len as u32 + (content.len() - content.trim_start().len()) as u32;
            let content = content.trim();
            if content.is_empty() {
                d.push(Diagnostic::warning(
                    line_no,
                    column,
                    "élément de liste vide ignoré",
                ));
                continue;
            }
            let item = ItemB {
                text: content.to_string(),
                line: line_no,
                column,
                content_column,
            };
            match level {
                0 => {
                    match axes.last_mut() {
                        Some(axis) => {
                            axis.levers.push(LeverB {
                                item,
                                contributions: Vec::new(),
                            });
                            last = Last::Lever;
                        }
                        None => {
                            d.push(Diagnostic::error(line_no, column, "élément de liste hors d'un axe : ajoutez un titre « ## » au-dessus"));
                            last = Last::Nothing;
                        }
                    }
                }
                1 => match axes.last_mut().and_then(|a| a.levers.last_mut()) {
                    Some(lever) => {
                        lever.contributions.push(item);
                        last = Last::Contribution;
                    }
                    None => {
                        d.push(Diagnostic::error(line_no, column, "contribution sans levier : placez-la, indentée, sous un levier « - … »"));
                        last = Last::Nothing;
                    }
                },
                _ => {
                    d.push(Diagnostic::error(
                        line_no,
                        column,
                        "contribution imbriquée trop profondément : une contribution se place directement sous un levier (un seul niveau d'indentation)",
                    ));
                    last = Last::Nothing;
                }
            }
            last_indent = indent;
            continue;
        }
        // Continuation of the last list item: indented deeper than its marker, or right
        // after it without a blank line (a "lazy" continuation, as in CommonMark).
        if (indent > last_indent || !blank_before) && last != Last::Nothing {
            let text = line.trim();
            let target = match last {
                Last::Lever => axes
                    .last_mut()
                    .and_then(|a| a.levers.last_mut())
                    .map(|l| &mut l.item),
                Last::Contribution => axes
                    .last_mut()
                    .and_then(|a| a.levers.last_mut())
                    .and_then(|l| l.contributions.last_mut()),
                Last::Nothing => None,
            };
            if let Some(item) = target {
                item.text.push(' ');
                item.text.push_str(text);
                continue;
            }
        }
        last = Last::Nothing;
        // Paragraph text.
        if title.is_none() && axes.is_empty() {
            d.push(Diagnostic::warning(
                line_no,
                1,
                "texte avant le titre « # » de la motion : ignoré",
            ));
            continue;
        }
        if !paragraph.is_empty() {
            paragraph.push(' ');
        }
        let column = leading_ws(line) as u32 + 1;
        paragraph.push_str(&inline(line.trim(), line_no, column, &mut d).0);
    }
    flush(&mut paragraph, &mut axes, &mut preamble);

    let Some((title, _)) = title else {
        d.insert(0, Diagnostic::error(1, 1, "titre de la motion manquant : le fichier doit commencer par une ligne « # Titre de la motion »"));
        return Parsed {
            value: None,
            diagnostics: sorted(d),
        };
    };
    if axes.is_empty() {
        d.push(Diagnostic::error(
            1,
            1,
            "aucun axe : ajoutez au moins un titre « ## » suivi de ses leviers en liste « - »",
        ));
    }

    let mut motion = Motion {
        id: "motion".to_string(),
        year: year_in(&title),
        title,
        description: preamble.join("\n\n"),
        axes: Vec::new(),
        contributions: Vec::new(),
    };
    // Contributions keyed by their normalised source text, to merge identical items.
    let mut keys: HashMap<String, usize> = HashMap::new();
    for (a, axis) in axes.into_iter().enumerate() {
        if axis.levers.is_empty() {
            d.push(Diagnostic::warning(
                axis.line,
                1,
                format!("l'axe « {} » n'a aucun levier", axis.title),
            ));
        }
        let axis_id = format!("a{}", a + 1);
        let mut levers = Vec::new();
        for (l, lever) in axis.levers.into_iter().enumerate() {
            let lever_id = format!("{axis_id}-l{}", l + 1);
            let (lever_title, _) = inline(
                &lever.item.text,
                lever.item.line,
                lever.item.content_column,
                &mut d,
            );
            if levers.iter().any(|x: &Lever| x.title == lever_title) {
                d.push(Diagnostic::warning(
                    lever.item.line,
                    lever.item.column,
                    format!("levier « {lever_title} » en double dans cet axe"),
                ));
            }
            for c in lever.contributions {
                let key = c.text.split_whitespace().collect::<Vec<_>>().join(" ");
                if let Some(&k) = keys.get(&key) {
                    let existing = &mut motion.contributions[k];
                    if !existing.levers.contains(&lever_id) {
                        existing.levers.push(lever_id.clone());
                    }
                    continue;
                }
                let mut contribution = contribution(&c, &mut d);
                contribution.id = format!("c{}", motion.contributions.len() + 1);
                contribution.levers.push(lever_id.clone());
                keys.insert(key, motion.contributions.len());
                motion.contributions.push(contribution);
            }
            levers.push(Lever {
                id: lever_id,
                title: lever_title,
                description: String::new(),
            });
        }
        motion.axes.push(Axis {
            id: axis_id,
            title: axis.title,
            description: axis.description.join("\n\n"),
            levers,
        });
    }
    Parsed {
        value: Some(motion),
        diagnostics: sorted(d),
    }
}

/// Diagnostics in reading order (stable: same place keeps the order they were found in).
fn sorted(mut d: Vec<Diagnostic>) -> Vec<Diagnostic> {
    crate::model::order::sort_by_key(&mut d, |x| {
        (u128::from(x.line) << 32) | u128::from(x.column)
    });
    d
}

fn leading_ws(line: &str) -> usize {
    line.len() - line.trim_start_matches([' ', '\t']).len()
}

/// Indentation width in columns (a tab counts as 4) and whether a tab was used.
fn indentation(line: &str) -> (usize, bool) {
    let mut width = 0;
    let mut tab = false;
    for c in line.chars() {
        match c {
            ' ' => width += 1,
            '\t' => {
                width += 4;
                tab = true;
            }
            _ => break,
        }
    }
    (width, tab)
}

/// `- x`, `* x`, `+ x`, `1. x`, `1) x` → (marker length, content).
fn list_item(s: &str) -> Option<(usize, &str)> {
    let b = s.as_bytes();
    if b.len() >= 2 && matches!(b[0], b'-' | b'*' | b'+') && (b[1] == b' ' || b[1] == b'\t') {
        return Some((2, &s[2..]));
    }
    if matches!(b, [b'-' | b'*' | b'+']) {
        return Some((1, ""));
    }
    let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
    if digits > 0 && digits < 10 && b.len() > digits && matches!(b[digits], b'.' | b')') {
        if b.len() == digits + 1 {
            return Some((digits + 1, ""));
        }
        if b[digits + 1] == b' ' || b[digits + 1] == b'\t' {
            return Some((digits + 2, &s[digits + 2..]));
        }
    }
    None
}

/// The first plausible 4-digit year (see [`YEARS`]) standing alone in a text.
fn year_in(s: &str) -> Option<u16> {
    let b = s.as_bytes();
    (0..b.len().saturating_sub(3)).find_map(|i| {
        let w = &b[i..i + 4];
        let bounded = (i == 0 || !b[i - 1].is_ascii_digit())
            && (i + 4 == b.len() || !b[i + 4].is_ascii_digit());
        if bounded && w.iter().all(u8::is_ascii_digit) {
            let y: u16 = std::str::from_utf8(w).ok()?.parse().ok()?;
            is_plausible_year(y).then_some(y)
        } else {
            None
        }
    })
}

/// Builds a contribution from its list item: text, attribution, links.
fn contribution(item: &ItemB, d: &mut Vec<Diagnostic>) -> Contribution {
    let (text_part, attribution) = split_attribution(&item.text);
    let (text, links) = inline(text_part, item.line, item.content_column, d);
    let mut c = Contribution {
        id: String::new(),
        text: strip_quotes(&text),
        author: None,
        role: None,
        collectivity: None,
        department: None,
        year: None,
        label: None,
        levers: Vec::new(),
        links,
    };
    if let Some(a) = attribution {
        let (a, _) = inline(a, item.line, item.content_column, &mut Vec::new());
        parse_attribution(&a, &mut c, item, d);
    }
    if c.text.is_empty() {
        d.push(Diagnostic::warning(
            item.line,
            item.column,
            "contribution sans texte",
        ));
    }
    c
}

/// Splits `« text » — attribution` at the last ` — ` or ` -- ` after the closing quote.
pub fn split_attribution(s: &str) -> (&str, Option<&str>) {
    let from = ["»", "\u{201d}", "\""]
        .iter()
        .filter_map(|q| s.rfind(q).map(|i| i + q.len()))
        .max()
        .unwrap_or(0);
    let tail = &s[from..];
    let found = [" — ", " -- ", " – "]
        .iter()
        .filter_map(|sep| tail.rfind(sep).map(|i| (i, sep.len())))
        .max_by_key(|x| x.0);
    match found {
        Some((i, len)) => (s[..from + i].trim(), Some(s[from + i + len..].trim())),
        None => (s.trim(), None),
    }
}

fn strip_quotes(s: &str) -> String {
    let t = s.trim();
    for (open, close) in [("«", "»"), ("\u{201c}", "\u{201d}"), ("\"", "\"")] {
        if let Some(inner) = t.strip_prefix(open).and_then(|x| x.strip_suffix(close)) {
            return inner
                .trim_matches(|c: char| c.is_whitespace() || c == '\u{a0}' || c == '\u{202f}')
                .to_string();
        }
    }
    t.to_string()
}

/// `author, role, collectivity (dep) @@@@@, year` — every part optional, order fixed.
fn parse_attribution(a: &str, c: &mut Contribution, item: &ItemB, d: &mut Vec<Diagnostic>) {
    let mut parts: Vec<String> = a
        .split(',')
        .map(|p| p.trim().to_string())
        .filter(|p| !p.is_empty())
        .collect();
    if let Some(last) = parts.last()
        && last.len() == 4
        && last.chars().all(|ch| ch.is_ascii_digit())
    {
        let y: u16 = last.parse().unwrap_or(0);
        if is_plausible_year(y) {
            c.year = Some(y);
        } else {
            d.push(Diagnostic::warning(
                item.line,
                item.column,
                format!(
                    "année {y} peu plausible : ignorée (entre {} et {} attendue)",
                    YEARS.start(),
                    YEARS.end()
                ),
            ));
        }
        parts.pop();
    }
    let dep_at = parts.iter().position(|p| department_of(p).is_some());
    match dep_at {
        Some(i) => {
            let (collectivity, dep, rest) = department_of(&parts[i]).unwrap_or_default();
            c.collectivity = Some(collectivity).filter(|s| !s.is_empty());
            c.department = Some(dep);
            // The label follows the department, in the same part or (liberally) the next one.
            let mut after: Vec<&str> = parts[i + 1..].iter().map(String::as_str).collect();
            let label = if rest.is_empty() && after.first().is_some_and(|p| p.starts_with('@')) {
                after.remove(0).to_string()
            } else {
                rest
            };
            let arobases = label.chars().take_while(|&ch| ch == '@').count();
            let tail = label[arobases..].trim();
            if arobases > 5 {
                let message = format!(
                    "label de {arobases} arobases : le label Villes Internet va de 1 à 5 ; ignoré"
                );
                d.push(Diagnostic::warning(item.line, item.column, message));
            } else if arobases > 0 {
                c.label = Some(arobases as u8);
            }
            // `@@@@@2021`: the digits are the year of the label, not of the contribution.
            let label_year = arobases > 0 && tail.chars().all(|ch| ch.is_ascii_digit());
            if !tail.is_empty() && !label_year {
                after.insert(0, tail);
            }
            if !after.is_empty() {
                d.push(Diagnostic::warning(
                    item.line,
                    item.column,
                    format!(
                        "attribution : « {} » ignoré ; l'ordre attendu est « auteur, fonction, collectivité (département) @@@, année »",
                        after.join(", ")
                    ),
                ));
            }
            if i > 0 {
                c.author = Some(parts[0].clone());
                if i > 1 {
                    c.role = Some(parts[1..i].join(", "));
                }
            }
        }
        None => {
            let mut it = parts.into_iter();
            c.author = it.next();
            c.role = it.next();
            let rest: Vec<String> = it.collect();
            if !rest.is_empty() {
                c.collectivity = Some(rest.join(", "));
            }
        }
    }
}

/// `Fontenay-sous-Bois (94) @@@@@2021` → ("Fontenay-sous-Bois", "94", "@@@@@2021").
fn department_of(part: &str) -> Option<(String, String, String)> {
    let open = part.rfind('(')?;
    let close = open + part[open..].find(')')?;
    let dep = part[open + 1..close].trim();
    if !is_department(dep) {
        return None;
    }
    Some((
        part[..open].trim().to_string(),
        dep.to_ascii_uppercase(),
        part[close + 1..].trim().to_string(),
    ))
}

/// Reduces inline Markdown to text: emphasis and code marks removed, links kept as their text
/// (and returned when http(s) or mailto; others are dropped with a warning). `column` is the
/// column of the first character of `s` on its `line`, for the warnings.
pub fn inline(s: &str, line: u32, column: u32, d: &mut Vec<Diagnostic>) -> (String, Vec<Link>) {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut links = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        // [text](href)
        if c == '['
            && let Some(close) = find(&chars, i + 1, ']')
            && chars.get(close + 1) == Some(&'(')
            && let Some(end) = closing_paren(&chars, close + 2)
        {
            let text: String = chars[i + 1..close].iter().collect();
            let href: String = chars[close + 2..end].iter().collect();
            let (text, _) = inline(&text, line, column + i as u32 + 1, d);
            let href = href.split_whitespace().next().unwrap_or("").to_string();
            if is_safe_href(&href) {
                links.push(Link {
                    text: text.clone(),
                    href,
                });
            } else {
                d.push(Diagnostic::warning(
                    line,
                    column + i as u32,
                    "lien ignoré : seules les adresses http(s) et mailto sont acceptées",
                ));
            }
            out.push_str(&text);
            i = end + 1;
            continue;
        }
        // <https://…> autolinks
        if c == '<'
            && let Some(end) = find(&chars, i + 1, '>')
        {
            let inner: String = chars[i + 1..end].iter().collect();
            if is_safe_href(&inner) && !inner.contains(' ') {
                links.push(Link {
                    text: inner.clone(),
                    href: inner.clone(),
                });
                out.push_str(&inner);
                i = end + 1;
                continue;
            }
        }
        // Emphasis and code marks: dropped when they open or close a span.
        if c == '*' || c == '`' || (c == '_' && is_boundary(&chars, i)) {
            let run = chars[i..].iter().take_while(|&&x| x == c).count();
            i += run;
            continue;
        }
        out.push(c);
        i += 1;
    }
    (out.split_whitespace().collect::<Vec<_>>().join(" "), links)
}

/// The `)` that closes a link destination, allowing balanced parentheses inside it.
fn closing_paren(chars: &[char], from: usize) -> Option<usize> {
    let mut depth = 0;
    for (k, &c) in chars.iter().enumerate().skip(from) {
        match c {
            '(' => depth += 1,
            ')' if depth == 0 => return Some(k),
            ')' => depth -= 1,
            _ => {}
        }
    }
    None
}

fn find(chars: &[char], from: usize, target: char) -> Option<usize> {
    (from..chars.len()).find(|&k| chars[k] == target)
}

/// `_` is emphasis only at a word boundary (`snake_case` and `élu_es` stay as they are).
fn is_boundary(chars: &[char], i: usize) -> bool {
    let before = i.checked_sub(1).map(|k| chars[k]);
    let run = chars[i..].iter().take_while(|&&x| x == '_').count();
    let after = chars.get(i + run).copied();
    let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric());
    !(word(before) && word(after))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Severity;

    const OUTLINE: &str = "\u{feff}# Motion du Congrès 2021\r\n\r\nLe préambule,\r\nsur deux lignes.\r\n\r\n## Premier axe\r\n\r\nLe texte de l'axe.\r\n\r\n- un levier\r\n  - « Il faut *vraiment* agir. » — Loïc Damiani, adjoint au maire, Fontenay-sous-Bois (94) @@@@@2021, 2021\r\n  - « Voir [le site](https://villes-internet.net) et [ceci](javascript:alert(1)). » -- Claude Morin\r\n- second levier\r\n\r\n## Deuxième axe ##\r\n* troisième levier\r\n    * « Il faut *vraiment* agir. » — Loïc Damiani, adjoint au maire, Fontenay-sous-Bois (94) @@@@@2021, 2021\r\n1. quatrième\r\n";

    #[test]
    fn reads_an_outline() {
        let p = parse_markdown(OUTLINE);
        assert!(!p.has_errors(), "{:?}", p.diagnostics);
        let m = p.value.unwrap();
        assert_eq!(m.title, "Motion du Congrès 2021");
        assert_eq!(m.year, Some(2021));
        assert_eq!(m.description, "Le préambule, sur deux lignes.");
        assert_eq!(m.axes.len(), 2);
        assert_eq!(m.axes[0].description, "Le texte de l'axe.");
        assert_eq!(m.axes[1].title, "Deuxième axe");
        let levers: Vec<&str> = m
            .axes
            .iter()
            .flat_map(|a| a.levers.iter().map(|l| l.id.as_str()))
            .collect();
        assert_eq!(levers, vec!["a1-l1", "a1-l2", "a2-l1", "a2-l2"]);
        assert_eq!(m.contributions.len(), 2, "identical items merge");
        let c = &m.contributions[0];
        assert_eq!(c.text, "Il faut vraiment agir.");
        assert_eq!(c.author.as_deref(), Some("Loïc Damiani"));
        assert_eq!(c.role.as_deref(), Some("adjoint au maire"));
        assert_eq!(c.collectivity.as_deref(), Some("Fontenay-sous-Bois"));
        assert_eq!(c.department.as_deref(), Some("94"));
        assert_eq!(c.label, Some(5));
        assert_eq!(c.year, Some(2021));
        assert_eq!(c.levers, vec!["a1-l1", "a2-l1"]);
        let c2 = &m.contributions[1];
        assert_eq!(c2.text, "Voir le site et ceci.");
        assert_eq!(c2.author.as_deref(), Some("Claude Morin"));
        assert_eq!(
            c2.links,
            vec![Link {
                text: "le site".into(),
                href: "https://villes-internet.net".into()
            }]
        );
        assert_eq!(p.diagnostics.len(), 1, "{:?}", p.diagnostics);
        assert_eq!(p.diagnostics[0].severity, Severity::Warning);
        assert_eq!(p.diagnostics[0].line, 12);
    }

    fn errors(input: &str) -> Vec<String> {
        parse_markdown(input)
            .diagnostics
            .iter()
            .map(|d| d.render(None))
            .collect()
    }

    #[test]
    fn mistakes_have_french_messages_with_places() {
        assert_eq!(
            errors(""),
            vec![
                "ligne 1, colonne 1 : fichier vide : une motion commence par une ligne « # Titre de la motion »"
            ]
        );
        assert!(errors("## Axe\n- levier\n")[0].contains("titre de la motion manquant"));
        let two = errors("# Un\n# Deux\n## Axe\n- l\n");
        assert_eq!(
            two,
            vec![
                "ligne 2, colonne 1 : deuxième titre de niveau 1 (le premier est ligne 1) : une motion n'a qu'un titre « # » ; les axes s'écrivent « ## »"
            ]
        );
        assert_eq!(
            errors("# M\n- levier\n## A\n- l\n")[0],
            "ligne 2, colonne 1 : élément de liste hors d'un axe : ajoutez un titre « ## » au-dessus"
        );
        assert!(
            errors("# M\n## A\n- l\n  - c\n    - trop\n")[0]
                .starts_with("ligne 5, colonne 5 : contribution imbriquée trop profondément")
        );
        assert!(
            errors("# M\n## A\n- l\n  - c\n   - c2\n")[0]
                .starts_with("ligne 5, colonne 4 : indentation incohérente")
        );
        assert!(errors("# M\n## A\n### Sous-titre\n- l\n")[0].contains("titre de niveau 3 ignoré"));
        assert!(errors("# M\n## A\n## B\n- l\n")[0].contains("« A » n'a aucun levier"));
        assert!(errors("# M\n")[0].contains("aucun axe"));
        assert!(
            errors("# M\n## A\n- l\n  - « x » — A, B, C (94) @@@@@@@\n")[0]
                .contains("label de 7 arobases")
        );
        assert!(errors("# M\n## A\n-\n- l\n")[0].contains("élément de liste vide"));
    }

    #[test]
    fn continuation_lines_join_their_item() {
        let m = parse_markdown("# M\n## A\n- un levier\n  sur deux lignes\n  - « une contribution\n    longue » — Nom\n").value.unwrap();
        assert_eq!(m.axes[0].levers[0].title, "un levier sur deux lignes");
        assert_eq!(m.contributions[0].text, "une contribution longue");
        assert_eq!(m.contributions[0].author.as_deref(), Some("Nom"));
    }

    #[test]
    fn lazy_continuation_and_diagnostics_in_reading_order() {
        let p = parse_markdown(
            "# M\n## A\n- un levier\nsuite du levier\n\nTexte de l'axe.\n### Note\n- l\n- l\n",
        );
        let m = p.value.unwrap();
        assert_eq!(m.axes[0].levers[0].title, "un levier suite du levier");
        assert_eq!(m.axes[0].description, "Texte de l'axe.");
        let lines: Vec<u32> = p.diagnostics.iter().map(|d| d.line).collect();
        assert_eq!(lines, vec![7, 9], "{:?}", p.diagnostics);
        assert!(p.diagnostics[1].message.contains("levier « l » en double"));
    }

    #[test]
    fn attribution_shapes() {
        let c = |a: &str| {
            let mut c = contribution(
                &ItemB {
                    text: format!("« t » — {a}"),
                    line: 1,
                    column: 1,
                    content_column: 3,
                },
                &mut Vec::new(),
            );
            c.text.clear();
            (
                c.author,
                c.role,
                c.collectivity,
                c.department,
                c.label,
                c.year,
            )
        };
        assert_eq!(c("Nom"), (Some("Nom".into()), None, None, None, None, None));
        assert_eq!(
            c("Nom, maire, Albi (81), 2020"),
            (
                Some("Nom".into()),
                Some("maire".into()),
                Some("Albi".into()),
                Some("81".into()),
                None,
                Some(2020)
            )
        );
        assert_eq!(
            c("Ajaccio (2a) @@"),
            (
                None,
                None,
                Some("Ajaccio".into()),
                Some("2A".into()),
                Some(2),
                None
            )
        );
        assert_eq!(
            c("Nom, adjointe, chargée du numérique, Cayenne (973) @@@, 2021").1,
            Some("adjointe, chargée du numérique".into())
        );
        // The label may stand in its own part; `@@@@@2021` carries the year of the label.
        assert_eq!(c("Albi (81), @@@@, 2019").4, Some(4));
        assert_eq!(c("Albi (81) @@@@@2021").5, None);
        assert_eq!(c("Albi (81) @@@@@2021").4, Some(5));
        // Without a department: author, role, then collectivity, by position.
        assert_eq!(
            c("Nom, maire, Albi, 2020"),
            (
                Some("Nom".into()),
                Some("maire".into()),
                Some("Albi".into()),
                None,
                None,
                Some(2020)
            )
        );
        // Parts after the collectivity are not silently lost.
        let mut d = Vec::new();
        contribution(
            &ItemB {
                text: "« t » — Nom, Albi (81) @@, Tarn, 2020".into(),
                line: 4,
                column: 3,
                content_column: 5,
            },
            &mut d,
        );
        assert_eq!(d.len(), 1);
        assert!(d[0].message.contains("« Tarn » ignoré"), "{}", d[0].message);
        assert_eq!((d[0].line, d[0].column), (4, 3));
        // An implausible year is dropped with a warning.
        let mut d = Vec::new();
        let y = contribution(
            &ItemB {
                text: "« t » — Nom, 2921".into(),
                line: 1,
                column: 1,
                content_column: 3,
            },
            &mut d,
        );
        assert_eq!(y.year, None);
        assert!(d[0].message.contains("année 2921 peu plausible"));
    }

    #[test]
    fn inline_markdown_is_reduced_to_text() {
        let mut d = Vec::new();
        assert_eq!(
            inline("**gras** et _emphase_ et `code` et élu_es", 1, 1, &mut d).0,
            "gras et emphase et code et élu_es"
        );
        let (t, links) = inline(
            "<https://a.fr> [b](mailto:x@y.fr) [c](data:text/html,x)",
            1,
            10,
            &mut d,
        );
        assert_eq!(t, "https://a.fr b c");
        assert_eq!(links.len(), 2);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].column, 10 + 34, "the column of `[c]` on its line");
        assert_eq!(
            inline("<b>pas du HTML</b>", 1, 1, &mut d).0,
            "<b>pas du HTML</b>"
        );
    }
}
