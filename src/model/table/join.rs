//! Reading a contributions table's rows and joining them to a motion (feature `authoring`:
//! not in the public map's module, which gets converted JSON instead).

use std::collections::{HashMap, HashSet};

use super::suggest::{PROPOSED, proposals};
use super::*;
use crate::model::export::starts_like_formula;
use crate::model::json::{YEARS, is_department};
use crate::model::limits::{MAX_COLUMNS, MAX_CONTRIBUTIONS, MAX_INPUT_BYTES, MAX_TEXT_CHARS};
use crate::model::text::folded_words;
use crate::model::{Contribution, Diagnostic, Link, Severity, is_safe_href};

/// The columns a table may have, as written in the header (folded).
pub const COLUMNS: [&str; 11] = [
    "contribution",
    "axe",
    "levier",
    "auteur",
    "fonction",
    "collectivite",
    "departement",
    "annee",
    "label",
    "id",
    "liens",
];

/// One cell: its text and where it starts (1-based line and column; in a spreadsheet, the
/// row and the column's number, A = 1).
#[derive(Clone, Debug, PartialEq)]
pub struct Cell {
    pub text: String,
    pub line: u32,
    pub column: u32,
    /// Written between quotes in a CSV file: its text is kept exactly, spaces included.
    pub quoted: bool,
}

/// Where a sheet comes from: it decides how a cell's place is named in messages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SheetKind {
    Csv {
        separator: char,
    },
    /// A workbook's sheet: messages name the cell (`C12`).
    Spreadsheet,
}

/// A table read from a file: rows of cells (the first is the header), and what reading found.
/// When `diagnostics` hold an error, `rows` is empty.
#[derive(Clone, Debug)]
pub struct Sheet {
    pub rows: Vec<Vec<Cell>>,
    pub kind: SheetKind,
    pub diagnostics: Vec<Diagnostic>,
}

impl Sheet {
    /// A sheet that could not be read at all.
    pub fn refused(kind: SheetKind, diagnostic: Diagnostic) -> Sheet {
        Sheet {
            rows: Vec::new(),
            kind,
            diagnostics: vec![diagnostic],
        }
    }

    /// A file over the size limit, refused before it is read.
    pub fn too_large(bytes: usize) -> Option<Sheet> {
        (bytes > MAX_INPUT_BYTES).then(|| {
            Sheet::refused(
                SheetKind::Csv { separator: ',' },
                Diagnostic::error(
                    0,
                    0,
                    format!(
                        "fichier de {} Mo, au-delà de la limite de {} Mo d'un tableau",
                        bytes.div_ceil(1024 * 1024),
                        MAX_INPUT_BYTES / (1024 * 1024)
                    ),
                ),
            )
        })
    }
}

/// Words of a title, folded, for matching (« L'acculturation, *cloud* » → `l acculturation cloud`).
fn key(s: &str) -> String {
    folded_words(s).join(" ")
}

/// A cell as written, minus the `'` the export puts before formula-looking text.
fn unguard(s: &str) -> &str {
    match s.strip_prefix('\'') {
        Some(rest) if starts_like_formula(rest) => rest,
        _ => s,
    }
}

/// A spreadsheet column's letters: 1 → `A`, 27 → `AA`.
pub fn column_letters(mut n: u32) -> String {
    let mut out = Vec::new();
    while n > 0 {
        n -= 1;
        out.push(b'A' + (n % 26) as u8);
        n /= 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// At most `n` characters of a cell, for messages.
fn excerpt(s: &str, n: usize) -> String {
    let s = s.trim();
    match s.char_indices().nth(n) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
}

/// Diagnostics of a join; in a spreadsheet, a cell's message starts with its name (`C12`).
struct Out {
    diagnostics: Vec<Diagnostic>,
    spreadsheet: bool,
}

impl Out {
    fn push(&mut self, severity: Severity, line: u32, column: u32, message: String) {
        let message = if self.spreadsheet && line > 0 && column > 0 {
            format!("cellule {}{line} : {message}", column_letters(column))
        } else {
            message
        };
        self.diagnostics.push(Diagnostic {
            severity,
            line,
            column,
            message,
        });
    }
    fn warn(&mut self, line: u32, column: u32, message: impl Into<String>) {
        self.push(Severity::Warning, line, column, message.into());
    }
    fn error(&mut self, line: u32, column: u32, message: impl Into<String>) {
        self.push(Severity::Error, line, column, message.into());
    }
}

/// Joins a CSV contributions table to a motion: the table's rows become the motion's
/// contributions. Diagnostics name lines and columns of the table.
pub fn join(motion: Motion, input: &str) -> Parsed<Motion> {
    join_sheet(motion, read_csv(input)).parsed
}

/// Why an id cannot be a contribution's: it already names a part of the outline.
fn outline_ids(motion: &Motion) -> HashMap<String, &'static str> {
    let mut ids = HashMap::new();
    for a in &motion.axes {
        for l in &a.levers {
            ids.insert(l.id.clone(), "d'un levier");
        }
        ids.insert(a.id.clone(), "d'un axe");
    }
    ids.insert(motion.id.clone(), "de la motion");
    ids
}

/// The names of the cells in which two contributions differ (text and levers aside).
fn differences(a: &Contribution, b: &Contribution) -> Vec<&'static str> {
    let mut out = Vec::new();
    if a.author != b.author {
        out.push("auteur");
    }
    if a.role != b.role {
        out.push("fonction");
    }
    if a.collectivity != b.collectivity {
        out.push("collectivité");
    }
    if a.department != b.department {
        out.push("département");
    }
    if a.year != b.year {
        out.push("année");
    }
    if a.label != b.label {
        out.push("label");
    }
    if a.links != b.links {
        out.push("liens");
    }
    out
}

