//! The contributions as a CSV table, in the staff's own format (`formats.md` §2), so that an
//! exported file can be read back.
//!
//! Choices:
//! - **Columns**: the §2 columns in their order (`contribution`, `axe`, `levier`, `auteur`,
//!   `fonction`, `collectivite`, `departement`, `annee`, `label`), then `id` (the contribution's
//!   id, the same on every row of one contribution) and `liens` (its http(s) links, one per line
//!   inside the cell). `axe` and `levier` are titles, which the reader matches like ids.
//! - **One row per contribution and lever**: a contribution speaking to two levers is two rows
//!   with the same `id`, as in the staff's tables where each row files one text under one lever.
//!   A contribution with no known lever is one row with `levier` empty (unclassified) and `axe`
//!   the title of the axis its row named, if any (so the table reads back into the same
//!   « Non classées » group). When the export is limited to some levers, only the rows of
//!   those levers are written; an unclassified contribution in `indices` keeps its one row.
//! - `label` is written as a number (`3`), not `@@@`: a cell starting with `@` is a formula in
//!   spreadsheets.
//! - **Encoding**: UTF-8 with a byte-order mark (so that Excel reads the accents), comma
//!   separator, CRLF line ends, RFC 4180 quoting: a cell containing `"` `,` `;` CR or LF is
//!   quoted and its `"` doubled. Line breaks inside a cell are written as LF.
//! - **Formula injection**: contribution text comes from the public. A cell that would start
//!   with `=` `+` `-` `@`, a tab, CR or LF (or their full-width forms), even after spaces, NBSP or
//!   invisible characters (zero-width, BOM, bidi marks), is prefixed with `'`, so a
//!   spreadsheet shows it as text instead of evaluating it (OWASP's advice). A reader that finds
//!   such a `'` before one of these characters may drop it.

use std::collections::{HashMap, HashSet};

use super::links::is_http;
use super::{Contribution, Motion};

/// The header row, without its line end.
pub const HEADER: &str =
    "contribution,axe,levier,auteur,fonction,collectivite,departement,annee,label,id,liens";

/// The contributions `indices` of `motion` (in that order) as a CSV table: BOM, header, rows.
/// With `levers`, a contribution's rows are limited to those lever ids.
pub fn contributions_csv(motion: &Motion, indices: &[usize], levers: Option<&[String]>) -> String {
    // Each lever's place, found once (not by a scan of the motion per contribution).
    let places: HashMap<&str, (usize, usize)> = motion
        .axes
        .iter()
        .enumerate()
        .flat_map(|(a, axis)| {
            axis.levers
                .iter()
                .enumerate()
                .map(move |(l, lever)| (lever.id.as_str(), (a, l)))
        })
        .rev()
        .collect();
    let only: Option<HashSet<&str>> = levers.map(|ids| ids.iter().map(String::as_str).collect());
    let mut out = String::from("\u{feff}");
    out.push_str(HEADER);
    out.push_str("\r\n");
    for &i in indices {
        let Some(c) = motion.contributions.get(i) else {
            continue;
        };
        let known: Vec<(usize, usize)> = c
            .levers
            .iter()
            .filter_map(|id| places.get(id.as_str()).copied())
            .collect();
        if known.is_empty() {
            let axis = motion
                .named_axis(c)
                .map_or("", |a| motion.axes[a].title.as_str());
            row(&mut out, c, axis, "");
            continue;
        }
        for (a, l) in known {
            let axis = &motion.axes[a];
            let lever = &axis.levers[l];
            if only
                .as_ref()
                .is_some_and(|ids| !ids.contains(lever.id.as_str()))
            {
                continue;
            }
            row(&mut out, c, &axis.title, &lever.title);
        }
    }
    out
}

fn row(out: &mut String, c: &Contribution, axis: &str, lever: &str) {
    let year = c.year.map(|y| y.to_string()).unwrap_or_default();
    let label = c.label.map(|l| l.to_string()).unwrap_or_default();
    let links = c
        .links
        .iter()
        .map(|l| l.href.trim())
        .filter(|h| is_http(h))
        .collect::<Vec<_>>()
        .join("\n");
    let cells = [
        c.text.as_str(),
        axis,
        lever,
        c.author.as_deref().unwrap_or(""),
        c.role.as_deref().unwrap_or(""),
        c.collectivity.as_deref().unwrap_or(""),
        c.department.as_deref().unwrap_or(""),
        &year,
        &label,
        &c.id,
        &links,
    ];
    for (k, cell) in cells.iter().enumerate() {
        if k > 0 {
            out.push(',');
        }
        push_cell(out, cell);
    }
    out.push_str("\r\n");
}

