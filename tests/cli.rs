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
    let (code, _, err) = run(&["convert"]);
    assert_eq!(code, 2);
    assert!(
        err.starts_with("« convert » attend le fichier à convertir"),
        "{err}"
    );
    let (code, _, err) = run(&["convertir", "x.md"]);
    assert_eq!(code, 2);
    assert!(
        err.starts_with("commande inconnue : « convertir »"),
        "{err}"
    );
    assert_eq!(run(&["convert", "a.md", "b.md"]).0, 2);
    assert_eq!(run(&["check", "absent.md"]).0, 1);
    let (code, help, _) = run(&["--help"]);
    assert_eq!(code, 0);
    assert!(help.contains("Utilisation"));
}

fn lines(s: &str) -> Vec<&str> {
    s.lines().collect()
}

#[test]
fn check_prints_every_diagnostic_in_order_then_a_line_per_file() {
    let (code, out, err) = run(&[
        "check",
        "tests/parse/json-semantique.json",
        "tests/parse/doublons.md",
    ]);
    assert_eq!(code, 1, "one file has errors");
    assert_eq!(err, "");
    assert_eq!(
        lines(&out),
        vec![
            "tests/parse/json-semantique.json:5:45 : erreur : la contribution « c1 » renvoie au levier « l9 », qui n'existe pas",
            "tests/parse/json-semantique.json:6:15 : erreur : label 9 invalide pour « c2 » : de 1 à 5 arobases",
            "tests/parse/json-semantique.json:6:15 : avertissement : la contribution « c2 » n'est rattachée à aucun levier : elle sera affichée comme non classée",
            "tests/parse/json-semantique.json:6:15 : avertissement : département « Val-de-Marne » inattendu pour « c2 » : un code comme 94, 2A ou 971 est attendu",
            "tests/parse/json-semantique.json:7:45 : erreur : identifiant « l1 » utilisé plusieurs fois : chaque axe, levier et contribution doit avoir le sien",
            "tests/parse/json-semantique.json : 3 erreurs, 2 avertissements ; à corriger avant affichage",
            "tests/parse/doublons.md:8:1 : avertissement : élément de liste vide ignoré",
            "tests/parse/doublons.md:9:1 : avertissement : levier « levier » en double dans cet axe",
            "tests/parse/doublons.md : 1 motion, 1 axe, 3 leviers, 2 contributions",
        ]
    );
}

#[test]
fn warnings_alone_do_not_fail() {
    let (code, out, _) = run(&["check", "tests/parse/doublons.md"]);
    assert_eq!(code, 0, "{out}");
    assert_eq!(lines(&out).len(), 3);
}

#[test]
fn check_reports_invalid_json_at_its_line_and_column() {
    let (code, out, _) = run(&["check", "tests/parse/json-syntaxe.json"]);
    assert_eq!(code, 1);
    assert_eq!(
        lines(&out),
        vec![
            "tests/parse/json-syntaxe.json:4:3 : erreur : JSON invalide : virgule ou accolade fermante « } » attendue",
            "tests/parse/json-syntaxe.json : 1 erreur ; à corriger avant affichage",
        ]
    );
}

#[test]
fn convert_writes_a_file_and_the_result_reads_back() {
    let out_path =
        std::env::temp_dir().join(format!("carte-mentale-cli-{}.json", std::process::id()));
    let out_str = out_path.to_string_lossy().into_owned();
    let (code, out, err) = run(&["convert", "-o", &out_str, "tests/parse/doublons.md"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, "", "nothing on stdout with -o");
    assert!(
        err.contains("avertissement : levier « levier » en double"),
        "{err}"
    );
    assert!(
        err.ends_with(&format!(
            "{out_str} : 1 motion, 1 axe, 3 leviers, 2 contributions\n"
        )),
        "{err}"
    );
    let (code, out, _) = run(&["check", &out_str]);
    let _ = std::fs::remove_file(&out_path);
    assert_eq!(code, 0);
    assert_eq!(
        lines(&out),
        vec![format!(
            "{out_str} : 1 motion, 1 axe, 3 leviers, 2 contributions"
        )]
    );
}

#[test]
fn a_contributions_table_joins_its_outline_and_unclassified_rows_get_proposals() {
    let (code, out, _) = run(&[
        "check",
        "assets/motion-2021.md",
        "--contributions",
        "tests/data/contributions-2021.csv",
    ]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("assets/motion-2021.md + tests/data/contributions-2021.csv : 1 motion, 4 axes, 12 leviers, 5 contributions dont 1 non classée à confirmer"),
        "{out}"
    );
    assert!(
        out.contains(
            "tests/data/contributions-2021.csv:6 : avertissement : contribution « c5 » non classée"
        ),
        "{out}"
    );
    // Claude Morin's words share too little with any lever's to be proposed (docs/suggestions.md).
    assert!(out.contains("aucune proposition fiable"), "{out}");

    // Converted: the JSON has the table's contributions, the two-lever one included.
    let (code, json, err) = run(&[
        "convert",
        "assets/motion-2021.md",
        "-c",
        "tests/data/contributions-2021.csv",
    ]);
    assert_eq!(code, 0, "{err}");
    let doc: serde_json::Value = serde_json::from_str(&json).unwrap();
    let contributions = doc["motion"]["contributions"].as_array().unwrap();
    assert_eq!(contributions.len(), 5);
    assert_eq!(
        contributions[3]["levers"],
        serde_json::json!(["a3-l1", "a3-l2"])
    );
    assert_eq!(contributions[4]["levers"], serde_json::json!([]));
}

#[test]
fn a_bad_table_names_its_lines_and_columns_and_is_refused() {
    let (code, out, _) = run(&[
        "check",
        "assets/motion-2021.md",
        "-c",
        "tests/data/contributions-erreurs.csv",
    ]);
    assert_eq!(code, 1);
    assert!(
        out.contains("tests/data/contributions-erreurs.csv:3:1 : erreur : la cellule « contribution » est vide"),
        "{out}"
    );
    assert!(
        out.contains(
            "tests/data/contributions-erreurs.csv:4:19 : erreur : département « 9Z » inconnu"
        ),
        "{out}"
    );
    let (code, _, err) = run(&[
        "convert",
        "assets/motion-2021.md",
        "-c",
        "tests/data/contributions-erreurs.csv",
    ]);
    assert_eq!(code, 1);
    assert!(err.contains("conversion refusée"), "{err}");
    // A table alone is not a motion: the tool says how to give it its outline.
    let (code, _, err) = run(&["check", "tests/data/contributions-2021.csv"]);
    assert_eq!(code, 1);
    assert!(err.contains("--contributions"), "{err}");
}
