//! The project's own JSON format, version 1 (schema: `assets/schema/carte-mentale-v1.schema.json`,
//! documented in `docs/format.md`):
//!
//! ```json
//! { "format": "carte-mentale", "version": 1, "motion": { "id": "…", "title": "…", "axes": […], "contributions": […] } }
//! ```

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use super::{Diagnostic, Motion, Parsed, is_safe_href};

pub const FORMAT: &str = "carte-mentale";
pub const VERSION: u32 = 1;

#[derive(Serialize)]
struct DocumentOut<'a> {
    format: &'static str,
    version: u32,
    motion: &'a Motion,
}

#[derive(Deserialize)]
struct Header {
    format: Option<serde_json::Value>,
    version: Option<serde_json::Value>,
    motion: Option<serde_json::Value>,
}

#[derive(Deserialize)]
struct Document {
    motion: Motion,
}

/// Writes a motion in the carte-mentale JSON format (pretty-printed, stable order, final newline).
pub fn to_json(motion: &Motion) -> String {
    let doc = DocumentOut {
        format: FORMAT,
        version: VERSION,
        motion,
    };
    let mut s = serde_json::to_string_pretty(&doc).unwrap_or_default();
    s.push('\n');
    s
}

/// Parses a document in the carte-mentale JSON format.
pub fn parse_json(input: &str) -> Parsed<Motion> {
    let input = input.strip_prefix('\u{feff}').unwrap_or(input);
    let mut out = Parsed {
        value: None,
        diagnostics: Vec::new(),
    };
    if input.trim().is_empty() {
        out.diagnostics.push(Diagnostic::error(
            1,
            1,
            "fichier vide : une motion au format JSON est attendue",
        ));
        return out;
    }
    let header: Header = match serde_json::from_str(input) {
        Ok(h) => h,
        Err(e) => {
            out.diagnostics.push(serde_error(&e));
            return out;
        }
    };
    match header.format.as_ref().and_then(|v| v.as_str()) {
        Some(FORMAT) => {}
        Some(other) => out.diagnostics.push(at(
            input,
            "\"format\"",
            format!("format « {other} » inconnu : « {FORMAT} » est attendu"),
        )),
        None => out.diagnostics.push(Diagnostic::error(
            1,
            1,
            format!("champ « format » manquant : ajoutez \"format\": \"{FORMAT}\""),
        )),
    }
    match header.version.as_ref().and_then(|v| v.as_u64()) {
        Some(v) if v == VERSION as u64 => {}
        Some(v) => out.diagnostics.push(at(
            input,
            "\"version\"",
            format!("version {v} non prise en charge : seule la version {VERSION} est lue"),
        )),
        None => out.diagnostics.push(Diagnostic::error(
            1,
            1,
            format!("champ « version » manquant ou invalide : ajoutez \"version\": {VERSION}"),
        )),
    }
    if header.motion.is_none() {
        out.diagnostics.push(Diagnostic::error(
            1,
            1,
            "champ « motion » manquant : le document doit contenir la motion",
        ));
    }
    if out.has_errors() {
        return out;
    }
    let mut motion = match serde_json::from_str::<Document>(input) {
        Ok(d) => d.motion,
        Err(e) => {
            out.diagnostics.push(serde_error(&e));
            return out;
        }
    };
    check(input, &mut motion, &mut out.diagnostics);
    out.value = Some(motion);
    out
}