/// Free automatic ids (`c1`, `c2`…): the row's place, or the next free number after the last
/// one given, whichever is larger. Numbers only grow, so choosing every id costs one pass.
struct AutoIds {
    next: usize,
}

impl AutoIds {
    fn take(&mut self, place: usize, taken: &mut HashSet<String>) -> String {
        let mut n = self.next.max(place);
        loop {
            let id = format!("c{n}");
            n += 1;
            if taken.insert(id.clone()) {
                self.next = n;
                return id;
            }
        }
    }
}

/// Joins rows of cells (from [`read_csv`] or a workbook) to a motion: the rows become the
/// motion's contributions. Diagnostics name the lines and columns (cells) of the table.
pub fn join_sheet(mut motion: Motion, sheet: Sheet) -> Joined {
    let mut out = Out {
        diagnostics: sheet.diagnostics,
        spreadsheet: sheet.kind == SheetKind::Spreadsheet,
    };
    let mut report = Report::default();
    let blank = |row: &[Cell]| row.iter().all(|c| c.text.trim().is_empty());
    let finish = |out: Out, value: Option<Motion>, mut report: Report| {
        let mut diagnostics = out.diagnostics;
        crate::model::order::sort_by_key(&mut diagnostics, |d| {
            (u128::from(d.line) << 33)
                | (u128::from(d.column) << 1)
                | u128::from(d.severity != Severity::Error)
        });
        report.errors = diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count();
        report.warnings = diagnostics.len() - report.errors;
        Joined {
            parsed: Parsed { value, diagnostics },
            report,
        }
    };
    if out
        .diagnostics
        .iter()
        .any(|d| d.severity == Severity::Error)
    {
        return finish(out, None, report);
    }
    if sheet.rows.iter().all(|r| blank(r)) {
        out.error(
            1,
            0,
            "tableau vide : une ligne d'en-tête (contribution, levier, auteur…) puis une ligne par contribution sont attendues",
        );
        return finish(out, None, report);
    }
    let mut rows = sheet.rows.into_iter();
    let header = rows.next().unwrap_or_default();
    let data: Vec<Vec<Cell>> = rows.collect();
    report.rows = data.len();

    // The header: known columns, and those whose cells are left out (reported).
    let named = header
        .iter()
        .rposition(|c| !c.text.trim().is_empty())
        .map_or(0, |k| k + 1);
    if named > MAX_COLUMNS {
        let c = &header[MAX_COLUMNS];
        out.error(
            c.line,
            c.column,
            format!(
                "l'en-tête compte {named} colonnes, au-delà de la limite de {MAX_COLUMNS} colonnes d'un tableau : gardez les colonnes {}",
                COLUMNS.join(", ")
            ),
        );
        report.set_aside = report.rows;
        return finish(out, None, report);
    }
    let mut columns: HashMap<&'static str, usize> = HashMap::new();
    let mut unnamed: Vec<usize> = Vec::new();
    for (k, cell) in header.iter().enumerate() {
        let name = key(&cell.text).replace(' ', "");
        match COLUMNS.iter().find(|c| **c == name) {
            Some(c) if columns.contains_key(c) => out.warn(
                cell.line,
                cell.column,
                format!(
                    "colonne « {} » en double dans l'en-tête : seule la première est lue, les cellules de celle-ci sont laissées de côté",
                    excerpt(&cell.text, 40)
                ),
            ),
            Some(c) => {
                columns.insert(c, k);
            }
            None if name.is_empty() => unnamed.push(k),
            None => out.warn(
                cell.line,
                cell.column,
                format!(
                    "colonne « {} » inconnue, ignorée (colonnes possibles : {})",
                    excerpt(&cell.text, 40),
                    COLUMNS.join(", ")
                ),
            ),
        }
    }
    let Some(&text_column) = columns.get("contribution") else {
        out.error(
            header.first().map_or(1, |c| c.line),
            1,
            format!(
                "colonne « contribution » absente de l'en-tête : la première ligne doit nommer les colonnes ({}), séparées par des virgules ou des points-virgules",
                COLUMNS.join(", ")
            ),
        );
        report.set_aside = report.rows;
        return finish(out, None, report);
    };
    // A column without a name (empty or punctuation only) is reported when it holds anything.
    for &k in &unnamed {
        let mut filled = data
            .iter()
            .filter_map(|r| r.get(k))
            .filter(|c| !c.text.trim().is_empty());
        let first = filled.next();
        let h = &header[k];
        if first.is_none() && h.text.trim().is_empty() {
            continue;
        }
        let count = first.iter().count() + filled.count();
        let place = match first {
            Some(c) => format!(
                " : ses {count} valeur{} (la première ligne {}) sont laissées de côté",
                if count > 1 { "s" } else { "" },
                c.line
            ),
            None => String::new(),
        };
        out.warn(
            h.line,
            h.column,
            format!(
                "colonne sans nom (en-tête « {} »){place} ; nommez-la d'après son contenu ({})",
                excerpt(&h.text, 20),
                COLUMNS.join(", ")
            ),
        );
    }
    if !motion.contributions.is_empty() {
        out.warn(
            0,
            0,
            format!(
                "les {} contributions écrites dans le plan sont remplacées par celles du tableau",
                motion.contributions.len()
            ),
        );
    }
    motion.contributions.clear();

    // Levers and axes by id and by title, folded.
    let mut levers: HashMap<String, (usize, String)> = HashMap::new();
    let mut axes: HashMap<String, usize> = HashMap::new();
    for (a, ax) in motion.axes.iter().enumerate() {
        axes.insert(key(&ax.id), a);
        axes.insert(key(&ax.title), a);
        for l in &ax.levers {
            levers.insert(key(&l.id), (a, l.id.clone()));
            levers.insert(key(&l.title), (a, l.id.clone()));
        }
    }
    let reserved = outline_ids(&motion);
    // Every id the table names, so that automatic ids never take one.
    let mut taken: HashSet<String> = reserved.keys().cloned().collect();
    if let Some(&k) = columns.get("id") {
        taken.extend(
            data.iter()
                .filter_map(|r| r.get(k))
                .map(|c| c.text.trim())
                .filter(|t| !t.is_empty())
                .map(str::to_string),
        );
    }
    let mut auto = AutoIds { next: 1 };
    let width = header.len();
    let mut by_id: HashMap<String, usize> = HashMap::new();
    // Per contribution: the line of its first row, and the axis its row names (for proposals).
    let mut origin: Vec<(u32, Option<usize>)> = Vec::new();
    let mut over_limit = false;
    for row in &data {
        let line = row.first().map_or(0, |c| c.line);
        if blank(row) {
            out.warn(line, 0, "ligne vide, ignorée");
            report.set_aside += 1;
            continue;
        }
        if motion.contributions.len() >= MAX_CONTRIBUTIONS {
            if !over_limit {
                out.error(
                    line,
                    0,
                    format!(
                        "plus de {MAX_CONTRIBUTIONS} contributions, la limite d'une carte : le tableau est refusé à partir de cette ligne ; partagez-le en plusieurs cartes"
                    ),
                );
                over_limit = true;
            }
            report.set_aside += 1;
            continue;
        }
        if row.len() > width {
            let extra: Vec<String> = row[width..]
                .iter()
                .filter(|c| !c.text.trim().is_empty())
                .map(|c| format!("« {} »", excerpt(&c.text, 30)))
                .collect();
            if let (false, Some(first)) = (extra.is_empty(), row.get(width)) {
                out.warn(
                    first.line,
                    first.column,
                    format!(
                        "{} cellules pour {width} colonnes : {} laissé{} de côté ; une cellule contient sans doute le séparateur sans guillemets, vérifiez les colonnes de cette ligne",
                        row.len(),
                        extra.join(", "),
                        if extra.len() > 1 { "s" } else { "" }
                    ),
                );
            }
        }
        let cell = |name: &str| -> Option<&Cell> {
            columns
                .get(name)
                .and_then(|&k| row.get(k))
                .filter(|c| !c.text.trim().is_empty())
        };
        // A cell's text: as written between quotes, else trimmed; cut at the limit.
        let text_of = |name: &str, out: &mut Out| -> Option<String> {
            let c = cell(name)?;
            let t = if c.quoted {
                c.text.as_str()
            } else {
                c.text.trim()
            };
            let mut t = unguard(t).to_string();
            if t.len() > MAX_TEXT_CHARS
                && let Some((i, _)) = t.char_indices().nth(MAX_TEXT_CHARS)
            {
                out.warn(
                    c.line,
                    c.column,
                    format!(
                        "cellule « {name} » de {} caractères, coupée à {MAX_TEXT_CHARS} (la limite d'une cellule)",
                        t.chars().count()
                    ),
                );
                t.truncate(i);
            }
            Some(t)
        };
        let Some(text) = text_of("contribution", &mut out) else {
            let at = row.get(text_column).map_or(0, |c| c.column);
            out.error(
                row.get(text_column).map_or(line, |c| c.line),
                at,
                "la cellule « contribution » est vide : chaque ligne doit porter le texte d'une contribution",
            );
            report.set_aside += 1;
            continue;
        };
        let department = cell("departement").and_then(|c| {
            let d = c.text.trim().to_ascii_uppercase();
            let d = if d.len() == 1 && d.chars().all(|x| x.is_ascii_digit()) {
                format!("0{d}")
            } else {
                d
            };
            if is_department(&d) {
                return Some(d);
            }
            out.warn(
                c.line,
                c.column,
                format!(
                    "département « {} » inconnu, laissé de côté (la contribution est gardée) : un code comme 01, 94, 2A, 2B ou 971 est attendu",
                    excerpt(&c.text, 30)
                ),
            );
            None
        });
        let year = cell("annee").and_then(|c| match c.text.trim().parse::<u16>() {
            Ok(y) if YEARS.contains(&y) => Some(y),
            _ => {
                out.warn(
                    c.line,
                    c.column,
                    format!(
                        "année « {} » invalide, laissée de côté (la contribution est gardée) : une année comme 2021 est attendue",
                        excerpt(&c.text, 30)
                    ),
                );
                None
            }
        });
        let label = cell("label").and_then(|c| {
            let t = unguard(c.text.trim());
            let n = if t.chars().all(|x| x == '@') {
                Some(t.chars().count())
            } else {
                t.parse::<usize>().ok()
            };
            match n {
                Some(n @ 1..=5) => Some(n as u8),
                _ => {
                    out.warn(
                        c.line,
                        c.column,
                        format!(
                            "label « {} » invalide, laissé de côté (la contribution est gardée) : de 1 à 5 arobases (@@@) ou un nombre de 1 à 5",
                            excerpt(&c.text, 30)
                        ),
                    );
                    None
                }
            }
        });
        let mut links = Vec::new();
        if let Some(c) = cell("liens") {
            for href in c.text.split(['\n', '\r', '|', ' ']).map(str::trim) {
                if href.is_empty() {
                    continue;
                }
                if is_safe_href(href) {
                    links.push(Link {
                        text: href.to_string(),
                        href: href.to_string(),
                    });
                } else {
                    out.warn(
                        c.line,
                        c.column,
                        format!(
                            "lien « {} » ignoré : seuls les liens http(s) et mailto sont gardés",
                            excerpt(href, 60)
                        ),
                    );
                }
            }
        }
        let axis = cell("axe").and_then(|c| match axes.get(&key(&c.text)) {
            Some(&a) => Some(a),
            None => {
                out.warn(
                    c.line,
                    c.column,
                    format!(
                        "axe « {} » introuvable dans la motion (ni un id ni un titre d'axe)",
                        excerpt(&c.text, 60)
                    ),
                );
                None
            }
        });
        let mut lever_ids: Vec<String> = Vec::new();
        let mut unknown = false;
        if let Some(c) = cell("levier") {
            for name in c
                .text
                .split(['|', '\n', '\r'])
                .map(str::trim)
                .filter(|s| !s.is_empty())
            {
                match levers.get(&key(name)) {
                    Some((a, id)) => {
                        if axis.is_some_and(|x| x != *a) {
                            out.warn(
                                c.line,
                                c.column,
                                format!(
                                    "le levier « {} » appartient à l'axe « {} », pas à celui de la colonne « axe » : le levier est retenu",
                                    excerpt(name, 60),
                                    excerpt(&motion.axes[*a].title, 60)
                                ),
                            );
                        }
                        if !lever_ids.contains(id) {
                            lever_ids.push(id.clone());
                        }
                    }
                    None => {
                        unknown = true;
                        out.warn(
                            c.line,
                            c.column,
                            format!(
                                "levier « {} » introuvable dans la motion (ni un id ni un titre de levier)",
                                excerpt(name, 60)
                            ),
                        );
                    }
                }
            }
        }
        let contribution = Contribution {
            id: String::new(),
            text,
            author: text_of("auteur", &mut out),
            role: text_of("fonction", &mut out),
            collectivity: text_of("collectivite", &mut out),
            department,
            year,
            label,
            // An unclassified row stays in the axis it names, in that axis's « Non classées ».
            axis: match (lever_ids.is_empty(), axis) {
                (true, Some(a)) => Some(motion.axes[a].id.clone()),
                _ => None,
            },
            levers: lever_ids,
            links,
            proposals: None,
        };
        let place = motion.contributions.len() + 1;
        let id = match cell("id").map(|c| (c, c.text.trim().to_string())) {
            None => auto.take(place, &mut taken),
            Some((c, id)) => {
                if let Some(what) = reserved.get(&id) {
                    let new = auto.take(place, &mut taken);
                    out.warn(
                        c.line,
                        c.column,
                        format!(
                            "id « {} » déjà celui {what} de la motion : la contribution prend l'id « {new} »",
                            excerpt(&id, 40)
                        ),
                    );
                    new
                } else if let Some(&k) = by_id.get(&id) {
                    let earlier = &mut motion.contributions[k];
                    let first_line = origin[k].0;
                    let differ = differences(earlier, &contribution);
                    if earlier.text == contribution.text && differ.is_empty() {
                        // One contribution on several levers, as the export writes it.
                        for l in contribution.levers {
                            if !earlier.levers.contains(&l) {
                                earlier.levers.push(l);
                            }
                        }
                        report.merged += 1;
                        continue;
                    }
                    let new = auto.take(place, &mut taken);
                    let why = if earlier.text == contribution.text {
                        format!(
                            "le même id et le même texte que la ligne {first_line}, mais pas les mêmes cellules ({}) : les deux sont gardées, celle-ci sous l'id « {new} »",
                            differ.join(", ")
                        )
                    } else {
                        format!(
                            "id « {} » déjà pris par la contribution de la ligne {first_line}, au texte différent : celle-ci prend l'id « {new} »",
                            excerpt(&id, 40)
                        )
                    };
                    out.warn(c.line, c.column, why);
                    new
                } else {
                    id
                }
            }
        };
        by_id.insert(id.clone(), motion.contributions.len());
        origin.push((line, if unknown { None } else { axis }));
        motion
            .contributions
            .push(Contribution { id, ..contribution });
    }
    report.contributions = motion.contributions.len();
    let mut index: Option<SuggestIndex> = None;
    let mut proposed = Vec::new();
    for (k, (c, &(line, axis))) in motion.contributions.iter().zip(&origin).enumerate() {
        if !c.levers.is_empty() {
            report.classified += 1;
            continue;
        }
        report.unclassified += 1;
        report.unclassified_rows.push(Unclassified {
            index: k,
            line,
            axis,
        });
        // One index for the whole table, built at the first unclassified row.
        let list = index
            .get_or_insert_with(|| SuggestIndex::new(&motion))
            .suggest(&c.text, axis, PROPOSED);
        out.warn(
            line,
            0,
            format!(
                "contribution « {} » non classée (aucun levier connu) : elle est gardée et affichée à part ; {}",
                c.id,
                proposals(&list)
            ),
        );
        proposed.push((k, list));
    }
    // Written into the map, so that its detail panel shows them without the stemmer.
    for (k, list) in proposed {
        motion.contributions[k].proposals = Some(list.into_iter().map(Suggestion::into).collect());
    }
    finish(out, Some(motion), report)
}
#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Format, parse};

    fn motion() -> Motion {
        parse(
            include_str!("../../../assets/motion-2021.md"),
            Format::Markdown,
        )
        .value
        .unwrap()
    }

    #[test]
    fn suggestions_go_by_the_words_of_the_text() {
        let m = motion();
        let s = suggest(
            &m,
            "Former les agents et les élus au numérique, c'est la priorité",
            None,
            3,
        );
        assert_eq!(s[0].lever, "a1-l3", "{s:?}");
        assert!(s[0].score > 0.0 && s[0].score <= 1.0);
        let s = suggest(&m, "Le logiciel libre et l'interopérabilité", None, 1);
        assert_eq!(s[0].lever, "a3-l3", "{s:?}");
        assert!(suggest(&m, "et le la", None, 3).is_empty());
    }

    #[test]
    fn a_french_excel_table_joins_by_titles_and_ids() {
        let table = "\u{feff}Contribution;Levier;Auteur;Fonction;Collectivité;Département;Année;Label\r\n\
            \"Former les agents; vite\";a1-l3;Anne Dupont;maire;Ivry;94;2021;@@@\r\n\
            Un texte;L'ACCULTURATION et l'éducation des différents publics;;;;2a;2022;4\r\n";
        let p = join(motion(), table);
        assert!(!p.has_errors(), "{:?}", p.diagnostics);
        let m = p.value.unwrap();
        assert_eq!(m.contributions.len(), 2);
        let c = &m.contributions[0];
        assert_eq!(
            (c.id.as_str(), c.text.as_str(), c.levers.clone()),
            ("c1", "Former les agents; vite", vec!["a1-l3".to_string()])
        );
        assert_eq!(
            (c.department.as_deref(), c.year, c.label),
            (Some("94"), Some(2021), Some(3))
        );
        assert_eq!(m.contributions[1].levers, vec!["a1-l1".to_string()]);
        assert_eq!(m.contributions[1].department.as_deref(), Some("2A"));
        assert!(
            p.diagnostics
                .iter()
                .any(|d| d.message.contains("remplacées")),
            "the outline's own contributions give way"
        );
    }

    #[test]
    fn every_row_is_a_contribution_or_a_message_naming_its_line() {
        let table = "contribution,levier,departement,annee,label,couleur\n\
            Bon texte,a2-l1,94,2021,2,bleu\n\
            ,a2-l1,,,,\n\
            Texte,a2-l1,9Z,,,\n\
            Texte,a2-l1,,deux mille,,\n\
            Texte,a2-l1,,,@@@@@@,\n\
            \n\
            Les logiciels libres et l'interopérabilité,levier inconnu,,,,\n\
            Texte,a2-l1,,,,,de trop\n";
        let j = join_sheet(motion(), read_csv(table));
        let p = &j.parsed;
        let at = |line: u32| -> Vec<String> {
            p.diagnostics
                .iter()
                .filter(|d| d.line == line)
                .map(|d| format!("{}:{:?}", d.column, d.severity))
                .collect()
        };
        assert_eq!(at(1), ["45:Warning"], "unknown column");
        assert_eq!(at(3), ["1:Error"], "empty text: the only error");
        assert_eq!(at(4), ["13:Warning"], "department left out");
        assert_eq!(at(5), ["14:Warning"], "year left out");
        assert_eq!(at(6), ["15:Warning"], "label left out");
        assert_eq!(at(7), ["0:Warning"], "blank line");
        assert_eq!(
            at(8),
            ["0:Warning", "44:Warning"],
            "unknown lever, then proposals"
        );
        assert_eq!(at(9), ["17:Warning"], "a cell too many, named");
        assert!(
            p.diagnostics
                .iter()
                .any(|d| d.message.contains("« de trop »"))
        );
        let m = p.value.as_ref().unwrap();
        assert_eq!(
            m.contributions.len(),
            6,
            "every row with a text, its invalid optional cells left out"
        );
        let c = &m.contributions[1];
        assert_eq!((c.department.as_deref(), c.levers.len()), (None, 1));
        assert!(m.contributions[4].levers.is_empty());
        let proposal = p
            .diagnostics
            .iter()
            .find(|d| d.line == 8 && d.message.contains("non classée"))
            .unwrap();
        assert!(
            proposal.message.contains("(a3-l3, "),
            "{}",
            proposal.message
        );
        assert_eq!(
            (
                j.report.rows,
                j.report.contributions,
                j.report.merged,
                j.report.set_aside
            ),
            (8, 6, 0, 2)
        );
        assert_eq!((j.report.classified, j.report.unclassified), (5, 1));
        assert_eq!(j.report.unclassified_rows[0].line, 8);
    }

    #[test]
    fn the_map_s_own_export_reads_back() {
        // Two rows of one contribution on two levers, a guarded formula, links.
        let table = "\u{feff}contribution,axe,levier,auteur,fonction,collectivite,departement,annee,label,id,liens\r\n\
            '=1+1 n'est pas une formule,,a3-l1,Nicolas Liot,,,72,2021,2,c4,\"https://example.org\njavascript:alert(1)\"\r\n\
            '=1+1 n'est pas une formule,,a3-l2,Nicolas Liot,,,72,2021,2,c4,\"https://example.org\"\r\n";
        let p = join(motion(), table);
        assert!(!p.has_errors(), "{:?}", p.diagnostics);
        let m = p.value.unwrap();
        assert_eq!(m.contributions.len(), 1);
        let c = &m.contributions[0];
        assert_eq!(c.id, "c4");
        assert_eq!(c.text, "=1+1 n'est pas une formule");
        assert_eq!(c.levers, vec!["a3-l1".to_string(), "a3-l2".to_string()]);
        assert_eq!(c.links.len(), 1, "only http(s) links");
        assert!(
            p.diagnostics
                .iter()
                .any(|d| d.message.contains("javascript:"))
        );
    }

    #[test]
    fn a_table_without_its_required_column_or_closing_quote_is_refused() {
        let p = join(motion(), "texte,levier\nbonjour,a1-l1\n");
        assert!(p.has_errors() && p.value.is_none());
        assert_eq!((p.diagnostics[1].line, p.diagnostics[1].column), (1, 1));
        let p = join(motion(), "contribution\n\"ouvert\n");
        assert!(p.has_errors() && p.value.is_none());
        assert_eq!(p.diagnostics[0].line, 2);
        assert!(join(motion(), "").has_errors());
    }

    fn joined(table: &str) -> Joined {
        join_sheet(motion(), read_csv(table))
    }

    fn messages(j: &Joined) -> String {
        j.parsed
            .diagnostics
            .iter()
            .map(|d| d.render(None))
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// The scenario of a French Excel export: `;`, BOM, a quoted multi-line cell, a row naming
    /// only its axis, a row with neither lever nor axis, an unknown lever, a label `9`.
    #[test]
    fn imperfect_rows_are_warnings_and_the_map_shows_them_all() {
        let table = "\u{feff}Contribution;Axe;Levier;Auteur;Label\r\n\
            \"Former les agents\r\net les élus\";;a1-l3;Anne;@@@\r\n\
            Les citoyens loin des services publics;a2;;;\r\n\
            Un texte sans rien;;;;\r\n\
            Le logiciel libre;;levier qui n'existe pas;;\r\n\
            L'interopérabilité;;a3-l3;Zoé;9\r\n";
        let j = joined(table);
        assert!(!j.parsed.has_errors(), "{}", messages(&j));
        let m = j.parsed.value.as_ref().unwrap();
        assert_eq!(m.contributions.len(), 5);
        assert_eq!(m.contributions[0].text, "Former les agents\r\net les élus");
        assert_eq!(m.contributions[4].label, None);
        assert!(messages(&j).contains("label « 9 » invalide, laissé de côté"));
        let r = &j.report;
        assert_eq!((r.rows, r.contributions, r.set_aside), (5, 5, 0));
        assert_eq!((r.classified, r.unclassified), (2, 3));
        assert_eq!(
            r.unclassified_rows
                .iter()
                .map(|u| (u.line, u.axis))
                .collect::<Vec<_>>(),
            [(4, Some(1)), (5, None), (6, None)],
            "the row naming its axis keeps it for its proposals"
        );
        // … and for the map: it is shown in that axis's « Non classées » group.
        assert_eq!(m.contributions[1].axis.as_deref(), Some("a2"));
        assert_eq!(m.contributions[2].axis, None);
        let g = crate::model::MindGraph::from_motion(m);
        let ids = g.ids(m);
        let group = ids.iter().position(|id| id == "a2-non-classees").unwrap();
        assert_eq!(g.nodes[group].label, "Non classées (1)");
        assert_eq!(
            g.nodes[group].parent,
            ids.iter().position(|id| id == "a2").map(|i| i as u32)
        );
        let motion_group = ids.iter().position(|id| id == "non-classees").unwrap();
        assert_eq!(g.nodes[motion_group].label, "Non classées (2)");
    }

    #[test]
    fn cr_only_line_ends_read_like_any_other() {
        let lf = "contribution,levier\nUn,a1-l1\nDeux,a1-l2\n\"Trois\nlignes\",a2-l1\n";
        let cr = lf.replace('\n', "\r");
        let (a, b) = (joined(lf), joined(&cr));
        assert!(!b.parsed.has_errors(), "{}", messages(&b));
        let ids = |j: &Joined| -> Vec<(String, Vec<String>)> {
            j.parsed
                .value
                .as_ref()
                .unwrap()
                .contributions
                .iter()
                .map(|c| (c.text.replace('\r', "\n"), c.levers.clone()))
                .collect()
        };
        assert_eq!(ids(&a), ids(&b));
        assert_eq!(ids(&b).len(), 3);
    }

    #[test]
    fn quoted_cells_keep_their_spaces() {
        let j = joined("contribution,auteur\n\"  x  \",\"  Anne \"\n  y  , Zoé \n");
        let m = j.parsed.value.unwrap();
        assert_eq!(m.contributions[0].text, "  x  ");
        assert_eq!(m.contributions[0].author.as_deref(), Some("  Anne "));
        assert_eq!(m.contributions[1].text, "y", "unquoted cells are trimmed");
        assert_eq!(m.contributions[1].author.as_deref(), Some("Zoé"));
    }

    #[test]
    fn a_column_without_a_name_is_reported_with_its_values() {
        let j = joined("contribution,,--,levier,\nUn,note,x,a1-l1,\nDeux,,,a1-l1,\n");
        let text = messages(&j);
        assert!(
            text.contains("ligne 1, colonne 14 : colonne sans nom (en-tête « ») : ses 1 valeur (la première ligne 2) sont laissées de côté")
                || text.contains("colonne 14 : colonne sans nom"),
            "{text}"
        );
        assert!(
            text.contains("colonne sans nom (en-tête « -- ») : ses 1 valeur"),
            "{text}"
        );
        assert_eq!(
            j.parsed
                .diagnostics
                .iter()
                .filter(|d| d.message.contains("sans nom"))
                .count(),
            2,
            "the empty trailing column holds nothing: no word about it; {text}"
        );
        assert_eq!(j.report.contributions, 2);
    }

    #[test]
    fn duplicate_ids_merge_only_the_same_contribution() {
        let table = "id,contribution,levier,auteur\n\
            c1,Même texte,a1-l1,Anne\n\
            c1,Même texte,a1-l2,Anne\n\
            c1,Même texte,a1-l3,Bruno\n\
            c1,Autre texte,a2-l1,Anne\n";
        let j = joined(table);
        let text = messages(&j);
        let m = j.parsed.value.as_ref().unwrap();
        let got: Vec<(&str, &str, usize)> = m
            .contributions
            .iter()
            .map(|c| {
                (
                    c.id.as_str(),
                    c.author.as_deref().unwrap_or(""),
                    c.levers.len(),
                )
            })
            .collect();
        assert_eq!(
            got,
            [("c1", "Anne", 2), ("c2", "Bruno", 1), ("c3", "Anne", 1)],
            "{text}"
        );
        assert!(text.contains("ligne 4, colonne 1 : le même id et le même texte que la ligne 2, mais pas les mêmes cellules (auteur) : les deux sont gardées, celle-ci sous l'id « c2 »"), "{text}");
        assert!(text.contains("ligne 5, colonne 1 : id « c1 » déjà pris par la contribution de la ligne 2, au texte différent : celle-ci prend l'id « c3 »"), "{text}");
        assert_eq!(
            (j.report.rows, j.report.contributions, j.report.merged),
            (4, 3, 1)
        );
    }

    #[test]
    fn an_id_of_the_outline_is_renamed() {
        let j = joined(&format!(
            "id,contribution,levier\na1-l1,Un,a1-l1\n{},Deux,a1-l1\na1,Trois,a1-l1\n",
            motion().id
        ));
        let m = j.parsed.value.as_ref().unwrap();
        let outline = outline_ids(&motion());
        for c in &m.contributions {
            assert!(!outline.contains_key(&c.id), "{}", c.id);
        }
        assert_eq!(m.contributions.len(), 3);
        let text = messages(&j);
        assert!(text.contains("id « a1-l1 » déjà celui d'un levier de la motion : la contribution prend l'id « c1 »"), "{text}");
        assert!(text.contains("déjà celui d'un axe"), "{text}");
        assert!(text.contains("déjà celui de la motion"), "{text}");
    }

    #[test]
    fn limits_are_named() {
        let wide = (0..70)
            .map(|k| format!("x{k}"))
            .collect::<Vec<_>>()
            .join(",");
        let j = joined(&format!("contribution,{wide}\nUn,\n"));
        assert!(j.parsed.has_errors() && j.parsed.value.is_none());
        assert!(
            messages(&j).contains("au-delà de la limite de 64 colonnes"),
            "{}",
            messages(&j)
        );

        let long = "é".repeat(MAX_TEXT_CHARS + 5);
        let j = joined(&format!("contribution\n{long}\n"));
        assert!(!j.parsed.has_errors());
        assert_eq!(
            j.parsed.value.as_ref().unwrap().contributions[0]
                .text
                .chars()
                .count(),
            MAX_TEXT_CHARS
        );
        assert!(
            messages(&j).contains("coupée à 20000 (la limite d'une cellule)"),
            "{}",
            messages(&j)
        );
    }

    #[test]
    fn text_after_a_closing_quote_reaches_the_report() {
        let j = joined("contribution,levier\n\"Un\" deux,a1-l1\n");
        assert_eq!(
            j.parsed.value.as_ref().unwrap().contributions[0].text,
            "Un deux"
        );
        assert!(
            messages(&j).contains("ligne 2, colonne 5 : texte après le guillemet fermant"),
            "{}",
            messages(&j)
        );
    }

    /// Issue 13: 20 000 rows with ids `c20001…` then 20 000 without an id took 35 s. The same
    /// shape at the limit of a map, and at 10× the size (refused past the limit), stays fast.
    #[test]
    fn automatic_ids_are_chosen_in_one_pass() {
        fn table(n: usize) -> String {
            let mut t = String::from("id,contribution,levier\n");
            for k in 0..n {
                t += &format!("c{},Texte {k},a1-l1\n", n + k + 1);
            }
            for k in 0..n {
                t += &format!(",Autre {k},a1-l1\n");
            }
            t
        }
        let half = MAX_CONTRIBUTIONS / 2;
        let start = std::time::Instant::now();
        let j = joined(&table(half));
        assert!(!j.parsed.has_errors(), "{}", messages(&j));
        let m = j.parsed.value.unwrap();
        assert_eq!(m.contributions.len(), MAX_CONTRIBUTIONS);
        let ids: HashSet<&str> = m.contributions.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids.len(), MAX_CONTRIBUTIONS, "every id distinct");
        assert_eq!(m.contributions[half].id, format!("c{}", 2 * half + 1));
        assert!(start.elapsed().as_secs() < 20, "{:?}", start.elapsed());

        let start = std::time::Instant::now();
        let j = joined(&table(200_000));
        assert!(j.parsed.has_errors());
        assert!(messages(&j).contains("plus de 20000 contributions, la limite d'une carte"));
        assert_eq!(
            j.report.rows,
            j.report.contributions + j.report.merged + j.report.set_aside
        );
        assert!(start.elapsed().as_secs() < 60, "{:?}", start.elapsed());
    }

    /// Issue 13 rows at 10× their size: CR-only line ends, an unnamed column, conflicting
    /// duplicates, ids of the outline — each read in one pass, every row accounted for.
    #[test]
    fn hostile_tables_at_ten_times_the_size_stay_linear() {
        let n = MAX_CONTRIBUTIONS / 2;
        let mut t = String::from("id,contribution,,levier,auteur\r");
        for k in 0..n {
            // Pairs of rows with one id and one text but other authors; every 100th an outline id.
            let id = if k % 100 == 0 {
                "a1-l1".to_string()
            } else {
                format!("d{}", k / 2)
            };
            t += &format!("{id},Texte {},note,a1-l1,Auteur {k}\r", k / 2);
        }
        let start = std::time::Instant::now();
        let j = joined(&t);
        assert!(!j.parsed.has_errors(), "{}", messages(&j));
        let r = &j.report;
        assert_eq!(
            (r.rows, r.contributions, r.merged, r.set_aside),
            (n, n, 0, 0)
        );
        assert!(
            r.warnings >= n / 2,
            "each conflicting pair and renamed id reported"
        );
        assert!(start.elapsed().as_secs() < 20, "{:?}", start.elapsed());
    }

    // proptest is a native dev-dependency.
    #[cfg(not(target_arch = "wasm32"))]
    mod invariant {
        use super::*;
        use proptest::prelude::*;

        fn cell() -> impl Strategy<Value = String> {
            prop_oneof![
                Just(String::new()),
                Just("a1-l1".to_string()),
                Just("a2".to_string()),
                Just("inconnu".to_string()),
                Just("94".to_string()),
                Just("9Z".to_string()),
                Just("\"x, \"\"y\"\"\r\nz\"".to_string()),
                Just("javascript:alert(1)".to_string()),
                "[a-z ]{1,8}",
            ]
        }

        fn row() -> impl Strategy<Value = Vec<String>> {
            prop::collection::vec(cell(), 0..9)
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(200))]
            /// Rows in = contributions + rows merged into one + rows set aside, and every row
            /// set aside is named by a diagnostic at its line.
            #[test]
            fn every_row_is_accounted_for(rows in prop::collection::vec(row(), 0..40), crlf in any::<bool>()) {
                let end = if crlf { "\r\n" } else { "\n" };
                let mut t = format!("id,contribution,levier,axe,departement,liens,label,annee{end}");
                for r in &rows {
                    t += &r.join(",");
                    t += end;
                }
                let j = joined(&t);
                let r = &j.report;
                if j.parsed.value.is_none() {
                    // Only a quote left open refuses the whole table.
                    prop_assert!(j.parsed.diagnostics.iter().any(|d| d.message.contains("jamais refermé")));
                    return Ok(());
                }
                let m = j.parsed.value.as_ref().unwrap();
                prop_assert_eq!(r.rows, r.contributions + r.merged + r.set_aside);
                prop_assert_eq!(r.contributions, m.contributions.len());
                prop_assert_eq!(r.classified + r.unclassified, r.contributions);
                let ids: HashSet<&str> = m.contributions.iter().map(|c| c.id.as_str()).collect();
                prop_assert_eq!(ids.len(), m.contributions.len());
                let outline = outline_ids(&motion());
                prop_assert!(m.contributions.iter().all(|c| !outline.contains_key(&c.id)));
                let set_aside = j.parsed.diagnostics.iter()
                    .filter(|d| d.message.contains("ligne vide") || d.message.contains("est vide"))
                    .count();
                prop_assert_eq!(set_aside, r.set_aside);
            }
        }
    }
}
