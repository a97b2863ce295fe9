//! The attribution that ends a contribution item: `« text » — author, role, collectivity
//! (department) @@@@@, year` (docs/format.md §1, « Attribution »).

use crate::model::json::{YEARS, is_department, is_plausible_year};
use crate::model::{Contribution, Diagnostic, Link};

/// Builds a contribution from the text of its item (inline Markdown already reduced) and the
/// links found in it. `place` is the item's line and column, for the warnings.
pub(super) fn contribution(
    item: &str,
    links: Vec<Link>,
    place: (u32, u32),
    d: &mut Vec<Diagnostic>,
) -> Contribution {
    let (text, attribution) = split_attribution(item);
    let mut c = Contribution {
        id: String::new(),
        text: strip_quotes(text),
        author: None,
        role: None,
        collectivity: None,
        department: None,
        year: None,
        label: None,
        levers: Vec::new(),
        axis: None,
        links,
        proposals: None,
    };
    if let Some(a) = attribution {
        parse_attribution(a, &mut c, place, d);
    }
    c
}

/// Splits `« text » — attribution` at the last ` — ` or ` -- ` after the closing quote.
pub fn split_attribution(s: &str) -> (&str, Option<&str>) {
    let from = ["»", "\u{201d}", "\""]
        .iter()
        .filter_map(|q| s.rfind(q).map(|i| i + q.len()))
        .max()
        .unwrap_or(0);
    let tail = &s[from..];
    let found = [" — ", " -- ", " – "]
        .iter()
        .filter_map(|sep| tail.rfind(sep).map(|i| (i, sep.len())))
        .max_by_key(|x| x.0);
    match found {
        Some((i, len)) => (s[..from + i].trim(), Some(s[from + i + len..].trim())),
        None => (s.trim(), None),
    }
}

fn strip_quotes(s: &str) -> String {
    let t = s.trim();
    for (open, close) in [("«", "»"), ("\u{201c}", "\u{201d}"), ("\"", "\"")] {
        if let Some(inner) = t.strip_prefix(open).and_then(|x| x.strip_suffix(close)) {
            return inner
                .trim_matches(|c: char| c.is_whitespace() || c == '\u{a0}' || c == '\u{202f}')
                .to_string();
        }
    }
    t.to_string()
}

/// `author, role, collectivity (dep) @@@@@, year` — every part optional, order fixed.
fn parse_attribution(
    a: &str,
    c: &mut Contribution,
    (line, column): (u32, u32),
    d: &mut Vec<Diagnostic>,
) {
    let mut parts: Vec<String> = a
        .split(',')
        .map(|p| p.trim().to_string())
        .filter(|p| !p.is_empty())
        .collect();
    if let Some(last) = parts.last()
        && last.len() == 4
        && last.chars().all(|ch| ch.is_ascii_digit())
    {
        let y: u16 = last.parse().unwrap_or(0);
        if is_plausible_year(y) {
            c.year = Some(y);
        } else {
            d.push(Diagnostic::warning(
                line,
                column,
                format!(
                    "année {y} peu plausible : ignorée (entre {} et {} attendue)",
                    YEARS.start(),
                    YEARS.end()
                ),
            ));
        }
        parts.pop();
    }
    let dep_at = parts.iter().position(|p| department_of(p).is_some());
    match dep_at {
        Some(i) => {
            let (collectivity, dep, rest) = department_of(&parts[i]).unwrap_or_default();
            c.collectivity = Some(collectivity).filter(|s| !s.is_empty());
            c.department = Some(dep);
            // The label follows the department, in the same part or (liberally) the next one.
            let mut after: Vec<&str> = parts[i + 1..].iter().map(String::as_str).collect();
            let label = if rest.is_empty() && after.first().is_some_and(|p| p.starts_with('@')) {
                after.remove(0).to_string()
            } else {
                rest
            };
            let arobases = label.chars().take_while(|&ch| ch == '@').count();
            let tail = label[arobases..].trim();
            if arobases > 5 {
                let message = format!(
                    "label de {arobases} arobases : le label Villes Internet va de 1 à 5 ; ignoré"
                );
                d.push(Diagnostic::warning(line, column, message));
            } else if arobases > 0 {
                c.label = Some(arobases as u8);
            }
            // `@@@@@2021`: the digits are the year of the label, not of the contribution.
            let label_year = arobases > 0 && tail.chars().all(|ch| ch.is_ascii_digit());
            if !tail.is_empty() && !label_year {
                after.insert(0, tail);
            }
            if !after.is_empty() {
                d.push(Diagnostic::warning(
                    line,
                    column,
                    format!(
                        "attribution : « {} » ignoré ; l'ordre attendu est « auteur, fonction, collectivité (département) @@@, année »",
                        after.join(", ")
                    ),
                ));
            }
            if i > 0 {
                c.author = Some(parts[0].clone());
                if i > 1 {
                    c.role = Some(parts[1..i].join(", "));
                }
            }
        }
        None => {
            let mut it = parts.into_iter();
            c.author = it.next();
            c.role = it.next();
            let rest: Vec<String> = it.collect();
            if !rest.is_empty() {
                c.collectivity = Some(rest.join(", "));
            }
        }
    }
}