/// Checks what serde cannot: ids, references, ranges, links. Fixes what can be fixed (drops
/// unsafe links) and reports everything.
fn check(input: &str, m: &mut Motion, d: &mut Vec<Diagnostic>) {
    let find = |needle: &str| at(input, needle, String::new());
    let err = |needle: &str, msg: String, d: &mut Vec<Diagnostic>| {
        let mut diag = find(needle);
        diag.message = msg;
        d.push(diag);
    };
    if m.title.trim().is_empty() {
        err("\"title\"", "le titre de la motion est vide".into(), d);
    }
    if m.axes.is_empty() {
        err(
            "\"axes\"",
            "aucun axe : la motion doit avoir au moins un axe".into(),
            d,
        );
    }
    let mut ids: HashSet<&str> = HashSet::new();
    let mut levers: HashSet<&str> = HashSet::new();
    let mut dup = Vec::new();
    for axis in &m.axes {
        if !ids.insert(&axis.id) {
            dup.push(axis.id.clone());
        }
        if axis.title.trim().is_empty() {
            err(
                &format!("\"{}\"", axis.id),
                format!("l'axe « {} » n'a pas de titre", axis.id),
                d,
            );
        }
        if axis.levers.is_empty() {
            let mut w = find(&format!("\"{}\"", axis.id));
            w.severity = super::Severity::Warning;
            w.message = format!("l'axe « {} » n'a aucun levier", axis.title);
            d.push(w);
        }
        for lever in &axis.levers {
            if !ids.insert(&lever.id) {
                dup.push(lever.id.clone());
            }
            levers.insert(&lever.id);
            if lever.title.trim().is_empty() {
                err(
                    &format!("\"{}\"", lever.id),
                    format!("le levier « {} » n'a pas de titre", lever.id),
                    d,
                );
            }
        }
    }
    for c in &m.contributions {
        if !ids.insert(&c.id) {
            dup.push(c.id.clone());
        }
    }
    let all_ids = std::iter::once(m.id.as_str())
        .chain(m.axes.iter().map(|a| a.id.as_str()))
        .chain(
            m.axes
                .iter()
                .flat_map(|a| a.levers.iter().map(|l| l.id.as_str())),
        )
        .chain(m.contributions.iter().map(|c| c.id.as_str()));
    let empty = all_ids.filter(|id| id.trim().is_empty()).count();
    if empty > 0 {
        let (line, column) = empty_id_places(input).next().unwrap_or((1, 1));
        d.push(Diagnostic::error(
            line,
            column,
            format!("identifiant vide ({empty} en tout) : chaque axe, levier et contribution a besoin d'un identifiant, par exemple \"a1\", \"a1-l1\", \"c1\""),
        ));
    }
    if let Some(y) = m.year
        && !is_plausible_year(y)
    {
        let mut w = find("\"year\"");
        w.severity = super::Severity::Warning;
        w.message = format!(
            "année {y} peu plausible pour la motion : entre {} et {} attendue",
            YEARS.start(),
            YEARS.end()
        );
        d.push(w);
    }
    for id in dup {
        // The mistake is the second use: point there.
        let needle = format!("\"{id}\"");
        let (line, column) = input.rfind(&needle).map_or((1, 1), |i| line_col(input, i));
        d.push(Diagnostic::error(
            line,
            column,
            format!("identifiant « {id} » utilisé plusieurs fois : chaque axe, levier et contribution doit avoir le sien"),
        ));
    }
    let mut warnings = Vec::new();
    for c in &mut m.contributions {
        let here = format!("\"{}\"", c.id);
        if c.text.trim().is_empty() {
            err(
                &here,
                format!("la contribution « {} » n'a pas de texte", c.id),
                d,
            );
        }
        for l in &c.levers {
            if !levers.contains(l.as_str()) {
                err(
                    &format!("\"{l}\""),
                    format!(
                        "la contribution « {} » renvoie au levier « {l} », qui n'existe pas",
                        c.id
                    ),
                    d,
                );
            }
        }
        let mut seen = HashSet::new();
        let before = c.levers.len();
        c.levers.retain(|l| seen.insert(l.clone()));
        if c.levers.len() != before {
            warnings.push((
                here.clone(),
                format!(
                    "la contribution « {} » cite plusieurs fois le même levier : compté une fois",
                    c.id
                ),
            ));
        }
        if let Some(y) = c.year
            && !is_plausible_year(y)
        {
            warnings.push((
                here.clone(),
                format!(
                    "année {y} peu plausible pour « {} » : entre {} et {} attendue",
                    c.id,
                    YEARS.start(),
                    YEARS.end()
                ),
            ));
        }
        if c.levers.is_empty() {
            warnings.push((here.clone(), format!("la contribution « {} » n'est rattachée à aucun levier : elle sera affichée comme non classée", c.id)));
        }
        if let Some(label) = c.label
            && !(1..=5).contains(&label)
        {
            err(
                &here,
                format!(
                    "label {label} invalide pour « {} » : de 1 à 5 arobases",
                    c.id
                ),
                d,
            );
        }
        if let Some(dep) = &c.department
            && !is_department(dep)
        {
            warnings.push((here.clone(), format!("département « {dep} » inattendu pour « {} » : un code comme 94, 2A ou 971 est attendu", c.id)));
        }
        for link in c.links.iter().filter(|l| !is_safe_href(&l.href)) {
            // Point at the address itself when it is written plainly, else at the contribution.
            let written = serde_json::to_string(&link.href).unwrap_or_default();
            let needle = if input.contains(&written) {
                written
            } else {
                here.clone()
            };
            warnings.push((
                needle,
                format!(
                    "lien « {} » ignoré dans « {} » : seules les adresses http(s) et mailto sont acceptées",
                    link.href, c.id
                ),
            ));
        }
        c.links.retain(|l| is_safe_href(&l.href));
    }
    for (needle, msg) in warnings {
        let mut w = find(&needle);
        w.severity = super::Severity::Warning;
        w.message = msg;
        d.push(w);
    }
    // Reading order; stable, so what is found at one place keeps its order.
    crate::model::order::sort_by_key(d, |x| (u128::from(x.line) << 32) | u128::from(x.column));
}

