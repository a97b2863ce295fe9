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

/// Most characters a label line is ever measured with. The widest label is a few hundred
/// pixels and no visible glyph is narrower than a pixel or two, so more never fits; past this,
/// text is cut before it is measured, and each measure costs a bounded time whatever the length
/// of a title (a 40 000-character title must not cost seconds per frame).
pub const MAX_MEASURED_CHARS: usize = 256;

/// The first `n` characters of `s` (all of it when shorter), and whether anything was left out.
fn head(s: &str, n: usize) -> (&str, bool) {
    match s.char_indices().nth(n) {
        Some((end, _)) => (&s[..end], true),
        None => (s, false),
    }
}

/// Splits `text` into at most `max_lines` lines no wider than `max_width`; if it does not fit,
/// the last line ends with « … ». A single word wider than the limit is cut. Only the first
/// `max_lines × MAX_MEASURED_CHARS` characters are looked at.
pub fn wrap(
    text: &str,
    max_width: f32,
    max_lines: usize,
    font_px: f32,
    bold: bool,
    m: &mut dyn TextMeasure,
) -> Vec<String> {
    lines(text, max_width, max_lines, font_px, bold, m, false).unwrap_or_default()
}

/// The lines of [`wrap`] when they hold the whole of `text`, none when something would be cut
/// (found out before anything is cut: cutting costs measures).
pub fn wrap_whole(
    text: &str,
    max_width: f32,
    max_lines: usize,
    font_px: f32,
    bold: bool,
    m: &mut dyn TextMeasure,
) -> Option<Vec<String>> {
    lines(text, max_width, max_lines, font_px, bold, m, true)
}

/// [`wrap`], or with `whole_only` [`wrap_whole`].
fn lines(
    text: &str,
    max_width: f32,
    max_lines: usize,
    font_px: f32,
    bold: bool,
    m: &mut dyn TextMeasure,
    whole_only: bool,
) -> Option<Vec<String>> {
    let (text, cut) = head(text, max_lines.saturating_mul(MAX_MEASURED_CHARS));
    if cut && whole_only {
        return None;
    }
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut current_chars = 0;
    let mut truncated = false;
    let mut finished = true;
    for word in text.split_whitespace() {
        let word_chars = word.chars().count();
        let candidate = if current.is_empty() {
            word.to_string()
        } else {
            // Not `format!`: this runs for every word of every label, each frame the labels are
            // laid out, and the formatting machinery is slow in the browser.
            let mut line = String::with_capacity(current.len() + 1 + word.len());
            line.push_str(&current);
            line.push(' ');
            line.push_str(word);
            line
        };
        let candidate_chars = if current.is_empty() {
            word_chars
        } else {
            current_chars + 1 + word_chars
        };
        if candidate_chars <= MAX_MEASURED_CHARS && m.width(&candidate, font_px, bold) <= max_width
        {
            current = candidate;
            current_chars = candidate_chars;
            continue;
        }
        if !current.is_empty() {
            lines.push(std::mem::take(&mut current));
            if lines.len() == max_lines {
                if whole_only {
                    return None;
                }
                truncated = true;
                finished = false;
                break;
            }
        }
        if word_chars <= MAX_MEASURED_CHARS && m.width(word, font_px, bold) <= max_width {
            current = word.to_string();
            current_chars = word_chars;
        } else {
            if whole_only {
                return None;
            }
            current = cut_to_width(word, max_width, font_px, bold, m);
            truncated = true;
            lines.push(std::mem::take(&mut current));
            current_chars = 0;
            if lines.len() == max_lines {
                finished = false;
                break;
            }
            truncated = false;
        }
    }
    if !current.is_empty() && lines.len() < max_lines {
        lines.push(current);
    } else if !current.is_empty() {
        if whole_only {
            return None;
        }
        truncated = true;
    }
    if cut && finished {
        truncated = true;
    }
    if truncated && let Some(last) = lines.last_mut() {
        *last = ellipsize(last, max_width, font_px, bold, m);
    }
    Some(lines)
}