/// `Fontenay-sous-Bois (94) @@@@@2021` → ("Fontenay-sous-Bois", "94", "@@@@@2021").
fn department_of(part: &str) -> Option<(String, String, String)> {
    let open = part.rfind('(')?;
    let close = open + part[open..].find(')')?;
    let dep = part[open + 1..close].trim();
    if !is_department(dep) {
        return None;
    }
    Some((
        part[..open].trim().to_string(),
        dep.to_ascii_uppercase(),
        part[close + 1..].trim().to_string(),
    ))
}

/// The first plausible 4-digit year (see [`YEARS`]) standing alone in a text.
pub(super) fn year_in(s: &str) -> Option<u16> {
    let b = s.as_bytes();
    (0..b.len().saturating_sub(3)).find_map(|i| {
        let w = &b[i..i + 4];
        let bounded = (i == 0 || !b[i - 1].is_ascii_digit())
            && (i + 4 == b.len() || !b[i + 4].is_ascii_digit());
        if bounded && w.iter().all(u8::is_ascii_digit) {
            let y: u16 = std::str::from_utf8(w).ok()?.parse().ok()?;
            is_plausible_year(y).then_some(y)
        } else {
            None
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attribution_shapes() {
        let c = |a: &str| {
            let c = contribution(&format!("« t » — {a}"), Vec::new(), (1, 1), &mut Vec::new());
            assert_eq!(c.text, "t");
            (
                c.author,
                c.role,
                c.collectivity,
                c.department,
                c.label,
                c.year,
            )
        };
        assert_eq!(c("Nom"), (Some("Nom".into()), None, None, None, None, None));
        assert_eq!(
            c("Nom, maire, Albi (81), 2020"),
            (
                Some("Nom".into()),
                Some("maire".into()),
                Some("Albi".into()),
                Some("81".into()),
                None,
                Some(2020)
            )
        );
        assert_eq!(
            c("Ajaccio (2a) @@"),
            (
                None,
                None,
                Some("Ajaccio".into()),
                Some("2A".into()),
                Some(2),
                None
            )
        );
        assert_eq!(
            c("Nom, adjointe, chargée du numérique, Cayenne (973) @@@, 2021").1,
            Some("adjointe, chargée du numérique".into())
        );
        // The label may stand in its own part; `@@@@@2021` carries the year of the label.
        assert_eq!(c("Albi (81), @@@@, 2019").4, Some(4));
        assert_eq!(c("Albi (81) @@@@@2021").5, None);
        assert_eq!(c("Albi (81) @@@@@2021").4, Some(5));
        // Without a department: author, role, then collectivity, by position.
        assert_eq!(
            c("Nom, maire, Albi, 2020"),
            (
                Some("Nom".into()),
                Some("maire".into()),
                Some("Albi".into()),
                None,
                None,
                Some(2020)
            )
        );
        // Parts after the collectivity are not silently lost.
        let mut d = Vec::new();
        contribution(
            "« t » — Nom, Albi (81) @@, Tarn, 2020",
            Vec::new(),
            (4, 3),
            &mut d,
        );
        assert_eq!(d.len(), 1);
        assert!(d[0].message.contains("« Tarn » ignoré"), "{}", d[0].message);
        assert_eq!((d[0].line, d[0].column), (4, 3));
        // An implausible year is dropped with a warning.
        let mut d = Vec::new();
        let y = contribution("« t » — Nom, 2921", Vec::new(), (1, 1), &mut d);
        assert_eq!(y.year, None);
        assert!(d[0].message.contains("année 2921 peu plausible"));
        // A dash inside the quoted text is not an attribution.
        let q = contribution("« a — b » — Nom", Vec::new(), (1, 1), &mut Vec::new());
        assert_eq!(
            (q.text.as_str(), q.author.as_deref()),
            ("a — b", Some("Nom"))
        );
    }

    #[test]
    fn years_stand_alone() {
        assert_eq!(year_in("Motion du Congrès 2021"), Some(2021));
        assert_eq!(year_in("n° 120213"), None);
        assert_eq!(year_in("en 1850 puis 2022"), Some(2022));
    }
}
