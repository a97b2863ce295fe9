//! The project's own JSON format, version 1 (schema: `assets/schema/carte-mentale-v1.schema.json`,
//! documented in `docs/format.md`):
//!
//! ```json
//! { "format": "carte-mentale", "version": 1, "motion": { "id": "…", "title": "…", "axes": […], "contributions": […] } }
//! ```

mod read;
pub mod value;

use crate::model::order::StrIndex;

use serde::Serialize;

use super::limits::{
    self, MAX_AXES, MAX_CONTRIBUTIONS, MAX_LEVERS_PER_AXIS, MAX_TEXT_CHARS, MAX_TITLE_CHARS,
};
use super::lines::LineIndex;
use super::{Diagnostic, Motion, Parsed, Severity, is_safe_href};
use value::Kind;

pub const FORMAT: &str = "carte-mentale";
pub const VERSION: u32 = 1;

#[derive(Serialize)]
struct DocumentOut<'a> {
    format: &'static str,
    version: u32,
    motion: &'a Motion,
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
    if let Some(d) = limits::check_input_size(input.len()) {
        out.diagnostics.push(d);
        return out;
    }
    if input.trim().is_empty() {
        out.diagnostics.push(Diagnostic::error(
            1,
            1,
            "fichier vide : une motion au format JSON est attendue",
        ));
        return out;
    }
    let root = match value::parse(input) {
        Ok(v) => v,
        Err(e) => {
            let (line, column) = line_col(input, e.at);
            out.diagnostics
                .push(Diagnostic::error(line, column.max(1), e.message));
            return out;
        }
    };
    let mut r = read::Reader::default();
    let Some(doc) = r.object(&root) else {
        refuse(input, r.errors, &mut out.diagnostics);
        return out;
    };
    // The header first: a file of another format or version is not read further.
    let mut f = Found::default();
    let format = r.member(&doc, "format");
    match format.map(|m| (m.at, &m.value.kind)) {
        Some((_, Kind::Str(s))) if s == FORMAT => {}
        Some((at, Kind::Str(other))) => f.error(
            Some(at),
            format!("format « {other} » inconnu : « {FORMAT} » est attendu"),
        ),
        _ => f.error(
            None,
            format!("champ « format » manquant : ajoutez \"format\": \"{FORMAT}\""),
        ),
    }
    let version = r.member(&doc, "version");
    match version.map(|m| (m.at, &m.value.kind)) {
        Some((_, Kind::Number(n))) if n.parse::<u64>() == Ok(VERSION as u64) => {}
        Some((at, Kind::Number(n))) if n.parse::<u64>().is_ok() => f.error(
            Some(at),
            format!("version {n} non prise en charge : seule la version {VERSION} est lue"),
        ),
        _ => f.error(
            None,
            format!("champ « version » manquant ou invalide : ajoutez \"version\": {VERSION}"),
        ),
    }
    let motion = r.get(&doc, "motion");
    if motion.is_none() {
        f.error(
            None,
            "champ « motion » manquant : le document doit contenir la motion".into(),
        );
    }
    if !f.items.is_empty() {
        f.locate(input, &mut out.diagnostics);
        return out;
    }
    let motion = motion.and_then(|m| r.motion(m));
    if !r.errors.is_empty() {
        refuse(input, r.errors, &mut out.diagnostics);
        return out;
    }
    let Some(mut motion) = motion else {
        return out;
    };
    if check(input, &mut motion, &mut out.diagnostics) {
        out.value = Some(motion);
    }
    out
}

/// The reader's errors, in the order of the file, as diagnostics.
fn refuse(input: &str, mut errors: Vec<(usize, String)>, d: &mut Vec<Diagnostic>) {
    crate::model::order::sort_by_key(&mut errors, |e| e.0 as u128);
    let mut f = Found::default();
    for (at, message) in errors {
        f.error(Some(at), message);
    }
    f.locate(input, d);
}

