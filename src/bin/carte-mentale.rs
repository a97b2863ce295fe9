//! The command-line tool: check, convert and build maps from an outline and its contributions
//! table; propose levers for unclassified rows. Usage and exit codes: `docs/cli.md`.
//!
//! ```text
//! carte-mentale check FICHIER… [-c TABLEAU] [--strict]
//! carte-mentale convert ENTRÉE [-c TABLEAU] [-o SORTIE.json] [--positions]
//! carte-mentale build PLAN [TABLEAU] [-o SORTIE.json] [--report RAPPORT.txt] [--strict]
//! carte-mentale suggest PLAN TABLEAU [-o PROPOSITIONS.csv]
//! ```
//!
//! Diagnostics are printed as `FICHIER:LIGNE:COLONNE : erreur : message`. Exit code 0: done;
//! 1: an input has errors (or warnings, with `--strict`), or a file cannot be read or written;
//! 2: the command is malformed. Everything printed has its control characters removed, so a
//! cell holding terminal escape sequences cannot act on the terminal.

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    std::process::exit(cli::run(std::env::args().skip(1).collect()));
}

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
mod cli {
    use carte_mentale::interaction::with_saved_layout;
    use carte_mentale::model::limits::MAX_INPUT_BYTES;
    use carte_mentale::model::{self, FileDiagnostic, Loaded, Motion, Severity, json, table};

    const HELP: &str = "carte-mentale — vérifie, convertit et construit les cartes mentales des motions

Utilisation :
  carte-mentale check FICHIER… [-c TABLEAU] [--strict]
        vérifie un ou plusieurs plans (.md ou .json), avec le tableau des contributions s'il est donné
  carte-mentale convert ENTRÉE [-c TABLEAU] [-o SORTIE] [--positions]
        convertit en JSON carte-mentale (sortie standard sans -o)
  carte-mentale build PLAN [TABLEAU] [-o SORTIE] [--report RAPPORT] [--strict]
        construit le JSON de la carte à partir du plan et du tableau, avec un rapport
  carte-mentale suggest PLAN TABLEAU [-o SORTIE]
        propose des leviers pour les contributions non classées, en CSV
  carte-mentale synthetique N [-o SORTIE]
        écrit une motion synthétique de N contributions (tests, mesures)
  carte-mentale COMMANDE --help
        l'aide d'une commande

Le tableau des contributions : .csv (UTF-8, Windows-1252 ou ISO-8859-15 ; virgules ou
points-virgules), .xlsx ou .ods (première feuille). En-tête : contribution, axe, levier, auteur,
fonction, collectivite, departement, annee, label, id, liens.

Chaque problème est affiché sous la forme FICHIER:LIGNE:COLONNE : erreur : message.
Codes de sortie : 0 réussi ; 1 un fichier contient des erreurs (ou des avertissements avec
--strict), ou ne peut être lu ou écrit ; 2 la commande est mal écrite.";

    const HELP_CHECK: &str = "carte-mentale check FICHIER… [-c TABLEAU] [--strict]

Vérifie chaque plan (.md ou .json) et, avec -c, le tableau des contributions joint à ce plan.
Affiche chaque erreur et chaque avertissement (FICHIER:LIGNE:COLONNE : …), puis une ligne de
résumé par fichier.

  -c, --contributions TABLEAU   le tableau des contributions (.csv, .xlsx, .ods)
  --strict                      les avertissements font aussi échouer la vérification

Code de sortie : 0 aucune erreur ; 1 un fichier contient des erreurs (ou des avertissements
avec --strict) ou ne peut être lu ; 2 commande mal écrite.";

    const HELP_CONVERT: &str = "carte-mentale convert ENTRÉE [-c TABLEAU] [-o SORTIE] [--positions]

Convertit un plan (.md) ou un JSON en JSON carte-mentale ; avec -c, les contributions viennent
du tableau. Les messages vont sur la sortie d'erreur ; rien n'est écrit s'il y a une erreur.

  -c, --contributions TABLEAU   le tableau des contributions (.csv, .xlsx, .ods)
  -o, --sortie SORTIE           le fichier JSON à écrire (sortie standard sans -o)
  --positions                   ajoute les positions de la carte à son ouverture : la page
                                l'affiche sans recalculer sa disposition (« build » le fait toujours)

Code de sortie : 0 converti ; 1 erreurs, ou fichier illisible ou impossible à écrire ;
2 commande mal écrite.";

