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
    let (code, out, _) = run(&["check", "tests/data/deux-titres.md"]);
    assert_eq!(code, 1);
    assert!(
        out.contains(
            "tests/data/deux-titres.md:7:1 : erreur : deuxième titre de niveau 1 « Un second titre »"
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
    let (code, out, err) = run(&["convert", "tests/data/deux-titres.md"]);
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
            "tests/data/contributions-erreurs.csv:4:19 : avertissement : département « 9Z » inconnu, laissé de côté"
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

/// A file written for one test, removed when dropped.
struct Temp(std::path::PathBuf);

impl Temp {
    fn new(name: &str, bytes: &[u8]) -> Temp {
        let path = std::env::temp_dir().join(format!("cm-cli-{}-{name}", std::process::id()));
        std::fs::write(&path, bytes).unwrap();
        Temp(path)
    }
    fn path(&self) -> String {
        self.0.to_string_lossy().into_owned()
    }
}

impl Drop for Temp {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

const FRENCH_TABLE: &str = "Contribution;Levier;Auteur;Collectivité;Département;Label\r\n\
    « L'élu·e et le cœur du numérique », ça compte;a1-l1;Zoé Œillet;Saint-Étienne;42;@@@\r\n\
    Le logiciel libre et l'interopérabilité;;François;Ajaccio;2A;9\r\n";

#[test]
fn build_writes_the_json_and_a_report_of_every_row() {
    let table = Temp::new("build.csv", FRENCH_TABLE.as_bytes());
    let out = Temp::new("build.json", b"");
    let report = Temp::new("rapport.txt", b"");
    let (code, stdout, err) = run(&[
        "build",
        "assets/motion-2021.md",
        &table.path(),
        "-o",
        &out.path(),
        "--report",
        &report.path(),
    ]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(stdout, "");
    let doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&out.0).unwrap()).unwrap();
    let contributions = doc["motion"]["contributions"].as_array().unwrap();
    assert_eq!(contributions.len(), 2);
    assert_eq!(
        contributions[1]["label"],
        serde_json::Value::Null,
        "label 9 left out"
    );
    // The positions of the map as it opens, with the engine, for the viewer to paint at once.
    let layout = &doc["motion"]["layout"];
    assert_eq!(layout["engine"], carte_mentale::layout::ENGINE);
    let positions = layout["positions"].as_array().unwrap();
    assert!(positions.len() > 16, "motion, axes, levers and groups");
    assert!(positions.iter().any(|p| p[0] == "a1-l1" && p[1].is_f64()));
    let loaded = carte_mentale::model::json::parse_json(&std::fs::read_to_string(&out.0).unwrap());
    let map = carte_mentale::interaction::MapState::new(
        loaded.value.unwrap(),
        1280.0,
        800.0,
        &mut carte_mentale::view::text::ApproxMeasure,
    );
    assert_eq!(map.layout().ticks(), 0, "the viewer runs no layout");
    let text = std::fs::read_to_string(&report.0).unwrap();
    for want in [
        "Lignes lues (hors en-tête) : 2",
        "Contributions : 2 (1 classée, 1 non classée)",
        "Lignes écartées : 0",
        ":3:",
        "label « 9 » invalide, laissé de côté",
        "contribution « c2 » non classée",
    ] {
        assert!(text.contains(want), "{want:?} in\n{text}");
    }
    // --strict: the warnings refuse the JSON.
    let (code, _, err) = run(&[
        "build",
        "assets/motion-2021.md",
        &table.path(),
        "--strict",
        "--report",
        &report.path(),
    ]);
    assert_eq!(code, 1);
    assert!(err.contains("construction refusée avec --strict"), "{err}");
}

#[test]
fn check_strict_fails_on_warnings_only() {
    let table = Temp::new("strict.csv", FRENCH_TABLE.as_bytes());
    let args = ["check", "assets/motion-2021.md", "-c", &table.path()];
    assert_eq!(run(&args).0, 0, "warnings alone pass");
    let mut strict = args.to_vec();
    strict.push("--strict");
    let (code, out, _) = run(&strict);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("refusé avec --strict"), "{out}");
    assert_eq!(run(&["check", "assets/motion-2021.md", "--strict"]).0, 0);
}

#[test]
fn a_windows_1252_table_gives_the_same_map() {
    let utf8 = Temp::new("utf8.csv", FRENCH_TABLE.as_bytes());
    let bytes: Vec<u8> = FRENCH_TABLE
        .chars()
        .map(|c| match c {
            'œ' => 0x9C,
            'Œ' => 0x8C,
            '·' => 0xB7,
            c => u8::try_from(u32::from(c)).expect("a Latin-1 character"),
        })
        .collect();
    let cp1252 = Temp::new("cp1252.csv", &bytes);
    let convert = |t: &Temp| run(&["convert", "assets/motion-2021.md", "-c", &t.path()]);
    let (code, a, _) = convert(&utf8);
    let (code2, b, err) = convert(&cp1252);
    assert_eq!((code, code2), (0, 0), "{err}");
    assert_eq!(a, b, "same JSON, accents and all");
    assert!(a.contains("« L'élu·e et le cœur du numérique », ça compte"));
    assert!(err.contains("lu comme Windows-1252"), "{err}");
}

#[test]
fn workbooks_are_read_from_their_first_sheet() {
    for book in [
        "tests/data/contributions-2021.xlsx",
        "tests/data/contributions-2021.ods",
    ] {
        let (code, out, err) = run(&["check", "assets/motion-2021.md", "-c", book]);
        assert_eq!(code, 0, "{book}: {out}{err}");
        assert!(
            out.contains(&format!(
                "assets/motion-2021.md + {book} : 1 motion, 4 axes, 12 leviers, 3 contributions dont 1 non classée à confirmer"
            )),
            "{out}"
        );
        assert!(
            out.contains(&format!(
                "{book}:3:8 : avertissement : cellule H3 : label « 9 » invalide"
            )),
            "the cell is named by its column letter: {out}"
        );
        let (_, json, _) = run(&["convert", "assets/motion-2021.md", "-c", book]);
        assert!(json.contains("\"department\": \"94\""), "{json}");
        assert!(json.contains("\"year\": 2021"), "{json}");
        assert!(json.contains("« cœur » de la souveraineté."), "{json}");
    }
    let (_, out, _) = run(&[
        "check",
        "assets/motion-2021.md",
        "-c",
        "tests/data/contributions-2021.xlsx",
    ]);
    assert!(
        out.contains("seule la première feuille, « Contributions », est lue"),
        "{out}"
    );
}

#[test]
fn suggest_writes_the_proposals_as_csv() {
    let (code, csv, err) = run(&[
        "suggest",
        "assets/motion-2021.md",
        "tests/data/contributions-2021.csv",
    ]);
    assert_eq!(code, 0, "{err}");
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines[0],
        "ligne,id,contribution,levier,titre,score,levier 2,titre 2,score 2,levier 3,titre 3,score 3"
    );
    assert_eq!(lines.len(), 2, "one unclassified row: {csv}");
    assert!(lines[1].starts_with("6,c5,"), "{csv}");
    // Its text (security in general) is close to no lever: below the calibrated score, no
    // proposal is written rather than arbitrary levers.
    assert!(
        lines[1].ends_with(",,,,,,,,,"),
        "no reliable proposal: {csv}"
    );
    assert_eq!(run(&["suggest", "assets/motion-2021.md"]).0, 2);
}

