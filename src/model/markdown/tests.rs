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
    assert_eq!((p.diagnostics[0].line, p.diagnostics[0].column), (12, 54));
}

fn said(input: &str) -> Vec<String> {
    parse_markdown(input)
        .diagnostics
        .iter()
        .map(|d| d.render(None))
        .collect()
}

#[test]
fn mistakes_have_french_messages_with_places() {
    assert_eq!(
        said(""),
        vec![
            "ligne 1, colonne 1 : fichier vide : une motion commence par une ligne « # Titre de la motion »"
        ]
    );
    assert!(said("## Axe\n- levier\n## B\n- l\n")[0].contains("titre de la motion manquant"));
    assert_eq!(
        said("# Un\n# Deux\n## Axe\n- l\n"),
        vec![
            "ligne 2, colonne 1 : deuxième titre de niveau 1 « Deux » (le premier est ligne 1) : une motion n'a qu'un titre « # » ; les axes s'écrivent « ## »"
        ]
    );
    assert!(said("# M\n## A\n## B\n- l\n")[0].contains("« A » n'a aucun levier"));
    assert!(said("# M\n")[0].contains("aucun axe"));
    assert!(
        said("# M\n## A\n- l\n  - « x » — A, B, C (94) @@@@@@@\n")[0]
            .contains("label de 7 arobases")
    );
    assert_eq!(
        said("# M\n## A\n-\n- l\n"),
        vec!["ligne 3, colonne 1 : élément de liste vide ignoré"]
    );
}

#[test]
fn continuation_lines_join_their_item() {
    let m = parse_markdown(
        "# M\n## A\n- un levier\n  sur deux lignes\n  - « une contribution\n    longue » — Nom\n",
    )
    .value
    .unwrap();
    assert_eq!(m.axes[0].levers[0].title, "un levier sur deux lignes");
    assert_eq!(m.contributions[0].text, "une contribution longue");
    assert_eq!(m.contributions[0].author.as_deref(), Some("Nom"));
}

#[test]
fn lazy_continuation_and_diagnostics_in_reading_order() {
    let p =
        parse_markdown("# M\n## A\n- un levier\nsuite du levier\n\nTexte de l'axe.\n- l\n- l\n");
    let m = p.value.unwrap();
    assert_eq!(m.axes[0].levers[0].title, "un levier suite du levier");
    assert_eq!(m.axes[0].description, "Texte de l'axe.");
    let lines: Vec<u32> = p.diagnostics.iter().map(|d| d.line).collect();
    assert_eq!(lines, vec![8], "{:?}", p.diagnostics);
    assert!(p.diagnostics[0].message.contains("levier « l » en double"));
}

#[test]
fn inline_markdown_is_reduced_to_text() {
    let m = parse_markdown(
        "# M\n## A\n- **gras** et _emphase_ et `a*b*c` et élu_es et \\*x\\* et &amp; et ~~barré~~\n- <https://a.fr> [b](mailto:x@y.fr) [c](data:text/html,x) <b>pas du HTML</b>\n",
    );
    let said: Vec<String> = p_render(&m);
    let m = m.value.unwrap();
    let l = &m.axes[0].levers;
    assert_eq!(
        l[0].title,
        "gras et emphase et a*b*c et élu_es et *x* et & et barré"
    );
    assert_eq!(l[1].title, "https://a.fr b c <b>pas du HTML</b>");
    assert_eq!(l[1].links.len(), 2);
    assert_eq!(
        said,
        vec![
            "ligne 4, colonne 37 : lien ignoré : seules les adresses http(s) et mailto sont acceptées"
        ]
    );
}

fn p_render(p: &Parsed<Motion>) -> Vec<String> {
    p.diagnostics.iter().map(|d| d.render(None)).collect()
}

#[test]
fn line_index_places_offsets() {
    let text = "ab\r\né\rxyz\n";
    let ix = LineIndex::new(text);
    assert_eq!(ix.place(0), (1, 1));
    assert_eq!(ix.place(4), (2, 1));
    assert_eq!(ix.place(6), (2, 2), "é is one character");
    assert_eq!(ix.place(7), (3, 1), "a lone CR ends a line");
    assert_eq!(ix.place(9), (3, 3));
    assert_eq!(ix.place(1), (1, 2), "going back is fine");
}
