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

/// The modules of this crate a source file names: every `crate::X` path, including each branch
/// of a grouped `use crate::{X, Y::{…}}` tree, and `super::super::X`.
fn crate_modules_used(code: &str) -> Vec<String> {
    let mut out = Vec::new();
    for prefix in ["crate::", "super::super::"] {
        let mut rest = code;
        while let Some(at) = rest.find(prefix) {
            rest = &rest[at + prefix.len()..];
            let rest_trim = rest.trim_start();
            if let Some(group) = rest_trim.strip_prefix('{') {
                // The top-level names of the group, up to its matching brace.
                let (mut depth, mut name, mut at_start) = (1usize, String::new(), true);
                for c in group.chars() {
                    match c {
                        '{' => depth += 1,
                        '}' => {
                            depth -= 1;
                            if depth == 0 {
                                break;
                            }
                        }
                        ',' if depth == 1 => at_start = true,
                        _ if depth == 1 && at_start && (c.is_alphanumeric() || c == '_') => {
                            name.push(c);
                            continue;
                        }
                        _ => {}
                    }
                    if !name.is_empty() {
                        out.push(std::mem::take(&mut name));
                        at_start = c == ',';
                    }
                }
                if !name.is_empty() {
                    out.push(name);
                }
            } else {
                let name: String = rest_trim
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                if !name.is_empty() {
                    out.push(name);
                }
            }
        }
    }
    out
}

#[test]
fn grouped_use_trees_are_parsed() {
    let code = "use crate::{model::Motion, view::{Scene, camera::Camera}, interaction};\n\
                let x = crate::web::f();\nuse super::super::layout::Layout;";
    let mut found = crate_modules_used(code);
    found.sort();
    assert_eq!(found, ["interaction", "layout", "model", "view", "web"]);
}

/// Architecture Invariant: layers depend one way, model → layout → view → interaction → web.
#[test]
fn layers_only_depend_downwards() {
    let layers = ["model", "layout", "view", "interaction", "web"];
    let mut offenders = Vec::new();
    for (i, layer) in layers.iter().enumerate() {
        for (path, src) in sources_under(&format!("src/{layer}")) {
            let used = crate_modules_used(&code(&src));
            for upper in &layers[i + 1..] {
                if used.iter().any(|u| u == upper) {
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

/// Float methods whose result the platform's maths library decides (not IEEE-exact): natively
/// they call the system's libm, in wasm Rust's port, and the two may differ in the last bit.
const PLATFORM_FLOAT_METHODS: [&str; 16] = [
    ".hypot(",
    ".powf(",
    ".powi(",
    ".sin(",
    ".cos(",
    ".tan(",
    ".sin_cos(",
    ".atan2(",
    ".atan(",
    ".asin(",
    ".acos(",
    ".exp(",
    ".exp2(",
    ".ln(",
    ".log2(",
    ".log10(",
];

fn platform_float_calls(code: &str) -> Vec<&'static str> {
    PLATFORM_FLOAT_METHODS
        .iter()
        .copied()
        .filter(|m| code.contains(m))
        .collect()
}

/// Architecture Invariant: the layout computes the same positions bit for bit natively and in
/// wasm, so it calls `libm` for every function that is not IEEE-exact.
#[test]
fn the_layout_uses_libm_for_inexact_float_functions() {
    let layout = sources_under("src/layout");
    let physics = sources_under("crates/forces/src");
    assert!(!layout.is_empty() && !physics.is_empty());
    for (path, src) in layout.into_iter().chain(physics) {
        let found = platform_float_calls(&code(&src));
        assert!(
            found.is_empty(),
            "{} calls {found:?}: use libm::hypotf, libm::powf, libm::atan2f …",
            path.display()
        );
    }
    assert_eq!(platform_float_calls("let d = a.hypot(b);"), [".hypot("]);
}

/// Architecture Invariant: the layout's physics (`crates/forces`, compiled for speed while the
/// map's crate is compiled for size) knows nothing of the map: no dependency but fdg-sim, no
/// path into the map.
#[test]
fn the_physics_crate_stands_alone() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("crates/forces");
    let manifest = fs::read_to_string(root.join("Cargo.toml")).unwrap();
    let deps = manifest
        .split("[dependencies]")
        .nth(1)
        .expect("a [dependencies] table");
    let names: Vec<&str> = deps
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| l.split([' ', '=']).next().unwrap_or(l))
        .collect();
    assert_eq!(
        names,
        ["fdg-sim"],
        "crates/forces depends on more than fdg-sim"
    );
    for (path, src) in sources_under("crates/forces/src") {
        let code = code(&src);
        assert!(
            !code.contains("carte_mentale::") && !code.contains("super::super"),
            "{} reaches into the map",
            path.display()
        );
    }
}

/// Every script of `www/` (the entry, its modules under `www/src/`, the pages' own scripts),
/// generated folders (`pkg/`, `assets/`) left out.
fn www_scripts() -> Vec<(PathBuf, String)> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap_or_default().to_string_lossy();
            if path.is_dir() {
                if name != "pkg" && name != "assets" {
                    walk(&path, out);
                }
            } else if name.ends_with(".js") || name.ends_with(".mjs") {
                out.push(path);
            }
        }
    }
    let mut files = Vec::new();
    walk(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("www"),
        &mut files,
    );
    files.sort();
    files
        .into_iter()
        .map(|p| (p.clone(), fs::read_to_string(&p).unwrap()))
        .collect()
}