/// The years a motion or a contribution may carry (the congress is recent; 1850 is a typo).
pub const YEARS: std::ops::RangeInclusive<u16> = 1990..=2100;

pub fn is_plausible_year(y: u16) -> bool {
    YEARS.contains(&y)
}

/// Places of `"id": ""` (any spacing) in the source.
fn empty_id_places(input: &str) -> impl Iterator<Item = (u32, u32)> + '_ {
    input.match_indices("\"id\"").filter_map(move |(i, key)| {
        let rest = input[i + key.len()..].trim_start().strip_prefix(':')?;
        let value = rest.trim_start();
        (value.starts_with("\"\"") || value.starts_with("\" \"")).then(|| line_col(input, i))
    })
}

/// A French department code: 01–95, 2A, 2B, 971–976.
pub fn is_department(s: &str) -> bool {
    let s = s.trim();
    let digits = s.chars().all(|c| c.is_ascii_digit());
    (digits && (s.len() == 2 || s.len() == 3))
        || s.eq_ignore_ascii_case("2A")
        || s.eq_ignore_ascii_case("2B")
}

/// An error located at the first occurrence of `needle` in the source (line 1 when absent).
fn at(input: &str, needle: &str, message: String) -> Diagnostic {
    let (line, column) = match input.find(needle) {
        Some(i) => line_col(input, i),
        None => (1, 1),
    };
    Diagnostic::error(line, column, message)
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_col(input: &str, offset: usize) -> (u32, u32) {
    let before = &input[..offset.min(input.len())];
    let line = before.matches('\n').count() as u32 + 1;
    let start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[start..].chars().count() as u32 + 1;
    (line, column)
}

/// serde_json's error in plain French, with its line and column.
fn serde_error(e: &serde_json::Error) -> Diagnostic {
    let raw = e.to_string();
    let detail = raw.split(" at line ").next().unwrap_or(&raw).to_string();
    let message = match e.classify() {
        serde_json::error::Category::Eof => "JSON incomplet : le fichier se termine avant la fin du document (accolade ou crochet fermant manquant ?)".to_string(),
        serde_json::error::Category::Syntax => format!("JSON invalide : {}", translate(&detail)),
        serde_json::error::Category::Data => translate(&detail),
        serde_json::error::Category::Io => format!("lecture impossible : {detail}"),
    };
    Diagnostic::error(e.line().max(1) as u32, e.column().max(1) as u32, message)
}

/// The common serde_json messages, in French.
fn translate(detail: &str) -> String {
    if let Some(rest) = detail.strip_prefix("missing field ") {
        return format!(
            "champ obligatoire manquant : « {} »",
            rest.trim_matches('`')
        );
    }
    if let Some(rest) = detail.strip_prefix("duplicate field ") {
        return format!("champ en double : « {} »", rest.trim_matches('`'));
    }
    for (prefix, what) in [
        ("invalid type: ", "type inattendu"),
        ("invalid value: ", "valeur invalide"),
    ] {
        if let Some(rest) = detail.strip_prefix(prefix) {
            let (found, expected) = rest.rsplit_once(", expected ").unwrap_or((rest, ""));
            return format!(
                "{what} : il faut {} ici, pas {}",
                kind_of(expected),
                kind_of(found)
            );
        }
    }
    match detail {
        "expected `,` or `}`" => "virgule ou accolade fermante « } » attendue".into(),
        "expected `,` or `]`" => "virgule ou crochet fermant « ] » attendu".into(),
        "expected `:`" => "deux-points « : » attendu après le nom du champ".into(),
        "expected value" => "valeur attendue".into(),
        "key must be a string" => "nom de champ attendu entre guillemets".into(),
        "trailing comma" => "virgule en trop avant la fermeture".into(),
        "trailing characters" => "caractères en trop après la fin du document".into(),
        "EOF while parsing a string" => "chaîne non terminée (guillemet fermant manquant)".into(),
        "control character (\\u0000-\\u001F) found while parsing a string" => {
            "caractère de contrôle dans une chaîne (retour à la ligne non échappé ?)".into()
        }
        "invalid escape" => "séquence d'échappement invalide".into(),
        "expected ident" => "mot-clé inconnu (true, false ou null attendu)".into(),
        other => other.to_string(),
    }
}

/// serde's name of a type or value (`a sequence`, `string "x"`, `integer `300``), in French
/// with its article: « une liste », « un texte ("x") », « un nombre (300) ».
fn kind_of(s: &str) -> String {
    let s = s.trim().trim_end_matches('.');
    let s = s
        .strip_prefix("a ")
        .or_else(|| s.strip_prefix("an "))
        .unwrap_or(s);
    let (kind, value) = s.split_once(' ').unwrap_or((s, ""));
    let value = value.trim_start_matches("point ").trim_matches('`');
    let name = match kind {
        "string" | "str" | "char" => "un texte",
        "u8" => "un nombre entier de 0 à 255",
        "u16" => "un nombre entier de 0 à 65535",
        "u32" | "u64" => "un nombre entier positif",
        "integer" | "floating" | "i32" | "i64" | "f64" => "un nombre",
        "sequence" => "une liste",
        "map" | "struct" => "un objet",
        "boolean" => "un booléen",
        "null" | "unit" => "null",
        _ => return s.to_string(),
    };
    // `struct Motion` names a Rust type, not a value from the file.
    if value.is_empty() || value == "value" || kind == "struct" {
        name.to_string()
    } else {
        format!("{name} ({value})")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Severity;

    const GOOD: &str = r#"{
  "format": "carte-mentale",
  "version": 1,
  "motion": {
    "id": "motion",
    "title": "Motion 2021",
    "axes": [
      { "id": "a1", "title": "Axe", "levers": [ { "id": "a1-l1", "title": "Levier" } ] }
    ],
    "contributions": [
      { "id": "c1", "text": "Texte", "author": "Loïc Damiani", "department": "94", "label": 5, "levers": ["a1-l1"],
        "links": [ { "text": "site", "href": "https://example.org" }, { "text": "x", "href": "javascript:alert(1)" } ] }
    ]
  }
}"#;

    #[test]
    fn reads_a_good_document_and_drops_unsafe_links() {
        let p = parse_json(GOOD);
        assert!(!p.has_errors(), "{:?}", p.diagnostics);
        let m = p.value.unwrap();
        assert_eq!(m.contributions[0].links.len(), 1);
        assert_eq!(p.diagnostics.len(), 1);
        assert_eq!(p.diagnostics[0].severity, Severity::Warning);
        let d = &p.diagnostics[0];
        assert_eq!(d.line, 12);
        let line = GOOD.lines().nth(11).unwrap();
        assert_eq!(
            d.column as usize,
            line.find("\"javascript:").unwrap() + 1,
            "points at the dropped address"
        );
        assert!(d.message.contains("« javascript:alert(1) » ignoré"));
    }

    #[test]
    fn round_trip() {
        let m = parse_json(GOOD).value.unwrap();
        let again = parse_json(&to_json(&m));
        assert!(again.diagnostics.is_empty(), "{:?}", again.diagnostics);
        assert_eq!(again.value.unwrap(), m);
    }

    fn first(input: &str) -> Diagnostic {
        parse_json(input)
            .diagnostics
            .into_iter()
            .next()
            .expect("a diagnostic")
    }

    #[test]
    fn syntax_errors_have_line_and_column_in_french() {
        let d = first("{\n  \"format\": \"carte-mentale\"\n  \"version\": 1\n}");
        assert_eq!((d.line, d.column), (3, 3));
        assert_eq!(
            d.message,
            "JSON invalide : virgule ou accolade fermante « } » attendue"
        );
        let d = first("{ \"format\": \"carte-mentale\", ");
        assert!(d.message.starts_with("JSON incomplet"));
    }

    #[test]
    fn wrong_format_version_and_missing_fields() {
        assert!(
            first(r#"{"format":"autre","version":1,"motion":{}}"#)
                .message
                .contains("format « autre » inconnu")
        );
        assert!(
            first(r#"{"format":"carte-mentale","version":2,"motion":{}}"#)
                .message
                .contains("version 2 non prise en charge")
        );
        let d = first(r#"{"format":"carte-mentale","version":1,"motion":{"id":"m","axes":[]}}"#);
        assert_eq!(d.message, "champ obligatoire manquant : « title »");
        let d = first(
            r#"{"format":"carte-mentale","version":1,"motion":{"id":"m","title":3,"axes":[]}}"#,
        );
        assert_eq!(
            d.message,
            "type inattendu : il faut un texte ici, pas un nombre (3)"
        );
        let d = first(
            r#"{"format":"carte-mentale","version":1,"motion":{"id":"m","title":"t","axes":[{"id":"a","title":"A","levers":"l, m"}]}}"#,
        );
        assert_eq!(
            d.message,
            "type inattendu : il faut une liste ici, pas un texte (\"l, m\")"
        );
        let d = first(
            r#"{"format":"carte-mentale","version":1,"motion":{"id":"m","title":"t","axes":[],"contributions":[{"id":"c","text":"x","label":300}]}}"#,
        );
        assert_eq!(
            d.message,
            "valeur invalide : il faut un nombre entier de 0 à 255 ici, pas un nombre (300)"
        );
    }

    #[test]
    fn semantic_errors() {
        let unknown = GOOD.replace("\"levers\": [\"a1-l1\"]", "\"levers\": [\"a9-l9\"]");
        let d = parse_json(&unknown)
            .diagnostics
            .into_iter()
            .find(|d| d.severity == Severity::Error)
            .unwrap();
        assert!(
            d.message.contains("« a9-l9 », qui n'existe pas"),
            "{}",
            d.message
        );
        assert_eq!(d.line, 11);
        let dup = GOOD.replace("\"id\": \"c1\"", "\"id\": \"a1\"");
        assert!(
            parse_json(&dup)
                .diagnostics
                .iter()
                .any(|d| d.message.contains("« a1 » utilisé plusieurs fois"))
        );
        let label = GOOD.replace("\"label\": 5", "\"label\": 7");
        assert!(
            parse_json(&label)
                .diagnostics
                .iter()
                .any(|d| d.message.contains("label 7 invalide"))
        );
        assert!(parse_json(&label).has_errors());
    }

    #[test]
    fn departments() {
        for ok in ["94", "2A", "2b", "971", "01"] {
            assert!(is_department(ok), "{ok}");
        }
        for bad in ["9", "Val-de-Marne", "9741", ""] {
            assert!(!is_department(bad), "{bad}");
        }
    }
}
