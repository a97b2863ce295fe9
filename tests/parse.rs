//! Data-driven parser tests: every `tests/parse/NAME.md|json` is parsed, and its diagnostics and a
//! summary of the model are compared with `tests/parse/NAME.expected`.
//! `UPDATE_EXPECT=1 cargo test --test parse` rewrites the expectations (review the diff).
// Native only: reads the case files from disk and uses proptest.
#![cfg(not(target_arch = "wasm32"))]

use std::fmt::Write;
use std::fs;
use std::path::Path;

use carte_mentale::model::json::{parse_json, to_json};
use carte_mentale::model::markdown::parse_markdown;
use carte_mentale::model::{Format, MindGraph, Motion, Severity, parse};

fn summary(m: &Motion) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "motion {:?} year {:?}", m.title, m.year);
    for a in &m.axes {
        let _ = writeln!(s, "  {} {:?}", a.id, a.title);
        for l in &a.levers {
            let _ = writeln!(s, "    {} {:?}", l.id, l.title);
        }
    }
    for c in &m.contributions {
        let who = [
            c.author.as_deref(),
            c.role.as_deref(),
            c.collectivity.as_deref(),
            c.department.as_deref(),
        ]
        .iter()
        .map(|p| p.unwrap_or("-"))
        .collect::<Vec<_>>()
        .join(" | ");
        let _ = writeln!(
            s,
            "  {} -> {} [{who}] label {:?} year {:?} links {}",
            c.id,
            c.levers.join(","),
            c.label,
            c.year,
            c.links.len()
        );
    }
    let g = MindGraph::from_motion(m);
    let _ = writeln!(s, "graph {} nodes, {} links", g.nodes.len(), g.links.len());
    s
}