/// Where each string of the source is: the first and last byte offset of every distinct string
/// (keys and values, as written between their quotes), found in one pass over a document already
/// read. Diagnostics look their place up here instead of searching the input.
struct Places<'a> {
    strings: StrIndex<'a>,
    /// The opening quote of each string of `strings`, in the same order.
    at: Vec<usize>,
}

impl<'a> Places<'a> {
    fn new(input: &'a str) -> Places<'a> {
        let b = input.as_bytes();
        let mut strings: Vec<&str> = Vec::new();
        let mut at = Vec::new();
        let mut i = 0;
        while i < b.len() {
            if b[i] != b'"' {
                i += 1;
                continue;
            }
            let open = i;
            i += 1;
            while i < b.len() && b[i] != b'"' {
                // An escape takes the next byte with it (never a quote that ends the string).
                i += if b[i] == b'\\' { 2 } else { 1 };
            }
            let close = i.min(b.len());
            strings.push(&input[open + 1..close]);
            at.push(open);
            i = close + 1;
        }
        Places {
            strings: StrIndex::new(strings),
            at,
        }
    }

    /// Where the string `s` is first written (at its opening quote), escaped as the writer
    /// escapes it.
    fn first(&self, s: &str) -> Option<usize> {
        let i = self.strings.first(value::escape(s).as_str())?;
        Some(self.at[i as usize])
    }

    /// Where the string `s` is last written.
    fn last(&self, s: &str) -> Option<usize> {
        let i = self.strings.last(value::escape(s).as_str())?;
        Some(self.at[i as usize])
    }
}

/// Diagnostics found by byte offset (`None`: the start of the file), located at the end with one
/// line index.
#[derive(Default)]
struct Found {
    items: Vec<(Option<usize>, Severity, String)>,
}

impl Found {
    fn error(&mut self, at: Option<usize>, message: String) {
        self.items.push((at, Severity::Error, message));
    }

    fn warning(&mut self, at: Option<usize>, message: String) {
        self.items.push((at, Severity::Warning, message));
    }