/// The largest `n` in `0..=max` for which `fits(n)` holds, assuming it holds for 0 and, as for
/// text widths, stops holding past some point: O(log max) calls.
fn largest_fitting(max: usize, mut fits: impl FnMut(usize) -> bool) -> usize {
    let (mut lo, mut hi) = (0, max);
    while lo < hi {
        let mid = lo + (hi - lo).div_ceil(2);
        if fits(mid) { lo = mid } else { hi = mid - 1 }
    }
    lo
}

/// Byte offsets of the ends of the first `MAX_MEASURED_CHARS` characters of `s` (index `n`: the
/// end of the first `n` characters).
fn char_ends(s: &str) -> Vec<usize> {
    std::iter::once(0)
        .chain(s.char_indices().map(|(i, c)| i + c.len_utf8()))
        .take(MAX_MEASURED_CHARS + 1)
        .collect()
}

/// The longest prefix of `s` that fits in `max_width` with « … » appended. Binary search on
/// word ends, then on the characters of the word where the cut falls: O(log n) measures of at
/// most `MAX_MEASURED_CHARS` characters, most of them made of whole words (which a measure
/// caches, see `web::viewer::render::CanvasMeasure`).
pub fn ellipsize(
    s: &str,
    max_width: f32,
    font_px: f32,
    bold: bool,
    m: &mut dyn TextMeasure,
) -> String {
    let ends = char_ends(s);
    let candidate = |n: usize| {
        let head = s[..ends[n]].trim_end();
        let mut c = String::with_capacity(head.len() + '…'.len_utf8());
        c.push_str(head);
        c.push('…');
        c
    };
    let mut fits = |n: usize| m.width(&candidate(n), font_px, bold) <= max_width;
    // Prefixes that end with a space: the candidate is whole words and « … ».
    let words: Vec<usize> = (1..ends.len())
        .filter(|&n| s[..ends[n]].ends_with(' '))
        .collect();
    let k = largest_fitting(words.len(), |k| fits(words[k - 1]));
    let from = if k == 0 { 0 } else { words[k - 1] };
    let to = words.get(k).copied().unwrap_or(ends.len() - 1);
    candidate(from + largest_fitting(to - from, |d| fits(from + d)))
}