#[test]
fn parse_cases() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/parse");
    let mut names: Vec<_> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md" || e == "json"))
        .collect();
    names.sort();
    assert!(names.len() >= 10, "the cases are there");
    let update = std::env::var_os("UPDATE_EXPECT").is_some();
    let mut failures = Vec::new();
    for path in names {
        let input = fs::read_to_string(&path).unwrap();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let p = parse(&input, Format::detect(&name, &input));
        let mut actual = String::new();
        for d in &p.diagnostics {
            let _ = writeln!(actual, "{}", d.render(Some(&name)));
        }
        match &p.value {
            Some(m) => {
                actual.push_str(&summary(m));
                // Whatever was read, the JSON format carries it unchanged.
                let again = parse_json(&to_json(m));
                if again.value.as_ref() != Some(m) {
                    failures.push(format!(
                        "{name}: JSON round trip changed the motion: {:?}",
                        again.diagnostics
                    ));
                }
            }
            None => actual.push_str("no motion\n"),
        }
        let expected_path = path.with_extension("expected");
        if update {
            fs::write(&expected_path, &actual).unwrap();
            continue;
        }
        let expected = fs::read_to_string(&expected_path).unwrap_or_default();
        if expected != actual {
            failures.push(format!(
                "--- {name}: expected\n{expected}--- actual\n{actual}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

fn asset(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("assets")
        .join(name);
    fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn real_motion() -> Motion {
    let p = parse_markdown(&asset("motion-2021.md"));
    let errors: Vec<String> = p
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| d.render(Some("assets/motion-2021.md")))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    p.value.expect("the 2021 motion")
}

#[test]
fn the_2021_outline_reads_without_error() {
    let m = real_motion();
    assert_eq!(m.year, Some(2021));
    assert_eq!(m.axes.len(), 4);
    for a in &m.axes {
        assert_eq!(a.levers.len(), 3, "axis {} has three levers", a.id);
    }
    assert!(m.contributions.len() >= 3);
    assert!(
        m.contributions.iter().any(|c| c.levers.len() >= 2),
        "at least one contribution speaks to two levers"
    );
    let damiani: Vec<_> = m
        .contributions
        .iter()
        .filter(|c| c.author.as_deref() == Some("Loïc Damiani"))
        .collect();
    assert!(!damiani.is_empty());
    for c in damiani {
        assert_eq!(c.department.as_deref(), Some("94"));
        assert_eq!(c.label, Some(5));
        assert_eq!(c.collectivity.as_deref(), Some("Fontenay-sous-Bois"));
    }
    for c in &m.contributions {
        assert!(!c.text.is_empty() && !c.text.starts_with('«'), "{}", c.id);
        assert!(c.author.is_some(), "{} is attributed", c.id);
        for l in &c.levers {
            assert!(m.lever(l).is_some(), "{} points at {l}", c.id);
        }
    }
}

#[test]
fn the_2021_json_is_the_outline() {
    let p = parse_json(&asset("motion-2021.json"));
    assert!(p.diagnostics.is_empty(), "{:?}", p.diagnostics);
    assert_eq!(
        p.value.expect("the JSON motion"),
        real_motion(),
        "assets/motion-2021.json has drifted: regenerate it with \
         `cargo run --bin carte-mentale -- convert assets/motion-2021.md -o assets/motion-2021.json`"
    );
}

#[test]
fn the_2021_graph_has_one_node_per_item_and_one_link_per_lever() {
    let m = real_motion();
    let g = MindGraph::from_motion(&m);
    let c = m.contributions.len();
    let lever_links: usize = m.contributions.iter().map(|c| c.levers.len()).sum();
    assert_eq!(g.nodes.len(), 1 + 4 + 12 + c);
    assert_eq!(g.links.len(), 4 + 12 + lever_links);
}

#[test]
fn identical_items_under_two_levers_are_one_contribution() {
    let m = parse_markdown(
        "# M\n## A\n- l1\n  - « même  texte » — Nom, Albi (81)\n## B\n- l2\n  * « même texte » —  Nom, Albi (81)\n  - « même texte » — Autre\n",
    )
    .value
    .unwrap();
    assert_eq!(m.contributions.len(), 2);
    assert_eq!(m.contributions[0].levers, vec!["a1-l1", "a2-l1"]);
    assert_eq!(m.contributions[1].levers, vec!["a2-l1"]);
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    /// Outlines built from pieces that matter to the parser: headings, markers, indents,
    /// attributions, quotes, links, odd bytes.
    fn line() -> impl Strategy<Value = String> {
        let indent = prop_oneof![
            Just(""),
            Just("  "),
            Just("    "),
            Just("\t"),
            Just("   "),
            Just("      ")
        ];
        let start = prop_oneof![
            Just("# "),
            Just("## "),
            Just("### "),
            Just("- "),
            Just("* "),
            Just("1. "),
            Just("2) "),
            Just("-"),
            Just(""),
            Just("#"),
        ];
        let text = prop_oneof![
            Just("levier".to_string()),
            Just("« texte » — Nom, maire, Albi (81) @@@@@2021, 2021".to_string()),
            Just("« a — b » -- Nom, (2A) @@@@@@@".to_string()),
            Just("[lien](javascript:x) <https://a.fr> **g** _e_ `c` [".to_string()),
            Just("(94) @ , , 1850".to_string()),
            "\\PC{0,30}",
        ];
        (indent, start, text).prop_map(|(i, s, t)| format!("{i}{s}{t}"))
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(400))]

        #[test]
        fn markdown_never_panics_and_round_trips(lines in prop::collection::vec(line(), 0..30),
                                                  crlf in any::<bool>()) {
            let input = lines.join(if crlf { "\r\n" } else { "\n" });
            let p = parse_markdown(&input);
            for d in &p.diagnostics {
                prop_assert!(!d.message.is_empty());
                prop_assert!(d.line as usize <= input.lines().count().max(1));
            }
            if let Some(m) = &p.value {
                let again = parse_json(&to_json(m)).value;
                prop_assert_eq!(again.as_ref(), Some(m));
                let g = MindGraph::from_motion(m);
                let levers: usize = m.axes.iter().map(|a| a.levers.len()).sum();
                prop_assert_eq!(g.nodes.len(), 1 + m.axes.len() + levers + m.contributions.len());
            }
        }

        #[test]
        fn json_never_panics(input in "\\PC{0,200}") {
            let _ = parse_json(&input);
        }

        #[test]
        fn damaged_json_never_panics(cut in 0usize..4000, junk in "[\\[\\]{}\",:0-9a-z ]{0,3}") {
            let good = asset("motion-2021.json");
            let mut at = cut.min(good.len());
            while !good.is_char_boundary(at) {
                at -= 1;
            }
            let damaged = format!("{}{junk}{}", &good[..at], &good[at..]);
            let p = parse_json(&damaged);
            prop_assert!(p.value.is_some() || p.has_errors());
        }
    }
}
