//! The contributions table (`formats.md` §2): a spreadsheet export, CSV in UTF-8 with or
//! without a byte-order mark, comma or semicolon separated, joined to a motion outline.
//!
//! - The header row names the columns, in any order, case and accents ignored: `contribution`
//!   (required), `axe`, `levier`, `auteur`, `fonction`, `collectivite`, `departement`, `annee`,
//!   `label`, and the two the map's own export adds, `id` and `liens`. An unknown column is
//!   reported and ignored.
//! - `levier` and `axe` are matched to the motion by id or by title, case, accents and
//!   punctuation ignored. Several levers in one cell are separated by `|` or line breaks. Rows
//!   with the same `id` and the same text are one contribution on several levers (the export
//!   writes one row per contribution and lever).
//! - A row whose lever is empty or unknown is **unclassified**: kept, shown on the map's outer
//!   ring, and reported with the closest levers by the words of its text, with a score.
//! - No row is dropped silently: every row is a contribution or a diagnostic naming its line
//!   (and column: the cell's first character in that line).
//! - The table's contributions replace those of the outline (the outline gives the axes and
//!   levers; the table, who said what).

use std::collections::HashMap;

use crate::model::export::{is_http, starts_like_formula};
use crate::model::json::{YEARS, is_department};
use crate::model::text::folded_words;

mod read;
mod suggest;

use crate::model::{Contribution, Diagnostic, Link, Motion, Parsed};
use read::{Cell, records, separator};
use suggest::proposals;
pub use suggest::{Suggestion, suggest};