/// The longest prefix of `word` no wider than `max_width` (binary search, bounded measures).
fn cut_to_width(
    word: &str,
    max_width: f32,
    font_px: f32,
    bold: bool,
    m: &mut dyn TextMeasure,
) -> String {
    let ends = char_ends(word);
    let n = largest_fitting(ends.len() - 1, |n| {
        m.width(&word[..ends[n]], font_px, bold) <= max_width
    });
    word[..ends[n]].to_string()
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

    /// Counts the characters it is asked to measure.
    struct Counting(usize);

    impl TextMeasure for Counting {
        fn width(&mut self, text: &str, font_px: f32, bold: bool) -> f32 {
            self.0 += text.chars().count();
            ApproxMeasure.width(text, font_px, bold)
        }
    }

    #[test]
    fn shortening_finds_the_longest_prefix_that_fits() {
        let text = "la formation des agents et des élu·es";
        for width in [0.0, 20.0, 57.0, 100.0, 150.0, 400.0] {
            let short = ellipsize(text, width, 10.0, false, &mut ApproxMeasure);
            let chars = short.chars().count();
            assert!(short.ends_with('…'));
            if chars > 1 {
                assert!(ApproxMeasure.width(&short, 10.0, false) <= width, "{short}");
            }
            // One more character would not fit (or there is none left).
            let longer: String = text.chars().take(chars).collect();
            let longer = format!("{}…", longer.trim_end());
            assert!(
                longer == short
                    || chars - 1 == text.chars().count()
                    || ApproxMeasure.width(&longer, 10.0, false) > width,
                "{short} / {longer}"
            );
        }
    }

    /// The first search: the longest prefix by characters alone.
    fn ellipsize_by_characters(s: &str, max_width: f32, m: &mut dyn TextMeasure) -> String {
        let ends = char_ends(s);
        let candidate = |n: usize| format!("{}…", s[..ends[n]].trim_end());
        let n = largest_fitting(ends.len() - 1, |n| {
            m.width(&candidate(n), 11.0, false) <= max_width
        });
        candidate(n)
    }

    #[test]
    fn shortening_by_words_then_characters_finds_the_same_prefix() {
        let texts = [
            "la formation des agents et des élu·es",
            "Mutualiser",
            "  deux  espaces puis   trois ",
            "anticonstitutionnellement et ensuite",
            "a b c d e f g h i j k l m n o p",
            "",
        ];
        for text in texts {
            for width in (0..60).map(|w| w as f32 * 5.5) {
                assert_eq!(
                    ellipsize(text, width, 11.0, false, &mut ApproxMeasure),
                    ellipsize_by_characters(text, width, &mut ApproxMeasure),
                    "{text:?} in {width}"
                );
            }
        }
    }

    #[test]
    fn long_titles_cost_bounded_measures() {
        for len in [10_000, 40_000, 400_000] {
            let spaced = "mot ".repeat(len / 4);
            let solid = "x".repeat(len);
            let invisible = "\u{200b}".repeat(len);
            for text in [&spaced, &solid, &invisible] {
                let mut m = Counting(0);
                let lines = wrap(text, 160.0, 3, 12.0, false, &mut m);
                assert!(!lines.is_empty() && lines.len() <= 3);
                assert!(lines.last().unwrap().ends_with('…'), "{lines:?}");
                ellipsize(text, 160.0, 12.0, false, &mut m);
                ellipsize(text, 80.0, 12.0, true, &mut m);
                // Independent of the length of the title.
                assert!(m.0 < 600_000, "{len} characters: {} measured", m.0);
            }
        }
    }

    #[test]
    fn wrap_whole_gives_the_lines_of_wrap_exactly_when_nothing_is_cut() {
        let texts = [
            "la formation des agents et des élu·es",
            "Pour un accompagnement volontariste permettant de réduire les fractures numériques",
            "anticonstitutionnellement et ensuite",
            "  deux  espaces puis   trois ",
            "a",
            "",
        ];
        let words = |lines: &[String]| -> Vec<String> {
            lines
                .iter()
                .flat_map(|l| l.split_whitespace().map(str::to_string))
                .collect()
        };
        let mut seen = [false; 2];
        for text in texts {
            let all: Vec<String> = text.split_whitespace().map(str::to_string).collect();
            for width in (1..40).map(|w| w as f32 * 9.0) {
                for max_lines in 1..5 {
                    let wrapped = w(text, width, max_lines);
                    let whole = wrap_whole(text, width, max_lines, 10.0, false, &mut ApproxMeasure);
                    let is_whole = words(&wrapped) == all;
                    seen[usize::from(is_whole)] = true;
                    assert_eq!(
                        whole,
                        is_whole.then_some(wrapped),
                        "{text:?} in {width} × {max_lines}"
                    );
                }
            }
        }
        assert_eq!(seen, [true, true], "both cases are covered");
        // What does not fit is not shortened: no search for where to cut.
        let text = "Pour un accompagnement volontariste permettant de réduire les fractures";
        let (mut cut, mut whole) = (Counting(0), Counting(0));
        wrap(text, 100.0, 2, 10.0, false, &mut cut);
        assert_eq!(wrap_whole(text, 100.0, 2, 10.0, false, &mut whole), None);
        assert!(whole.0 < cut.0, "{} < {}", whole.0, cut.0);
    }

    #[test]
    fn a_word_wider_than_the_line_is_cut() {
        let lines = w("anticonstitutionnellementissime", 50.0, 1);
        assert_eq!(lines.len(), 1);
        assert!(ApproxMeasure.width(&lines[0], 10.0, false) <= 50.0);
        assert!(lines[0].ends_with('…'));
    }
}
