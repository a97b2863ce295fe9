//! The command-line tool, run as a staff member would.

use std::process::Command;

fn run(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_carte-mentale"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn check_names_file_line_and_column_and_fails() {
    let (code, out, _) = run(&["check", "tests/data/trop-profond.md"]);
    assert_eq!(code, 1);
    assert!(
        out.contains(
            "tests/data/trop-profond.md:6:5 : erreur : contribution imbriquée trop profondément"
        ),
        "{out}"
    );
}

#[test]
fn check_the_real_motion_passes_with_a_summary() {
    let (code, out, _) = run(&["check", "assets/motion-2021.md", "assets/motion-2021.json"]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("assets/motion-2021.md : 1 motion, 4 axes, 12 leviers, "),
        "{out}"
    );
    assert!(
        out.contains("assets/motion-2021.json : 1 motion, 4 axes, 12 leviers, "),
        "{out}"
    );
}

#[test]
fn convert_writes_the_committed_json() {
    let (code, out, err) = run(&["convert", "assets/motion-2021.md"]);
    assert_eq!(code, 0, "{err}");
    let committed = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/assets/motion-2021.json"
    ))
    .unwrap();
    assert_eq!(
        out, committed,
        "assets/motion-2021.json must be `carte-mentale convert assets/motion-2021.md`"
    );
}

#[test]
fn convert_refuses_bad_input_and_bad_usage() {
    let (code, out, err) = run(&["convert", "tests/data/trop-profond.md"]);
    assert_eq!((code, out.as_str()), (1, ""));
    assert!(err.contains("conversion refusée"));
    assert_eq!(run(&["convert"]).0, 2);
    assert_eq!(run(&["check", "absent.md"]).0, 1);
    let (code, help, _) = run(&["--help"]);
    assert_eq!(code, 0);
    assert!(help.contains("Utilisation"));
}