/// The columns a table may have, as written in the header (folded).
const COLUMNS: [&str; 11] = [
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

/// Joins a contributions table to a motion: the table's rows become the motion's
/// contributions. Diagnostics name lines and columns of the table.
pub fn join(mut motion: Motion, input: &str) -> Parsed<Motion> {
    let mut out = Parsed {
        value: None,
        diagnostics: Vec::new(),
    };
    let input = input.strip_prefix('\u{feff}').unwrap_or(input);
    if input.trim().is_empty() {
        out.diagnostics.push(Diagnostic::error(
            1,
            1,
            "tableau vide : une ligne d'en-tête (contribution, levier, auteur…) puis une ligne par contribution sont attendues",
        ));
        return out;
    }
    let sep = separator(input);
    let rows = match records(input, sep) {
        Ok(r) => r,
        Err(d) => {
            out.diagnostics.push(d);
            return out;
        }
    };
    let mut rows = rows.into_iter();
    let header = rows.next().unwrap_or_default();
    let mut columns: HashMap<&'static str, usize> = HashMap::new();
    for (k, cell) in header.iter().enumerate() {
        let name = key(&cell.text).replace(' ', "");
        match COLUMNS.iter().find(|c| **c == name) {
            Some(c) if columns.contains_key(c) => out.diagnostics.push(Diagnostic::error(
                cell.line,
                cell.column,
                format!("colonne « {} » en double dans l'en-tête", cell.text.trim()),
            )),
            Some(c) => {
                columns.insert(c, k);
            }
            None if name.is_empty() => {}
            None => out.diagnostics.push(Diagnostic::warning(
                cell.line,
                cell.column,
                format!(
                    "colonne « {} » inconnue, ignorée (colonnes possibles : {})",
                    cell.text.trim(),
                    COLUMNS.join(", ")
                ),
            )),
        }
    }
    if !columns.contains_key("contribution") {
        out.diagnostics.push(Diagnostic::error(
            1,
            1,
            format!(
                "colonne « contribution » absente de l'en-tête : la première ligne doit nommer les colonnes ({}), séparées par des virgules ou des points-virgules",
                COLUMNS.join(", ")
            ),
        ));
        return out;
    }
    if !motion.contributions.is_empty() {
        out.diagnostics.push(Diagnostic::warning(
            0,
            0,
            format!(
                "les {} contributions écrites dans le plan sont remplacées par celles du tableau",
                motion.contributions.len()
            ),
        ));
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
    let width = header.len();
    let mut by_id: HashMap<String, usize> = HashMap::new();
    let mut unclassified: Vec<(usize, u32, Option<usize>)> = Vec::new();
    for row in rows {
        let line = row.first().map_or(0, |c| c.line);
        if row.iter().all(|c| c.text.trim().is_empty()) {
            out.diagnostics
                .push(Diagnostic::warning(line, 0, "ligne vide, ignorée"));
            continue;
        }
        if row.len() > width && row[width..].iter().any(|c| !c.text.trim().is_empty()) {
            let extra = &row[width];
            out.diagnostics.push(Diagnostic::error(
                extra.line,
                extra.column,
                format!(
                    "{} cellules pour {} colonnes : une cellule contient sans doute le séparateur « {sep} » sans guillemets",
                    row.len(),
                    width
                ),
            ));
            continue;
        }
        let cell = |name: &str| -> Option<&Cell> {
            columns
                .get(name)
                .and_then(|&k| row.get(k))
                .filter(|c| !c.text.trim().is_empty())
        };
        let text_of = |name: &str| cell(name).map(|c| unguard(c.text.trim()).to_string());
        let Some(text) = text_of("contribution") else {
            let at = columns.get("contribution").and_then(|&k| row.get(k));
            out.diagnostics.push(Diagnostic::error(
                line,
                at.map_or(0, |c| c.column),
                "la cellule « contribution » est vide : chaque ligne doit porter le texte d'une contribution",
            ));
            continue;
        };
        let mut ok = true;
        let department = match cell("departement") {
            Some(c) => {
                let d = c.text.trim().to_ascii_uppercase();
                let d = if d.len() == 1 && d.chars().all(|x| x.is_ascii_digit()) {
                    format!("0{d}")
                } else {
                    d
                };
                if is_department(&d) {
                    Some(d)
                } else {
                    out.diagnostics.push(Diagnostic::error(
                        c.line,
                        c.column,
                        format!(
                            "département « {} » inconnu : un code comme 01, 94, 2A, 2B ou 971 est attendu",
                            c.text.trim()
                        ),
                    ));
                    ok = false;
                    None
                }
            }
            None => None,
        };
        let year = match cell("annee") {
            Some(c) => match c.text.trim().parse::<u16>() {
                Ok(y) if YEARS.contains(&y) => Some(y),
                _ => {
                    out.diagnostics.push(Diagnostic::error(
                        c.line,
                        c.column,
                        format!(
                            "année « {} » invalide : une année comme 2021 est attendue",
                            c.text.trim()
                        ),
                    ));
                    ok = false;
                    None
                }
            },
            None => None,
        };
        let label = match cell("label") {
            Some(c) => {
                let t = unguard(c.text.trim());
                let n = if !t.is_empty() && t.chars().all(|x| x == '@') {
                    Some(t.chars().count())
                } else {
                    t.parse::<usize>().ok()
                };
                match n {
                    Some(n @ 1..=5) => Some(n as u8),
                    _ => {
                        out.diagnostics.push(Diagnostic::error(
                            c.line,
                            c.column,
                            format!(
                                "label « {} » invalide : de 1 à 5 arobases (@@@) ou un nombre de 1 à 5",
                                c.text.trim()
                            ),
                        ));
                        ok = false;
                        None
                    }
                }
            }
            None => None,
        };
        let mut links = Vec::new();
        if let Some(c) = cell("liens") {
            for href in c.text.split(['\n', '|', ' ']).map(str::trim) {
                if href.is_empty() {
                    continue;
                }
                if is_http(href) {
                    links.push(Link {
                        text: href.to_string(),
                        href: href.to_string(),
                    });
                } else {
                    out.diagnostics.push(Diagnostic::warning(
                        c.line,
                        c.column,
                        format!("lien « {href} » ignoré : seuls les liens http(s) sont gardés"),
                    ));
                }
            }
        }
        let axis = match cell("axe") {
            Some(c) => match axes.get(&key(&c.text)) {
                Some(&a) => Some(a),
                None => {
                    out.diagnostics.push(Diagnostic::warning(
                        c.line,
                        c.column,
                        format!(
                            "axe « {} » introuvable dans la motion (ni un id ni un titre d'axe)",
                            c.text.trim()
                        ),
                    ));
                    None
                }
            },
            None => None,
        };
        let mut lever_ids: Vec<String> = Vec::new();
        let mut unknown = false;
        if let Some(c) = cell("levier") {
            for name in c
                .text
                .split(['|', '\n'])
                .map(str::trim)
                .filter(|s| !s.is_empty())
            {
                match levers.get(&key(name)) {
                    Some((a, id)) => {
                        if axis.is_some_and(|x| x != *a) {
                            out.diagnostics.push(Diagnostic::warning(
                                c.line,
                                c.column,
                                format!(
                                    "le levier « {name} » appartient à l'axe « {} », pas à celui de la colonne « axe » : le levier est retenu",
                                    motion.axes[*a].title
                                ),
                            ));
                        }
                        if !lever_ids.contains(id) {
                            lever_ids.push(id.clone());
                        }
                    }
                    None => {
                        unknown = true;
                        out.diagnostics.push(Diagnostic::warning(
                            c.line,
                            c.column,
                            format!("levier « {name} » introuvable dans la motion (ni un id ni un titre de levier)"),
                        ));
                    }
                }
            }
        }
        if !ok {
            continue;
        }
        let id = text_of("id");
        // Rows of one contribution on several levers: same id, same text.
        if let Some(id) = &id
            && let Some(&k) = by_id.get(id)
        {
            let c: &mut Contribution = &mut motion.contributions[k];
            if c.text == text {
                for l in lever_ids {
                    if !c.levers.contains(&l) {
                        c.levers.push(l);
                    }
                }
                unclassified.retain(|u| u.0 != k || c.levers.is_empty());
                continue;
            }
            out.diagnostics.push(Diagnostic::error(
                line,
                columns
                    .get("id")
                    .and_then(|&k| row.get(k))
                    .map_or(0, |c| c.column),
                format!("id « {id} » déjà pris par une autre contribution du tableau"),
            ));
            continue;
        }
        let k = motion.contributions.len();
        let id = id.unwrap_or_else(|| {
            let mut n = k + 1;
            while by_id.contains_key(&format!("c{n}")) {
                n += 1;
            }
            format!("c{n}")
        });
        by_id.insert(id.clone(), k);
        if lever_ids.is_empty() {
            unclassified.push((k, line, if unknown { None } else { axis }));
        }
        motion.contributions.push(Contribution {
            id,
            text,
            author: text_of("auteur"),
            role: text_of("fonction"),
            collectivity: text_of("collectivite"),
            department,
            year,
            label,
            levers: lever_ids,
            links,
        });
    }
    for (k, line, axis) in unclassified {
        let c = &motion.contributions[k];
        if !c.levers.is_empty() {
            continue;
        }
        let list = suggest(&motion, &c.text, axis, 3);
        out.diagnostics.push(Diagnostic::warning(
            line,
            0,
            format!(
                "contribution « {} » non classée (aucun levier connu) : elle est gardée et affichée à part ; {}",
                c.id,
                proposals(&list)
            ),
        ));
    }
    crate::model::order::sort_by_key(&mut out.diagnostics, |d| {
        (u128::from(d.line) << 33)
            | (u128::from(d.column) << 1)
            | u128::from(d.severity != super::Severity::Error)
    });
    out.value = Some(motion);
    out
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
    fn records_follow_rfc_4180_with_positions() {
        let rows = records("a,\"b,\"\"c\"\"\nd\",e\r\nf;g,h\n", ',').unwrap();
        let text: Vec<Vec<&str>> = rows
            .iter()
            .map(|r| r.iter().map(|c| c.text.as_str()).collect())
            .collect();
        assert_eq!(text, vec![vec!["a", "b,\"c\"\nd", "e"], vec!["f;g", "h"]]);
        assert_eq!((rows[0][2].line, rows[0][2].column), (2, 4));
        assert_eq!((rows[1][1].line, rows[1][1].column), (3, 5));
        let err = records("a,\"b\nc", ',').unwrap_err();
        assert_eq!((err.line, err.column), (1, 3));
        assert_eq!(separator("contribution;levier;auteur\n"), ';');
        assert_eq!(separator("\"a;b\",levier\n"), ',');
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
        let p = join(motion(), table);
        let at = |line: u32| -> Vec<String> {
            p.diagnostics
                .iter()
                .filter(|d| d.line == line)
                .map(|d| format!("{}:{:?}", d.column, d.severity))
                .collect()
        };
        assert_eq!(at(1), ["45:Warning"], "unknown column");
        assert_eq!(at(3), ["1:Error"], "empty text");
        assert_eq!(at(4), ["13:Error"], "department");
        assert_eq!(at(5), ["14:Error"], "year");
        assert_eq!(at(6), ["15:Error"], "label");
        assert_eq!(at(7), ["0:Warning"], "blank line");
        assert_eq!(
            at(8),
            ["0:Warning", "44:Warning"],
            "unknown lever, then proposals"
        );
        assert_eq!(at(9), ["17:Error"], "a cell too many");
        let m = p.value.unwrap();
        assert_eq!(
            m.contributions.len(),
            2,
            "the good row and the unclassified one"
        );
        assert!(m.contributions[1].levers.is_empty());
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
}