/// Contribution text is untrusted: the page never parses strings as HTML, nor makes code or
/// event handlers of them.
#[test]
fn the_page_never_parses_html_or_code() {
    let scripts = www_scripts();
    assert!(
        scripts
            .iter()
            .any(|(p, _)| p.ends_with("src/ui/detail-panel.js")),
        "the modules under www/src are checked"
    );
    for (path, src) in scripts {
        for bad in [
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
        ] {
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

/// The paths a JS module imports (static `import … from '…'`, `export … from '…'` and dynamic
/// `import('…')`), as written.
fn js_imports(src: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in src.lines() {
        let l = line.trim_start();
        if l.starts_with("//") || l.starts_with('*') || l.starts_with("/*") {
            continue;
        }
        let quoted = |s: &str| -> Option<String> {
            let s = s.trim_start();
            let q = s.chars().next().filter(|c| *c == '\'' || *c == '"')?;
            let body = &s[1..];
            body.find(q).map(|end| body[..end].to_string())
        };
        if (l.starts_with("import ") || l.starts_with("export "))
            && let Some(at) = l.find(" from ")
            && let Some(p) = quoted(&l[at + 6..])
        {
            out.push(p);
        }
        let mut rest = l;
        while let Some(at) = rest.find("import(") {
            if let Some(p) = quoted(&rest[at + 7..]) {
                out.push(p);
            }
            rest = &rest[at + 7..];
        }
    }
    out
}

/// The layer of a module of `www/`: the entry, the element, the player, the parts (UI parts,
/// loader, data fetching), then the shared helpers (DOM, strings, styles). Lower is higher up.
fn js_layer(rel: &str) -> Option<u8> {
    match rel {
        "carte-mentale.js" => Some(0),
        "src/element.js" => Some(1),
        "src/player.js" => Some(2),
        "src/loader.js" | "src/fetch.js" | "src/exports.js" | "src/view.js" => Some(3),
        // The detail panel's own parts (a lever's list, charts, citation, bottom sheet): below
        // the panel that composes them, beside the shared helpers.
        "src/ui/lever-list.js"
        | "src/ui/charts.js"
        | "src/ui/citation.js"
        | "src/ui/bottom-sheet.js" => Some(4),
        "src/dom.js" | "src/i18n.js" | "src/styles.js" => Some(4),
        // The wasm-bindgen glues: the map's, the converter's (Markdown outlines, tables), the exports'.
        "pkg/carte_mentale.js" | "pkg-lecteur/carte_mentale.js" | "pkg-export/carte_mentale.js" => {
            Some(5)
        }
        r if r.starts_with("src/ui/") => Some(3),
        _ => None,
    }
}

/// `base/../x` and `./` resolved, as a path relative to `www/`.
fn resolve(from: &str, import: &str) -> String {
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    for seg in import.split('/') {
        match seg {
            "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    parts.join("/")
}

/// Architecture Invariant: the element's modules import downwards only, element → player →
/// parts → helpers; a UI part never imports another part (the player wires them).
#[test]
fn www_modules_import_downwards_only() {
    let www = Path::new(env!("CARGO_MANIFEST_DIR")).join("www");
    let mut offenders = Vec::new();
    let mut seen = 0;
    for (path, src) in www_scripts() {
        let rel = path
            .strip_prefix(&www)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let Some(layer) = js_layer(&rel) else {
            continue;
        };
        for import in js_imports(&src) {
            seen += 1;
            let target = resolve(&rel, &import);
            match js_layer(&target) {
                Some(l) if l > layer => {}
                _ => offenders.push(format!("{rel} ({layer}) imports {target}")),
            }
        }
    }
    assert!(seen >= 10, "the check sees the imports ({seen})");
    assert!(
        offenders.is_empty(),
        "imports that do not go down:\n{}",
        offenders.join("\n")
    );
}

#[test]
fn js_imports_are_found() {
    let src = "import { a } from './a.js';\nexport { b } from \"../b.js\";\n// import x from './no.js';\n\
               const g = () => import('./pkg/g.js');";
    assert_eq!(js_imports(src), ["./a.js", "../b.js", "./pkg/g.js"]);
    assert_eq!(resolve("src/ui/x.js", "../dom.js"), "src/dom.js");
    assert_eq!(
        resolve("src/loader.js", "../pkg/carte_mentale.js"),
        "pkg/carte_mentale.js"
    );
}
