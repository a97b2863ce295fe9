//! Data-driven parser tests: every `tests/parse/NAME.md|json` is parsed, and its diagnostics and a
//! summary of the model are compared with `tests/parse/NAME.expected`.
//! `UPDATE_EXPECT=1 cargo test --test parse` rewrites the expectations (review the diff).
// Native only: reads the case files from disk and uses proptest.
#![cfg(not(target_arch = "wasm32"))]

use std::fmt::Write;
use std::fs;
use std::path::Path;

use carte_mentale::model::json::{parse_json, to_json};
use carte_mentale::model::markdown::{parse_markdown, parse_markdown_named};
use carte_mentale::model::{Format, Link, MindGraph, Motion, Severity, parse_named};

/// `links [text -> href, …]` when there are links, `folded` when folded, the text when any.
fn extras(links: &[Link], folded: bool, text: &str) -> String {
    let mut s = String::new();
    if !links.is_empty() {
        let l: Vec<String> = links
            .iter()
            .map(|l| format!("{:?} -> {}", l.text, l.href))
            .collect();
        let _ = write!(s, " links [{}]", l.join(", "));
    }
    if folded {
        s.push_str(" folded");
    }
    if !text.is_empty() {
        let _ = write!(s, " text {text:?}");
    }
    s
}

