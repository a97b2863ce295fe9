//! The documented limits of what a map accepts (README « Garanties », docs/format.md).
//!
//! Past a limit the input is refused, or the value cut, with a French message naming the limit:
//! never a frozen page. Every reader checks these same numbers, so the browser and the CLI
//! agree. The figures measured at the limits are in `docs/limits.md`.

/// Largest outline, JSON or table file, in bytes.
pub const MAX_INPUT_BYTES: usize = 16 * 1024 * 1024;
/// Most contributions in one map (the layout is benchmarked up to 20 000 nodes).
pub const MAX_CONTRIBUTIONS: usize = 20_000;
/// Most axes in one motion, and most levers in one axis.
pub const MAX_AXES: usize = 64;
pub const MAX_LEVERS_PER_AXIS: usize = 256;
/// Longest motion, axis or lever title, in characters (longer ones are cut with a warning).
pub const MAX_TITLE_CHARS: usize = 1_000;
/// Longest contribution text or table cell, in characters (longer ones are cut with a warning).
pub const MAX_TEXT_CHARS: usize = 20_000;
/// Most columns in a table's header.
pub const MAX_COLUMNS: usize = 64;
/// Longest map state read from a link (the URL fragment), in bytes; a longer one is ignored.
pub const MAX_FRAGMENT_BYTES: usize = 16 * 1024;

use super::Diagnostic;

/// A whole number the French way: `20 000`.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(' ');
        }
        out.push(c);
    }
    out
}

/// A size in megabytes, the French way: `16 Mo`, `17,2 Mo`.
fn megabytes(bytes: usize) -> String {
    let tenths = (bytes as f64 / (1024.0 * 1024.0) * 10.0).round() as usize;
    if tenths.is_multiple_of(10) {
        format!("{} Mo", thousands(tenths / 10))
    } else {
        format!("{},{} Mo", thousands(tenths / 10), tenths % 10)
    }
}

/// The error refusing a file over [`MAX_INPUT_BYTES`], if it is one.
pub fn check_input_size(bytes: usize) -> Option<Diagnostic> {
    (bytes > MAX_INPUT_BYTES).then(|| {
        Diagnostic::error(
            1,
            1,
            format!(
                "fichier trop volumineux ({}) : la limite est de {} ; découpez-le en plusieurs cartes",
                megabytes(bytes),
                megabytes(MAX_INPUT_BYTES)
            ),
        )
    })
}

/// The error refusing more than `max` items of a kind (`contributions`, `axes`…), if there are.
pub fn check_count(count: usize, max: usize, what: &str) -> Option<String> {
    (count > max).then(|| {
        format!(
            "trop de {what} ({}) : la limite est de {}",
            thousands(count),
            thousands(max)
        )
    })
}

/// Cuts `text` to at most `max` characters. Returns how many it had when it was cut.
pub fn cut(text: &mut String, max: usize) -> Option<usize> {
    let (end, _) = text.char_indices().nth(max)?;
    let total = max + text[end..].chars().count();
    text.truncate(end);
    Some(total)
}

/// The warning for a text cut by [`cut`]: `what` names it (« le titre de l'axe « a1 » »).
pub fn cut_message(what: &str, had: usize, max: usize) -> String {
    format!(
        "{what} fait {} caractères : coupé à {}, la limite",
        thousands(had),
        thousands(max)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_sizes_read_the_french_way() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(20_000), "20 000");
        assert_eq!(thousands(1_234_567), "1 234 567");
        assert_eq!(megabytes(MAX_INPUT_BYTES), "16 Mo");
        assert_eq!(megabytes(MAX_INPUT_BYTES + MAX_INPUT_BYTES / 8), "18 Mo");
        assert_eq!(megabytes(1_258_291), "1,2 Mo");
    }

    #[test]
    fn limits_refuse_past_the_maximum_only() {
        assert!(check_input_size(MAX_INPUT_BYTES).is_none());
        let d = check_input_size(MAX_INPUT_BYTES + 1).unwrap();
        assert!(
            d.message.contains("la limite est de 16 Mo"),
            "{}",
            d.message
        );
        assert!(check_count(MAX_CONTRIBUTIONS, MAX_CONTRIBUTIONS, "contributions").is_none());
        assert_eq!(
            check_count(20_001, MAX_CONTRIBUTIONS, "contributions").unwrap(),
            "trop de contributions (20 001) : la limite est de 20 000"
        );
    }

    #[test]
    fn cutting_keeps_whole_characters() {
        let mut s = "élu·es".to_string();
        assert_eq!(cut(&mut s, 10), None);
        assert_eq!(cut(&mut s, 3), Some(6));
        assert_eq!(s, "élu");
        let mut e = String::new();
        assert_eq!(cut(&mut e, 0), None);
    }
}
