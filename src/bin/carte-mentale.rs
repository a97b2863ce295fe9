//! The command-line tool: check a motion file, or convert an outline to the JSON format.
//!
//! ```text
//! carte-mentale check FICHIER…
//! carte-mentale convert ENTRÉE [-o SORTIE.json]
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
    use carte_mentale::model::{self, Format, Motion, Parsed, json};

    const HELP: &str = "carte-mentale — vérifie et convertit les motions pour la carte mentale

Utilisation :
  carte-mentale check FICHIER…               vérifie un ou plusieurs fichiers (.md ou .json)
  carte-mentale convert ENTRÉE [-o SORTIE]   convertit en JSON carte-mentale (sortie standard sans -o)
  carte-mentale synthetique N [-o SORTIE]    écrit une motion synthétique de N contributions (tests, mesures)
  carte-mentale --help                       affiche cette aide

Chaque problème est affiché sous la forme FICHIER:LIGNE:COLONNE : erreur : message.
Le code de sortie vaut 1 si un fichier contient des erreurs, 2 si la commande est mal écrite.";

    fn load(path: &str) -> Result<Parsed<Motion>, String> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("{path} : lecture impossible : {e}"))?;
        Ok(model::parse(&text, Format::detect(path, &text)))
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
                let mut code = 0;
                for path in &args[1..] {
                    match load(path) {
                        Err(e) => {
                            eprintln!("{e}");
                            code = 1;
                        }
                        Ok(p) => {
                            for d in &p.diagnostics {
                                println!("{}", d.render(Some(path)));
                            }
                            if p.has_errors() {
                                code = 1;
                                println!("{path} : {} ; à corriger avant affichage", counts(&p));
                            } else if let Some(m) = &p.value {
                                println!("{path} : {}", summary(m));
                            }
                        }
                    }
                }
                code
            }
            Some("convert") => {
                let mut input = None;
                let mut output = None;
                let mut rest = args[1..].iter();
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
                let parsed = match load(input) {
                    Ok(p) => p,
                    Err(e) => {
                        eprintln!("{e}");
                        return 1;
                    }
                };
                for d in &parsed.diagnostics {
                    eprintln!("{}", d.render(Some(input)));
                }
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