    fn locate(self, input: &str, d: &mut Vec<Diagnostic>) {
        let lines = LineIndex::new(input);
        d.extend(self.items.into_iter().map(|(at, severity, message)| {
            let (line, column) = at.map_or((1, 1), |i| lines.line_col(i));
            Diagnostic {
                severity,
                line,
                column,
                message,
            }
        }));
    }
}

/// Refuses what is over the documented limits (`model::limits`) and cuts texts that are too
/// long, with a message naming the limit. Returns false when the motion is refused.
fn check_limits(m: &mut Motion, places: &Places, f: &mut Found) -> bool {
    let mut ok = true;
    let counts = [
        (m.contributions.len(), MAX_CONTRIBUTIONS, "contributions"),
        (m.axes.len(), MAX_AXES, "axes"),
    ];
    for (count, max, what) in counts {
        if let Some(msg) = limits::check_count(count, max, what) {
            f.error(places.first(what), msg);
            ok = false;
        }
    }
    for axis in &m.axes {
        let what = format!("leviers dans l'axe « {} »", axis.id);
        if let Some(msg) = limits::check_count(axis.levers.len(), MAX_LEVERS_PER_AXIS, &what) {
            f.error(places.first(&axis.id), msg);
            ok = false;
        }
    }
    if !ok {
        return false;
    }
    let mut cut = |text: &mut String, max: usize, at: &str, what: String| {
        if let Some(had) = limits::cut(text, max) {
            f.warning(places.first(at), limits::cut_message(&what, had, max));
        }
    };
    cut(
        &mut m.title,
        MAX_TITLE_CHARS,
        "title",
        "le titre de la motion".into(),
    );
    cut(
        &mut m.description,
        MAX_TEXT_CHARS,
        "description",
        "le préambule".into(),
    );
    for axis in &mut m.axes {
        let id = axis.id.clone();
        cut(
            &mut axis.title,
            MAX_TITLE_CHARS,
            &id,
            format!("le titre de l'axe « {id} »"),
        );
        cut(
            &mut axis.description,
            MAX_TEXT_CHARS,
            &id,
            format!("la description de l'axe « {id} »"),
        );
        for lever in &mut axis.levers {
            let id = lever.id.clone();
            cut(
                &mut lever.title,
                MAX_TITLE_CHARS,
                &id,
                format!("le titre du levier « {id} »"),
            );
            cut(
                &mut lever.description,
                MAX_TEXT_CHARS,
                &id,
                format!("la description du levier « {id} »"),
            );
        }
    }
    for c in &mut m.contributions {
        let id = c.id.clone();
        cut(
            &mut c.text,
            MAX_TEXT_CHARS,
            &id,
            format!("le texte de « {id} »"),
        );
        for (field, name) in [
            (&mut c.author, "l'auteur"),
            (&mut c.role, "la fonction"),
            (&mut c.collectivity, "la collectivité"),
        ] {
            if let Some(v) = field {
                cut(v, MAX_TITLE_CHARS, &id, format!("{name} de « {id} »"));
            }
        }
    }
    true
}

/// Checks what serde cannot: limits, ids, references, ranges, links. Fixes what can be fixed
/// (drops unsafe links, cuts long texts) and reports everything. Linear in the input: places are
/// looked up in one index of the source's strings and located with one line index. Returns false
/// when the motion is refused (over a limit).
fn check(input: &str, m: &mut Motion, d: &mut Vec<Diagnostic>) -> bool {
    let places = Places::new(input);
    let mut f = Found::default();
    let ok = check_limits(m, &places, &mut f);
    if ok {
        check_motion(input, m, &places, &mut f);
    }
    f.locate(input, d);
    // Reading order; stable, so what is found at one place keeps its order.
    crate::model::order::sort_by_key(d, |x| (u128::from(x.line) << 32) | u128::from(x.column));
    ok
}

fn check_motion(input: &str, m: &mut Motion, places: &Places, f: &mut Found) {
    if m.title.trim().is_empty() {
        f.error(
            places.first("title"),
            "le titre de la motion est vide".into(),
        );
    }
    if m.axes.is_empty() {
        f.error(
            places.first("axes"),
            "aucun axe : la motion doit avoir au moins un axe".into(),
        );
    }
    for axis in &m.axes {
        if axis.title.trim().is_empty() {
            f.error(
                places.first(&axis.id),
                format!("l'axe « {} » n'a pas de titre", axis.id),
            );
        }
        if axis.levers.is_empty() {
            f.warning(
                places.first(&axis.id),
                format!("l'axe « {} » n'a aucun levier", axis.title),
            );
        }
        for lever in &axis.levers {
            if lever.title.trim().is_empty() {
                f.error(
                    places.first(&lever.id),
                    format!("le levier « {} » n'a pas de titre", lever.id),
                );
            }
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
        f.error(
            empty_id_place(input),
            format!("identifiant vide ({empty} en tout) : chaque axe, levier et contribution a besoin d'un identifiant, par exemple \"a1\", \"a1-l1\", \"c1\""),
        );
    }
    if let Some(y) = m.year
        && !is_plausible_year(y)
    {
        f.warning(
            places.first("year"),
            format!(
                "année {y} peu plausible pour la motion : entre {} et {} attendue",
                YEARS.start(),
                YEARS.end()
            ),
        );
    }
    // Every id of an axis, lever and contribution, in the order they are written.
    let ids = StrIndex::new(
        m.axes
            .iter()
            .flat_map(|a| std::iter::once(&a.id).chain(a.levers.iter().map(|l| &l.id)))
            .chain(m.contributions.iter().map(|c| &c.id))
            .map(String::as_str)
            .collect(),
    );
    let levers = StrIndex::new(
        m.axes
            .iter()
            .flat_map(|a| a.levers.iter().map(|l| l.id.as_str()))
            .collect(),
    );
    // One message per repeated id, however many times it is repeated.
    let repeats = ids.repeats();
    let mut told = vec![false; repeats.len()];
    for i in (0..repeats.len()).filter(|&i| repeats[i]) {
        let id = ids.key(i);
        let first = ids.first(id).unwrap_or(i as u32) as usize;
        if std::mem::replace(&mut told[first], true) {
            continue;
        }
        let n = ids.count(id);
        let times = match n {
            2 => "plusieurs fois".to_string(),
            n => format!("{} fois", limits::thousands(n)),
        };
        // The mistake is a later use: point at the last one.
        f.error(
            places.last(id),
            format!("identifiant « {id} » utilisé {times} : chaque axe, levier et contribution doit avoir le sien"),
        );
    }
    let mut warnings = Vec::new();
    let axis_ids = StrIndex::new(m.axes.iter().map(|a| a.id.as_str()).collect());
    for c in &mut m.contributions {
        let here = places.first(&c.id);
        if c.text.trim().is_empty() {
            f.error(
                here,
                format!("la contribution « {} » n'a pas de texte", c.id),
            );
        }
        for l in &c.levers {
            if !levers.contains(l.as_str()) {
                f.error(
                    places.first(l),
                    format!(
                        "la contribution « {} » renvoie au levier « {l} », qui n'existe pas",
                        c.id
                    ),
                );
            }
        }
        let repeats = StrIndex::new(c.levers.iter().map(String::as_str).collect()).repeats();
        if repeats.contains(&true) {
            let mut i = 0;
            c.levers.retain(|_| {
                i += 1;
                !repeats[i - 1]
            });
            warnings.push((
                here,
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
                here,
                format!(
                    "année {y} peu plausible pour « {} » : entre {} et {} attendue",
                    c.id,
                    YEARS.start(),
                    YEARS.end()
                ),
            ));
        }
        if let Some(a) = &c.axis
            && !axis_ids.contains(a.as_str())
        {
            warnings.push((here, format!("la contribution « {} » renvoie à l'axe « {a} », qui n'existe pas : elle sera rangée dans les non classées de la motion", c.id)));
            c.axis = None;
        }
        if c.levers.is_empty() {
            warnings.push((here, format!("la contribution « {} » n'est rattachée à aucun levier : elle sera affichée comme non classée", c.id)));
        }
        if let Some(label) = c.label
            && !(1..=5).contains(&label)
        {
            f.error(
                here,
                format!(
                    "label {label} invalide pour « {} » : de 1 à 5 arobases",
                    c.id
                ),
            );
        }
        if let Some(dep) = &c.department
            && !is_department(dep)
        {
            warnings.push((here, format!("département « {dep} » inattendu pour « {} » : un code comme 94, 2A ou 971 est attendu", c.id)));
        }
        for link in c.links.iter().filter(|l| !is_safe_href(&l.href)) {
            // Point at the address itself when it is written plainly, else at the contribution.
            warnings.push((
                places.first(&link.href).or(here),
                format!(
                    "lien « {} » ignoré dans « {} » : seules les adresses http(s) et mailto sont acceptées",
                    link.href, c.id
                ),
            ));
        }
        c.links.retain(|l| is_safe_href(&l.href));
        if let Some(list) = &mut c.proposals {
            for p in list.iter().filter(|p| !levers.contains(p.lever.as_str())) {
                warnings.push((
                    places.first(&p.lever).or(here),
                    format!(
                        "proposition du levier « {} » ignorée pour « {} » : ce levier n'existe pas",
                        p.lever, c.id
                    ),
                ));
            }
            list.retain(|p| levers.contains(p.lever.as_str()));
        }
    }
    // Links of the motion, axes and levers: the same allow-list as a contribution's.
    let mut keep = |id: &str, links: &mut Vec<super::Link>| {
        for l in links.iter().filter(|l| !is_safe_href(&l.href)) {
            warnings.push((
                places.first(&l.href).or(places.first(id)),
                format!(
                    "lien « {} » ignoré dans « {id} » : seules les adresses http(s) et mailto sont acceptées",
                    l.href
                ),
            ));
        }
        links.retain(|l| is_safe_href(&l.href));
    };
    keep(&m.id, &mut m.links);
    for a in &mut m.axes {
        keep(&a.id, &mut a.links);
        for l in &mut a.levers {
            keep(&l.id, &mut l.links);
        }
    }
    for (at, msg) in warnings {
        f.warning(at, msg);
    }
}

/// The years a motion or a contribution may carry (the congress is recent; 1850 is a typo).
pub const YEARS: std::ops::RangeInclusive<u16> = 1990..=2100;

pub fn is_plausible_year(y: u16) -> bool {
    YEARS.contains(&y)
}

/// The first place of `"id": ""` (any spacing) in the source.
fn empty_id_place(input: &str) -> Option<usize> {
    input.match_indices("\"id\"").find_map(|(i, key)| {
        let rest = input[i + key.len()..].trim_start().strip_prefix(':')?;
        let value = rest.trim_start();
        (value.starts_with("\"\"") || value.starts_with("\" \"")).then_some(i)
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

/// 1-based line and column (in characters) of a byte offset. For one lookup; many go through
/// one [`LineIndex`].
pub fn line_col(input: &str, offset: usize) -> (u32, u32) {
    LineIndex::new(input).line_col(offset)
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn a_header_field_written_twice_is_an_error() {
        let d = first(
            r#"{"format":"carte-mentale","version":1,"format":"carte-mentale","motion":{"id":"m","title":"t","axes":[]}}"#,
        );
        assert_eq!(d.message, "champ en double : « format »");
        assert_eq!((d.line, d.column), (1, 39), "at the second key");
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
    fn repeated_ids_and_levers() {
        let doc = r#"{"format": "carte-mentale", "version": 1, "motion": {"id": "m", "title": "M",
  "axes": [
  {"id": "x", "title": "X", "levers": [{"id": "l", "title": "L"}, {"id": "k", "title": "K"}]},
  {"id": "l", "title": "Y", "levers": [{"id": "x", "title": "Z"}]}],
  "contributions": [
  {"id": "l", "text": "t", "levers": ["k", "l", "k", "l", "k"]},
  {"id": "c", "text": "u", "levers": ["k"]}]}}"#;
        let parsed = parse_json(doc);
        let repeated: Vec<&str> = parsed
            .diagnostics
            .iter()
            .filter(|d| d.message.starts_with("identifiant"))
            .map(|d| d.message.as_str())
            .collect();
        // One message per id, at its last use, with how many uses: « l » (an axis, a lever,
        // a contribution), « x » (an axis, a lever).
        assert_eq!(repeated.len(), 2, "{:?}", parsed.diagnostics);
        assert!(
            repeated
                .iter()
                .any(|m| m.starts_with("identifiant « l » utilisé 3 fois"))
        );
        assert!(
            repeated
                .iter()
                .any(|m| m.starts_with("identifiant « x » utilisé plusieurs fois"))
        );
        // A lever cited twice counts once, the first citations kept in order.
        let duplicates = GOOD.replace(
            "\"levers\": [\"a1-l1\"]",
            "\"levers\": [\"a1-l1\", \"a1-l1\"]",
        );
        let parsed = parse_json(&duplicates);
        assert!(!parsed.has_errors());
        assert!(
            parsed
                .diagnostics
                .iter()
                .any(|d| d.message.contains("cite plusieurs fois le même levier"))
        );
        let motion = parsed.value.unwrap();
        assert_eq!(motion.contributions[0].levers, ["a1-l1"]);
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
