//! The command-line tool: check a motion file, or convert an outline to the JSON format.
//!
//! ```text
//! carte-mentale check FICHIER… [--contributions TABLEAU.csv]
//! carte-mentale convert ENTRÉE [--contributions TABLEAU.csv] [-o SORTIE.json]
//! ```
//!
//! Diagnostics are printed as `FICHIER:LIGNE:COLONNE : erreur : message`; the exit code is 1
//! when a file has errors.

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    std::process::exit(cli::run(std::env::args().skip(1).collect()));
}

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
mod cli {
    use carte_mentale::model::{self, Format, Motion, Parsed, json, table};

    const HELP: &str = "carte-mentale — vérifie et convertit les motions pour la carte mentale

Utilisation :
  carte-mentale check FICHIER… [-c TABLEAU]  vérifie un ou plusieurs plans (.md ou .json), avec
                                             le tableau des contributions (.csv) s'il est donné
  carte-mentale convert ENTRÉE [-c TABLEAU] [-o SORTIE]
                                             convertit en JSON carte-mentale (sortie standard sans -o),
                                             les contributions venant du tableau s'il est donné
  carte-mentale synthetique N [-o SORTIE]    écrit une motion synthétique de N contributions (tests, mesures)
  carte-mentale --help                       affiche cette aide

-c (ou --contributions) TABLEAU.csv : le tableau des contributions (UTF-8, virgules ou
points-virgules, en-tête contribution, axe, levier, auteur, fonction, collectivite, departement,
annee, label). Une ligne sans levier connu est gardée comme non classée, avec les leviers les
plus proches proposés et leur score.

Chaque problème est affiché sous la forme FICHIER:LIGNE:COLONNE : erreur : message.
Le code de sortie vaut 1 si un fichier contient des erreurs, 2 si la commande est mal écrite.";

    fn read(path: &str) -> Result<String, String> {
        std::fs::read_to_string(path).map_err(|e| format!("{path} : lecture impossible : {e}"))
    }

    fn load(path: &str) -> Result<Parsed<Motion>, String> {
        let text = read(path)?;
        if path.to_ascii_lowercase().ends_with(".csv") {
            return Err(format!(
                "{path} : un tableau de contributions se lit avec le plan de sa motion : carte-mentale check PLAN.md --contributions {path}"
            ));
        }
        Ok(model::parse_named(&text, Format::detect(path, &text), path))
    }

    /// A motion file, joined to its contributions table if one is given; diagnostics are
    /// printed (on `out`) with the file they are about. `None` when it cannot be shown.
    fn load_all(
        path: &str,
        table_path: Option<&str>,
        out: &mut dyn FnMut(String),
    ) -> Result<(Parsed<Motion>, Option<Parsed<Motion>>), String> {
        let parsed = load(path)?;
        for d in &parsed.diagnostics {
            out(d.render(Some(path)));
        }
        let Some(table_path) = table_path else {
            return Ok((parsed, None));
        };
        let text = read(table_path)?;
        let joined = match (&parsed.value, parsed.has_errors()) {
            (Some(m), false) => table::join(m.clone(), &text),
            _ => return Ok((parsed, None)),
        };
        for d in &joined.diagnostics {
            out(d.render(Some(table_path)));
        }
        Ok((parsed, Some(joined)))
    }

    /// Splits `--contributions FILE` (or `-c FILE`) out of the arguments.
    fn table_arg(args: &[String]) -> Result<(Vec<String>, Option<String>), String> {
        let mut rest = Vec::new();
        let mut table = None;
        let mut it = args.iter();
        while let Some(a) = it.next() {
            if a == "-c" || a == "--contributions" {
                match it.next() {
                    Some(t) if table.is_none() => table = Some(t.clone()),
                    Some(_) => {
                        return Err("un seul tableau « --contributions » est possible".into());
                    }
                    None => return Err(format!("« {a} » doit être suivi du tableau (.csv)")),
                }
            } else {
                rest.push(a.clone());
            }
        }
        Ok((rest, table))
    }

    fn summary(m: &Motion) -> String {
        let levers: usize = m.axes.iter().map(|a| a.levers.len()).sum();
        let s =
            |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        format!(
            "1 motion, {}, {}, {}",
            s(m.axes.len(), "axe", "axes"),
            s(levers, "levier", "leviers"),
            s(m.contributions.len(), "contribution", "contributions")
        )
    }

    /// « 2 erreurs, 1 avertissement » (only the non-zero counts).
    fn counts(p: &Parsed<Motion>) -> String {
        let errors = p
            .diagnostics
            .iter()
            .filter(|d| d.severity == model::Severity::Error)
            .count();
        let warnings = p.diagnostics.len() - errors;
        let mut parts = Vec::new();
        if errors > 0 {
            parts.push(format!(
                "{errors} erreur{}",
                if errors > 1 { "s" } else { "" }
            ));
        }
        if warnings > 0 {
            parts.push(format!(
                "{warnings} avertissement{}",
                if warnings > 1 { "s" } else { "" }
            ));
        }
        parts.join(", ")
    }