/// Characters a reader cannot see: zero-width spaces and joiners, the byte-order mark, soft
/// hyphen, bidirectional marks, embeddings, overrides and isolates.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{061C}'
            | '\u{180E}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{206F}'
            | '\u{FEFF}'
    )
}

/// Characters that make a spreadsheet read a cell as a formula when they come first, looking
/// past leading spaces (NBSP included) and invisible characters, which some spreadsheets skip.
pub(crate) fn starts_like_formula(s: &str) -> bool {
    let mut chars = s.chars();
    if chars
        .clone()
        .next()
        .is_some_and(|c| matches!(c, '\t' | '\r' | '\n'))
    {
        return true;
    }
    chars
        .find(|&c| !(c.is_whitespace() || is_invisible(c)))
        .is_some_and(|c| matches!(c, '=' | '+' | '-' | '@' | '＝' | '＋' | '－' | '＠'))
}

/// One cell: line breaks as LF, neutralised if it looks like a formula, quoted if needed.
pub fn push_cell(out: &mut String, cell: &str) {
    let mut text = cell.replace("\r\n", "\n").replace('\r', "\n");
    if starts_like_formula(&text) {
        text.insert(0, '\'');
    }
    if text.contains(['"', ',', ';', '\n']) {
        out.push('"');
        out.push_str(&text.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(&text);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Axis, Lever, Link};

    fn motion_2021() -> Motion {
        crate::model::sample_2021()
    }

    fn cell(s: &str) -> String {
        let mut out = String::new();
        push_cell(&mut out, s);
        out
    }

    const DAMIANI_1: &str = "Cela pose la question de l’accès au matériel, du coût de la connexion et de la culture numérique des usages. On parle beaucoup de la modernisation des services publics, très bien, mais à condition que tout le monde y ait accès.";
    const AXE_3: &str = "Pour des moyens ambitieux en faveur de la souveraineté et de la sécurité numérique des territoires";
    const LEVIER_3_1: &str = "la maîtrise publique des infrastructures, par un déploiement équitable des réseaux et la création de centres territoriaux d'hébergement des données (cloud souverain)";
    const LEVIER_3_2: &str = "la mise en place d'un véritable service public local de la donnée pour protéger les données personnelles et valoriser les données ouvertes";

    #[test]
    fn cells_are_quoted_and_neutralised() {
        assert_eq!(cell("simple"), "simple");
        assert_eq!(cell(""), "");
        assert_eq!(cell("a, b"), "\"a, b\"");
        assert_eq!(cell("a; b"), "\"a; b\"");
        assert_eq!(cell("il a dit \"oui\""), "\"il a dit \"\"oui\"\"\"");
        assert_eq!(cell("deux\r\nlignes\rici"), "\"deux\nlignes\nici\"");
        assert_eq!(cell("=1+1"), "'=1+1");
        assert_eq!(cell("+33 1 23"), "'+33 1 23");
        assert_eq!(cell("-2"), "'-2");
        assert_eq!(cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(cell("\tx"), "'\tx");
        assert_eq!(cell("\r\nx"), "\"'\nx\"");
        assert_eq!(cell("＝1"), "'＝1");
        assert_eq!(
            cell("=HYPERLINK(\"http://x\",\"clic\")"),
            "\"'=HYPERLINK(\"\"http://x\"\",\"\"clic\"\")\""
        );
        assert_eq!(cell("a=b"), "a=b", "only the first character counts");
    }

    #[test]
    fn the_guard_looks_past_spaces_and_invisible_characters() {
        for lead in [
            " ",
            "   ",
            "\u{a0}",
            "\u{202f}",
            "\u{200b}",
            "\u{200c}",
            "\u{200d}",
            "\u{2060}",
            "\u{feff}",
            "\u{200e}",
            "\u{200f}",
            "\u{202e}",
            "\u{2066}",
            "\u{ad}",
            " \u{200b}\u{a0}",
        ] {
            for op in ["=", "+", "-", "@", "＝"] {
                let text = format!("{lead}{op}1+1");
                let out = cell(&text);
                assert!(out.starts_with('\''), "{text:?} gave {out:?}");
                assert_eq!(&out[1..], text, "the text itself is kept");
            }
        }
        assert_eq!(cell(" a=b"), " a=b");
        assert_eq!(cell("\u{200b}texte"), "\u{200b}texte");
        assert_eq!(cell("   "), "   ");
    }

    #[test]
    fn the_2021_motion_exports_as_expected() {
        let m = motion_2021();
        let all: Vec<usize> = (0..m.contributions.len()).collect();
        let csv = contributions_csv(&m, &all, None);
        let loic = "Loïc Damiani,adjoint au maire,Fontenay-sous-Bois,94,2021,5";
        let nicolas = "Nicolas Liot,maire adjoint à la communication,Fleury-sur-Orne,14,2021,5";
        let expected = [
            "\u{feff}contribution,axe,levier,auteur,fonction,collectivite,departement,annee,label,id,liens".to_string(),
            format!(
                "\"{DAMIANI_1}\",Pour un accompagnement volontariste permettant de réduire les fractures numériques,l'acculturation et l'éducation des différents publics,{loic},c1,"
            ),
            format!(
                "\"[…] le sujet de la compétence numérique devra être évoqué. Est-ce qu’elle doit être municipale ou intercommunale ? Sachant que l’échelon intercommunal éloigne parfois les services publics des citoyen·nes, notamment dans les zones rurales.\",Pour reconnaître le rôle central des citoyens et de leurs collectivités,une meilleure visibilité et répartition des compétences et des moyens,{nicolas},c2,"
            ),
            format!(
                "\"[…] aujourd’hui beaucoup de choses ne passent que par Internet. Les demandeurs d’emploi sont par exemple contraints de réaliser leurs démarches sur Internet. Il est donc indispensable que l’accès à Internet soit garanti. Dans de nombreuses situations, l’utilisation d’Internet est un devoir, cela doit devenir un droit fondamental.\",{AXE_3},\"{LEVIER_3_1}\",{loic},c3,"
            ),
            format!(
                "les discussions devront forcément aborder la question de la cybersécurité et de la migration des réseaux des collectivités locales vers les solutions cloud.,{AXE_3},\"{LEVIER_3_1}\",{nicolas},c4,"
            ),
            format!(
                "les discussions devront forcément aborder la question de la cybersécurité et de la migration des réseaux des collectivités locales vers les solutions cloud.,{AXE_3},{LEVIER_3_2},{nicolas},c4,"
            ),
            format!(
                "\"le sujet important du 3e congrès des élu·es au numérique est la sécurité. Internet, cela peut-être le meilleur comme le pire. Certes, la sécurité technique est assurée par les spécialistes, mais la sécurité est également une question politique dont doivent se saisir les élu·es. Il s’agit de la fiabilité des données qui circulent sur Internet, du vol des données, des modifications ou de la circulation de fausses informations.\",{AXE_3},{LEVIER_3_2},Claude Morin,maire,Nouans,72,2021,2,c5,"
            ),
        ]
        .join("\r\n")
            + "\r\n";
        assert_eq!(csv, expected);

        // Limited to one lever: the contribution filed under two levers keeps one row.
        let lever = vec!["a3-l2".to_string()];
        let csv = contributions_csv(&m, &[3, 4], Some(&lever));
        let lines: Vec<&str> = csv.split("\r\n").collect();
        assert_eq!(lines.len(), 4, "header, two rows, and the final line end");
        assert!(lines[1].ends_with(",c4,") && lines[1].contains(LEVIER_3_2));
        assert!(lines[2].ends_with(",c5,"));
        assert_eq!(lines[3], "");
    }

    #[test]
    fn tricky_text_round_trips_through_a_strict_reader() {
        let motion = Motion {
            id: "m".into(),
            title: "M".into(),
            description: String::new(),
            year: None,
            links: Vec::new(),
            initial_expand_level: None,
            axes: vec![Axis {
                id: "a".into(),
                title: "Axe; \"un\"".into(),
                description: String::new(),
                links: Vec::new(),
                folded: false,
                levers: vec![Lever {
                    id: "l".into(),
                    title: "-levier".into(),
                    description: String::new(),
                    links: Vec::new(),
                    folded: false,
                }],
            }],
            contributions: vec![
                Contribution {
                    id: "c1".into(),
                    text: "=HYPERLINK(\"http://evil\";\"x\")\r\nsuite, « fin »".into(),
                    author: Some("@moi".into()),
                    role: Some("+adjoint".into()),
                    collectivity: Some("Saint-Denis; Paris".into()),
                    department: Some("2A".into()),
                    year: Some(2021),
                    label: Some(3),
                    levers: vec!["l".into()],
                    axis: None,
                    links: vec![
                        Link {
                            text: "site".into(),
                            href: "https://exemple.fr/a?b=1,2".into(),
                        },
                        Link {
                            text: "courriel".into(),
                            href: "mailto:x@y.fr".into(),
                        },
                        Link {
                            text: "doc".into(),
                            href: "http://exemple.fr/doc".into(),
                        },
                    ],
                    proposals: None,
                },
                Contribution {
                    id: "c2".into(),
                    text: "sans levier".into(),
                    author: None,
                    role: None,
                    collectivity: None,
                    department: None,
                    year: None,
                    label: None,
                    levers: vec!["inconnu".into()],
                    axis: None,
                    links: Vec::new(),
                    proposals: None,
                },
            ],
            layout: None,
        };
        let csv = contributions_csv(&motion, &[0, 1], None);
        assert_eq!(
            csv,
            "\u{feff}contribution,axe,levier,auteur,fonction,collectivite,departement,annee,label,id,liens\r\n\
             \"'=HYPERLINK(\"\"http://evil\"\";\"\"x\"\")\nsuite, « fin »\",\"Axe; \"\"un\"\"\",'-levier,'@moi,'+adjoint,\"Saint-Denis; Paris\",2A,2021,3,c1,\"https://exemple.fr/a?b=1,2\nhttp://exemple.fr/doc\"\r\n\
             sans levier,,,,,,,,,c2,\r\n"
        );
        let rows = read_csv(csv.trim_start_matches('\u{feff}'));
        assert_eq!(rows.len(), 3);
        assert!(rows.iter().all(|r| r.len() == 11), "{rows:?}");
        assert_eq!(
            rows[1][0],
            "'=HYPERLINK(\"http://evil\";\"x\")\nsuite, « fin »"
        );
        assert_eq!(rows[1][5], "Saint-Denis; Paris");
        assert_eq!(
            rows[1][10], "https://exemple.fr/a?b=1,2\nhttp://exemple.fr/doc",
            "mailto is not exported"
        );
        // Limited to a lever: an unclassified contribution asked for keeps its one row (the
        // scope, `indices`, chose it), with the axis its row named.
        let only = vec!["l".to_string()];
        let mut named = motion.clone();
        named.contributions[1].axis = Some("a".into());
        let rows = read_csv(
            contributions_csv(&named, &[0, 1], Some(&only)).trim_start_matches('\u{feff}'),
        );
        assert_eq!(rows.len(), 3);
        assert_eq!(
            (rows[2][1].as_str(), rows[2][2].as_str()),
            ("Axe; \"un\"", "")
        );
    }

    /// A strict RFC 4180 reader (CRLF records, quoted fields), for the round trip.
    fn read_csv(s: &str) -> Vec<Vec<String>> {
        let mut rows = Vec::new();
        let mut row = Vec::new();
        let mut field = String::new();
        let mut chars = s.chars().peekable();
        let mut quoted = false;
        while let Some(c) = chars.next() {
            if quoted {
                if c == '"' {
                    if chars.peek() == Some(&'"') {
                        chars.next();
                        field.push('"');
                    } else {
                        quoted = false;
                    }
                } else {
                    field.push(c);
                }
                continue;
            }
            match c {
                '"' => {
                    assert!(field.is_empty(), "a quote inside an unquoted field");
                    quoted = true;
                }
                ',' => row.push(std::mem::take(&mut field)),
                '\r' => {
                    assert_eq!(chars.next(), Some('\n'), "records end with CRLF");
                    row.push(std::mem::take(&mut field));
                    rows.push(std::mem::take(&mut row));
                }
                '\n' => panic!("a bare LF outside quotes"),
                c => field.push(c),
            }
        }
        assert!(
            !quoted && field.is_empty() && row.is_empty(),
            "ends with CRLF"
        );
        rows
    }
}
