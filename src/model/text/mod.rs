//! Text helpers shared by the parsers: folding for matching, ids.

mod lowercase;

/// The words of a text, folded ([`fold`]): runs of letters and digits, in order.
pub fn folded_words(s: &str) -> Vec<String> {
    fold(s)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// Lower-case, accents and ligatures removed, `·` dropped: « Élu·es » → « elues ».
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            'à' | 'á' | 'â' | 'ä' | 'ã' | 'å' | 'À' | 'Á' | 'Â' | 'Ä' | 'Ã' | 'Å' => {
                out.push('a')
            }
            'ç' | 'Ç' => out.push('c'),
            // The one letter whose lower case is two characters (i and a combining dot above).
            'İ' => out.push('i'),
            'è' | 'é' | 'ê' | 'ë' | 'È' | 'É' | 'Ê' | 'Ë' => out.push('e'),
            'ì' | 'í' | 'î' | 'ï' | 'Ì' | 'Í' | 'Î' | 'Ï' => out.push('i'),
            'ñ' | 'Ñ' => out.push('n'),
            'ò' | 'ó' | 'ô' | 'ö' | 'õ' | 'Ò' | 'Ó' | 'Ô' | 'Ö' | 'Õ' => out.push('o'),
            'ù' | 'ú' | 'û' | 'ü' | 'Ù' | 'Ú' | 'Û' | 'Ü' => out.push('u'),
            'ÿ' | 'Ÿ' | 'ý' | 'Ý' => out.push('y'),
            'œ' | 'Œ' => out.push_str("oe"),
            'æ' | 'Æ' => out.push_str("ae"),
            '·' | '•' | '\u{2027}' => {}
            '’' | '‘' | '`' => out.push('\''),
            c => out.push(lower(c)),
        }
    }
    out
}

/// The bits of a packed run that hold its first letter.
const RUN_FIRST: u32 = (1 << 21) - 1;

/// A run of [`lowercase::RUNS`] packed in 32 bits: its first letter (21 bits), how far its last
/// one is (10 bits) and its step, 1 or 2 (1 bit). Half the data of a tuple of the four.
const fn run(first: u32, last: u32, step: u32) -> u32 {
    assert!(first <= RUN_FIRST && last >= first && last - first < 1 << 10);
    assert!(step == 1 || step == 2);
    first | (last - first) << 21 | (step - 1) << 31
}

/// `c` in lower case, as `char::to_lowercase` gives it when that is one character (every letter
/// but `İ`), from [`lowercase::RUNS`]: the standard library's own table is 12 KB of the wasm,
/// the runs 3 KB.
pub fn lower(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    let u = c as u32;
    let at = lowercase::RUNS.partition_point(|r| r.0 & RUN_FIRST <= u);
    let Some(&(packed, delta)) = at.checked_sub(1).map(|i| &lowercase::RUNS[i]) else {
        return c;
    };
    let first = packed & RUN_FIRST;
    let last = first + (packed >> 21 & 0x3ff);
    let step = 1 + (packed >> 31);
    if u <= last && (u - first).is_multiple_of(step) {
        char::from_u32(u.wrapping_add_signed(delta)).unwrap_or(c)
    } else {
        c
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The runs of letters whose lower case is one other character at the same distance, written
    /// as `lowercase.rs` holds them: `(first, last, step, distance)`.
    fn runs_from_std() -> String {
        let mut runs: Vec<(u32, u32, u32, i64)> = Vec::new();
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let mut l = c.to_lowercase();
            let (Some(d), None) = (l.next(), l.next()) else {
                continue;
            };
            if d == c || c.is_ascii() {
                continue;
            }
            let (u, delta) = (c as u32, i64::from(d as u32) - i64::from(c as u32));
            if let Some(r) = runs.last_mut() {
                let step = u - r.1;
                let fits = if r.0 == r.1 { step <= 2 } else { step == r.2 };
                if r.3 == delta && fits {
                    r.2 = step;
                    r.1 = u;
                    continue;
                }
            }
            runs.push((u, u, 1, delta));
        }
        let mut out = String::from(HEADER);
        out.push_str("pub(super) const RUNS: &[(u32, i32)] = &[\n");
        for (first, last, step, delta) in runs {
            out.push_str(&format!(
                "    (run(0x{first:X}, 0x{last:X}, {step}), {delta}),\n"
            ));
        }
        out.push_str("];\n");
        out
    }

    const HEADER: &str = "\
//! Lower case outside ASCII, as runs of letters: `(run(first, last, step), distance)` maps every
//! `step`th letter from `first` to `last` to the letter `distance` further. Written by the test
//! `model::text::tests::lowercase_runs_are_those_of_std` from the standard library's
//! `char::to_lowercase` (its Unicode version): `CARTE_MENTALE_WRITE=1 cargo test lowercase_runs`
//! after a toolchain update. Do not edit.

use super::run;

";

    #[test]
    fn lowercase_runs_are_those_of_std() {
        let want = runs_from_std();
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/src/model/text/lowercase.rs");
        if std::env::var_os("CARTE_MENTALE_WRITE").is_some() {
            std::fs::write(path, &want).unwrap();
        }
        assert!(
            include_str!("lowercase.rs") == want,
            "src/model/text/lowercase.rs is not the table of this toolchain's Unicode: \
             CARTE_MENTALE_WRITE=1 cargo test lowercase_runs"
        );
    }

    #[test]
    fn lower_is_to_lowercase() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let mut l = c.to_lowercase();
            match (l.next(), l.next()) {
                (Some(d), None) => assert_eq!(lower(c), d, "U+{:04X}", c as u32),
                _ => assert_eq!(lower(c), c, "U+{:04X}", c as u32),
            }
        }
        assert_eq!(
            fold("ÉLU·ES ŁÓDŹ İzmir ΑΘΗΝΑ Ǆ"),
            "elues łodź izmir αθηνα ǆ"
        );
    }
}
