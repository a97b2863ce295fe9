//! Architecture invariants, checked as ordinary tests (see ARCHITECTURE.md).

use std::fs;
use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

fn sources_under(dir: &str) -> Vec<(PathBuf, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    let mut files = Vec::new();
    rust_files(&root, &mut files);
    files.sort();
    files
        .into_iter()
        .map(|p| (p.clone(), fs::read_to_string(&p).unwrap()))
        .collect()
}

/// Code lines only: `//` comments and doc comments are dropped.
fn code(src: &str) -> String {
    src.lines()
        .map(|l| match l.find("//") {
            Some(i) => &l[..i],
            None => l,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Architecture Invariant: only `src/web` touches the browser crates.
#[test]
fn only_the_web_module_uses_browser_crates() {
    let forbidden = [
        "web_sys",
        "wasm_bindgen",
        "js_sys",
        "gloo",
        "serde_wasm_bindgen",
        "console_error_panic_hook",
    ];
    let mut offenders = Vec::new();
    for (path, src) in sources_under("src") {
        if path.components().any(|c| c.as_os_str() == "web") {
            continue;
        }
        let code = code(&src);
        for name in forbidden {
            if code.contains(&format!("{name}::"))
                || code.contains(&format!("use {name}"))
                || code.contains(&format!("extern crate {name}"))
            {
                offenders.push(format!("{} uses {name}", path.display()));
            }
        }
    }
    assert!(
        offenders.is_empty(),
        "browser crates outside src/web:\n{}",
        offenders.join("\n")
    );
}

/// Architecture Invariant: layers depend one way, model → layout → view → interaction → web.
#[test]
fn layers_only_depend_downwards() {
    let layers = ["model", "layout", "view", "interaction", "web"];
    let mut offenders = Vec::new();
    for (i, layer) in layers.iter().enumerate() {
        for (path, src) in sources_under(&format!("src/{layer}")) {
            let code = code(&src);
            for upper in &layers[i + 1..] {
                if code.contains(&format!("crate::{upper}"))
                    || code.contains(&format!("super::super::{upper}"))
                {
                    offenders.push(format!("{} ({layer}) uses {upper}", path.display()));
                }
            }
        }
    }
    assert!(
        offenders.is_empty(),
        "upward dependencies:\n{}",
        offenders.join("\n")
    );
}

/// The check above must be able to fail: it does see the web module's own imports.
#[test]
fn the_boundary_check_sees_the_web_module() {
    let web = sources_under("src/web");
    assert!(
        web.iter()
            .any(|(_, s)| code(s).contains("use wasm_bindgen"))
    );
    assert!(web.iter().any(|(_, s)| code(s).contains("web_sys::")));
}

/// Every script of `www/`, however deep (modules live under `www/src/`); `pkg/` is generated.
fn scripts(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            if !path.ends_with("pkg") && !path.ends_with("node_modules") {
                scripts(&path, out);
            }
        } else if path.extension().is_some_and(|e| e == "js" || e == "mjs") {
            out.push(path);
        }
    }
}

/// Contribution text is untrusted: the page never parses strings as HTML, nor makes code of
/// them.
#[test]
fn the_page_never_parses_html_or_code() {
    let mut files = Vec::new();
    scripts(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("www"),
        &mut files,
    );
    assert!(files.iter().any(|p| p.ends_with("carte-mentale.js")));
    let sinks = [
        "innerHTML",
        "outerHTML",
        "insertAdjacentHTML",
        "document.write",
        "srcdoc",
        "DOMParser",
        "setHTMLUnsafe",
        "parseHTMLUnsafe",
        "createContextualFragment",
        "eval(",
        "new Function",
    ];
    for path in files {
        let src = fs::read_to_string(&path).unwrap();
        for bad in sinks {
            assert!(!src.contains(bad), "{} contains {bad}", path.display());
        }
        // Event handlers from strings: setAttribute('onclick', …), in any quotes.
        let squeezed: String = src.split_whitespace().collect();
        for q in ['\'', '"', '`'] {
            assert!(
                !squeezed.contains(&format!("setAttribute({q}on")),
                "{} sets an on… attribute from a string",
                path.display()
            );
        }
    }
}
