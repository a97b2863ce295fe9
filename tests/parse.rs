//! Data-driven parser tests: every `tests/parse/NAME.md|json` is parsed, and its diagnostics and a
//! summary of the model are compared with `tests/parse/NAME.expected`.
//! `UPDATE_EXPECT=1 cargo test --test parse` rewrites the expectations (review the diff).

use std::fmt::Write;
use std::fs;
use std::path::Path;

use carte_mentale::model::{Format, MindGraph, Motion, parse};

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
            Some(m) => actual.push_str(&summary(m)),
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
