//! The YAML front matter markmap reads (`---` … `---` at the top of the file), as a small
//! subset: `title:` and the `markmap:` options. Anything else is reported, never silently lost.

use crate::model::Diagnostic;

use super::LineIndex;

#[derive(Debug, Default, PartialEq)]
pub(super) struct FrontMatter {
    /// `title:`, with the offset of its value.
    pub title: Option<(String, usize)>,
    /// `markmap: initialExpandLevel:`.
    pub initial_expand_level: Option<i32>,
}

/// Reads the front matter `text`, which starts at byte `offset` of the input.
pub(super) fn read(
    text: &str,
    offset: usize,
    ix: &LineIndex,
    d: &mut Vec<Diagnostic>,
) -> FrontMatter {
    let mut out = FrontMatter::default();
    let mut in_markmap = false;
    let mut at = offset;
    for raw in text.split_inclusive('\n') {
        let here = at;
        at += raw.len();
        let line = raw.trim_end();
        let content = line.trim_start();
        if content.is_empty() || content.starts_with('#') {
            continue;
        }
        let indented = content.len() < line.len();
        let col = here + (line.len() - content.len());
        let warn = |d: &mut Vec<Diagnostic>, message: String| {
            let (l, c) = ix.place(col);
            d.push(Diagnostic::warning(l, c, message));
        };
        let Some((key, value)) = content.split_once(':') else {
            warn(
                d,
                format!("préambule YAML : ligne « {content} » ignorée (« clé: valeur » attendu)"),
            );
            continue;
        };
        let key = key.trim();
        let value = unquote(value.trim());
        if !indented {
            in_markmap = false;
        }
        match (indented, in_markmap, key) {
            (false, _, "title") => {
                let value_at = col + content.find(value).unwrap_or(0);
                out.title = Some((value.to_string(), value_at)).filter(|t| !t.0.is_empty());
            }
            (false, _, "markmap") if value.is_empty() => in_markmap = true,
            (true, true, "initialExpandLevel") => match value.parse::<i32>() {
                Ok(n) => out.initial_expand_level = Some(n),
                Err(_) => warn(
                    d,
                    format!(
                        "préambule YAML : initialExpandLevel « {value} » ignoré (un nombre entier est attendu, -1 pour tout déplier)"
                    ),
                ),
            },
            (true, true, _) => warn(
                d,
                format!(
                    "préambule YAML : option markmap « {key} » sans effet sur cette carte, ignorée"
                ),
            ),
            _ => warn(
                d,
                format!(
                    "préambule YAML : « {key}: {value} » ignoré (seuls « title » et « markmap » sont lus)"
                ),
            ),
        }
    }
    out
}

fn unquote(s: &str) -> &str {
    for q in ['"', '\''] {
        if let Some(inner) = s.strip_prefix(q).and_then(|x| x.strip_suffix(q)) {
            return inner;
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_and_markmap_options() {
        let text = "title: \"Ma motion 2024\"\nmarkmap:\n  initialExpandLevel: 3\n  colorFreezeLevel: 2\nauteur: moi\n";
        let input = format!("---\n{text}---\n");
        let ix = LineIndex::new(&input);
        let mut d = Vec::new();
        let f = read(text, 4, &ix, &mut d);
        assert_eq!(f.title, Some(("Ma motion 2024".to_string(), 12)));
        assert_eq!(f.initial_expand_level, Some(3));
        let said: Vec<String> = d.iter().map(|x| x.render(None)).collect();
        assert_eq!(
            said,
            vec![
                "ligne 5, colonne 3 : préambule YAML : option markmap « colorFreezeLevel » sans effet sur cette carte, ignorée",
                "ligne 6, colonne 1 : préambule YAML : « auteur: moi » ignoré (seuls « title » et « markmap » sont lus)",
            ]
        );
    }
}
