//! Replays every file of `fuzz/corpus/<target>/` and `fuzz/artifacts/<target>/` through the
//! fuzz targets' own functions (`fuzz/src/lib.rs`), so the seed corpus and every crash the
//! fuzzers ever found run in plain `cargo test`, on stable.

#[path = "../fuzz/src/lib.rs"]
mod targets;

use std::fs;
use std::path::Path;

fn replay(target: &str, run: fn(&[u8])) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    let mut files = 0;
    for dir in ["corpus", "artifacts"] {
        let Ok(entries) = fs::read_dir(root.join(dir).join(target)) else {
            continue;
        };
        let mut paths: Vec<_> = entries.filter_map(|e| e.ok()).map(|e| e.path()).collect();
        paths.sort();
        for path in paths.into_iter().filter(|p| p.is_file()) {
            let data = fs::read(&path).unwrap();
            let outcome = std::panic::catch_unwind(|| run(&data));
            assert!(outcome.is_ok(), "{} fails", path.display());
            files += 1;
        }
    }
    assert!(files > 0, "no corpus for {target}");
}

#[test]
fn markdown_corpus() {
    replay("markdown", targets::markdown);
}

#[test]
fn table_corpus() {
    replay("table", targets::table);
}

#[test]
fn json_corpus() {
    replay("json", targets::json);
}

#[test]
fn fragment_corpus() {
    replay("fragment", targets::fragment);
}

#[test]
fn scene_corpus() {
    replay("scene", targets::scene);
}