    const HELP_BUILD: &str =
        "carte-mentale build PLAN [TABLEAU] [-o SORTIE] [--report RAPPORT] [--strict]

Construit le JSON de la carte : le plan (.md ou .json) donne la motion, ses axes et ses leviers ;
le tableau (.csv, .xlsx, .ods), les contributions. Écrit aussi un rapport : lignes lues,
contributions classées et non classées, lignes écartées, chaque avertissement avec sa ligne.

  -o, --sortie SORTIE           le fichier JSON à écrire (sortie standard sans -o)
  --report, --rapport RAPPORT   le rapport, en texte (sinon sur la sortie d'erreur)
  --strict                      refuse aussi quand il y a des avertissements

Code de sortie : 0 construit ; 1 erreurs (ou avertissements avec --strict : rien n'est écrit
sauf le rapport), ou fichier illisible ou impossible à écrire ; 2 commande mal écrite.";

    const HELP_SUGGEST: &str = "carte-mentale suggest PLAN TABLEAU [-o SORTIE]

Pour chaque contribution non classée du tableau (levier vide ou inconnu), propose jusqu'à trois
leviers du plan, avec un score de 0 à 1. Écrit un CSV (virgules, UTF-8) : ligne, id,
contribution, puis levier, titre et score de chaque proposition.

  -o, --sortie SORTIE           le CSV à écrire (sortie standard sans -o)

Code de sortie : 0 écrit ; 1 erreurs dans le plan ou le tableau, ou fichier illisible ou
impossible à écrire ; 2 commande mal écrite.";

    /// Text safe for a terminal: control characters (escape sequences among them) and
    /// direction overrides removed; line breaks, tabs and carriage returns become spaces.
    pub fn clean(s: &str) -> String {
        s.chars()
            .filter_map(|c| match c {
                '\n' | '\r' | '\t' => Some(' '),
                '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => None,
                c if c.is_control() => None,
                c => Some(c),
            })
            .collect()
    }

    fn say(line: &str) {
        println!("{}", clean(line));
    }

    fn tell(line: &str) {
        eprintln!("{}", clean(line));
    }

    /// The options a command was given.
    #[derive(Default)]
    struct Args {
        files: Vec<String>,
        table: Option<String>,
        output: Option<String>,
        report: Option<String>,
        strict: bool,
        /// `--positions`: the JSON carries the saved layout.
        positions: bool,
        help: bool,
    }

    /// Reads `args` against the options a command accepts (by their long name).
    fn parse_args(args: &[String], accepted: &[&str]) -> Result<Args, String> {
        let mut out = Args::default();
        let mut it = args.iter();
        while let Some(a) = it.next() {
            let name = match a.as_str() {
                "-c" | "--contributions" => "contributions",
                "-o" | "--sortie" | "--output" => "sortie",
                "--report" | "--rapport" => "rapport",
                "--strict" => "strict",
                "--positions" => "positions",
                "-h" | "--help" | "--aide" => "help",
                s if s.starts_with('-') && s.len() > 1 => {
                    return Err(format!("option inconnue : « {} »", clean(s)));
                }
                _ => {
                    out.files.push(a.clone());
                    continue;
                }
            };
            if name == "help" {
                out.help = true;
                continue;
            }
            if !accepted.contains(&name) {
                return Err(format!("option « {} » sans objet ici", clean(a)));
            }
            if name == "strict" || name == "positions" {
                if name == "strict" {
                    out.strict = true;
                } else {
                    out.positions = true;
                }
                continue;
            }
            let slot = match name {
                "contributions" => &mut out.table,
                "sortie" => &mut out.output,
                _ => &mut out.report,
            };
            match it.next() {
                Some(v) if slot.is_none() => *slot = Some(v.clone()),
                Some(_) => return Err(format!("une seule option « {} » est possible", clean(a))),
                None => return Err(format!("« {} » doit être suivi d'un fichier", clean(a))),
            }
        }
        Ok(out)
    }

    /// A file's bytes, refused past the size limit.
    fn read(path: &str) -> Result<Vec<u8>, String> {
        let size = std::fs::metadata(path)
            .map_err(|e| format!("{path} : lecture impossible : {e}"))?
            .len();
        if size > MAX_INPUT_BYTES as u64 {
            return Err(format!(
                "{path} : fichier de {} Mo, au-delà de la limite de {} Mo",
                size.div_ceil(1024 * 1024),
                MAX_INPUT_BYTES / (1024 * 1024)
            ));
        }
        std::fs::read(path).map_err(|e| format!("{path} : lecture impossible : {e}"))
    }

    /// An outline (decoded like a table when it is not UTF-8) and, optionally, its table,
    /// through the library's one load path.
    fn load(path: &str, table_path: Option<&str>) -> Result<Loaded, String> {
        if path.to_ascii_lowercase().ends_with(".csv") {
            return Err(format!(
                "{path} : un tableau de contributions se lit avec le plan de sa motion : carte-mentale check PLAN.md --contributions {path}"
            ));
        }
        let (outline, encoding) = table::decode(&read(path)?);
        let sheet = match table_path {
            Some(t) => Some((table::read_bytes(&read(t)?, t), t)),
            None => None,
        };
        let mut loaded = model::load_sheet(&outline, path, sheet);
        if let Some(d) = encoding {
            loaded.diagnostics.insert(
                0,
                FileDiagnostic {
                    file: path.to_string(),
                    diagnostic: d,
                },
            );
        }
        Ok(loaded)
    }

    fn plural(n: usize, one: &str, many: &str) -> String {
        format!("{n} {}", if n == 1 { one } else { many })
    }

    fn summary(m: &Motion) -> String {
        let levers: usize = m.axes.iter().map(|a| a.levers.len()).sum();
        format!(
            "1 motion, {}, {}, {}",
            plural(m.axes.len(), "axe", "axes"),
            plural(levers, "levier", "leviers"),
            plural(m.contributions.len(), "contribution", "contributions")
        )
    }

    /// (errors, warnings) of one file.
    fn tally(l: &Loaded, file: &str) -> (usize, usize) {
        let of = l.diagnostics.iter().filter(|d| d.file == file);
        let errors = of
            .clone()
            .filter(|d| d.diagnostic.severity == Severity::Error)
            .count();
        (errors, of.count() - errors)
    }

    /// « 2 erreurs, 1 avertissement » (only the non-zero counts).
    fn counts((errors, warnings): (usize, usize)) -> String {
        let mut parts = Vec::new();
        if errors > 0 {
            parts.push(plural(errors, "erreur", "erreurs"));
        }
        if warnings > 0 {
            parts.push(plural(warnings, "avertissement", "avertissements"));
        }
        parts.join(", ")
    }

    fn unclassified_note(m: &Motion) -> String {
        let apart = m
            .contributions
            .iter()
            .filter(|c| c.levers.is_empty())
            .count();
        if apart == 0 {
            return String::new();
        }
        format!(
            " dont {apart} non classée{} à confirmer",
            if apart > 1 { "s" } else { "" }
        )
    }

    fn write(path: &str, text: &str) -> Result<(), String> {
        std::fs::write(path, text).map_err(|e| format!("{path} : écriture impossible : {e}"))
    }

    fn check(args: Args) -> i32 {
        if args.files.is_empty() {
            return usage("« check » attend au moins un fichier", HELP_CHECK);
        }
        let mut code = 0;
        for path in &args.files {
            let loaded = match load(path, args.table.as_deref()) {
                Ok(l) => l,
                Err(e) => {
                    tell(&e);
                    code = 1;
                    continue;
                }
            };
            for d in &loaded.diagnostics {
                say(&d.render());
            }
            let own = tally(&loaded, path);
            if own.0 > 0 {
                code = 1;
                say(&format!(
                    "{path} : {} ; à corriger avant affichage",
                    counts(own)
                ));
                continue;
            }
            let Some(motion) = &loaded.motion else {
                // The outline is fine: the table has the errors.
                let t = args.table.as_deref().unwrap_or_default();
                code = 1;
                say(&format!(
                    "{t} : {} ; à corriger avant affichage",
                    counts(tally(&loaded, t))
                ));
                continue;
            };
            match &args.table {
                Some(t) => say(&format!(
                    "{path} + {t} : {}{}",
                    summary(motion),
                    unclassified_note(motion)
                )),
                None => say(&format!("{path} : {}", summary(motion))),
            }
            let warnings = loaded.diagnostics.len();
            if args.strict && warnings > 0 {
                code = 1;
                say(&format!(
                    "{path} : {} : refusé avec --strict",
                    plural(warnings, "avertissement", "avertissements")
                ));
            }
        }
        code
    }

    fn convert(args: Args) -> i32 {
        let input = match args.files.as_slice() {
            [one] => one,
            [] => return usage("« convert » attend le fichier à convertir", HELP_CONVERT),
            [_, extra, ..] => {
                return usage(
                    &format!("argument en trop : « {} »", clean(extra)),
                    HELP_CONVERT,
                );
            }
        };
        let loaded = match load(input, args.table.as_deref()) {
            Ok(l) => l,
            Err(e) => {
                tell(&e);
                return 1;
            }
        };
        for d in &loaded.diagnostics {
            tell(&d.render());
        }
        let Some(motion) = &loaded.motion else {
            let file = args
                .table
                .as_deref()
                .filter(|_| tally(&loaded, input).0 == 0);
            tell(&format!(
                "{} : conversion refusée, corrigez d'abord les erreurs",
                file.unwrap_or(input)
            ));
            return 1;
        };
        let json = if args.positions {
            json::to_json(&with_saved_layout(motion.clone()))
        } else {
            json::to_json(motion)
        };
        emit(&json, args.output.as_deref(), &summary(motion))
    }

    /// Writes `text` to `output` (then says `note` on stderr), or to stdout.
    fn emit(text: &str, output: Option<&str>, note: &str) -> i32 {
        match output {
            None => {
                print!("{text}");
                0
            }
            Some(out) => match write(out, text) {
                Ok(()) => {
                    tell(&format!("{out} : {note}"));
                    0
                }
                Err(e) => {
                    tell(&e);
                    1
                }
            },
        }
    }

    /// The report of `build`: what became of the rows, then every diagnostic with its line.
    fn report(loaded: &Loaded, outline: &str, table_path: Option<&str>) -> String {
        let mut r = String::from("Rapport de construction de la carte\n\n");
        r += &format!("Plan : {outline}\n");
        match (table_path, &loaded.table) {
            (Some(t), Some(rep)) => {
                r += &format!("Tableau : {t}\n");
                r += &format!("Lignes lues (hors en-tête) : {}\n", rep.rows);
                r += &format!(
                    "Contributions : {} ({} classée{}, {} non classée{})\n",
                    rep.contributions,
                    rep.classified,
                    if rep.classified > 1 { "s" } else { "" },
                    rep.unclassified,
                    if rep.unclassified > 1 { "s" } else { "" },
                );
                r += &format!(
                    "Lignes ajoutant un levier à une contribution déjà lue : {}\n",
                    rep.merged
                );
                r += &format!("Lignes écartées : {}\n", rep.set_aside);
            }
            (Some(t), None) => {
                r += &format!("Tableau : {t} (non lu : le plan contient des erreurs)\n")
            }
            (None, _) => r += "Tableau : aucun (les contributions viennent du plan)\n",
        }
        if let Some(m) = &loaded.motion {
            r += &format!("Carte : {}\n", summary(m));
        } else {
            r += "Carte : refusée, corrigez d'abord les erreurs\n";
        }
        let errors = loaded
            .diagnostics
            .iter()
            .filter(|d| d.diagnostic.severity == Severity::Error)
            .count();
        r += &format!(
            "\n{} et {} :\n",
            plural(errors, "erreur", "erreurs"),
            plural(
                loaded.diagnostics.len() - errors,
                "avertissement",
                "avertissements"
            )
        );
        for d in &loaded.diagnostics {
            r += &clean(&d.render());
            r.push('\n');
        }
        r
    }

    fn build(args: Args) -> i32 {
        let (outline, table_path) = match args.files.as_slice() {
            [o] => (o, args.table.as_deref()),
            [o, t] if args.table.is_none() => (o, Some(t.as_str())),
            [] => return usage("« build » attend le plan de la motion", HELP_BUILD),
            _ => return usage("« build » attend un plan et au plus un tableau", HELP_BUILD),
        };
        let loaded = match load(outline, table_path) {
            Ok(l) => l,
            Err(e) => {
                tell(&e);
                return 1;
            }
        };
        let text = report(&loaded, outline, table_path);
        match &args.report {
            Some(path) => {
                if let Err(e) = write(path, &text) {
                    tell(&e);
                    return 1;
                }
            }
            None => eprint!("{text}"),
        }
        let Some(motion) = &loaded.motion else {
            tell(&format!(
                "{outline} : construction refusée, corrigez d'abord les erreurs"
            ));
            return 1;
        };
        if args.strict && !loaded.diagnostics.is_empty() {
            tell(&format!(
                "{outline} : {} : construction refusée avec --strict",
                plural(loaded.diagnostics.len(), "avertissement", "avertissements")
            ));
            return 1;
        }
        // The settled positions of the map as it opens, with the engine's version: the viewer
        // paints them at once (for an element of another shape, stretched to it).
        let motion = with_saved_layout(motion.clone());
        let json = json::to_json(&motion);
        emit(&json, args.output.as_deref(), &summary(&motion))
    }

    fn suggest(args: Args) -> i32 {
        let [outline, table_path] = args.files.as_slice() else {
            return usage(
                "« suggest » attend le plan de la motion puis le tableau des contributions",
                HELP_SUGGEST,
            );
        };
        let loaded = match load(outline, Some(table_path)) {
            Ok(l) => l,
            Err(e) => {
                tell(&e);
                return 1;
            }
        };
        for d in loaded
            .diagnostics
            .iter()
            .filter(|d| d.diagnostic.severity == Severity::Error)
        {
            tell(&d.render());
        }
        let (Some(motion), Some(rep)) = (&loaded.motion, &loaded.table) else {
            tell(&format!(
                "{table_path} : propositions impossibles, corrigez d'abord les erreurs"
            ));
            return 1;
        };
        let mut csv = String::new();
        let header = [
            "ligne",
            "id",
            "contribution",
            "levier",
            "titre",
            "score",
            "levier 2",
            "titre 2",
            "score 2",
            "levier 3",
            "titre 3",
            "score 3",
        ];
        csv += &header.join(",");
        csv += "\r\n";
        for u in &rep.unclassified_rows {
            let c = &motion.contributions[u.index];
            let mut cells = vec![u.line.to_string(), c.id.clone(), c.text.clone()];
            for s in table::suggest(motion, &c.text, u.axis, 3) {
                cells.push(s.lever);
                cells.push(s.title);
                cells.push(format!("{:.2}", s.score).replace('.', ","));
            }
            cells.resize(header.len(), String::new());
            for (k, cell) in cells.iter().enumerate() {
                if k > 0 {
                    csv.push(',');
                }
                model::export::push_cell(&mut csv, cell);
            }
            csv += "\r\n";
        }
        let note = format!(
            "{} proposées",
            plural(
                rep.unclassified_rows.len(),
                "contribution non classée",
                "contributions non classées"
            )
        );
        emit(&csv, args.output.as_deref(), &note)
    }

    fn synthetic(args: Args) -> i32 {
        let Some(n) = args.files.first().and_then(|n| n.parse::<usize>().ok()) else {
            return usage("« synthetique » attend un nombre de contributions", HELP);
        };
        if args.files.len() > 1 {
            return usage("usage : carte-mentale synthetique N [-o SORTIE]", HELP);
        }
        let motion = model::synthetic::synthetic_motion(n, 1);
        emit(
            &json::to_json(&motion),
            args.output.as_deref(),
            &summary(&motion),
        )
    }

    fn usage(problem: &str, help: &str) -> i32 {
        tell(problem);
        eprintln!("\n{help}");
        2
    }

    pub fn run(args: Vec<String>) -> i32 {
        let Some(command) = args.first() else {
            return usage("commande manquante", HELP);
        };
        let (accepted, help, run): (&[&str], &str, fn(Args) -> i32) = match command.as_str() {
            "--help" | "-h" | "aide" | "--aide" => {
                println!("{HELP}");
                return 0;
            }
            "check" => (&["contributions", "strict"], HELP_CHECK, check),
            "convert" => (
                &["contributions", "sortie", "positions"],
                HELP_CONVERT,
                convert,
            ),
            "build" => (
                &["contributions", "sortie", "rapport", "strict"],
                HELP_BUILD,
                build,
            ),
            "suggest" => (&["sortie"], HELP_SUGGEST, suggest),
            "synthetique" => (&["sortie"], HELP, synthetic),
            other => {
                return usage(&format!("commande inconnue : « {} »", clean(other)), HELP);
            }
        };
        match parse_args(&args[1..], accepted) {
            Ok(a) if a.help => {
                println!("{help}");
                0
            }
            Ok(a) => run(a),
            Err(e) => usage(&e, help),
        }
    }
}