#[test]
fn every_command_has_a_french_help_and_bad_options_are_refused() {
    for command in ["check", "convert", "build", "suggest"] {
        let (code, out, _) = run(&[command, "--help"]);
        assert_eq!(code, 0);
        assert!(
            out.starts_with(&format!("carte-mentale {command}")),
            "{out}"
        );
        assert!(out.contains("Code de sortie"), "{out}");
    }
    let (code, _, err) = run(&["check", "--vite", "a.md"]);
    assert_eq!(code, 2);
    assert!(err.starts_with("option inconnue : « --vite »"), "{err}");
    let (code, _, err) = run(&["suggest", "a.md", "b.csv", "--strict"]);
    assert_eq!(code, 2);
    assert!(err.contains("sans objet"), "{err}");
}

#[test]
fn terminal_escape_sequences_never_reach_the_terminal() {
    let mut table = String::from("contribution,levier,departement\n");
    // 10× the one hostile cell the audit found, in several places of the output.
    for k in 0..10 {
        table += &format!("\"Texte {k}\x1b[2J\x1b]0;titre\x07\u{202e}\",a1-l1,\x1b[31m9Z\x1b[0m\n");
    }
    let t = Temp::new("escape.csv", table.as_bytes());
    let (code, out, err) = run(&["check", "assets/motion-2021.md", "-c", &t.path()]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("département « [31m9Z[0m » inconnu"), "{out}");
    for text in [&out, &err] {
        assert!(
            !text
                .chars()
                .any(|c| (c.is_control() && c != '\n') || c == '\u{202e}'),
            "{text:?}"
        );
    }
    let report = Temp::new("escape.txt", b"");
    let (code, _, _) = run(&[
        "build",
        "assets/motion-2021.md",
        &t.path(),
        "-o",
        "/dev/null",
        "--report",
        &report.path(),
    ]);
    assert_eq!(code, 0);
    let text = std::fs::read_to_string(&report.0).unwrap();
    assert!(
        !text.chars().any(|c| c.is_control() && c != '\n'),
        "{text:?}"
    );
}