    pub fn run(args: Vec<String>) -> i32 {
        let usage = |problem: &str| {
            eprintln!("{problem}\n\n{HELP}");
            2
        };
        match args.first().map(String::as_str) {
            Some("--help" | "-h" | "aide") => {
                println!("{HELP}");
                0
            }
            Some("check") if args.len() > 1 => {
                let (files, table_path) = match table_arg(&args[1..]) {
                    Ok(x) => x,
                    Err(e) => return usage(&e),
                };
                if files.is_empty() {
                    return usage("« check » attend au moins un fichier");
                }
                let mut code = 0;
                for path in &files {
                    match load_all(path, table_path.as_deref(), &mut |l| println!("{l}")) {
                        Err(e) => {
                            eprintln!("{e}");
                            code = 1;
                        }
                        Ok((p, joined)) => {
                            if p.has_errors() {
                                code = 1;
                                println!("{path} : {} ; à corriger avant affichage", counts(&p));
                                continue;
                            }
                            match (joined, table_path.as_deref()) {
                                (Some(j), Some(t)) if j.has_errors() || j.value.is_none() => {
                                    code = 1;
                                    println!("{t} : {} ; à corriger avant affichage", counts(&j));
                                }
                                (Some(j), Some(t)) => {
                                    let m = j.value.as_ref().expect("checked above");
                                    let apart = m
                                        .contributions
                                        .iter()
                                        .filter(|c| c.levers.is_empty())
                                        .count();
                                    let note = if apart > 0 {
                                        format!(
                                            " dont {apart} non classée{} à confirmer",
                                            if apart > 1 { "s" } else { "" }
                                        )
                                    } else {
                                        String::new()
                                    };
                                    println!("{path} + {t} : {}{note}", summary(m));
                                }
                                _ => {
                                    if let Some(m) = &p.value {
                                        println!("{path} : {}", summary(m));
                                    }
                                }
                            }
                        }
                    }
                }
                code
            }
            Some("convert") => {
                let (args, table_path) = match table_arg(&args[1..]) {
                    Ok(x) => x,
                    Err(e) => return usage(&e),
                };
                let mut input = None;
                let mut output = None;
                let mut rest = args.iter();
                while let Some(a) = rest.next() {
                    match a.as_str() {
                        "-o" | "--sortie" | "--output" => match rest.next() {
                            Some(out) if output.is_none() => output = Some(out.clone()),
                            Some(_) => return usage("une seule sortie « -o » est possible"),
                            None => return usage("« -o » doit être suivi du fichier de sortie"),
                        },
                        _ if input.is_none() => input = Some(a.clone()),
                        _ => return usage(&format!("argument en trop : « {a} »")),
                    }
                }
                let Some(input) = &input else {
                    return usage("« convert » attend le fichier à convertir");
                };
                let (parsed, joined) =
                    match load_all(input, table_path.as_deref(), &mut |l| eprintln!("{l}")) {
                        Ok(p) => p,
                        Err(e) => {
                            eprintln!("{e}");
                            return 1;
                        }
                    };
                let (parsed, input) = match (joined, &table_path) {
                    (Some(j), Some(t)) => (j, t),
                    _ => (parsed, input),
                };
                let Some(motion) = parsed.value.filter(|_| {
                    !parsed
                        .diagnostics
                        .iter()
                        .any(|d| d.severity == model::Severity::Error)
                }) else {
                    eprintln!("{input} : conversion refusée, corrigez d'abord les erreurs");
                    return 1;
                };
                let text = json::to_json(&motion);
                match output {
                    None => print!("{text}"),
                    Some(out) => {
                        if let Err(e) = std::fs::write(&out, text) {
                            eprintln!("{out} : écriture impossible : {e}");
                            return 1;
                        }
                        eprintln!("{out} : {}", summary(&motion));
                    }
                }
                0
            }
            Some("synthetique") if args.len() >= 2 => {
                let Ok(n) = args[1].parse::<usize>() else {
                    return usage("« synthetique » attend un nombre de contributions");
                };
                let motion = model::synthetic::synthetic_motion(n, 1);
                let text = json::to_json(&motion);
                match &args[2..] {
                    [] => print!("{text}"),
                    [flag, out] if flag == "-o" => {
                        if let Err(e) = std::fs::write(out, text) {
                            eprintln!("{out} : écriture impossible : {e}");
                            return 1;
                        }
                    }
                    _ => return usage("usage : carte-mentale synthetique N [-o SORTIE]"),
                }
                0
            }
            Some("check") => usage("« check » attend au moins un fichier"),
            Some(other) => usage(&format!("commande inconnue : « {other} »")),
            None => usage("commande manquante"),
        }
    }
}