fn summary(m: &Motion) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "motion {:?} year {:?}{}",
        m.title,
        m.year,
        extras(&m.links, false, &m.description)
    );
    if let Some(level) = m.initial_expand_level {
        let _ = writeln!(s, "initialExpandLevel {level}");
    }
    for (i, a) in m.axes.iter().enumerate() {
        let _ = writeln!(
            s,
            "  {} {:?}{}",
            a.id,
            a.title,
            extras(&a.links, a.folded, &a.description)
        );
        for (k, l) in a.levers.iter().enumerate() {
            let unfolded = if m.unfolded_at_load(i, k) {
                " unfolded at load"
            } else {
                ""
            };
            let _ = writeln!(
                s,
                "    {} {:?}{}{unfolded}",
                l.id,
                l.title,
                extras(&l.links, l.folded, &l.description)
            );
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
        let proposals = c.proposals.as_ref().map_or(String::new(), |list| {
            let l: Vec<String> = list
                .iter()
                .map(|p| format!("{} {}", p.lever, p.score))
                .collect();
            format!(" proposals [{}]", l.join(", "))
        });
        let _ = writeln!(
            s,
            "  {} -> {} [{who}] label {:?} year {:?}{proposals}{}",
            c.id,
            c.levers.join(","),
            c.label,
            c.year,
            extras(&c.links, false, &c.text)
        );
    }
    let g = MindGraph::from_motion(m);
    let _ = writeln!(s, "graph {} nodes, {} links", g.nodes.len(), g.links.len());
    for (i, id) in g.ids(m).iter().enumerate() {
        if g.is_group(i as u32) {
            let _ = writeln!(
                s,
                "  group {id} {:?} holds {}",
                g.nodes[i].label,
                g.contributions_of(i as u32)
                    .map(|c| g.ids(m)[c as usize].clone())
                    .collect::<Vec<_>>()
                    .join(",")
            );
        }
    }
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
        let p = parse_named(&input, Format::detect(&name, &input), &name);
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
    let p = parse_markdown_named(&asset("motion-2021.md"), "motion-2021.md");
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

/// Issue 13's Markdown rows, at ten times the size that froze: each loads (or is refused with a
/// message naming the limit) within a bound generous enough for two busy cores.
mod outline_sizes {
    use super::*;
    use carte_mentale::model::limits::{MAX_LEVERS_PER_AXIS, MAX_TITLE_CHARS};
    use std::time::{Duration, Instant};

    const BOUND: Duration = Duration::from_secs(20);

    fn timed(input: &str) -> (carte_mentale::model::Parsed<Motion>, Duration) {
        let start = Instant::now();
        let p = parse_markdown(input);
        (p, start.elapsed())
    }

    #[test]
    fn ten_megabytes_of_brackets_load_fast() {
        // 1 MB of `[` took over 2 minutes with the line scanner; here 10 MB, in a title and in
        // a contribution.
        for input in [
            format!("# M\n## A\n- {}\n", "[".repeat(10_000_000)),
            format!("# M\n## A\n- l\n  - {}(\n", "[".repeat(10_000_000)),
        ] {
            let (p, took) = timed(&input);
            assert!(took < BOUND, "{took:?}");
            let m = p.value.expect("a motion");
            assert!(
                p.diagnostics
                    .iter()
                    .any(|d| d.message.contains("coupé") || d.message.contains("coupée")),
                "{:?}",
                p.diagnostics
            );
            let l = &m.axes[0].levers[0];
            assert!(l.title.chars().count() <= MAX_TITLE_CHARS);
        }
    }

    #[test]
    fn a_million_levers_in_one_axis_are_refused_by_name_quickly() {
        // 100 000 levers took 18 s (a quadratic duplicate check); here a million.
        let mut input = String::from("# M\n## A\n");
        for i in 0..1_000_000 {
            let _ = writeln!(input, "- levier {}", i % 1000);
        }
        let (p, took) = timed(&input);
        assert!(took < BOUND, "{took:?}");
        let limit = p
            .diagnostics
            .iter()
            .find(|d| d.severity == Severity::Error)
            .expect("the limit is named");
        assert!(
            limit
                .message
                .contains(&format!("au plus {MAX_LEVERS_PER_AXIS} par axe")),
            "{}",
            limit.message
        );
        assert_eq!(
            (limit.line, limit.column),
            (3 + MAX_LEVERS_PER_AXIS as u32, 1)
        );
        let m = p.value.expect("a motion");
        assert_eq!(m.axes[0].levers.len(), MAX_LEVERS_PER_AXIS);
        // Duplicates among the levers kept are each reported, none merged.
        let doubles = p
            .diagnostics
            .iter()
            .filter(|d| d.message.contains("en double"))
            .count();
        assert_eq!(doubles, 0, "1000 distinct titles cover the first 256");
    }

    #[test]
    fn many_duplicates_and_repeats_stay_linear() {
        // 15 000 levers with one title in 60 axes (under the limits), each with the same
        // contribution twice: every duplicate and repeat reported, nothing merged silently.
        let mut input = String::from("# M\n");
        for a in 0..60 {
            let _ = writeln!(input, "## Axe {a}");
            for _ in 0..250 {
                input.push_str(
                    "- même levier\n  - « même texte » — Nom\n  - « même texte » — Nom\n",
                );
            }
        }
        let (p, took) = timed(&input);
        assert!(took < BOUND, "{took:?}");
        let count = |needle: &str| {
            p.diagnostics
                .iter()
                .filter(|d| d.message.contains(needle))
                .count()
        };
        assert_eq!(count("en double dans cet axe"), 60 * 249);
        assert_eq!(count("répétée sous le même levier"), 60 * 250);
        let m = p.value.expect("a motion");
        assert_eq!(m.contributions.len(), 1, "one text, under every lever");
        assert_eq!(m.contributions[0].levers.len(), 60 * 250);
    }
}

/// Nothing in an outline is silently lost: every word of the input is in the map (its JSON) or
/// in a diagnostic; and every item is a node, a merge into an identical contribution, a
/// sub-point of a contribution, or reported.
mod no_silent_loss {
    use super::*;
    use carte_mentale::model::json::to_json;
    use proptest::prelude::*;

    /// A piece of inline Markdown around the word `w`.
    fn piece() -> impl Strategy<Value = (u8, bool)> {
        (0u8..15, any::<bool>())
    }

    fn dress(kind: u8, w: &str) -> String {
        match kind {
            0 => format!("*{w}*"),
            1 => format!("**{w}**"),
            2 => format!("`{w}`"),
            3 => format!("[{w}](https://exemple.fr/p)"),
            4 => format!("[{w}](javascript:x)"),
            5 => format!("![{w}](image.png)"),
            6 => format!("{w}&amp;"),
            7 => format!("{w}<br>"),
            8 => format!("~~{w}~~"),
            9 => format!("<!-- {w} -->"),
            10 => format!("${w}$"),
            11 => format!("\\*{w}\\*"),
            12 => format!("<b>{w}</b>"),
            13 => format!("=={w}=="),
            _ => w.to_string(),
        }
    }

    fn line() -> impl Strategy<Value = (usize, usize, Vec<(u8, bool)>)> {
        (0usize..5, 0usize..8, prop::collection::vec(piece(), 1..4))
    }

    /// Outlines of headings, list items at several depths, quotes, code and tables, each word
    /// unique (`w17`), so that each can be looked for in the result.
    fn outline() -> impl Strategy<Value = String> {
        prop::collection::vec(line(), 1..25).prop_map(|lines| {
            let mut out = String::from("# Motion w0\n");
            let mut n = 1;
            for (indent, start, pieces) in lines {
                let mut text = Vec::new();
                for (kind, plain) in pieces {
                    let w = format!("w{n}");
                    n += 1;
                    text.push(if plain { w } else { dress(kind, &w) });
                }
                let text = text.join(" ");
                let pad = "  ".repeat(indent);
                let line = match start {
                    0 => format!("## {text}"),
                    1 => format!("### {text}"),
                    2 => format!("{pad}> {text}"),
                    3 => format!("{pad}```\n{pad}## {text}\n{pad}```"),
                    4 => format!("| a | b |\n| - | - |\n| {text} | x |"),
                    5 => format!("\n{text}\n"),
                    _ => format!("{pad}- {text}"),
                };
                out.push_str(&line);
                out.push('\n');
            }
            out
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        #[test]
        fn every_word_is_shown_or_said(input in outline()) {
            let p = parse_markdown(&input);
            // A refused outline is not a silent loss: its errors are shown.
            prop_assume!(!p.has_errors());
            let m = p.value.expect("no error, a motion");
            let json = to_json(&m);
            let said: String = p.diagnostics.iter().map(|d| d.message.as_str()).collect::<Vec<_>>().join("\n");
            let words = input
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| w.starts_with('w') && w[1..].chars().all(|c| c.is_ascii_digit()) && w.len() > 1);
            for w in words {
                // Whole words only: `w1` is not found inside `w12`.
                let found = |hay: &str| hay.match_indices(w).any(|(i, _)| {
                    !hay[i + w.len()..].starts_with(|c: char| c.is_ascii_digit())
                });
                prop_assert!(found(&json) || found(&said), "{w} lost from:\n{input}\n{json}\n{said}");
            }
        }

        #[test]
        fn items_in_are_nodes_merges_sub_points_or_reported(
            axes in prop::collection::vec(
                prop::collection::vec(prop::collection::vec((0usize..4, 0usize..3), 0..4), 0..4),
                1..4,
            )
        ) {
            // Contribution texts come from a pool of three (repeats under a lever and across
            // levers happen), `0` is an empty item; each contribution has 0 to 2 sub-points.
            let mut input = String::from("# Motion\n");
            let mut items = 0;
            for (a, levers) in axes.iter().enumerate() {
                let _ = writeln!(input, "## Axe {a}");
                items += 1;
                for (l, contributions) in levers.iter().enumerate() {
                    let _ = writeln!(input, "- levier {a}.{l}");
                    items += 1;
                    for &(text, subs) in contributions {
                        items += 1;
                        if text == 0 {
                            // After a blank line: right under a title, `-` would underline
                            // it (a setext heading), as CommonMark says.
                            input.push_str("\n  -\n");
                            continue;
                        }
                        let _ = writeln!(input, "  - « texte {text} » — Nom");
                        for s in 0..subs {
                            let _ = writeln!(input, "    - point {s}");
                            items += 1;
                        }
                    }
                }
            }
            let p = parse_markdown(&input);
            prop_assert!(!p.has_errors(), "{:?}", p.diagnostics);
            let m = p.value.expect("a motion");
            let levers: usize = m.axes.iter().map(|a| a.levers.len()).sum();
            let links: usize = m.contributions.iter().map(|c| c.levers.len()).sum();
            let merged = links - m.contributions.len();
            let sub_points: usize = m.contributions.iter().map(|c| c.text.matches("\n– ").count()).sum();
            let reported = p.diagnostics.iter().filter(|d| {
                d.message.contains("élément de liste vide") || d.message.contains("répétée sous le même levier")
            }).count();
            // A repeat's sub-points go with it: count them as reported too.
            let repeated_sub_points: usize = {
                let mut seen = std::collections::HashSet::new();
                let mut n = 0;
                for levers in &axes {
                    for contributions in levers {
                        seen.clear();
                        for &(text, subs) in contributions {
                            if text != 0 && !seen.insert((text, subs)) {
                                n += subs;
                            }
                        }
                    }
                }
                n
            };
            prop_assert_eq!(
                items,
                m.axes.len() + levers + m.contributions.len() + merged + sub_points
                    + reported + repeated_sub_points
                    + count_merged_sub_points(&axes),
                "{}\n{:?}", input, p.diagnostics
            );
        }
    }

    /// Sub-points of items merged into an identical contribution under another lever.
    fn count_merged_sub_points(axes: &[Vec<Vec<(usize, usize)>>]) -> usize {
        let mut first_seen = std::collections::HashSet::new();
        let mut n = 0;
        for levers in axes {
            for contributions in levers {
                let mut here = std::collections::HashSet::new();
                for &(text, subs) in contributions {
                    if text == 0 || !here.insert((text, subs)) {
                        continue;
                    }
                    if !first_seen.insert((text, subs)) {
                        n += subs;
                    }
                }
            }
        }
        n
    }
}