#[test]
fn convert_writes_the_saved_positions_when_asked() {
    let (code, plain, err) = run(&["convert", "assets/motion-2021.md"]);
    assert_eq!(code, 0, "{err}");
    assert!(!plain.contains("\"layout\""), "not by default");
    let (code, with, err) = run(&["convert", "assets/motion-2021.md", "--positions"]);
    assert_eq!(code, 0, "{err}");
    let doc: serde_json::Value = serde_json::from_str(&with).unwrap();
    assert_eq!(
        doc["motion"]["layout"]["engine"],
        carte_mentale::layout::ENGINE
    );
    assert_eq!(
        doc["motion"]["layout"]["positions"]
            .as_array()
            .unwrap()
            .len(),
        17,
        "the motion, 4 axes and 12 levers shown at load"
    );
    let (code, _, err) = run(&["check", "assets/motion-2021.md", "--positions"]);
    assert_eq!(code, 2, "check has no --positions: {err}");
}

/// The inputs that once froze the page, at ten times the size that froze, through the command
/// (`tests/hostile.rs` checks the library, `tests/web.rs` the browser): each is read or refused
/// with its French message within a bound (seconds, for a busy two-core machine).
#[test]
fn hostile_files_at_ten_times_are_read_or_refused_within_bounds() {
    // (exit code, everything printed, seconds)
    let timed = |args: &[&str]| {
        let start = std::time::Instant::now();
        let (code, out, err) = run(args);
        (
            (code, format!("{out}{err}"), ()),
            start.elapsed().as_secs_f64(),
        )
    };
    // 200 000 rows with ids `c200001…`, then 200 000 without: refused past the contribution
    // limit.
    let mut table = String::from("id;contribution;levier\n");
    for k in 0..200_000 {
        table += &format!("c{};Texte {k};a1-l1\n", 200_000 + k + 1);
    }
    for k in 0..200_000 {
        table += &format!(";Autre {k};a1-l1\n");
    }
    let big = Temp::new("ids.csv", table.as_bytes());
    let ((code, err, _), took) = timed(&["check", "assets/motion-2021.md", "-c", &big.path()]);
    assert_eq!(code, 1);
    assert!(
        err.contains("la limite d'une carte") || err.contains("la limite"),
        "{err}"
    );
    assert!(took < 60.0, "400 000 rows: {took:.1} s");

    // CR-only line ends and an unnamed column, 10 000 rows: read, each oddity reported.
    let mut table = String::from("id;contribution;;levier\r");
    for k in 0..10_000 {
        table += &format!("d{k};Texte {k};note;a1-l1\r");
    }
    let cr = Temp::new("cr.csv", table.as_bytes());
    let ((code, out, _), took) = timed(&["check", "assets/motion-2021.md", "-c", &cr.path()]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("10 000 contributions") || out.contains("10000 contributions"),
        "{out}"
    );
    assert!(out.contains("colonne sans nom"), "{out}");
    assert!(took < 30.0, "10 000 CR-only rows: {took:.1} s");

    // 1 MB of `[` in a title (100 KB took 2.7 s); a 40 MB JSON (refused by size).
    let brackets = Temp::new(
        "crochets.md",
        format!("# M\n## A\n- {}\n", "[".repeat(1_000_000)).as_bytes(),
    );
    let ((code, err, _), took) = timed(&["check", &brackets.path()]);
    assert_eq!(code, 0, "{err}");
    assert!(took < 30.0, "1 MB of [: {took:.1} s");
    let mut json = String::from(
        r#"{"format":"carte-mentale","version":1,"motion":{"id":"m","title":"M","axes":[{"id":"a","title":"A","levers":[]}],"contributions":["#,
    );
    for k in 0..1_000_000 {
        if k > 0 {
            json.push(',');
        }
        json += &format!(r#"{{"id":"c{k}","text":"t","levers":[]}}"#);
    }
    json += "]}}";
    let huge = Temp::new("enorme.json", json.as_bytes());
    let ((code, err, _), took) = timed(&["check", &huge.path()]);
    assert_eq!(code, 1);
    assert!(err.contains("au-delà de la limite de 16 Mo"), "{err}");
    assert!(took < 30.0, "a 40 MB JSON: {took:.1} s");
}
