//! Measuring and wrapping label text. Measuring is behind a trait so the browser can use the
//! canvas's real metrics while native tests use a fixed approximation.

/// Measures the width of a single line of text in CSS pixels.
pub trait TextMeasure {
    fn width(&mut self, text: &str, font_px: f32, bold: bool) -> f32;
}

/// A stand-in measure: every character is `0.56 × font` wide (0.6 bold). Used in tests.
#[derive(Clone, Copy, Debug, Default)]
pub struct ApproxMeasure;

impl TextMeasure for ApproxMeasure {
    fn width(&mut self, text: &str, font_px: f32, bold: bool) -> f32 {
        let k = if bold { 0.6 } else { 0.56 };
        text.chars().count() as f32 * font_px * k
    }
}

/// Splits `text` into at most `max_lines` lines no wider than `max_width`; if it does not fit,
/// the last line ends with « … ». A single word wider than the limit is cut.
pub fn wrap(
    text: &str,
    max_width: f32,
    max_lines: usize,
    font_px: f32,
    bold: bool,
    m: &mut dyn TextMeasure,
) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut truncated = false;
    for word in text.split_whitespace() {
        let candidate = if current.is_empty() {
            word.to_string()
        } else {
            format!("{current} {word}")
        };
        if m.width(&candidate, font_px, bold) <= max_width {
            current = candidate;
            continue;
        }
        if !current.is_empty() {
            lines.push(std::mem::take(&mut current));
            if lines.len() == max_lines {
                truncated = true;
                break;
            }
        }
        if m.width(word, font_px, bold) <= max_width {
            current = word.to_string();
        } else {
            current = cut_to_width(word, max_width, font_px, bold, m);
            truncated = true;
            lines.push(std::mem::take(&mut current));
            if lines.len() == max_lines {
                break;
            }
            truncated = false;
        }
    }
    if !current.is_empty() && lines.len() < max_lines {
        lines.push(current);
    } else if !current.is_empty() {
        truncated = true;
    }
    if truncated && let Some(last) = lines.last_mut() {
        *last = ellipsize(last, max_width, font_px, bold, m);
    }
    lines
}

/// The longest prefix of `s` that fits in `max_width` with « … » appended.
pub fn ellipsize(
    s: &str,
    max_width: f32,
    font_px: f32,
    bold: bool,
    m: &mut dyn TextMeasure,
) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut n = chars.len();
    loop {
        let prefix: String = chars[..n].iter().collect();
        let candidate = format!("{}…", prefix.trim_end());
        if n == 0 || m.width(&candidate, font_px, bold) <= max_width {
            return candidate;
        }
        n -= 1;
    }
}

fn cut_to_width(
    word: &str,
    max_width: f32,
    font_px: f32,
    bold: bool,
    m: &mut dyn TextMeasure,
) -> String {
    let mut out = String::new();
    for c in word.chars() {
        out.push(c);
        if m.width(&out, font_px, bold) > max_width {
            out.pop();
            break;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(text: &str, width: f32, lines: usize) -> Vec<String> {
        // 10 px font, approx 5.6 px a character
        wrap(text, width, lines, 10.0, false, &mut ApproxMeasure)
    }

    #[test]
    fn short_text_is_one_line() {
        assert_eq!(
            w("la formation des agents", 500.0, 3),
            vec!["la formation des agents"]
        );
    }

    #[test]
    fn wraps_on_words() {
        // 100 px ≈ 17 characters
        assert_eq!(
            w("la formation des agents et des élu·es", 100.0, 3),
            vec!["la formation des", "agents et des", "élu·es"]
        );
    }

    #[test]
    fn too_long_ends_with_ellipsis_within_width() {
        let lines = w(
            "Pour un accompagnement volontariste permettant de réduire les fractures numériques",
            100.0,
            2,
        );
        assert_eq!(lines.len(), 2);
        assert!(lines[1].ends_with('…'));
        for l in &lines {
            assert!(ApproxMeasure.width(l, 10.0, false) <= 100.0, "{l}");
        }
    }

    #[test]
    fn empty_text_gives_no_line() {
        assert!(w("   ", 100.0, 3).is_empty());
    }

    #[test]
    fn a_word_wider_than_the_line_is_cut() {
        let lines = w("anticonstitutionnellementissime", 50.0, 1);
        assert_eq!(lines.len(), 1);
        assert!(ApproxMeasure.width(&lines[0], 10.0, false) <= 50.0);
        assert!(lines[0].ends_with('…'));
    }
}
